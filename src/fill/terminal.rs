//! The rich terminal prompter: dialoguer menus, typed input with completion, `$EDITOR` for long
//! texts. Every prompt leaves the cursor visible, even after Ctrl-C.

use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Editor, Input, MultiSelect, Select};

use super::prompter::{
    Completer, PromptError, Prompted, Prompter, TextEnd, read_text, text_instructions,
};
use crate::report::sanitize;

/// dialoguer on stderr.
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        TerminalPrompter {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
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

/// Writes a text in `$EDITOR`, starting from `default`; closing without saving keeps it.
pub(super) fn edit(default: Option<&str>) -> Prompted<String> {
    let edited = Editor::new()
        .extension(".txt")
        .edit(default.unwrap_or(""))
        .map_err(|e| match e {
            dialoguer::Error::IO(e) => PromptError::from(e),
        })?;
    Ok(edited
        .unwrap_or_else(|| default.unwrap_or("").to_string())
        .trim()
        .to_string())
}

struct ListCompletion(Completer);

impl dialoguer::Completion for ListCompletion {
    fn get(&self, input: &str) -> Option<String> {
        (self.0)(input)
    }
}

impl Prompter for TerminalPrompter {
    fn say(&mut self, text: &str) -> Prompted<()> {
        self.term.write_line(&sanitize(text))?;
        Ok(())
    }

    fn line(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        complete: Option<Completer>,
    ) -> Prompted<String> {
        let completion = complete.map(ListCompletion);
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .allow_empty(true);
        if let Some(d) = default.filter(|d| !d.is_empty()) {
            // What a person edits must not drive the terminal: control characters show escaped.
            input = input.with_initial_text(sanitize(d));
        }
        if let Some(completion) = &completion {
            input = input.completion_with(completion);
        }
        let result = input.interact_text_on(&self.term);
        restore(&self.term, result).map(|s| s.trim().to_string())
    }

    fn text(&mut self, prompt: &str, default: Option<&str>) -> Prompted<String> {
        self.term.write_line(prompt)?;
        let has_default = default.is_some_and(|d| !d.is_empty());
        if let Some(d) = default.filter(|d| !d.is_empty()) {
            self.term
                .write_line(&format!("current text:\n{}", sanitize(d)))?;
        }
        self.term
            .write_line(&text_instructions(has_default, true))?;
        let term = self.term.clone();
        let typed = read_text(|| {
            term.write_str("> ")?;
            Ok(term.read_line()?)
        })?;
        match typed {
            TextEnd::Typed(t) if t.is_empty() => Ok(default.unwrap_or("").to_string()),
            TextEnd::Typed(t) => Ok(t),
            TextEnd::Editor => edit(default),
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Prompted<bool> {
        let result = Confirm::with_theme(&self.theme)
            .with_prompt(prompt)
            .default(default)
            .wait_for_newline(true)
            .interact_on(&self.term);
        restore(&self.term, result)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Prompted<usize> {
        let items: Vec<String> = items.iter().map(|i| sanitize(i).into_owned()).collect();
        let result = Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(&items)
            .default(default)
            .interact_on(&self.term);
        restore(&self.term, result)
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Prompted<Vec<usize>> {
        let mut defaults = chosen.to_vec();
        defaults.resize(items.len(), false);
        let items: Vec<String> = items.iter().map(|i| sanitize(i).into_owned()).collect();
        let result = MultiSelect::with_theme(&self.theme)
            .with_prompt(format!("{prompt} (space to tick, enter to confirm)"))
            .items(&items)
            .defaults(&defaults)
            .interact_on(&self.term);
        restore(&self.term, result)
    }
}
