//! `qfill definition from-text`: a questionnaire definition made from the text of a blank form.

use std::path::PathBuf;

use super::{Error, Exit, Output, Streams, source_of};
use crate::definition::from_text::{self, FormError};
use crate::definition::id_from_name;
use crate::input::{self, ReadOptions};

/// `qfill definition from-text`.
#[derive(Debug, Clone, Default)]
pub struct FromTextRequest {
    /// The form's text, or `-`.
    pub input: String,
    /// `-o`; TOML on stdout without it or with `-o -`.
    pub output: Option<PathBuf>,
    /// `--force`.
    pub force: bool,
}

/// Reads a blank form and writes its definition; warnings go to standard error.
pub fn run(request: &FromTextRequest, streams: &mut Streams<'_>) -> Result<Exit, Error> {
    let output = Output::from_option(request.output.as_deref());
    output.check(request.force)?;
    let source = source_of(&request.input);
    let name = source.name();
    let text =
        input::read(&source, ReadOptions::default()).map_err(|finding| Error::FormUnreadable {
            file: name.clone(),
            reason: finding.message,
        })?;
    let id = id_from_name(&request.input);
    let made = from_text::from_text(&text.text, &id, &name).map_err(|e| match e {
        FormError::NoQuestion => Error::NoQuestion { file: name.clone() },
        FormError::NotLoaded(reason) => Error::FormNotLoaded {
            file: name.clone(),
            reason,
        },
    })?;
    for warning in &made.warnings {
        writeln!(
            streams.err,
            "warning: {name}:{}: {}",
            warning.line, warning.message
        )
        .map_err(Error::stderr)?;
    }
    output.write(made.toml.as_bytes(), streams.out, Exit::Valid)
}
