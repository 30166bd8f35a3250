//! The accessible line mode (`--plain`, `TERM=dumb`): the same questions as plain numbered lines,
//! with no cursor movement and no redrawn menus, so that screen readers and simple terminals work.
//! It reads from any `BufRead`, which also makes it the scripted prompter of unit tests.

use std::io::{BufRead, Write};

use super::prompter::{
    Completer, PLAIN_HELP, Picks, PromptError, Prompted, Prompter, TextEnd, Typing, command,
    read_text, text_instructions,
};
use crate::questionnaire::WordLimits;
use crate::text::sanitize;

/// Plain numbered prompts over a reader and a writer.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
    editor: bool,
    keep: bool,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A prompter reading `input` and writing `output`.
    pub fn new(input: R, output: W) -> Self {
        PlainPrompter {
            input,
            output,
            editor: false,
            keep: false,
        }
    }

    /// Offers `$EDITOR` for long texts (`:e`), as on a real terminal.
    pub fn with_editor(mut self) -> Self {
        self.editor = true;
        self
    }

    fn read_line(&mut self) -> Prompted<String> {
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Err(PromptError::Eof);
        }
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }

    /// Writes `prompt` and reads a line; `:help` is answered and the prompt asked again.
    fn ask(&mut self, prompt: &str) -> Prompted<String> {
        loop {
            write!(self.output, "{prompt}")?;
            let line = self.read_line()?;
            if line.trim() == ":help" {
                writeln!(self.output, "{PLAIN_HELP}")?;
                continue;
            }
            return Ok(line);
        }
    }

    /// Like `ask`, and `:back` goes back.
    fn answer(&mut self, prompt: &str) -> Prompted<String> {
        let line = self.ask(prompt)?;
        match command(&line, self.keep) {
            Some(command) => Err(command),
            None => Ok(line),
        }
    }
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn say(&mut self, text: &str) -> Prompted<()> {
        writeln!(self.output, "{}", sanitize(text))?;
        Ok(())
    }

    fn offer_keep(&mut self, on: bool) {
        self.keep = on;
    }

    fn line(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        _: Option<Completer>,
        _: &mut dyn Typing,
    ) -> Prompted<String> {
        let prompt = match default {
            Some(d) if !d.is_empty() => format!("{prompt} [{}]: ", sanitize(d)),
            _ => format!("{prompt}: "),
        };
        let line = self.answer(&prompt)?;
        Ok(if line.trim().is_empty() {
            default.unwrap_or("").to_string()
        } else {
            line.trim().to_string()
        })
    }

    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        limits: WordLimits,
        typing: &mut dyn Typing,
    ) -> Prompted<String> {
        writeln!(self.output, "{prompt}")?;
        let has_default = default.is_some_and(|d| !d.is_empty());
        if let Some(d) = default.filter(|d| !d.is_empty()) {
            writeln!(self.output, "current text:\n{}", sanitize(d))?;
        }
        writeln!(
            self.output,
            "{}",
            text_instructions(has_default, self.editor)
        )?;
        let keep = self.keep;
        if keep {
            writeln!(
                self.output,
                "(`:keep` keeps the refused answer as it is for now)"
            )?;
        }
        let output = std::cell::RefCell::new(self);
        let typed = read_text(
            || output.borrow_mut().ask("> "),
            |text| {
                // Each finished line is in the draft at once: a crash loses at most the line.
                typing.save(text);
                let status = super::screen::word_status(text, limits);
                writeln!(output.borrow_mut().output, "  ({status})")?;
                Ok(())
            },
            keep,
        )?;
        let this = output.into_inner();
        match typed {
            TextEnd::Typed(t) if t.is_empty() => Ok(default.unwrap_or("").to_string()),
            TextEnd::Typed(t) => Ok(t),
            TextEnd::Editor if this.editor => match super::external::edit(default.unwrap_or("")) {
                Err(reason) => {
                    // A missing or failing editor is a message; the question stays.
                    writeln!(this.output, "  {}", super::terminal::editor_failed(&reason))?;
                    this.text(prompt, default, limits, typing)
                }
                Ok(edited) => Ok(edited),
            },
            // Without an editor `:e` is text like any other line.
            TextEnd::Editor => Ok(":e".to_string()),
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Prompted<bool> {
        let choices = if default { "Y/n" } else { "y/N" };
        loop {
            let line = self
                .answer(&format!("{prompt} [{choices}]: "))?
                .trim()
                .to_lowercase();
            match line.as_str() {
                "" => return Ok(default),
                "y" | "yes" => return Ok(true),
                "n" | "no" => return Ok(false),
                _ => writeln!(self.output, "please answer y or n")?,
            }
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Prompted<usize> {
        writeln!(self.output, "{prompt}")?;
        for (i, item) in items.iter().enumerate() {
            writeln!(self.output, "  {}) {}", i + 1, sanitize(item))?;
        }
        loop {
            let line = self.answer(&format!("choose 1-{} [{}]: ", items.len(), default + 1))?;
            if line.trim().is_empty() {
                return Ok(default);
            }
            match line.trim().parse::<usize>() {
                Ok(n) if (1..=items.len()).contains(&n) => return Ok(n - 1),
                _ => writeln!(
                    self.output,
                    "please type a number from 1 to {}",
                    items.len()
                )?,
            }
        }
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
        typed: Picks,
        example: &str,
    ) -> Prompted<Vec<usize>> {
        writeln!(self.output, "{prompt}")?;
        for (i, item) in items.iter().enumerate() {
            let mark = if chosen.get(i).copied().unwrap_or(false) {
                "*"
            } else {
                " "
            };
            writeln!(self.output, " {mark}{}) {}", i + 1, sanitize(item))?;
        }
        let current: Vec<usize> = (0..items.len())
            .filter(|i| chosen.get(*i).copied().unwrap_or(false))
            .collect();
        loop {
            let shown: Vec<String> = current.iter().map(|i| (i + 1).to_string()).collect();
            let line = self.answer(&format!(
                "numbers separated by commas, or {example} [{}]: ",
                if shown.is_empty() {
                    "none".to_string()
                } else {
                    shown.join(", ")
                }
            ))?;
            let line = line.trim();
            if line.is_empty() {
                return Ok(current);
            }
            match typed(line, items.len()) {
                Ok(picked) => return Ok(picked),
                Err(message) => writeln!(self.output, "{message}")?,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::prompter::NotKept;
    use super::*;

    fn prompter(input: &str) -> PlainPrompter<&[u8], Vec<u8>> {
        PlainPrompter::new(input.as_bytes(), Vec::new())
    }

    #[test]
    fn lines_and_defaults() {
        let mut p = prompter("typed\n\n");
        assert_eq!(
            p.line("name", Some("old"), None, &mut NotKept).unwrap(),
            "typed"
        );
        assert_eq!(
            p.line("name", Some("old"), None, &mut NotKept).unwrap(),
            "old"
        );
        assert!(matches!(
            p.line("name", None, None, &mut NotKept),
            Err(PromptError::Eof)
        ));
    }

    const NO_LIMITS: WordLimits = WordLimits {
        min: None,
        max: Some(3),
    };

    #[test]
    fn only_a_dot_ends_a_text_and_each_line_is_counted() {
        let mut p = prompter("one\ntwo\n\n\n\nthree four\n.\nnext\n.\n");
        assert_eq!(
            p.text("t", None, NO_LIMITS, &mut NotKept).unwrap(),
            "one\ntwo\n\n\n\nthree four"
        );
        assert_eq!(p.text("t", None, NO_LIMITS, &mut NotKept).unwrap(), "next");
        let out = String::from_utf8(p.output).unwrap();
        assert!(out.contains("(2 / 3 words)"), "{out}");
        assert!(out.contains("(! 4 / 3 words — 1 over)"), "{out}");
        let mut p = prompter("\n");
        assert_eq!(
            p.text("t", Some("kept"), NO_LIMITS, &mut NotKept).unwrap(),
            "kept"
        );
    }

    #[test]
    fn each_line_of_a_text_is_saved_as_it_is_typed() {
        struct Saved(Vec<String>);
        impl Typing for Saved {
            fn save(&mut self, text: &str) {
                self.0.push(text.to_string());
            }
        }
        let mut saved = Saved(Vec::new());
        let mut p = prompter("one\n\ntwo\n.\n");
        assert_eq!(
            p.text("t", None, NO_LIMITS, &mut saved).unwrap(),
            "one\n\ntwo"
        );
        assert_eq!(saved.0, ["one", "one\n\ntwo"]);
    }

    #[test]
    fn back_and_help_are_commands() {
        let mut p = prompter(":help\n:back\n:back\n");
        assert!(matches!(
            p.line("name", None, None, &mut NotKept),
            Err(PromptError::Back)
        ));
        assert!(matches!(
            p.text("t", None, NO_LIMITS, &mut NotKept),
            Err(PromptError::Back)
        ));
        let out = String::from_utf8(p.output).unwrap();
        assert!(out.contains("only a line with only `.` ends it"), "{out}");
        assert_eq!(
            out.matches("name: ").count(),
            2,
            "asked again after help: {out}"
        );
    }

    #[test]
    fn choices() {
        use super::super::prompter::pick_numbers;
        let items: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        let mut p = prompter("9\n2\n\ny\nmaybe\nn\n1, 3\n2-3\n\nnone\n");
        assert_eq!(p.select("pick", &items, 0).unwrap(), 1);
        assert_eq!(p.select("pick", &items, 2).unwrap(), 2);
        assert!(p.confirm("ok?", false).unwrap());
        assert!(!p.confirm("ok?", true).unwrap());
        let mut multi =
            |chosen: &[bool]| p.multi_select("m", &items, chosen, pick_numbers, "`none`");
        assert_eq!(multi(&[]).unwrap(), [0, 2]);
        assert_eq!(multi(&[]).unwrap(), [1, 2]);
        assert_eq!(multi(&[true, false, true]).unwrap(), [0, 2]);
        assert_eq!(multi(&[true]).unwrap(), Vec::<usize>::new());
        let out = String::from_utf8(p.output).unwrap();
        assert!(out.contains("please type a number from 1 to 3"), "{out}");
        assert!(out.contains("please answer y or n"), "{out}");
    }
}
