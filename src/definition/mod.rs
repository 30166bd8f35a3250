//! Definitions and their blank forms: `qfill definition from-text` reads the text of a blank
//! Word form into a definition, and `qfill show --to text` prints a definition as its blank form.

pub mod from_text;
pub mod phrases;
pub mod to_text;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Exit, Target};
use crate::input::{self, ReadOptions, Source};
use from_text::FormError;

/// `qfill definition from-text`.
#[derive(Debug, Clone, Default)]
pub struct FromTextRequest {
    /// The form's text, or `-`.
    pub input: String,
    /// `-o`; TOML on stdout without it.
    pub output: Option<PathBuf>,
    /// `--force`.
    pub force: bool,
}

/// Reads a blank form and writes its definition; warnings go to `err`.
pub fn from_text_command(
    request: &FromTextRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    if let Some(path) = &request.output
        && path.exists()
        && !request.force
    {
        return Err(Error::OutputExists { path: path.clone() });
    }
    let source = if request.input == "-" {
        Source::Stdin
    } else {
        Source::File(PathBuf::from(&request.input))
    };
    let name = source.name();
    let text =
        input::read(&source, ReadOptions::default()).map_err(|finding| Error::FormUnreadable {
            file: name.clone(),
            reason: finding.message.replace("the file", "the form"),
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
        writeln!(err, "warning: {name}:{}: {}", warning.line, warning.message)
            .map_err(Error::stderr)?;
    }
    match &request.output {
        Some(path) => crate::fsio::write_atomic(path, made.toml.as_bytes())
            .map_err(Error::write(Target::File(path.clone())))?,
        None => {
            if let Err(e) = out.write_all(made.toml.as_bytes()) {
                return Error::stdout(e).or_closed_stdout(Exit::Valid);
            }
        }
    }
    Ok(Exit::Valid)
}

/// A definition id from a file name: `HLPF 2027 form.txt` → `hlpf-2027-form`.
fn id_from_name(input: &str) -> String {
    let stem = Path::new(input)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let id = words.join("-");
    match id.chars().next() {
        Some(c) if c.is_ascii_lowercase() => id,
        Some(_) => format!("form-{id}"),
        None => "form".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_from_name("forms/HLPF 2027 form.txt"), "hlpf-2027-form");
        assert_eq!(id_from_name("2027.txt"), "form-2027");
        assert_eq!(id_from_name("-"), "form");
    }
}
