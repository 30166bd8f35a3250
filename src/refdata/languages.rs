//! Languages: the ISO 639-1 registry (`iso639-1.tsv`) by its codes and every English name it
//! gives, the names people commonly write (`languages-common.tsv`), and ISO 639-3 codes and
//! autonyms from the isolang crate (whose English names give one variant only), all looked up in
//! the static tables `generate.rs` writes.

use super::language_tables::{
    LANGUAGE_AUTONYMS, LANGUAGE_CODES, LANGUAGE_NAMES, LANGUAGE_SHOWN, LANGUAGES,
};
use super::look_up;
use crate::text::{fold, with_folded};

/// What a language entry turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageMatch {
    /// A language with an ISO 639-1 code: the code, lowercase.
    Code(&'static str),
    /// Nothing matched; the English names of the languages that are close, best first.
    Unknown {
        /// The close names (none, one or several).
        closest: Vec<&'static str>,
    },
}

/// Matches a code (`en`, `eng`, `fre`) or a name (`English`, `Pashto`, `Farsi`, `Français`),
/// ignoring case, accents and punctuation.
pub fn match_language(input: &str) -> LanguageMatch {
    match lookup(input) {
        Some(index) => LanguageMatch::Code(LANGUAGES[index]),
        None => LanguageMatch::Unknown {
            closest: closest(input.trim()),
        },
    }
}

/// Whether a code or name is a language: the look-up of [`match_language`] without searching
/// for close names.
pub fn knows_language(input: &str) -> bool {
    lookup(input).is_some()
}

fn lookup(input: &str) -> Option<usize> {
    let trimmed = input.trim();
    let lower = trimmed.to_lowercase();
    let by_code = match lower.len() {
        2 | 3 => look_up(LANGUAGE_CODES, &lower),
        _ => None,
    };
    by_code
        .or_else(|| with_folded(trimmed, |key| look_up(LANGUAGE_NAMES, key)))
        .or_else(|| look_up(LANGUAGE_AUTONYMS, &lower))
}

/// The English name people write for a language, by its ISO 639-1 code (`fr` → `French`).
pub fn language_name(code: &str) -> Option<&'static str> {
    let index = LANGUAGES.binary_search(&code).ok()?;
    shown().find(|(_, i)| *i == index).map(|(name, _)| name)
}

/// The names people write, with the language each is of.
fn shown() -> impl Iterator<Item = (&'static str, usize)> + Clone {
    LANGUAGE_SHOWN
        .iter()
        .map(|(name, index)| (*name, usize::from(*index)))
}

/// The close names, one per language.
fn closest(input: &str) -> Vec<&'static str> {
    let names = crate::text::nearest(input, shown().map(|(n, _)| (n, n)));
    let mut seen = Vec::new();
    names
        .into_iter()
        .filter(|name| {
            let index = shown().find(|(n, _)| n == name).map(|(_, i)| i);
            let new = !seen.contains(&index);
            seen.push(index);
            new
        })
        .collect()
}

/// The hint for an entry that is not a language: the close names, or what to write.
pub fn language_hint(closest: &[&str]) -> String {
    crate::text::did_you_mean(closest).unwrap_or_else(|| {
        "no ISO 639-1 language name is close; use the language's English name or its \
         two-letter ISO 639-1 code"
            .to_string()
    })
}

/// Languages with an ISO 639-1 code that an entry which matched none may mean: those whose
/// English name starts with it, else those close to it as spelled.
pub fn language_candidates(input: &str) -> Vec<&'static str> {
    let key = fold(input);
    if key.len() < 2 {
        return Vec::new();
    }
    let mut found: Vec<&'static str> = shown()
        .filter(|(name, _)| fold(name).starts_with(&key))
        .map(|(name, _)| name)
        .collect();
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        found = closest(input);
    }
    found
}

/// The one language with an ISO 639-1 code whose English name starts with `prefix`.
pub fn complete_language(prefix: &str) -> Option<&'static str> {
    let wanted = fold(prefix);
    if wanted.is_empty() {
        return None;
    }
    let mut found = shown().filter(|(n, _)| fold(n).starts_with(&wanted));
    let (name, index) = found.next()?;
    found.all(|(_, i)| i == index).then_some(name)
}

#[cfg(test)]
mod tests;
