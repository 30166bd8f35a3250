//! `qfill validate`: every input checked against every rule, in parallel, and one report.

use std::collections::BTreeSet;

use super::{Error, Exit, Streams, answers_files, exit_of};
use crate::batch::{self, Progress};
use crate::input::ReadOptions;
use crate::questionnaire::{self, Questionnaire};
use crate::report::{FileReport, Github, Human, Json, Junit, Report, Sarif};
use crate::validate::Validator;

/// Output formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// For people.
    #[default]
    Human,
    /// One JSON document.
    Json,
    /// JUnit XML: a test case per file.
    Junit,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// `qfill validate`.
#[derive(Debug, Clone, Default)]
pub struct ValidateRequest {
    /// Files, folders, glob patterns and `-`.
    pub inputs: Vec<String>,
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--format`.
    pub format: OutputFormat,
    /// `--strict`.
    pub strict: bool,
    /// `--quiet`.
    pub quiet: bool,
    /// `--hidden`.
    pub hidden: bool,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
    /// `--jobs`: threads to check files with; all cores when `None`.
    pub jobs: Option<usize>,
    /// Colour the human report (`--color`, resolved by the caller).
    pub color: bool,
}

/// Validates every input, in parallel, and writes the report; `progress` hears of each file.
pub fn run(
    request: &ValidateRequest,
    streams: &mut Streams<'_>,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let questionnaire = questionnaire::from_flag(request.questionnaire.as_deref())?;
    let sources = answers_files(&request.inputs, request.hidden)?;
    let validator = Validator {
        questionnaire: questionnaire.as_ref(),
        read: request.read,
        editions: None,
    };
    let reports: Vec<FileReport> = batch::run(&validator, &sources, request.jobs, progress);
    let renderer: Box<dyn Report> = match request.format {
        OutputFormat::Human => Box::new(Human {
            quiet: request.quiet,
            color: request.color,
        }),
        OutputFormat::Json => Box::new(Json),
        OutputFormat::Junit => Box::new(Junit),
        OutputFormat::Sarif => Box::new(Sarif),
        OutputFormat::Github => Box::new(Github),
    };
    let exit = exit_of(&reports, request.strict);
    if let Err(e) = renderer.write(streams.out, &reports, request.strict) {
        return Error::stdout(e).or_closed_stdout(exit);
    }
    for notice in notices(&reports, questionnaire.as_ref()) {
        writeln!(streams.err, "{notice}").map_err(Error::stderr)?;
    }
    Ok(exit)
}

/// The notices for the incomplete editions a run's files were checked against, one per edition,
/// in the order of the editions' ids. `flag` is `--questionnaire`, which may be a file of its own.
fn notices(reports: &[FileReport], flag: Option<&Questionnaire>) -> Vec<String> {
    let editions: BTreeSet<&str> = reports
        .iter()
        .filter_map(|r| r.edition.as_deref())
        .collect();
    editions
        .into_iter()
        .filter_map(|id| match flag {
            Some(q) if q.id == id => Some(q),
            _ => Questionnaire::builtin_cached(id),
        })
        .filter_map(Questionnaire::incomplete_notice)
        .collect()
}
