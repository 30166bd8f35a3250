//! The report people read: each finding with its place and hint, a summary table, a totals line.

use std::io::{self, Write};

use comfy_table::{Cell, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use super::{Report, Summary, sanitize};
use crate::finding::Finding;
use crate::validate::FileReport;

/// Findings, then a table of files, then totals.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human {
    /// Only the totals line.
    pub quiet: bool,
}

/// Writes one file's findings, one per line with its hint below.
pub fn write_findings(out: &mut dyn Write, file: &str, findings: &[Finding]) -> io::Result<()> {
    let file = sanitize(file);
    for f in findings {
        let place = match (f.line, f.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            _ => file.to_string(),
        };
        writeln!(
            out,
            "{}[{}]: {place}: {}",
            f.severity,
            f.code,
            sanitize(&f.message)
        )?;
        if let Some(hint) = &f.hint {
            writeln!(out, "  hint: {}", sanitize(hint))?;
        }
    }
    Ok(())
}

impl Report for Human {
    fn write(&self, out: &mut dyn Write, files: &[FileReport], strict: bool) -> io::Result<()> {
        let mut summary = Summary::default();
        for report in files {
            summary.add(report, strict);
        }
        if !self.quiet {
            for report in files {
                write_findings(out, &report.file, &report.findings)?;
            }
            if !files.is_empty() {
                if files.iter().any(|f| !f.findings.is_empty()) {
                    writeln!(out)?;
                }
                let mut table = Table::new();
                table
                    .load_style(UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_header(["file", "errors", "warnings", "result"]);
                for report in files {
                    let result = if report.valid(strict) {
                        "valid"
                    } else {
                        "invalid"
                    };
                    table.add_row([
                        Cell::new(sanitize(&report.file)),
                        Cell::new(report.errors()),
                        Cell::new(report.warnings()),
                        Cell::new(result),
                    ]);
                }
                writeln!(out, "{table}")?;
            }
        }
        writeln!(
            out,
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
}

fn plural(n: usize, word: &str) -> String {
    crate::rules::text::plural(n, word)
}
