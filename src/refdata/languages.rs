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
    let found = by_code.or_else(|| by_name(trimmed, &lower));
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

/// A language by English name (any case), else by autonym (exact, then any case).
///
/// isolang looks names up by scanning its ~8000 languages and lowercasing each name, for every
/// call; the index is built once per process instead.
fn by_name(trimmed: &str, lower: &str) -> Option<Language> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    struct Index {
        names: HashMap<String, Language>,
        autonyms: HashMap<&'static str, Language>,
        autonyms_lower: HashMap<String, Language>,
    }
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = Index {
            names: HashMap::new(),
            autonyms: HashMap::new(),
            autonyms_lower: HashMap::new(),
        };
        // In isolang's order, the first language wins, as its `find` does.
        for language in isolang::languages() {
            index
                .names
                .entry(language.to_name().to_ascii_lowercase())
                .or_insert(language);
            if let Some(autonym) = language.to_autonym() {
                index.autonyms.entry(autonym).or_insert(language);
                index
                    .autonyms_lower
                    .entry(autonym.to_lowercase())
                    .or_insert(language);
            }
        }
        index
    });
    index
        .names
        .get(lower)
        .or_else(|| index.autonyms.get(trimmed))
        .or_else(|| index.autonyms_lower.get(lower))
        .copied()
}

/// Languages with an ISO 639-1 code that an entry which matched none may mean: those whose
/// English name starts with it, else those close to it as spelled.
pub fn language_candidates(input: &str) -> Vec<&'static str> {
    let key = crate::rules::text::fold(input);
    if key.len() < 2 {
        return Vec::new();
    }
    let names = || {
        isolang::languages()
            .filter(|l| l.to_639_1().is_some())
            .map(|l| l.to_name())
    };
    let mut found: Vec<&'static str> = names()
        .filter(|n| crate::rules::text::fold(n).starts_with(&key))
        .collect();
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        found = super::close(input, names(), 5);
    }
    found
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
    fn candidates_for_an_unknown_language() {
        assert_eq!(language_candidates("Portug"), ["Portuguese"]);
        assert_eq!(language_candidates("Frnech"), ["French"]);
        assert!(language_candidates("Swa").contains(&"Swahili"));
        assert!(language_candidates("qqqq").is_empty());
    }

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
