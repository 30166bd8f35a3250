//! What a fill shares with whoever handles Ctrl-C, SIGTERM and SIGHUP for it. The library installs
//! no signal handler: the binary does, and both sides meet here so that a signal never ends the
//! process in the middle of a write, is reported once however it arrives (a menu's key, or SIGINT
//! at a line prompt), and finds the text being typed staged here, to save it itself at once.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::answers::{Answers, Typed};
use crate::document::Format;

/// Shared between a fill and its Ctrl-C handler (e.g. behind an `Arc`).
#[derive(Debug, Default)]
pub struct Interrupt {
    saving: Mutex<()>,
    reported: AtomicBool,
    stop: Arc<AtomicBool>,
    staged: Mutex<Option<Staged>>,
}

/// The text a prompt is editing, with the draft it goes into: what a signal handler saves.
#[derive(Debug)]
struct Staged {
    /// The draft file.
    path: PathBuf,
    /// The draft as last saved, with `[draft.typed]` pointing at the answer being typed.
    draft: Answers,
    /// The text as it is now.
    text: String,
    /// Whether `text` is in the draft file already.
    saved: bool,
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

    /// Asks the fill to stop (SIGTERM, SIGHUP): a prompt that sees it ends the walk as Ctrl-C
    /// does.
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

    fn staged(&self) -> MutexGuard<'_, Option<Staged>> {
        self.staged.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A prompt starts editing the answer `draft`'s `[draft.typed]` points at; the draft file is
    /// `path`.
    pub fn stage(&self, path: PathBuf, draft: Answers) {
        *self.staged() = Some(Staged {
            path,
            draft,
            text: String::new(),
            saved: true,
        });
    }

    /// The text being typed is now `text` (not saved yet).
    pub fn stage_text(&self, text: &str) {
        if let Some(staged) = self.staged().as_mut()
            && staged.text != text
        {
            text.clone_into(&mut staged.text);
            staged.saved = false;
        }
    }

    /// The staged text is in the draft file (saved by the prompt itself).
    pub fn staged_saved(&self, text: &str) {
        if let Some(staged) = self.staged().as_mut()
            && staged.text == text
        {
            staged.saved = true;
        }
    }

    /// The prompt ended: nothing is being typed.
    pub fn unstage(&self) {
        *self.staged() = None;
    }

    /// Writes the text being typed into the draft if it is not there yet, waiting for a write in
    /// progress: what a signal handler does before the process ends. Says whether it wrote.
    pub fn save_staged(&self) -> bool {
        let _guard = self.saving();
        let mut staged = self.staged();
        let Some(staged) = staged.as_mut().filter(|s| !s.saved) else {
            return false;
        };
        let (draft, text) = (&mut staged.draft, &staged.text);
        if let Some(d) = &mut draft.draft
            && let Some(typed) = &mut d.typed
        {
            typed.text.clone_from(text);
        }
        let written =
            crate::fsio::write_atomic(&staged.path, draft.to_text(Format::Toml).as_bytes()).is_ok();
        staged.saved = written;
        written
    }
}

/// The draft to stage for an answer being typed at `at`: `draft` with `[draft.typed]` there.
pub(super) fn with_typed(mut draft: Answers, at: &Typed) -> Answers {
    if let Some(d) = &mut draft.draft {
        d.typed = Some(at.clone());
    }
    draft
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
    fn a_staged_text_is_saved_once_by_whoever_asks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.toml");
        let interrupt = Interrupt::default();
        assert!(!interrupt.save_staged(), "nothing staged");
        let at = Typed {
            question: "governing_body".into(),
            ..Typed::default()
        };
        let draft = Answers {
            questionnaire: Some("hlpf-2024".into()),
            draft: Some(crate::answers::Draft::default()),
            ..Answers::default()
        };
        interrupt.stage(path.clone(), with_typed(draft, &at));
        interrupt.stage_text("half a sentence");
        assert!(interrupt.save_staged());
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("text = \"half a sentence\""), "{written}");
        assert!(!interrupt.save_staged(), "saved already");
        interrupt.stage_text("half a sentence more");
        interrupt.staged_saved("half a sentence more");
        assert!(!interrupt.save_staged(), "the prompt saved it");
        interrupt.unstage();
        interrupt.stage_text("after the prompt");
        assert!(!interrupt.save_staged());
    }

    #[test]
    fn a_stop_is_seen_by_whoever_looks() {
        let interrupt = Interrupt::default();
        assert!(!interrupt.stop_requested());
        interrupt.request_stop();
        assert!(interrupt.stop_requested());
        assert!(interrupt.stop_flag().load(Ordering::SeqCst));
    }
}
