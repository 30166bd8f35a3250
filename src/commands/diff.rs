//! `qfill diff A B`: two editions compared, for people or as JSON.

use std::path::Path;

use super::{Error, Exit, Streams, printed};
use crate::diff::{diff, write_human};
use crate::questionnaire::Questionnaire;

/// `qfill diff`.
#[derive(Debug, Clone, Default)]
pub struct DiffRequest {
    /// The older edition: a built-in id or a definition file.
    pub a: String,
    /// The newer edition.
    pub b: String,
    /// `--format json`.
    pub json: bool,
}

/// Compares two editions; exits 0 whether or not they differ.
pub fn run(request: &DiffRequest, streams: &mut Streams<'_>) -> Result<Exit, Error> {
    let (a, b) = (edition(&request.a)?, edition(&request.b)?);
    let d = diff(&a, &b);
    let out = &mut *streams.out;
    printed(if request.json {
        serde_json::to_writer_pretty(&mut *out, &d)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        let mut text = Vec::new();
        write_human(&d, &mut text).and_then(|()| {
            let text = String::from_utf8_lossy(&text);
            // On a terminal, lines break between words; into a pipe each text stays one line.
            if streams.out_is_terminal {
                writeln!(
                    out,
                    "{}",
                    crate::text::wrapped(text.trim_end(), terminal_width())
                )
            } else {
                out.write_all(text.as_bytes())
            }
        })
    })
}

/// The terminal's width, 80 when it cannot be told.
fn terminal_width() -> usize {
    match crossterm::terminal::size() {
        Ok((cols, _)) if cols >= 20 => usize::from(cols),
        _ => 80,
    }
}

/// Loads an edition for `diff`, refusing an answers file given in its place.
fn edition(id_or_path: &str) -> Result<Questionnaire, Error> {
    let path = Path::new(id_or_path);
    if Questionnaire::builtin(id_or_path).is_none()
        && path.is_file()
        && let Ok(text) = std::fs::read_to_string(path)
        && looks_like_answers(&text, id_or_path)
    {
        return Err(Error::NotAnEdition {
            path: id_or_path.to_string(),
        });
    }
    Ok(Questionnaire::resolve(id_or_path)?)
}

fn looks_like_answers(text: &str, name: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if json || text.trim_start().starts_with('{') {
        return true;
    }
    match text.parse::<toml::Table>() {
        Ok(table) => {
            !table.contains_key("questions")
                && (table.contains_key("answers") || table.contains_key("entity"))
        }
        Err(_) => false,
    }
}
