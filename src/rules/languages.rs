//! Languages: a name or code as written, read as an ISO 639-1 code.

use super::text::{self, Marker};
use super::{Problem, Read, Reading};
use crate::finding::Code;
use crate::refdata::{self, LanguageMatch};

/// Reads one language: its ISO 639-1 code, or kept as written (`TBD` silently: it is reported
/// where it was found).
pub fn read(s: &str) -> Reading<String> {
    match refdata::match_language(s) {
        LanguageMatch::Code(code) => Reading::canonical(code.to_string()),
        LanguageMatch::Unknown { .. } if text::marker(s) == Some(Marker::Pending) => Reading {
            value: Read::AsWritten,
            problems: Vec::new(),
        },
        LanguageMatch::Unknown { closest } => Reading::as_written(
            Problem::new(
                Code::LanguageUnknown,
                format!("`{s}` is not an ISO 639-1 language code or name"),
            )
            .hint(refdata::language_hint(&closest))
            .value(s),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_languages() {
        assert_eq!(read("French").value, Read::Canonical("fr".to_string()));
        assert_eq!(read("en").value, Read::Canonical("en".to_string()));
        let klingon = read("Klingon");
        assert_eq!(klingon.value, Read::AsWritten);
        assert_eq!(klingon.problems[0].code, Code::LanguageUnknown);
        assert_eq!(read("TBD").problems, []);
    }
}
