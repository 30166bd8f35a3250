//! The rich terminal prompter: everything typed goes through the inline editor of `screen` (texts
//! and one-line answers, with completion), goals and choices through its tick menu, other menus
//! and confirmations through dialoguer, the person's own editor on request. Every prompt leaves the
//! cursor visible, even after Ctrl-C, and input typed ahead is dropped before each question, so
//! the rest of a paste never answers it.

use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Select};

use super::prompter::{Completer, PromptError, Prompted, Prompter, Ticks, Typing};
use super::screen::{self, Ended, Spec, discard_pending_input};
use crate::questionnaire::WordLimits;
use crate::text::sanitize;

/// The rich prompter, on stderr.
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    progress: String,
    keep: bool,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        TerminalPrompter {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            progress: String::new(),
            keep: false,
        }
    }
}

/// dialoguer hides the cursor in menus and does not show it again when Ctrl-C ends one.
fn restore<T>(term: &Term, result: Result<T, dialoguer::Error>) -> Prompted<T> {
    match result {
        Ok(value) => Ok(value),
        Err(dialoguer::Error::IO(e)) => {
            let _ = term.show_cursor();
            Err(PromptError::from(e))
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
        self.term.write_line(&sanitize(text))?;
        Ok(())
    }

    fn progress(&mut self, at: &str) {
        self.progress = sanitize(at).into_owned();
    }

    fn offer_keep(&mut self, on: bool) {
        self.keep = on;
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
        let (cols, _) = screen::size();
        let result = Confirm::with_theme(&self.theme)
            .with_prompt(screen::fit(
                &self.with_progress(prompt),
                cols.saturating_sub(14),
            ))
            .default(default)
            .wait_for_newline(true)
            .interact_on(&self.term);
        restore(&self.term, result)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Prompted<usize> {
        discard_pending_input();
        // An item that wraps would throw dialoguer's redrawing off: each fits on one row, and a
        // long menu pages.
        let (cols, rows) = screen::size();
        let items: Vec<String> = items
            .iter()
            .map(|i| screen::fit(&sanitize(i), cols.saturating_sub(2)))
            .collect();
        let result = Select::with_theme(&self.theme)
            .with_prompt(screen::fit(
                &self.with_progress(prompt),
                cols.saturating_sub(4),
            ))
            .items(&items)
            .max_length(rows.saturating_sub(3).max(3))
            .default(default)
            .interact_on(&self.term);
        restore(&self.term, result)
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
