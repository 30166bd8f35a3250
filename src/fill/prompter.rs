//! What `fill` needs from a terminal, as a trait: the rich dialoguer prompter and the plain line
//! prompter both implement it, and unit tests script the plain one.

use std::io;

/// Why a prompt gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// The input ended (Ctrl-D, or a closed stdin).
    #[error("the input ended")]
    Eof,
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Io(io::Error),
    /// A file (the draft, the response) could not be written.
    #[error("cannot write `{}`: {}", .path.display(), crate::input::io_reason(.source))]
    Save {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl From<io::Error> for PromptError {
    fn from(e: io::Error) -> PromptError {
        match e.kind() {
            io::ErrorKind::Interrupted => PromptError::Interrupted,
            io::ErrorKind::UnexpectedEof => PromptError::Eof,
            _ => PromptError::Io(e),
        }
    }
}

/// A prompt's result.
pub type Prompted<T> = Result<T, PromptError>;

/// Completes the last item of a typed list, e.g. a country name.
pub type Completer = fn(&str) -> Option<String>;

/// The questions `fill` can ask.
pub trait Prompter {
    /// Shows information (question texts, findings, tables).
    fn say(&mut self, text: &str) -> Prompted<()>;

    /// One line of text; Enter on an empty line gives `default` (or `""`).
    fn line(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        complete: Option<Completer>,
    ) -> Prompted<String>;

    /// Several lines (paragraphs); Enter at once keeps `default` (or gives `""`).
    fn text(&mut self, prompt: &str, default: Option<&str>) -> Prompted<String>;

    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Prompted<bool>;

    /// One of `items`, by index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Prompted<usize>;

    /// Any of `items`, by index; `chosen` are preselected.
    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Prompted<Vec<usize>>;
}

/// How to type a text, said the same way by every prompter.
pub(super) fn text_instructions(has_default: bool, editor: bool) -> String {
    let start = if has_default {
        "type the new text, or press Enter to keep the current one"
    } else {
        "type the text; a blank line separates paragraphs"
    };
    let editor = if editor {
        "; type `:e` to write in your editor"
    } else {
        ""
    };
    format!("{start}; finish with two empty lines or a line with only `.`{editor}")
}

/// How a person ended a text, or what the first line asked for.
pub(super) enum TextEnd {
    /// The text as typed (empty when Enter was pressed at once: keep the default).
    Typed(String),
    /// `:e` on the first line: write it in the editor.
    Editor,
}

/// Reads a multi-line text line by line, the same in every prompter: a blank line separates
/// paragraphs, two empty lines or a line with only `.` end it, the end of the input ends it once
/// something was typed, and Enter at once keeps the current text.
pub(super) fn read_text(mut next_line: impl FnMut() -> Prompted<String>) -> Prompted<TextEnd> {
    let mut lines: Vec<String> = Vec::new();
    loop {
        let line = match next_line() {
            Ok(line) => line,
            Err(PromptError::Eof) if !lines.is_empty() => break,
            Err(e) => return Err(e),
        };
        let trimmed = line.trim();
        if lines.is_empty() && matches!(trimmed, ":e" | ":edit") {
            return Ok(TextEnd::Editor);
        }
        if trimmed == "." {
            break;
        }
        if trimmed.is_empty() {
            if lines.is_empty() {
                return Ok(TextEnd::Typed(String::new()));
            }
            if lines.last().is_some_and(|l| l.is_empty()) {
                break;
            }
        }
        lines.push(line.trim_end().to_string());
    }
    Ok(TextEnd::Typed(lines.join("\n").trim().to_string()))
}
