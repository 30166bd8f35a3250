//! `qfill import`: last year's answers in the legacy text layout, read into an answers file.

use std::path::PathBuf;

use super::export::output_format;
use super::{Error, Exit, Output, Streams, source_of, tell_findings};
use crate::export::ExportFormat;
use crate::input::{self, Kind, ReadOptions};
use crate::questionnaire;
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
    if !request.check {
        output.check(request.force)?;
    }
    let source = source_of(&request.input);
    // Whatever its name, the input is legacy text: that is what `import` reads.
    let read = ReadOptions {
        format: Some(Kind::Legacy),
        ..request.read
    };
    let text = match input::read(&source, read) {
        Ok(text) => text,
        Err(finding) => {
            let report = FileReport::new(source.name(), vec![*finding]);
            return tell_findings(streams.err, &report, request.strict);
        }
    };
    let validator = Validator {
        questionnaire: flag.as_ref(),
        read,
        editions: None,
    };
    let q = validator.legacy_edition(&text.text);
    let validated = validator.validate_read(source.name(), &text);
    let exit = tell_findings(streams.err, &validated.report, request.strict)?;
    let Some(checked) = validated.checked else {
        return Ok(exit);
    };
    if request.check {
        return Ok(exit);
    }
    let format = output_format(request.to, output.path(), ExportFormat::Toml);
    let exit = output.write(
        format.write(&checked.answers, q).as_bytes(),
        streams.out,
        exit,
    )?;
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
