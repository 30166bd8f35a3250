//! What a fill shares with whoever handles Ctrl-C, SIGTERM and SIGHUP for it. The library installs
//! no signal handler: the binary does, and both sides meet here so that a signal never ends the
//! process in the middle of a write, is reported once however it arrives (a menu's key, or SIGINT
//! at a line prompt), and lets the editor save the text being typed before the process ends.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Shared between a fill and its Ctrl-C handler (e.g. behind an `Arc`).
#[derive(Debug, Default)]
pub struct Interrupt {
    saving: Mutex<()>,
    reported: AtomicBool,
    stop: Arc<AtomicBool>,
    watched: AtomicBool,
}

impl Interrupt {
    /// Held by the fill while it writes a file, and by a handler before it ends the process, so
    /// that the one waits for the other.
    pub fn saving(&self) -> MutexGuard<'_, ()> {
        // A panic while saving must not stop Ctrl-C from working afterwards.
        self.saving.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// True the first time only: whoever sees Ctrl-C first reports it.
    pub fn first_report(&self) -> bool {
        !self.reported.swap(true, Ordering::SeqCst)
    }

    /// Asks the fill to stop (SIGTERM, SIGHUP): the editor saves the text being typed and ends
    /// the walk as Ctrl-C does.
    pub fn request_stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// The flag [`Interrupt::request_stop`] sets, for a signal handler to set itself: a prompt that
    /// the signal interrupts then sees the stop at once, before any other thread could set it.
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Whether the fill was asked to stop.
    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Set while a prompt checks [`Interrupt::stop_requested`] as it waits for keys: a handler
    /// then gives it a moment to save and end the process itself.
    pub fn set_watched(&self, on: bool) {
        self.watched.store(on, Ordering::SeqCst);
    }

    /// Whether a prompt is watching for a stop now.
    pub fn is_watched(&self) -> bool {
        self.watched.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_c_is_reported_once() {
        let interrupt = Interrupt::default();
        assert!(interrupt.first_report());
        assert!(!interrupt.first_report());
        drop(interrupt.saving());
        drop(interrupt.saving());
    }

    #[test]
    fn a_stop_is_seen_by_whoever_watches() {
        let interrupt = Interrupt::default();
        assert!(!interrupt.stop_requested() && !interrupt.is_watched());
        interrupt.set_watched(true);
        interrupt.request_stop();
        assert!(interrupt.stop_requested() && interrupt.is_watched());
    }
}
