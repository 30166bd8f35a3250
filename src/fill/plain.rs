//! The accessible line mode (`--plain`, `TERM=dumb`): the same questions as plain numbered lines,
//! with no cursor movement and no redrawn menus, so that screen readers and simple terminals work.
//! It reads from any `BufRead`, which also makes it the scripted prompter of unit tests.

use std::io::{BufRead, Write};

use super::prompter::{
    Completer, PromptError, Prompted, Prompter, TextEnd, read_text, text_instructions,
};
use crate::report::sanitize;

/// Plain numbered prompts over a reader and a writer.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
    editor: bool,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A prompter reading `input` and writing `output`.
    pub fn new(input: R, output: W) -> Self {
        PlainPrompter {
            input,
            output,
            editor: false,
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
}

/// Parses `1, 3 5` or `1-3` into 0-based indexes below `count`.
fn parse_numbers(text: &str, count: usize) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for part in text.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                a.trim().parse::<usize>().ok()?,
                b.trim().parse::<usize>().ok()?,
            ),
            None => {
                let n = part.trim().parse::<usize>().ok()?;
                (n, n)
            }
        };
        if a == 0 || b > count || a > b {
            return None;
        }
        for n in a..=b {
            if !out.contains(&(n - 1)) {
                out.push(n - 1);
            }
        }
    }
    out.sort_unstable();
    Some(out)
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn say(&mut self, text: &str) -> Prompted<()> {
        writeln!(self.output, "{}", sanitize(text))?;
        Ok(())
    }

    fn line(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        _: Option<Completer>,
    ) -> Prompted<String> {
        match default {
            Some(d) if !d.is_empty() => write!(self.output, "{prompt} [{}]: ", sanitize(d))?,
            _ => write!(self.output, "{prompt}: ")?,
        }
        let line = self.read_line()?;
        Ok(if line.trim().is_empty() {
            default.unwrap_or("").to_string()
        } else {
            line.trim().to_string()
        })
    }

    fn text(&mut self, prompt: &str, default: Option<&str>) -> Prompted<String> {
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
        let typed = read_text(|| {
            write!(self.output, "> ")?;
            self.read_line()
        })?;
        match typed {
            TextEnd::Typed(t) if t.is_empty() => Ok(default.unwrap_or("").to_string()),
            TextEnd::Typed(t) => Ok(t),
            TextEnd::Editor if self.editor => super::terminal::edit(default),
            // Without an editor `:e` is text like any other line.
            TextEnd::Editor => Ok(":e".to_string()),
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Prompted<bool> {
        let choices = if default { "Y/n" } else { "y/N" };
        loop {
            write!(self.output, "{prompt} [{choices}]: ")?;
            let line = self.read_line()?.trim().to_lowercase();
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
            write!(self.output, "choose 1-{} [{}]: ", items.len(), default + 1)?;
            let line = self.read_line()?;
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
            write!(
                self.output,
                "numbers separated by commas, e.g. 1, 3 or 2-4; `none` for none [{}]: ",
                if shown.is_empty() {
                    "none".to_string()
                } else {
                    shown.join(", ")
                }
            )?;
            let line = self.read_line()?;
            let line = line.trim();
            if line.is_empty() {
                return Ok(current);
            }
            if line.eq_ignore_ascii_case("none") {
                return Ok(Vec::new());
            }
            match parse_numbers(line, items.len()) {
                Some(picked) => return Ok(picked),
                None => writeln!(self.output, "please type numbers from 1 to {}", items.len())?,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompter(input: &str) -> PlainPrompter<&[u8], Vec<u8>> {
        PlainPrompter::new(input.as_bytes(), Vec::new())
    }

    #[test]
    fn lines_and_defaults() {
        let mut p = prompter("typed\n\n");
        assert_eq!(p.line("name", Some("old"), None).unwrap(), "typed");
        assert_eq!(p.line("name", Some("old"), None).unwrap(), "old");
        assert!(matches!(p.line("name", None, None), Err(PromptError::Eof)));
    }

    #[test]
    fn paragraphs_end_with_two_empty_lines_or_a_dot() {
        let mut p = prompter("one\ntwo\n\nthree\n\n\nnext\n.\n");
        assert_eq!(p.text("t", None).unwrap(), "one\ntwo\n\nthree");
        assert_eq!(p.text("t", None).unwrap(), "next");
        let mut p = prompter("\n");
        assert_eq!(p.text("t", Some("kept")).unwrap(), "kept");
    }

    #[test]
    fn choices() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let mut p = prompter("9\n2\n\ny\nmaybe\nn\n1, 3\n2-3\n\nnone\n");
        assert_eq!(p.select("pick", &items, 0).unwrap(), 1);
        assert_eq!(p.select("pick", &items, 2).unwrap(), 2);
        assert!(p.confirm("ok?", false).unwrap());
        assert!(!p.confirm("ok?", true).unwrap());
        assert_eq!(p.multi_select("m", &items, &[]).unwrap(), [0, 2]);
        assert_eq!(p.multi_select("m", &items, &[]).unwrap(), [1, 2]);
        assert_eq!(
            p.multi_select("m", &items, &[true, false, true]).unwrap(),
            [0, 2]
        );
        assert_eq!(
            p.multi_select("m", &items, &[true]).unwrap(),
            Vec::<usize>::new()
        );
        let out = String::from_utf8(p.output).unwrap();
        assert!(out.contains("please type a number from 1 to 3"), "{out}");
        assert!(out.contains("please answer y or n"), "{out}");
    }
}
