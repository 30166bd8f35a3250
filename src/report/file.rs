//! What a report is made of: each input's name and findings, whoever produced them (`validate`,
//! `import`, `fmt`).

use crate::finding::{Code, Finding, Severity};

/// The outcome for one input.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// The input's name: its path as given, or `-`.
    pub file: String,
    /// Findings, in file order.
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// Valid: no errors, and with `strict` no warnings either.
    pub fn valid(&self, strict: bool) -> bool {
        self.findings
            .iter()
            .all(|f| f.severity == Severity::Warning && !strict)
    }

    /// The input could not be read at all (the run then exits 2).
    pub fn unreadable(&self) -> bool {
        self.findings.iter().any(|f| f.code == Code::Unreadable)
    }
}
