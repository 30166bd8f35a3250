//! `qfill migrate`: an answers file carried to another edition.

use std::path::PathBuf;

use super::{Error, Exit, Output, Streams, exit_of, source_of, tell_findings};
use crate::document::Format;
use crate::export::ExportFormat;
use crate::input::ReadOptions;
use crate::questionnaire::{self, Questionnaire};
use crate::report::{FileReport, write_findings};
use crate::validate::{Input, Validator};

/// `qfill migrate`.
#[derive(Debug, Clone, Default)]
pub struct MigrateRequest {
    /// The answers file, or `-`.
    pub input: String,
    /// `-q`: the edition the file is read as; else its `questionnaire` key.
    pub questionnaire: Option<String>,
    /// `--edition`: the target, an id or a definition file.
    pub edition: String,
    /// `-o`; TOML on stdout without it or with `-o -`.
    pub output: Option<PathBuf>,
    /// `--force`.
    pub force: bool,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
}

/// Migrates an answers file to another edition; what moved, and the findings for the result,
/// go to standard error.
pub fn run(request: &MigrateRequest, streams: &mut Streams<'_>) -> Result<Exit, Error> {
    let target = Questionnaire::resolve(&request.edition)?;
    let flag = questionnaire::from_flag(request.questionnaire.as_deref())?;
    let output = Output::from_option(request.output.as_deref());
    output.check(request.force)?;
    let format = match output
        .path()
        .and_then(|path| ExportFormat::from_extension(&path.to_string_lossy()))
    {
        None | Some(ExportFormat::Toml) => Format::Toml,
        Some(ExportFormat::Json) => Format::Json,
        Some(_) => {
            return Err(Error::MigrateFormat {
                path: output.path().map(PathBuf::from).unwrap_or_default(),
            });
        }
    };
    let source = source_of(&request.input);
    let name = source.name();
    let validator = Validator {
        questionnaire: flag.as_ref(),
        read: request.read,
        editions: None,
    };
    let input = match validator.read(&source) {
        Ok(input) => input,
        Err(finding) => {
            return tell_findings(streams.err, &FileReport::new(name, vec![*finding]), false);
        }
    };
    let validated = validator.validate_input(name, &input);
    let Some(checked) = validated.checked else {
        // Not answers qfill can read (a parse error, an unknown edition): nothing to migrate.
        return tell_findings(streams.err, &validated.report, false);
    };
    // The edition the file was checked as, by the one reader `validate` uses.
    let checked_as = validated.report.edition.as_deref();
    let from = flag
        .as_ref()
        .filter(|q| Some(q.id.as_str()) == checked_as)
        .or_else(|| checked_as.and_then(Questionnaire::builtin_cached))
        .unwrap_or_else(|| questionnaire::flag_or_default(flag.as_ref()));
    // A TOML file's comments travel with the answers they sit on.
    let original = match &input {
        Input::Text(text) => Some(text),
        Input::Form(_) => None,
    };
    let rewritten = crate::migrate::rewrite(&checked.answers, original, from, &target, format)?;
    let out_name = output.name();
    crate::migrate::tell(streams.err, from, &target, &rewritten.migrated)
        .and_then(|()| write_findings(streams.err, &out_name, &rewritten.findings))
        .map_err(Error::stderr)?;
    let exit = exit_of(&[FileReport::new(out_name, rewritten.findings)], false);
    output.write(rewritten.text.as_bytes(), streams.out, exit)
}
