//! Languages: a name or code as written, read as an ISO 639-1 code.

use super::text::{self, Marker};
use super::{Problem, Read, Reading};
use crate::finding::Code;
use crate::refdata::{self, LanguageMatch};

/// Reads one language: its ISO 639-1 code, or kept as written (`TBD` silently: it is reported
/// where it was found).
pub fn read(s: &str) -> Reading<&'static str> {
    match refdata::match_language(s) {
        LanguageMatch::Code(code) => Reading::canonical(code),
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

/// A language the registry knows by this name or code (`na` is Nauru, not "not answered").
pub fn is_known_name(s: &str) -> bool {
    refdata::knows_language(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_languages() {
        assert_eq!(read("French").value, Read::Canonical("fr"));
        assert_eq!(read("en").value, Read::Canonical("en"));
        let klingon = read("Klingon");
        assert_eq!(klingon.value, Read::AsWritten);
        assert_eq!(klingon.problems[0].code, Code::LanguageUnknown);
        assert_eq!(read("TBD").problems, []);
        assert_eq!(read("na").value, Read::Canonical("na"));
        assert!(is_known_name("NA") && is_known_name("Nauru"));
        assert!(!is_known_name("N/A") && !is_known_name("none"));
    }
}
