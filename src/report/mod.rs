//! Rendering reports: findings and summaries for people, and machine-readable documents.

mod human;
mod json;

use std::io::{self, Write};

pub use human::{Human, write_findings};
pub use json::Json;

use crate::validate::FileReport;

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Valid files.
    pub valid: usize,
    /// Invalid files.
    pub invalid: usize,
    /// Errors over all files.
    pub errors: usize,
    /// Warnings over all files.
    pub warnings: usize,
}

impl Summary {
    /// Adds one file.
    pub fn add(&mut self, report: &FileReport, strict: bool) {
        self.files += 1;
        if report.valid(strict) {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        self.errors += report.errors();
        self.warnings += report.warnings();
    }
}

/// One output format for `validate`.
pub trait Report {
    /// Writes the report of a whole run.
    fn write(&self, out: &mut dyn Write, files: &[FileReport], strict: bool) -> io::Result<()>;
}

/// Makes text safe for a terminal: control characters and escape sequences are shown escaped,
/// so that a hostile answer cannot move the cursor or change colours.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizing() {
        assert_eq!(sanitize("plain é"), "plain é");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("tab\there"), "tab\\there");
        assert_eq!(sanitize("rtl\u{202e}x"), "rtl\\u{202e}x");
    }
}
