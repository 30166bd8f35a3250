//! `qfill export`: an answers file in its canonical form, or rendered as a document.

use std::path::{Path, PathBuf};

use super::{Error, Exit, Output, Streams, source_of, tell_findings};
use crate::export::ExportFormat;
use crate::input::ReadOptions;
use crate::questionnaire::{self, Questionnaire};
use crate::validate::Validator;

/// `qfill export`.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// The answers file, or `-`.
    pub input: String,
    /// `--to`; by default the extension of `-o`, else the input's format.
    pub to: Option<ExportFormat>,
    /// `-o`; stdout without it or with `-o -`.
    pub output: Option<PathBuf>,
    /// `--force`.
    pub force: bool,
    /// `--strict`.
    pub strict: bool,
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
}

/// Writes the canonical form of an answers file, even with rule errors (the person fixes them
/// next); findings go to standard error and the exit status is `validate`'s for the file.
pub fn run(request: &ExportRequest, streams: &mut Streams<'_>) -> Result<Exit, Error> {
    let questionnaire = questionnaire::from_flag(request.questionnaire.as_deref())?;
    let output = Output::from_option(request.output.as_deref());
    output.check(request.force)?;
    let asked = requested_format(request.to, output.path());
    if let Some(what) = asked.and_then(ExportFormat::binary) {
        output.check_binary(what, streams)?;
    }
    let validator = Validator {
        questionnaire: questionnaire.as_ref(),
        read: request.read,
        editions: None,
    };
    let validated = validator.validate(&source_of(&request.input));
    let exit = tell_findings(streams.err, &validated.report, request.strict)?;
    let (Some(checked), Some(read_as)) = (&validated.checked, validated.kind) else {
        // Unreadable, unparsable, or for an unknown questionnaire: nothing to write.
        return Ok(exit);
    };
    let format = asked.unwrap_or(ExportFormat::of(read_as));
    let Some(q) = validated.report.edition.as_deref().and_then(|id| {
        questionnaire
            .as_ref()
            .filter(|q| q.id == id)
            .or_else(|| Questionnaire::builtin_cached(id))
    }) else {
        // Not reached: a file is checked only against a questionnaire qfill has.
        return Ok(exit);
    };
    output.write(&format.write(&checked.answers, q), streams.out, exit)
}

/// The format asked for: `--to`, else the extension of OUT.
pub(super) fn requested_format(
    to: Option<ExportFormat>,
    output: Option<&Path>,
) -> Option<ExportFormat> {
    to.or_else(|| output.and_then(|o| ExportFormat::from_extension(&o.to_string_lossy())))
}
