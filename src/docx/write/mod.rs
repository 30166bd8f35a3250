//! Writing Word documents: the filled form ([`filled_form`]) and the digest of one question
//! ([`digest`]).
//!
//! A .docx is a zip of XML parts. They are written here by hand, through a small escaping
//! writer (`xml.rs`), and zipped with the `zip` crate the workbook writer already brings: a
//! document crate would add a second zip version and write less than the form needs (content-
//! control check boxes). The same answers always give the same bytes: the parts are zipped in a
//! fixed order with a fixed date, and the document's date is `SOURCE_DATE_EPOCH` or a fixed one.

mod blocks;
mod body;
mod digest;
mod form;
mod numbering;
mod package;
mod styles;
mod values;
mod xml;

pub use digest::digest_at;
pub use form::{ENTITY_LABELS, NOTES_HEADING, QUESTIONNAIRE_PROPERTY, filled_form_at, no_records};

use crate::answers::Answers;
use crate::compile::markdown::Digest;
use crate::questionnaire::Questionnaire;

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Word 2010's additions (content-control check boxes).
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
/// Markup compatibility: lets a reader that does not know `w14` ignore it.
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The answers as the Word form DESA sends out, filled in; dated `SOURCE_DATE_EPOCH` if set,
/// else compile's fixed date ([`filled_form_at`] takes the date).
pub fn filled_form(answers: &Answers, q: &Questionnaire) -> Vec<u8> {
    filled_form_at(answers, q, crate::compile::source_date())
}

/// A digest of one question's answers as a Word document; dated `SOURCE_DATE_EPOCH` if set,
/// else compile's fixed date ([`digest_at`] takes the date).
pub fn digest(digest: &Digest) -> Vec<u8> {
    digest_at(digest, crate::compile::source_date())
}

/// A `w:val` attribute, the one most elements take.
fn attr(value: &str) -> [(&'static str, &str); 1] {
    [("w:val", value)]
}

#[cfg(test)]
mod testing;
