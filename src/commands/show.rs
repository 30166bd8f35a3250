//! `qfill show`: the questionnaire as a person reads it, the list of editions, or the blank form.

use std::borrow::Cow;

use super::{Error, Exit, Streams, printed};
use crate::questionnaire::Questionnaire;

/// What `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowWhat {
    /// Each question, field and rule with its status and sources.
    Table,
    /// The built-in editions (`--list`).
    List,
    /// The blank form as text (`--to text`), the text `definition from-text` reads.
    Form,
}

/// Prints `what` of `questionnaire` (else the default edition).
pub fn run(
    what: ShowWhat,
    questionnaire: Option<&str>,
    streams: &mut Streams<'_>,
) -> Result<Exit, Error> {
    let out = &mut *streams.out;
    match what {
        ShowWhat::List => printed(crate::show::list(out)),
        ShowWhat::Table => {
            let q = edition(questionnaire)?;
            printed(crate::show::table(&q, out))
        }
        ShowWhat::Form => {
            let q = edition(questionnaire)?;
            printed(out.write_all(crate::definition::to_text::blank_form(&q).as_bytes()))
        }
    }
}

/// The edition `-q` names, else the default one.
pub(super) fn edition(flag: Option<&str>) -> Result<Cow<'static, Questionnaire>, Error> {
    Ok(match flag {
        Some(flag) => Cow::Owned(Questionnaire::resolve(flag)?),
        None => Cow::Borrowed(crate::questionnaire::flag_or_default(None)),
    })
}
