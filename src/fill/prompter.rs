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
