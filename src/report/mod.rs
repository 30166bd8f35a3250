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
    let plural = crate::text::plural;
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

/// A place in a file as people and CI tools write it: `file:line:column`; in a Word form,
/// `file: question 5, initiative 3 (table 14, row 5)`; or the file alone.
pub fn place(file: &str, finding: &crate::finding::Finding) -> String {
    match (finding.line, finding.column, &finding.place) {
        (Some(line), Some(column), _) => format!("{file}:{line}:{column}"),
        (_, _, Some(place)) => format!("{file}: {place}"),
        _ => file.to_string(),
    }
}

/// One output format for `validate`.
pub trait Report {
    /// Writes the report of a whole run.
    fn write(&self, out: &mut dyn Write, files: &[FileReport], strict: bool) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_lines_and_of_word_forms() {
        use crate::finding::{Code, Finding, Place, Spot};
        let finding = Finding::new(Code::Pending, "", "m");
        assert_eq!(place("a.toml", &finding), "a.toml");
        assert_eq!(
            place("a.toml", &finding.clone().at_position(3, 4)),
            "a.toml:3:4"
        );
        let in_word = finding.at_place(Place {
            spot: Spot::Row { table: 14, row: 5 },
            within: Some("question 5, initiative 3".into()),
        });
        assert_eq!(
            place("a.docx", &in_word),
            "a.docx: question 5, initiative 3 (table 14, row 5)"
        );
    }
}
