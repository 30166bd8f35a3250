//! The accessible line mode (`--plain`, `TERM=dumb`): the same questions as plain numbered lines,
//! with no cursor movement and no redrawn menus, so that screen readers and simple terminals work.
//! It reads from any `BufRead`, which also makes it the scripted prompter of unit tests.

use std::io::{BufRead, Write};

use super::prompter::{
    Completer, PLAIN_HELP, PromptError, Prompted, Prompter, TextEnd, Ticks, Typing, command,
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
    /// The terminal's width, to break lines between words; `None` writes them whole.
    width: Option<usize>,
    /// What was typed on the line Ctrl-C ended, until the prompt that read it saves it.
    partial: Option<String>,
    /// The menus printed so far (their items), each printed once in a session.
    lists_shown: Vec<String>,
}

/// Ends a line as Enter does, and stops the fill: Ctrl-C, which the binary makes a line end in
/// the plain mode rather than a signal, so that the line typed so far is kept.
const CTRL_C: u8 = 0x03;

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A prompter reading `input` and writing `output`.
    pub fn new(input: R, output: W) -> Self {
        PlainPrompter {
            input,
            output,
            editor: false,
            keep: false,
            width: None,
            partial: None,
            lists_shown: Vec::new(),
        }
    }

    /// Offers `$EDITOR` for long texts (`:e`), as on a real terminal.
    pub fn with_editor(mut self) -> Self {
        self.editor = true;
        self
    }

    /// Breaks what it writes between words at `width` cells (the terminal's), rather than
    /// leaving the terminal to break words.
    pub fn with_width(mut self, width: Option<usize>) -> Self {
        self.width = width;
        self
    }

    /// `text` as it is written: broken between words at the width, if there is one.
    fn fitted(&self, text: &str) -> String {
        match self.width {
            Some(width) => crate::text::wrapped(text, width.saturating_sub(1).max(10)),
            None => text.to_string(),
        }
    }

    /// Reads a line, up to Enter or Ctrl-C; after Ctrl-C, what was typed is in `partial` and the
    /// read is [`PromptError::Interrupted`].
    fn read_line(&mut self) -> Prompted<String> {
        self.output.flush()?;
        let mut bytes = Vec::new();
        let mut ended_by = None;
        while ended_by.is_none() {
            let (taken, end) = {
                let buf = self.input.fill_buf()?;
                if buf.is_empty() {
                    if bytes.is_empty() {
                        return Err(PromptError::Eof);
                    }
                    break;
                }
                match buf.iter().position(|b| *b == b'\n' || *b == CTRL_C) {
                    Some(i) => {
                        bytes.extend_from_slice(&buf[..i]);
                        (i + 1, Some(buf[i]))
                    }
                    None => {
                        bytes.extend_from_slice(buf);
                        (buf.len(), None)
                    }
                }
            };
            self.input.consume(taken);
            ended_by = end;
        }
        let line = String::from_utf8_lossy(&bytes)
            .trim_end_matches('\r')
            .to_string();
        if ended_by == Some(CTRL_C) {
            self.partial = Some(line);
            return Err(PromptError::Interrupted);
        }
        Ok(line)
    }

    /// Writes `prompt` and reads a line; `:help` is answered and the prompt asked again.
    fn ask(&mut self, prompt: &str) -> Prompted<String> {
        let prompt = self.fitted(prompt);
        // A prompt broken over rows still ends with its space, where the answer is typed.
        let prompt = if prompt.ends_with(' ') {
            prompt
        } else {
            format!("{prompt} ")
        };
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
        let text = self.fitted(&sanitize(text));
        writeln!(self.output, "{text}")?;
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
        typing: &mut dyn Typing,
    ) -> Prompted<String> {
        let prompt = match default {
            Some(d) if !d.is_empty() => format!("{prompt} [{}]: ", sanitize(d)),
            _ => format!("{prompt}: "),
        };
        let line = match self.answer(&prompt) {
            Err(PromptError::Interrupted) => {
                if let Some(partial) = self.partial.take().filter(|p| !p.trim().is_empty()) {
                    typing.save(partial.trim());
                }
                return Err(PromptError::Interrupted);
            }
            other => other?,
        };
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
        let so_far = std::cell::RefCell::new(String::new());
        let typed = read_text(
            || output.borrow_mut().ask("> "),
            |text| {
                // Each finished line is in the draft at once: a crash loses at most the line.
                typing.save(text);
                text.clone_into(&mut so_far.borrow_mut());
                let status = super::screen::word_status(text, limits);
                writeln!(output.borrow_mut().output, "  ({status})")?;
                Ok(())
            },
            keep,
        );
        let this = output.into_inner();
        let typed = match typed {
            // Ctrl-C: the lines so far and the one it ended are kept.
            Err(PromptError::Interrupted) => {
                let mut text = so_far.into_inner();
                if let Some(partial) = this.partial.take().filter(|p| !p.trim().is_empty()) {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(partial.trim_end());
                }
                if !text.is_empty() {
                    typing.save(&text);
                }
                return Err(PromptError::Interrupted);
            }
            other => other?,
        };
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

    fn multi_select(&mut self, menu: Ticks<'_>) -> Prompted<Vec<usize>> {
        writeln!(self.output, "{}", self.fitted(&sanitize(menu.prompt)))?;
        // A long list (the 17 goals) is printed once in a session; `?` prints it again.
        let list = menu.items.join("\n");
        let first_time = !self.lists_shown.contains(&list);
        if first_time {
            self.print_items(menu.items, menu.chosen)?;
            self.lists_shown.push(list);
        } else {
            writeln!(self.output, "(the list as before; `?` prints it again)")?;
        }
        let current: Vec<usize> = (0..menu.items.len())
            .filter(|i| menu.chosen.get(*i).copied().unwrap_or(false))
            .collect();
        loop {
            let shown: Vec<String> = current.iter().map(|i| (i + 1).to_string()).collect();
            let line = self.answer(&format!(
                "type {}, or `?` for the list [{}]: ",
                menu.example,
                if shown.is_empty() {
                    "none".to_string()
                } else {
                    shown.join(", ")
                }
            ))?;
            let line = line.trim();
            if line == "?" {
                self.print_items(menu.items, menu.chosen)?;
                continue;
            }
            let picked = if line.is_empty() {
                current.clone()
            } else {
                let reading = (menu.typed)(line, menu.items);
                if let Some(problem) = reading.problem {
                    writeln!(
                        self.output,
                        "{}",
                        self.fitted(&format!("  {problem}; type it again"))
                    )?;
                    continue;
                }
                reading.items
            };
            // What was taken, read back in words.
            let names: Vec<String> = match menu.all {
                Some(all) if picked.contains(&all) => vec![menu.items[all].trim().to_string()],
                _ => picked
                    .iter()
                    .map(|i| sanitize(menu.items[*i].trim()).into_owned())
                    .collect(),
            };
            let chosen = if names.is_empty() {
                "none".to_string()
            } else {
                names.join("; ")
            };
            writeln!(
                self.output,
                "{}",
                self.fitted(&format!("  chosen: {chosen}"))
            )?;
            return Ok(picked);
        }
    }
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// The items of a menu, numbered, ticked ones marked `*`.
    fn print_items(&mut self, items: &[String], chosen: &[bool]) -> Prompted<()> {
        for (i, item) in items.iter().enumerate() {
            let mark = if chosen.get(i).copied().unwrap_or(false) {
                "*"
            } else {
                " "
            };
            writeln!(self.output, " {mark}{}) {}", i + 1, sanitize(item.trim()))?;
        }
        Ok(())
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
    fn ctrl_c_keeps_the_lines_typed_and_the_one_it_ended() {
        struct Saved(Vec<String>);
        impl Typing for Saved {
            fn save(&mut self, text: &str) {
                self.0.push(text.to_string());
            }
        }
        let mut saved = Saved(Vec::new());
        let mut p = prompter("First line.\nhalf a sec\u{3}");
        assert!(matches!(
            p.text("t", None, NO_LIMITS, &mut saved),
            Err(PromptError::Interrupted)
        ));
        assert_eq!(saved.0.last().unwrap(), "First line.\nhalf a sec");
        let mut saved = Saved(Vec::new());
        let mut p = prompter("Office of\u{3}");
        assert!(matches!(
            p.line("name", None, None, &mut saved),
            Err(PromptError::Interrupted)
        ));
        assert_eq!(saved.0, ["Office of"]);
    }

    #[test]
    fn lines_break_between_words_at_the_width() {
        let mut p = prompter("").with_width(Some(21));
        p.say("the entity is not a UN Member State").unwrap();
        let out = String::from_utf8(p.output).unwrap();
        assert_eq!(out, "the entity is not a\nUN Member State\n");
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
        use super::super::prompter::pick_choices;
        let items: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        let mut p = prompter("9\n2\n\ny\nmaybe\nn\n1, 3\n?\n2-3\n\nnone\nz\nb\n");
        assert_eq!(p.select("pick", &items, 0).unwrap(), 1);
        assert_eq!(p.select("pick", &items, 2).unwrap(), 2);
        assert!(p.confirm("ok?", false).unwrap());
        assert!(!p.confirm("ok?", true).unwrap());
        let mut multi = |chosen: &[bool]| {
            p.multi_select(Ticks {
                prompt: "m",
                items: &items,
                chosen,
                typed: pick_choices,
                example: "`none`",
                all: None,
            })
        };
        assert_eq!(multi(&[]).unwrap(), [0, 2]);
        assert_eq!(multi(&[]).unwrap(), [1, 2]);
        assert_eq!(multi(&[true, false, true]).unwrap(), [0, 2]);
        assert_eq!(multi(&[true]).unwrap(), Vec::<usize>::new());
        assert_eq!(multi(&[]).unwrap(), [1]);
        let out = String::from_utf8(p.output).unwrap();
        assert!(out.contains("please type a number from 1 to 3"), "{out}");
        assert!(out.contains("please answer y or n"), "{out}");
        // The list once, then on `?`; what was chosen read back; a wrong name said.
        let menus = &out[out.find(": m\n").unwrap()..];
        assert_eq!(menus.matches("  3) c").count(), 2, "{out}");
        assert!(
            out.contains("(the list as before; `?` prints it again)"),
            "{out}"
        );
        assert!(out.contains("  chosen: a; c"), "{out}");
        assert!(out.contains("  chosen: none"), "{out}");
        assert!(out.contains("`z` is not one of the items"), "{out}");
    }
}
