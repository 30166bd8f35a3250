//! Writes `country_tables.rs`, `language_tables.rs` and `entity_tables.rs`: the reference data
//! as sorted static tables, built from `countries.toml`, `iso639-1.tsv`, `languages-common.tsv`,
//! the isolang crate and `entities.toml`.
//!
//! The tables are built here, by the test suite, rather than each time qfill starts: building
//! them at run time took two thirds of the instructions of validating one file. The test
//! `tables_are_current` fails when the files are not what these sources give, and rewrites them;
//! review the new files and commit them with the change to the data.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Deserialize;

use super::countries::Kind;
use super::entities::{Group, spelling_words};
use crate::text::fold;

/// `countries.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CountriesFile {
    pub member_state: Vec<CountryEntry>,
    pub observer: Vec<CountryEntry>,
    pub territory: Vec<CountryEntry>,
    pub organisation: Vec<CountryEntry>,
}

/// One entry of `countries.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CountryEntry {
    pub name: String,
    pub iso3: Option<String>,
    pub iso2: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// `countries.toml`, parsed.
pub(super) fn countries_file() -> CountriesFile {
    toml::from_str(include_str!("countries.toml")).expect("countries.toml is valid")
}

/// The non-comment rows of a tab-separated reference file.
pub(super) fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

struct Countries {
    /// Kind and name, in file order.
    entries: Vec<(Kind, String)>,
    /// Folded names, codes and aliases; the first entry to claim a key keeps it.
    keys: BTreeMap<String, usize>,
    /// Every name and alias of a Member State or observer.
    state_spellings: Vec<(String, usize)>,
}

fn countries() -> Countries {
    let file = countries_file();
    let mut out = Countries {
        entries: Vec::new(),
        keys: BTreeMap::new(),
        state_spellings: Vec::new(),
    };
    let groups = [
        (Kind::Member, file.member_state),
        (Kind::Observer, file.observer),
        (Kind::Territory, file.territory),
        (Kind::Organisation, file.organisation),
    ];
    for (kind, entries) in groups {
        for entry in entries {
            let index = out.entries.len();
            out.entries.push((kind, entry.name.clone()));
            if matches!(kind, Kind::Member | Kind::Observer) {
                out.state_spellings.push((entry.name.clone(), index));
                for alias in &entry.aliases {
                    out.state_spellings.push((alias.clone(), index));
                }
            }
            let keys = std::iter::once(entry.name)
                .chain(entry.iso3)
                .chain(entry.iso2)
                .chain(entry.aliases);
            for key in keys {
                out.keys.entry(fold(&key)).or_insert(index);
            }
        }
    }
    out
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

struct Languages {
    /// ISO 639-1 codes, in registry order.
    codes: Vec<String>,
    /// ISO 639-1, 639-2/T, 639-2/B codes, then ISO 639-3 codes of the same languages.
    by_code: BTreeMap<String, usize>,
    /// Folded names: the registry's, common ones, then unambiguous readings of both.
    by_name: BTreeMap<String, usize>,
    /// Lowercase autonyms (`français`).
    by_autonym: BTreeMap<String, usize>,
    /// Names as people write them, in natural order (`Modern Greek`), for hints and completion.
    shown: Vec<(String, usize)>,
}

fn languages() -> Languages {
    let mut out = Languages {
        codes: Vec::new(),
        by_code: BTreeMap::new(),
        by_name: BTreeMap::new(),
        by_autonym: BTreeMap::new(),
        shown: Vec::new(),
    };
    let mut registry_names: Vec<(String, usize)> = Vec::new();
    for row in rows(include_str!("iso639-1.tsv")) {
        let index = out.codes.len();
        for code in row[..3].iter().filter(|c| !c.is_empty()) {
            out.by_code.insert(code.to_string(), index);
        }
        for name in row[3].split("; ") {
            out.by_name.insert(fold(name), index);
            let shown = if name.contains(", ") {
                readings(name).swap_remove(2)
            } else {
                name.to_string()
            };
            out.shown.push((shown, index));
            registry_names.push((name.to_string(), index));
        }
        out.codes.push(row[0].to_string());
    }
    for row in rows(include_str!("languages-common.tsv")) {
        let index = out.by_code[row[1]];
        out.by_name.entry(fold(row[0])).or_insert(index);
        out.shown.push((row[0].to_string(), index));
    }
    // Readings of the registry's names and of isolang's, where only one language has them:
    // `Ndebele` is North or South, so it is neither.
    let mut read: HashMap<String, Vec<usize>> = HashMap::new();
    let isolang_names = isolang::languages().filter_map(|l| {
        let index = *out.by_code.get(l.to_639_1()?)?;
        Some((l.to_name().to_string(), index))
    });
    let all_names: Vec<(String, usize)> = registry_names.into_iter().chain(isolang_names).collect();
    for (name, index) in all_names {
        for reading in readings(&name) {
            let owners = read.entry(fold(&reading)).or_default();
            if !owners.contains(&index) {
                owners.push(index);
            }
        }
    }
    for (key, owners) in read {
        if let [index] = owners[..] {
            out.by_name.entry(key).or_insert(index);
        }
    }
    for language in isolang::languages() {
        let Some(&index) = language.to_639_1().and_then(|c| out.by_code.get(c)) else {
            continue;
        };
        if let Some(autonym) = language.to_autonym() {
            out.by_autonym
                .entry(autonym.to_lowercase())
                .or_insert(index);
        }
        // ISO 639-3 codes after the registry's: `fas` and the like name the same language.
        out.by_code
            .entry(language.to_639_3().to_string())
            .or_insert(index);
    }
    out
}

/// The head of a generated file.
fn header(what: &str, sources: &str) -> String {
    format!(
        "//! {what} as sorted static tables. @generated by the test\n\
         //! `refdata::generate::tables_are_current` from {sources}: edit those, not this file.\n"
    )
}

/// The text of `country_tables.rs`.
fn country_tables() -> String {
    let countries = countries();
    let mut out = header("Countries", "`countries.toml`");
    out.push_str("\nuse super::countries::Kind;\n");
    let kind = |k: Kind| match k {
        Kind::Member => "Member",
        Kind::Observer => "Observer",
        Kind::Territory => "Territory",
        Kind::Organisation => "Organisation",
    };
    let rows: Vec<String> = countries
        .entries
        .iter()
        .map(|(k, name)| format!("(Kind::{}, {name:?})", kind(*k)))
        .collect();
    table(
        &mut out,
        "Every country, territory and organisation: its kind and name, in file order.",
        "COUNTRIES: &[(Kind, &str)]",
        &rows,
    );
    indexed(
        &mut out,
        "Folded names, aliases and ISO codes, sorted, with the entry of `COUNTRIES` each names.",
        "COUNTRY_KEYS",
        countries.keys.iter().map(|(k, i)| (k.as_str(), *i)),
    );
    indexed(
        &mut out,
        "Every name and alias of a Member State or observer, with its entry of `COUNTRIES`.",
        "STATE_SPELLINGS",
        countries
            .state_spellings
            .iter()
            .map(|(s, i)| (s.as_str(), *i)),
    );
    out
}

/// The text of `language_tables.rs`.
fn language_tables() -> String {
    let languages = languages();
    let mut out = header(
        "Languages",
        "`iso639-1.tsv`, `languages-common.tsv` and the\n//! isolang crate",
    );
    let rows: Vec<String> = languages.codes.iter().map(|c| format!("{c:?}")).collect();
    table(
        &mut out,
        "The ISO 639-1 codes, in registry order: the languages the other tables point at.",
        "LANGUAGES: &[&str]",
        &rows,
    );
    indexed(
        &mut out,
        "ISO 639-1, 639-2/T and 639-2/B codes, and ISO 639-3 codes of the same languages, sorted.",
        "LANGUAGE_CODES",
        languages.by_code.iter().map(|(k, i)| (k.as_str(), *i)),
    );
    indexed(
        &mut out,
        "Folded English names: the registry's, common ones, and their unambiguous readings, sorted.",
        "LANGUAGE_NAMES",
        languages.by_name.iter().map(|(k, i)| (k.as_str(), *i)),
    );
    indexed(
        &mut out,
        "Lowercase autonyms (`français`), sorted.",
        "LANGUAGE_AUTONYMS",
        languages.by_autonym.iter().map(|(k, i)| (k.as_str(), *i)),
    );
    indexed(
        &mut out,
        "Names as people write them (`Modern Greek`), for hints and completion, in registry order.",
        "LANGUAGE_SHOWN",
        languages.shown.iter().map(|(s, i)| (s.as_str(), *i)),
    );
    out
}

/// `entities.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntitiesFile {
    pub entity: Vec<EntityEntry>,
}

/// One entry of `entities.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntityEntry {
    pub name: String,
    pub acronym: Option<String>,
    #[serde(default)]
    pub former: Vec<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    pub group: Group,
    #[serde(default)]
    pub ceb: bool,
    #[serde(default)]
    pub exact: bool,
    pub source: String,
}

/// `entities.toml`, parsed.
pub(super) fn entities_file() -> EntitiesFile {
    toml::from_str(include_str!("entities.toml")).expect("entities.toml is valid")
}

/// The look-up tables of `entities.toml`, each key with its entry and the `MatchedBy` variant
/// of the spelling it comes from.
#[derive(Default)]
struct EntityKeys {
    /// Every spelling, folded: the whole-name look-up.
    folded: BTreeMap<String, (usize, &'static str)>,
    /// Spellings of several words, lowercase, `UN` written out, space-separated: the names
    /// looked for among the words of a longer name.
    names: BTreeMap<String, (usize, &'static str)>,
    /// Acronyms, lowercase and space-separated, with their words as written: looked for among
    /// the words of a longer name.
    acronyms: BTreeMap<String, (String, usize, &'static str)>,
    /// Entries found by their whole name only.
    whole_name_only: Vec<usize>,
    /// Spellings that two entries share, or that one repeats.
    clashes: Vec<String>,
}

/// Words too common to find an entity by, in a name of two words: `Ethics Office` is also
/// UNDP's.
const COMMON_IN_NAMES: &[&str] = &[
    "un",
    "united",
    "nations",
    "office",
    "secretariat",
    "department",
];

/// Whether a spelling, as words, reads as an acronym: one or two words, the first in capitals
/// (`UNECE`, `SCBD`, `UN Women`).
fn reads_as_acronym(words: &[(String, String)]) -> bool {
    let first_in_capitals = words.first().is_some_and(|(cased, _)| {
        cased.len() >= 2
            && cased.bytes().any(|b| b.is_ascii_uppercase())
            && cased
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    });
    words.len() <= 2 && first_in_capitals
}

/// Reads every spelling of `entities.toml` into the look-up tables, and what clashes.
fn entity_keys(file: &EntitiesFile) -> EntityKeys {
    let mut keys = EntityKeys::default();
    for (index, entry) in file.entity.iter().enumerate() {
        if entry.exact {
            keys.whole_name_only.push(index);
        }
        let spellings = std::iter::once((&entry.name, "Name"))
            .chain(entry.acronym.iter().map(|a| (a, "Acronym")))
            .chain(entry.variants.iter().map(|v| (v, "Variant")))
            .chain(entry.former.iter().map(|f| (f, "Former")));
        for (spelling, by) in spellings {
            let words = spelling_words(spelling);
            let lower: Vec<&str> = words.iter().map(|(_, l)| l.as_str()).collect();
            let clash = |table: &str, key: &str, other: usize| {
                format!(
                    "`{spelling}` ({}) is {table} `{key}` of `{}` already",
                    entry.name, file.entity[other].name
                )
            };
            let folded = lower.concat();
            if folded.is_empty() {
                keys.clashes
                    .push(format!("`{spelling}` ({}) has no word", entry.name));
            } else if let Some((other, _)) = keys.folded.get(&folded) {
                keys.clashes.push(clash("the spelling", &folded, *other));
            } else {
                keys.folded.insert(folded, (index, by));
            }
            if entry.exact {
                continue;
            }
            let as_name = lower.len() >= 3
                || (lower.len() == 2 && !lower.iter().any(|w| COMMON_IN_NAMES.contains(w)));
            if as_name {
                let key = lower
                    .iter()
                    .map(|w| if *w == "un" { "united nations" } else { w })
                    .collect::<Vec<_>>()
                    .join(" ");
                match keys.names.get(&key) {
                    Some((other, _)) if *other != index => {
                        keys.clashes.push(clash("the name", &key, *other));
                    }
                    _ => {
                        keys.names.entry(key).or_insert((index, by));
                    }
                }
            }
            if by == "Acronym" || reads_as_acronym(&words) {
                let key = lower.join(" ");
                let cased: Vec<&str> = words.iter().map(|(c, _)| c.as_str()).collect();
                match keys.acronyms.get(&key) {
                    Some((_, other, _)) if *other != index => {
                        keys.clashes.push(clash("the acronym", &key, *other));
                    }
                    _ => {
                        keys.acronyms
                            .entry(key)
                            .or_insert((cased.join(" "), index, by));
                    }
                }
            }
        }
    }
    keys
}

/// The text of `entity_tables.rs`.
fn entity_tables() -> String {
    let file = entities_file();
    let keys = entity_keys(&file);
    assert!(
        keys.clashes.is_empty(),
        "entities.toml: every spelling must stand for one entry, once:\n{}",
        keys.clashes.join("\n")
    );
    let mut out = header("UN system entities", "`entities.toml`");
    out.push_str("\nuse super::{Entity, Group, MatchedBy};\n");
    let strings = |list: &[String]| {
        let quoted: Vec<String> = list.iter().map(|s| format!("{s:?}")).collect();
        format!("&[{}]", quoted.join(", "))
    };
    // One entry a line: the entries are reviewed in `entities.toml`, this file only follows it.
    out.push_str(
        "\n/// Every entity, in file order: the entries the other tables point at.\n\
         pub(super) static ENTITIES: &[Entity] = &[\n",
    );
    for e in &file.entity {
        let _ = writeln!(
            out,
            "    Entity {{ name: {:?}, acronym: {:?}, former: {}, variants: {}, group: Group::{:?}, \
             ceb: {}, source: {:?} }},",
            e.name,
            e.acronym,
            strings(&e.former),
            strings(&e.variants),
            e.group,
            e.ceb,
            e.source
        );
    }
    out.push_str("];\n");
    let index = |i: usize| u16::try_from(i).expect("fewer than 65,536 entries");
    let rows: Vec<String> = keys
        .folded
        .iter()
        .map(|(k, (i, by))| format!("({k:?}, {}, MatchedBy::{by})", index(*i)))
        .collect();
    table(
        &mut out,
        "Every spelling, folded, sorted, with its entity and what it is.",
        "ENTITY_KEYS: &[(&str, u16, MatchedBy)]",
        &rows,
    );
    let rows: Vec<String> = keys
        .names
        .iter()
        .map(|(k, (i, by))| format!("({k:?}, {}, MatchedBy::{by})", index(*i)))
        .collect();
    table(
        &mut out,
        "Spellings of several words (`UN` written out), sorted, to look for in longer names.",
        "NAME_WORDS: &[(&str, u16, MatchedBy)]",
        &rows,
    );
    let rows: Vec<String> = keys
        .acronyms
        .iter()
        .map(|(k, (cased, i, by))| format!("({k:?}, {cased:?}, {}, MatchedBy::{by})", index(*i)))
        .collect();
    table(
        &mut out,
        "Acronyms, lowercase and as written, sorted, to look for in longer names.",
        "ACRONYM_WORDS: &[(&str, &str, u16, MatchedBy)]",
        &rows,
    );
    let rows: Vec<String> = keys
        .whole_name_only
        .iter()
        .map(|i| index(*i).to_string())
        .collect();
    table(
        &mut out,
        "The entities found by their whole name only.",
        "WHOLE_NAME_ONLY: &[u16]",
        &rows,
    );
    out
}

/// A static table of `(text, index)` rows.
fn indexed<'a>(
    out: &mut String,
    doc: &str,
    name: &str,
    rows: impl Iterator<Item = (&'a str, usize)>,
) {
    let rows: Vec<String> = rows
        .map(|(text, index)| {
            let index = u16::try_from(index).expect("fewer than 65,536 entries");
            format!("({text:?}, {index})")
        })
        .collect();
    table(out, doc, &format!("{name}: &[(&str, u16)]"), &rows);
}

/// A static table, its rows packed several to a line.
fn table(out: &mut String, doc: &str, declaration: &str, rows: &[String]) {
    const WIDTH: usize = 100;
    let _ = write!(out, "\n/// {doc}\npub(super) static {declaration} = &[\n");
    let mut line = String::new();
    for row in rows {
        if !line.is_empty() && line.len() + row.len() + 2 > WIDTH {
            let _ = writeln!(out, "{}", line.trim_end());
            line.clear();
        }
        if line.is_empty() {
            line.push_str("   ");
        }
        let _ = write!(line, " {row},");
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push_str("];\n");
}

#[test]
fn tables_are_current() {
    crate::generated::ensure_current(&[
        (
            "src/refdata/country_tables.rs",
            country_tables().into_bytes(),
        ),
        (
            "src/refdata/language_tables.rs",
            language_tables().into_bytes(),
        ),
        ("src/refdata/entity_tables.rs", entity_tables().into_bytes()),
    ]);
}

#[test]
fn sorted_tables_are_sorted_and_unique() {
    use super::country_tables::COUNTRY_KEYS;
    use super::language_tables::*;
    for table in [
        COUNTRY_KEYS,
        LANGUAGE_CODES,
        LANGUAGE_NAMES,
        LANGUAGE_AUTONYMS,
    ] {
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        // Every key is found, at its index; a key cut short or run on is not, unless it is a
        // key too.
        for (key, index) in table {
            assert_eq!(
                super::look_up(table, key),
                Some(usize::from(*index)),
                "{key}"
            );
            let cut = key.char_indices().last().map_or(0, |(at, _)| at);
            for other in [&key[..cut], &format!("{key}z"), &format!("{key}0")] {
                let listed = table.iter().find(|(k, _)| *k == other);
                assert_eq!(
                    super::look_up(table, other),
                    listed.map(|(_, i)| usize::from(*i)),
                    "{other}"
                );
            }
        }
    }
}
