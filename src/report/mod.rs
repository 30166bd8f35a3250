//! Rendering reports: findings and summaries for people, and machine-readable documents.

mod file;
mod github;
mod human;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

pub use file::FileReport;
pub use github::Github;
pub use human::{Human, write_findings};
pub use json::Json;
pub use junit::Junit;
pub use sarif::Sarif;

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
    /// The totals of a run.
    pub fn of(files: &[FileReport], strict: bool) -> Summary {
        let mut summary = Summary::default();
        for report in files {
            summary.add(report, strict);
        }
        summary
    }

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

/// The totals line: `3 files: 2 valid, 1 invalid; 1 error, 4 warnings`.
pub fn totals(summary: &Summary, strict: bool) -> String {
    let plural = crate::rules::text::plural;
    format!(
        "{} {}: {} valid, {} invalid; {} {}, {} {}{}",
        summary.files,
        plural(summary.files, "file"),
        summary.valid,
        summary.invalid,
        summary.errors,
        plural(summary.errors, "error"),
        summary.warnings,
        plural(summary.warnings, "warning"),
        if strict {
            " (strict: warnings count as errors)"
        } else {
            ""
        }
    )
}

/// A place in a file as people and CI tools write it: `file:line:column`, or the file alone.
pub fn place(file: &str, finding: &crate::finding::Finding) -> String {
    match (finding.line, finding.column) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        _ => file.to_string(),
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
    escape_if(s, is_unsafe)
}

/// Like [`sanitize`], and new lines too: for text that must stay on its line, so that an answer
/// cannot print a line that looks like a finding of its own.
pub fn sanitize_line(s: &str) -> std::borrow::Cow<'_, str> {
    escape_if(s, |c| c == '\n' || is_unsafe(c))
}

fn escape_if(s: &str, unsafe_char: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(&unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Control characters and the invisible marks that reorder text: never shown as they are.
pub(crate) fn is_unsafe(c: char) -> bool {
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
        assert_eq!(sanitize("two\nlines"), "two\nlines");
        assert_eq!(sanitize_line("two\nlines"), "two\\nlines");
    }
}
