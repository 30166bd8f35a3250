//! The rich terminal prompter: everything typed goes through the inline editor of `screen` (texts
//! and one-line answers, with completion), goals and choices through its tick menu, other menus
//! and confirmations through its own widgets, the person's own editor on request. Every line
//! breaks between words at the screen's width; every prompt leaves the cursor visible, even after
//! Ctrl-C, and input typed ahead is dropped before each question, so the rest of a paste never
//! answers it.

use console::Term;

use super::prompter::{Completer, Prompted, Prompter, Ticks, Typing};
use super::screen::{self, Ended, Spec, discard_pending_input};
use crate::questionnaire::WordLimits;
use crate::text::sanitize;

/// The rich prompter, on stderr.
pub struct TerminalPrompter {
    term: Term,
    progress: String,
    keep: bool,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        TerminalPrompter {
            term: Term::stderr(),
            progress: String::new(),
            keep: false,
        }
    }
}

/// The one line said when the external editor cannot be used.
pub(super) fn editor_failed(reason: &str) -> String {
    format!("could not open an editor: {reason}")
}

impl TerminalPrompter {
    /// The prompt line of the editor and the tick menu: where the walk is, then the prompt.
    fn with_progress(&self, prompt: &str) -> String {
        if self.progress.is_empty() {
            prompt.to_string()
        } else {
            format!("{} · {prompt}", self.progress)
        }
    }
}

impl Prompter for TerminalPrompter {
    fn say(&mut self, text: &str) -> Prompted<()> {
        let text = sanitize(text);
        // On a terminal a line breaks between words, never inside one; into a file, it is whole.
        if self.term.is_term() {
            let (cols, _) = screen::size();
            for row in screen::rows_of(&text, cols) {
                self.term.write_line(&row)?;
            }
        } else {
            self.term.write_line(&text)?;
        }
        Ok(())
    }

    fn progress(&mut self, at: &str) {
        self.progress = sanitize(at).into_owned();
    }

    fn offer_keep(&mut self, on: bool) {
        self.keep = on;
    }

    fn width(&self) -> Option<usize> {
        Some(screen::size().0)
    }

    fn line(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        complete: Option<Completer>,
        typing: &mut dyn Typing,
    ) -> Prompted<String> {
        discard_pending_input();
        let prompt = self.with_progress(prompt);
        // What a person edits must not drive the terminal: control characters are dropped.
        let ended = screen::edit(Spec {
            prompt: &prompt,
            initial: default.unwrap_or(""),
            limits: WordLimits::default(),
            single_line: true,
            complete,
            keep: self.keep,
            typing,
        })?;
        match ended {
            Ended::Done(text) => Ok(text.trim().to_string()),
            Ended::External => Ok(String::new()),
        }
    }

    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        limits: WordLimits,
        typing: &mut dyn Typing,
    ) -> Prompted<String> {
        let prompt = self.with_progress(prompt);
        loop {
            let ended = screen::edit(Spec {
                prompt: &prompt,
                initial: default.unwrap_or(""),
                limits,
                single_line: false,
                complete: None,
                keep: self.keep,
                typing: &mut *typing,
            })?;
            match ended {
                Ended::Done(text) => return Ok(text.trim().to_string()),
                Ended::External => match super::external::edit(default.unwrap_or("")) {
                    Ok(text) => return Ok(text),
                    // A missing or failing editor is a message; the question stays.
                    Err(reason) => self.say(&format!("  {}", editor_failed(&reason)))?,
                },
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Prompted<bool> {
        discard_pending_input();
        screen::confirm(&self.with_progress(&sanitize(prompt)), default)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Prompted<usize> {
        discard_pending_input();
        let items: Vec<String> = items.iter().map(|i| sanitize(i).into_owned()).collect();
        screen::choose(&self.with_progress(&sanitize(prompt)), &items, default)
    }

    fn multi_select(&mut self, menu: Ticks<'_>) -> Prompted<Vec<usize>> {
        discard_pending_input();
        let items: Vec<String> = menu
            .items
            .iter()
            .map(|i| sanitize(i).into_owned())
            .collect();
        let prompt = self.with_progress(&sanitize(menu.prompt));
        screen::pick(Ticks {
            prompt: &prompt,
            items: &items,
            ..menu
        })
    }
}
