//! `qfill schema`: the JSON Schema of answers files, for editors and other tools.

use super::{Error, Exit, Streams, printed};

/// Prints the JSON Schema of answers files for `questionnaire` (else the default edition).
pub fn run(questionnaire: Option<&str>, streams: &mut Streams<'_>) -> Result<Exit, Error> {
    let q = super::show::edition(questionnaire)?;
    let out = &mut *streams.out;
    printed(
        serde_json::to_writer_pretty(&mut *out, &crate::schema::answers_schema(&q))
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
    )
}
