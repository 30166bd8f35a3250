//! What `fill` needs from a terminal, as a trait: the rich dialoguer prompter and the plain line
//! prompter both implement it, and unit tests script the plain one.

use std::io;

use crate::questionnaire::WordLimits;

/// Why a prompt gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// The input ended (Ctrl-D, or a closed stdin).
    #[error("the input ended")]
    Eof,
    /// The person asked to go back to the previous field or question (Esc, `:back`).
    #[error("back")]
    Back,
    /// The person keeps a refused answer as it is for now, to fix later (F2, `:keep`).
    #[error("kept for now")]
    Keep,
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Io(io::Error),
    /// A file (the draft, the response) could not be written.
    #[error("cannot write `{}`: {}", .path.display(), crate::text::io_reason(.source))]
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

/// Reads typed text into the indexes of the items to tick (of `count`), or says what is wrong.
pub type Picks = fn(&str, usize) -> Result<Vec<usize>, String>;

/// Reads `1, 3 5` or `1-3` into 0-based indexes below `count`; `none` is none.
pub fn pick_numbers(text: &str, count: usize) -> Result<Vec<usize>, String> {
    let wrong = || format!("type numbers from 1 to {count}, e.g. 1, 3 or 2-4, or `none`");
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for part in text.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        let number = |s: &str| s.trim().parse::<usize>().map_err(|_| wrong());
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(part)?, number(part)?),
        };
        if a == 0 || b > count || a > b {
            return Err(wrong());
        }
        for n in a..=b {
            if !out.contains(&(n - 1)) {
                out.push(n - 1);
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Where a prompt puts the text while it is being typed, so that a crash, a closed terminal or
/// SIGTERM loses none of it: `fill` saves it in the draft.
pub trait Typing {
    /// Saves the text typed so far: at least once a second while keys arrive, at each new line,
    /// and before a stop.
    fn save(&mut self, text: &str);

    /// The text as it is now, after each change, not saved yet: kept where a signal handler saves
    /// it before the process ends.
    fn typed(&mut self, _text: &str) {}

    /// Whether the process was asked to stop (SIGTERM, SIGHUP): the prompt saves the text and
    /// ends as Ctrl-C does ([`PromptError::Interrupted`]).
    fn stop_requested(&self) -> bool {
        false
    }

    /// Said by a prompt when it starts editing (`true`) and ends (`false`): while it edits,
    /// [`Typing::typed`] keeps the text where a signal handler finds it.
    fn watching(&self, _on: bool) {}
}

/// Typing that is not kept anywhere (a one-off prompt, a test).
pub struct NotKept;

impl Typing for NotKept {
    fn save(&mut self, _text: &str) {}
}

/// The questions `fill` can ask.
pub trait Prompter {
    /// Shows information (question texts, findings, tables).
    fn say(&mut self, text: &str) -> Prompted<()>;

    /// Where the walk is (`Question 5 of 6 · Initiative 3 · Member States`), for prompters that
    /// keep it in view; the plain mode says it in its own lines.
    fn progress(&mut self, _where: &str) {}

    /// Whether the next prompt offers to keep the answer just refused as it is (for now).
    fn offer_keep(&mut self, _on: bool) {}

    /// One line of text; Enter on an empty line gives `default` (or `""`). What is typed goes to
    /// `typing` as it is typed.
    fn line(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        complete: Option<Completer>,
        typing: &mut dyn Typing,
    ) -> Prompted<String>;

    /// Several lines (paragraphs), starting from `default`, with the word count against `limits`
    /// shown as it grows. What is typed goes to `typing` as it is typed.
    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        limits: WordLimits,
        typing: &mut dyn Typing,
    ) -> Prompted<String>;

    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Prompted<bool>;

    /// One of `items`, by index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Prompted<usize>;

    /// Any of `items`, by index; `chosen` are preselected; typed text ticks items through
    /// `typed` (`example` says what may be typed).
    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
        typed: Picks,
        example: &str,
    ) -> Prompted<Vec<usize>>;
}

/// How to type a text in the plain mode.
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
    format!("{start}; finish with a line with only `.`{editor}; `:back` goes back, `:help` helps")
}

/// What the plain mode's `:help` says.
pub(super) const PLAIN_HELP: &str = "Type the answer and press Enter. In a text, only a line with only `.` ends it, so a paste stays whole; the word count is shown after each line. At a menu, type the number of an item; where several may be chosen, numbers separated by commas. `:back` goes back to the previous question or field; after an answer is refused, `:keep` keeps it as it is for now (the review marks it). Ctrl-C stops, and the same command resumes.";

/// How a person ended a text, or what the first line asked for.
pub(super) enum TextEnd {
    /// The text as typed (empty when Enter was pressed at once: keep the default).
    Typed(String),
    /// `:e` on the first line: write it in the editor.
    Editor,
}

/// What a typed line asks for, when it is a command rather than an answer.
pub(super) fn command(line: &str, keep: bool) -> Option<PromptError> {
    match line.trim() {
        ":back" | ":b" => Some(PromptError::Back),
        ":keep" if keep => Some(PromptError::Keep),
        _ => None,
    }
}

/// Reads a multi-line text line by line: a blank line separates paragraphs and only a line
/// with only `.` ends it (so a pasted text with blank lines stays whole); the end of the input
/// ends it once something was typed, and Enter at once keeps the current text. `counted` is
/// called with the text so far after each line.
pub(super) fn read_text(
    mut next_line: impl FnMut() -> Prompted<String>,
    mut counted: impl FnMut(&str) -> Prompted<()>,
    keep: bool,
) -> Prompted<TextEnd> {
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
        if lines.is_empty()
            && let Some(command) = command(trimmed, keep)
        {
            return Err(command);
        }
        if trimmed == "." {
            break;
        }
        if trimmed.is_empty() && lines.is_empty() {
            return Ok(TextEnd::Typed(String::new()));
        }
        lines.push(line.trim_end().to_string());
        if !trimmed.is_empty() {
            counted(&lines.join("\n"))?;
        }
    }
    Ok(TextEnd::Typed(lines.join("\n").trim().to_string()))
}
