//! `qfill import`: last year's answers in the legacy text layout, read into an answers file.

use std::path::PathBuf;

use super::export::requested_format;
use super::{Error, Exit, Output, Streams, source_of, tell_findings};
use crate::export::ExportFormat;
use crate::input::{Kind, ReadOptions};
use crate::questionnaire::{self, Questionnaire};
use crate::report::FileReport;
use crate::validate::Validator;

/// `qfill import`.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The legacy text file, or `-`.
    pub input: String,
    /// `-o`; TOML on stdout without it or with `-o -`.
    pub output: Option<PathBuf>,
    /// `--to`; by default the extension of `-o`, else TOML.
    pub to: Option<ExportFormat>,
    /// `--force`.
    pub force: bool,
    /// `--check`: findings only, nothing written.
    pub check: bool,
    /// `--strict`.
    pub strict: bool,
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--max-size`.
    pub read: ReadOptions,
}

/// Imports last year's answers from the legacy text layout; findings go to standard error, and
/// the answers are written even with rule errors.
pub fn run(request: &ImportRequest, streams: &mut Streams<'_>) -> Result<Exit, Error> {
    let flag = questionnaire::from_flag(request.questionnaire.as_deref())?;
    let output = Output::from_option(request.output.as_deref());
    let format = requested_format(request.to, output.path()).unwrap_or(ExportFormat::Toml);
    if !request.check {
        output.check(request.force)?;
        if let Some(what) = format.binary() {
            output.check_binary(what, streams)?;
        }
    }
    let source = source_of(&request.input);
    // What `import` reads: a Word form by its name (or `--input-format docx`), else legacy
    // text, whatever the name.
    let kind = match Kind::named(&source, request.read) {
        Some(Kind::Docx) => Kind::Docx,
        _ => Kind::Legacy,
    };
    let read = ReadOptions {
        format: Some(kind),
        ..request.read
    };
    let validator = Validator {
        questionnaire: flag.as_ref(),
        read,
        editions: None,
    };
    let validated = validator.validate(&source);
    let exit = tell_findings(streams.err, &validated.report, request.strict)?;
    let (Some(checked), Some(q)) = (validated.checked, edition(&validated.report, flag.as_ref()))
    else {
        return Ok(exit);
    };
    if request.check {
        return Ok(exit);
    }
    let exit = output.write(&format.write(&checked.answers, q), streams.out, exit)?;
    if let Some(path) = output.path() {
        tell_written(streams.err, path, &checked.answers, q, request).map_err(Error::stderr)?;
    }
    Ok(exit)
}

/// Says where the answers went and what to do next with them.
fn tell_written(
    err: &mut dyn std::io::Write,
    path: &std::path::Path,
    answers: &crate::answers::Answers,
    q: &crate::questionnaire::Questionnaire,
    request: &ImportRequest,
) -> std::io::Result<()> {
    use crate::text::plural;
    let answered = q
        .questions
        .iter()
        .filter(|question| {
            answers
                .answer(&question.id)
                .is_some_and(|a| !a.is_not_answered())
        })
        .count();
    let file = shell_words::quote(&path.display().to_string()).into_owned();
    let edition = request
        .questionnaire
        .as_ref()
        .map_or_else(String::new, |id| {
            format!(" --questionnaire {}", shell_words::quote(id))
        });
    writeln!(
        err,
        "wrote {}: {answered} of {} {} of {} answered",
        path.display(),
        q.questions.len(),
        plural(q.questions.len(), "question"),
        q.id
    )?;
    writeln!(
        err,
        "  next, to fill in what is missing or wrong: qfill fill --answers {file}{edition}"
    )?;
    writeln!(
        err,
        "  or, to start from it for another edition: qfill migrate {file} --edition ID"
    )
}

/// The edition the input was read as: `--questionnaire`, else the built-in one its report names.
fn edition<'q>(report: &FileReport, flag: Option<&'q Questionnaire>) -> Option<&'q Questionnaire> {
    flag.or_else(|| {
        report
            .edition
            .as_deref()
            .and_then(Questionnaire::builtin_cached)
    })
}
