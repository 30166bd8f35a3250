//! The report people read: each finding with its place and hint, a summary table, a totals line.

use std::io::{self, Write};

use comfy_table::{Cell, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use anstyle::{AnsiColor, Style};

use super::{FileReport, Report, Summary, place, totals};
use crate::finding::{Finding, Severity};
use crate::text::sanitize_line as sanitize;

/// Findings, then a table of files, then totals.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human {
    /// Only the totals line.
    pub quiet: bool,
    /// Colour the severity words with ANSI escapes (error red, warning yellow).
    pub color: bool,
}

/// Writes one file's findings, one per line with its hint below, without colour.
pub fn write_findings(out: &mut dyn Write, file: &str, findings: &[Finding]) -> io::Result<()> {
    write_findings_in(out, file, findings, false)
}

fn write_findings_in(
    out: &mut dyn Write,
    file: &str,
    findings: &[Finding],
    color: bool,
) -> io::Result<()> {
    let file = sanitize(file);
    for f in findings {
        let place = place(&file, f);
        let style = if color {
            severity_style(f.severity)
        } else {
            Style::new()
        };
        writeln!(
            out,
            "{style}{}{style:#}[{}]: {place}: {}",
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

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
    }
}

impl Report for Human {
    fn write(&self, out: &mut dyn Write, files: &[FileReport], strict: bool) -> io::Result<()> {
        if !self.quiet {
            for report in files {
                write_findings_in(out, &report.file, &report.findings, self.color)?;
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
        writeln!(out, "{}", totals(&Summary::of(files, strict), strict))
    }
}
