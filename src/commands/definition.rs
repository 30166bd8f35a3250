//! `qfill definition from-text`: a questionnaire definition made from the text of a blank form.

use std::path::PathBuf;

use super::{Error, Exit, Output, Streams, source_of};
use crate::definition::from_text::{self, FormError};
use crate::definition::id_from_name;
use crate::input::{self, ReadOptions, Source};

/// `qfill definition from-text`.
#[derive(Debug, Clone, Default)]
pub struct FromTextRequest {
    /// The form's text, the Word form (`.docx`), or `-`.
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
    let unreadable = |finding: crate::input::ReadFailure| Error::FormUnreadable {
        file: name.clone(),
        reason: finding.message,
    };
    let id = id_from_name(&request.input);
    let made = match &source {
        // The Word form itself: its numbered paragraphs, tables and check boxes.
        Source::File(path) if crate::docx::is_docx_name(path) => {
            let limits = crate::docx::Limits {
                max_size: input::DEFAULT_MAX_SIZE,
            };
            let form = crate::docx::read_file(path, limits).map_err(unreadable)?;
            from_text::from_form(&form, &id, &name)
        }
        _ => {
            let text = input::read(&source, ReadOptions::default()).map_err(unreadable)?;
            from_text::from_text(&text.text, &id, &name)
        }
    };
    let made = made.map_err(|e| match e {
        FormError::NoQuestion => Error::NoQuestion { file: name.clone() },
        FormError::NotLoaded(reason) => Error::FormNotLoaded {
            file: name.clone(),
            reason,
        },
    })?;
    for warning in &made.warnings {
        let place = match warning.place {
            from_text::FormPlace::Line(line) => format!("{name}:{line}"),
            from_text::FormPlace::Word(spot) => format!("{name}: {spot}"),
        };
        writeln!(streams.err, "warning: {place}: {}", warning.message).map_err(Error::stderr)?;
    }
    output.write(made.toml.as_bytes(), streams.out, Exit::Valid)
}
