//! Languages: ISO 639-1 codes, and English names, native names and 639-3 codes that map to them,
//! from the isolang crate.

use isolang::Language;

/// What a language entry turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageMatch {
    /// A language with an ISO 639-1 code: the code, lowercase.
    Code(&'static str),
    /// Nothing matched; the closest English name, if any is close.
    Unknown {
        /// The closest name.
        closest: Option<&'static str>,
    },
}

/// Matches a code (`en`, `eng`) or a name (`English`, `Français`), ignoring case.
pub fn match_language(input: &str) -> LanguageMatch {
    let trimmed = input.trim();
    let lower = trimmed.to_lowercase();
    let by_code = match lower.len() {
        2 => Language::from_639_1(&lower),
        3 => Language::from_639_3(&lower),
        _ => None,
    };
    let found = by_code
        .or_else(|| Language::from_name_lowercase(&lower))
        .or_else(|| Language::from_autonym(trimmed))
        .or_else(|| {
            // The matcher must be 'static, so it owns its copy of the input.
            let wanted = lower.clone();
            let mut autonyms = Language::match_autonyms(move |name| name.to_lowercase() == wanted);
            autonyms.next()
        });
    match found.and_then(|l| l.to_639_1()) {
        Some(code) => LanguageMatch::Code(code),
        None => LanguageMatch::Unknown {
            closest: super::closest(
                trimmed,
                isolang::languages()
                    .filter(|l| l.to_639_1().is_some())
                    .map(|l| l.to_name()),
            ),
        },
    }
}

/// The one language with an ISO 639-1 code whose English name starts with `prefix`.
pub fn complete_language(prefix: &str) -> Option<&'static str> {
    super::countries::unique_prefix(
        prefix,
        isolang::languages()
            .filter(|l| l.to_639_1().is_some())
            .map(|l| l.to_name()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("en", Some("en")),
            ("EN", Some("en")),
            ("English", Some("en")),
            ("french", Some("fr")),
            ("Spanish", Some("es")),
            ("Arabic", Some("ar")),
            ("Chinese", Some("zh")),
            ("Russian", Some("ru")),
            ("Portuguese", Some("pt")),
            ("pt", Some("pt")),
            ("spa", Some("es")),
            ("Français", Some("fr")),
            ("español", Some("es")),
            ("Klingon", None),
            ("xx", None),
        ];
        for (input, want) in cases {
            let got = match match_language(input) {
                LanguageMatch::Code(c) => Some(c),
                LanguageMatch::Unknown { .. } => None,
            };
            assert_eq!(got, *want, "{input}");
        }
    }

    #[test]
    fn completing_names() {
        assert_eq!(complete_language("Portu"), Some("Portuguese"));
        assert_eq!(complete_language("Fre"), Some("French"));
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        assert_eq!(
            match_language("Englsh"),
            LanguageMatch::Unknown {
                closest: Some("English")
            }
        );
    }
}
