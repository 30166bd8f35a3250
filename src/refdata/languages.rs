//! Languages: the ISO 639-1 registry (`iso639-1.tsv`) by its codes and every English name it
//! gives, the names people commonly write (`languages-common.tsv`), and ISO 639-3 codes and
//! autonyms from the isolang crate (whose English names give one variant only).

use std::collections::HashMap;
use std::sync::OnceLock;

use isolang::Language;

use super::fold;

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

/// One language of the registry.
struct Entry {
    code: &'static str,
    /// The registry's English names, in its order (`Greek, Modern (1453-)`).
    names: Vec<&'static str>,
}

struct Registry {
    entries: Vec<Entry>,
    /// ISO 639-1, 639-2/T and 639-2/B codes.
    by_code: HashMap<&'static str, usize>,
    /// Folded names: the registry's, common ones, then unambiguous readings of both.
    by_name: HashMap<String, usize>,
    /// Lowercase autonyms (`français`).
    by_autonym: HashMap<String, usize>,
    /// Names as people write them, in natural order (`Modern Greek`), for hints and completion.
    shown: Vec<(&'static str, usize)>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// `Greek, Modern (1453-)` read as people say it: as written, without the parenthesis, in
/// natural order (`Modern Greek`, then at index 2), by its head word alone (`Greek`), and in
/// natural order with the parenthesis (`Modern Greek (1453-)`, ISO 639-3's name).
fn readings(name: &str) -> Vec<String> {
    let (bare, parenthesis) = match name.find(" (") {
        Some(at) => (name[..at].trim(), &name[at..]),
        None => (name, ""),
    };
    let mut out = vec![name.to_string(), bare.to_string()];
    if let Some((head, rest)) = bare.split_once(", ") {
        out.push(format!("{rest} {head}"));
        out.push(head.to_string());
        if !parenthesis.is_empty() {
            out.push(format!("{rest} {head}{parenthesis}"));
        }
    }
    out
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut registry = Registry {
            entries: Vec::new(),
            by_code: HashMap::new(),
            by_name: HashMap::new(),
            by_autonym: HashMap::new(),
            shown: Vec::new(),
        };
        for row in rows(include_str!("iso639-1.tsv")) {
            let index = registry.entries.len();
            for code in row[..3].iter().filter(|c| !c.is_empty()) {
                registry.by_code.insert(code, index);
            }
            let names: Vec<&'static str> = row[3].split("; ").collect();
            for name in &names {
                registry.by_name.insert(fold(name), index);
                if name.contains(", ") {
                    let natural = Box::leak(readings(name).swap_remove(2).into_boxed_str());
                    registry.shown.push((natural, index));
                } else {
                    registry.shown.push((name, index));
                }
            }
            registry.entries.push(Entry {
                code: row[0],
                names,
            });
        }
        for row in rows(include_str!("languages-common.tsv")) {
            let index = registry.by_code[row[1]];
            registry.by_name.entry(fold(row[0])).or_insert(index);
            registry.shown.push((row[0], index));
        }
        // Readings of the registry's names and of isolang's, where only one language has them:
        // `Ndebele` is North or South, so it is neither.
        let mut read: HashMap<String, Vec<usize>> = HashMap::new();
        let isolang_names = isolang::languages().filter_map(|l| {
            let index = *registry.by_code.get(l.to_639_1()?)?;
            Some((l.to_name(), index))
        });
        let registry_names = registry
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names.iter().map(move |n| (*n, i)));
        for (name, index) in registry_names.chain(isolang_names) {
            for reading in readings(name) {
                let owners = read.entry(fold(&reading)).or_default();
                if !owners.contains(&index) {
                    owners.push(index);
                }
            }
        }
        for (key, owners) in read {
            if let [index] = owners[..] {
                registry.by_name.entry(key).or_insert(index);
            }
        }
        for language in isolang::languages() {
            if let (Some(code), Some(autonym)) = (language.to_639_1(), language.to_autonym())
                && let Some(&index) = registry.by_code.get(code)
            {
                registry
                    .by_autonym
                    .entry(autonym.to_lowercase())
                    .or_insert(index);
            }
        }
        registry
    })
}

/// Matches a code (`en`, `eng`, `fre`) or a name (`English`, `Pashto`, `Farsi`, `Français`),
/// ignoring case, accents and punctuation.
pub fn match_language(input: &str) -> LanguageMatch {
    let registry = registry();
    let trimmed = input.trim();
    let lower = trimmed.to_lowercase();
    let by_code = match lower.len() {
        2 | 3 => registry.by_code.get(lower.as_str()).copied().or_else(|| {
            let code = Language::from_639_3(&lower)?.to_639_1()?;
            registry.by_code.get(code).copied()
        }),
        _ => None,
    };
    let found = by_code
        .or_else(|| registry.by_name.get(&fold(trimmed)).copied())
        .or_else(|| registry.by_autonym.get(&lower).copied());
    match found {
        Some(index) => LanguageMatch::Code(registry.entries[index].code),
        None => LanguageMatch::Unknown {
            closest: closest(trimmed),
        },
    }
}

/// The close names, one per language.
fn closest(input: &str) -> Vec<&'static str> {
    let registry = registry();
    let names = super::nearest(input, registry.shown.iter().map(|(n, _)| (*n, *n)));
    let mut seen = Vec::new();
    names
        .into_iter()
        .filter(|name| {
            let index = registry
                .shown
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, i)| *i);
            let new = !seen.contains(&index);
            seen.push(index);
            new
        })
        .collect()
}

/// The hint for an entry that is not a language: the close names, or what to write.
pub fn language_hint(closest: &[&str]) -> String {
    super::did_you_mean(closest).unwrap_or_else(|| {
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
    let registry = registry();
    let mut found: Vec<&'static str> = registry
        .shown
        .iter()
        .filter(|(name, _)| fold(name).starts_with(&key))
        .map(|(name, _)| *name)
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
    let registry = registry();
    let wanted = fold(prefix);
    if wanted.is_empty() {
        return None;
    }
    let mut found = registry
        .shown
        .iter()
        .filter(|(n, _)| fold(n).starts_with(&wanted));
    let (name, index) = found.next()?;
    found.all(|(_, i)| i == index).then_some(*name)
}

#[cfg(test)]
mod tests;
