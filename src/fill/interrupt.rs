//! What a fill shares with whoever handles Ctrl-C for it. The library installs no signal handler:
//! the binary does, and both sides meet here so that Ctrl-C never ends the process in the middle
//! of a write and is reported once however it arrives (a menu's key, or SIGINT at a line prompt).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Shared between a fill and its Ctrl-C handler (e.g. behind an `Arc`).
#[derive(Debug, Default)]
pub struct Interrupt {
    saving: Mutex<()>,
    reported: AtomicBool,
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
}
