//! The JSON report: one document with every file's findings and a summary.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Report, Summary};
use crate::finding::Finding;

/// `--format json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

#[derive(Serialize)]
struct Document<'a> {
    files: Vec<FileDoc<'a>>,
    summary: SummaryDoc,
}

#[derive(Serialize)]
struct FileDoc<'a> {
    file: &'a str,
    valid: bool,
    errors: usize,
    warnings: usize,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct SummaryDoc {
    files: usize,
    valid: usize,
    invalid: usize,
    errors: usize,
    warnings: usize,
}

impl Report for Json {
    fn write(&self, out: &mut dyn Write, files: &[FileReport], strict: bool) -> io::Result<()> {
        let mut summary = Summary::default();
        let docs = files
            .iter()
            .map(|report| {
                summary.add(report, strict);
                FileDoc {
                    file: &report.file,
                    valid: report.valid(strict),
                    errors: report.errors(),
                    warnings: report.warnings(),
                    findings: &report.findings,
                }
            })
            .collect();
        let document = Document {
            files: docs,
            summary: SummaryDoc {
                files: summary.files,
                valid: summary.valid,
                invalid: summary.invalid,
                errors: summary.errors,
                warnings: summary.warnings,
            },
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}
