//! The rules, one module per kind of value. Each function takes a value and says what is wrong
//! with it as [`Problem`]s; the checker in [`crate::check`] attaches paths and places.

pub mod dates;
pub mod lists;
pub mod scan;
pub mod sdgs;
pub mod text;
pub mod urls;

use crate::finding::Code;

/// What a rule found, before it is tied to a path and a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The finding code.
    pub code: Code,
    /// A predicate for the value's path: `has 163 words, the limit is 150`.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem without a hint.
    pub fn new(code: Code, message: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}
