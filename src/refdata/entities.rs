//! The entities of the UN system (`entities.toml`): official names, acronyms, former names and
//! the ways entities write themselves, looked up in the static tables `generate.rs` writes
//! (`entity_tables.rs`), so that a response's entity finds its entry however it is written.
//!
//! A name is read as words: ASCII letters and digits after transliteration, lowercase, `&` as
//! `and`, and British and American spellings alike (`Organisation`, `Program`, `Center`,
//! `Labor`). Its fold, the words run together, is [`crate::text::fold`] with those two additions.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::text::Nearest;

#[rustfmt::skip]
#[path = "entity_tables.rs"]
mod tables;

use tables::{ACRONYM_WORDS, ENTITIES, ENTITY_KEYS, NAME_WORDS, WHOLE_NAME_ONLY};

/// An entity of the UN system, as the directory holds it.
#[derive(Debug, PartialEq, Eq)]
pub struct Entity {
    /// The official English name (`World Tourism Organization`).
    pub name: &'static str,
    /// The short form in use (`UN Tourism`), if the entity has one.
    pub acronym: Option<&'static str>,
    /// Former names and short forms (`UNWTO`).
    pub former: &'static [&'static str],
    /// Other ways the entity writes itself (`UNECE`, `UN Trade and Development`).
    pub variants: &'static [&'static str],
    /// Where the UN system chart places it.
    pub group: Group,
    /// Whether it is a member of the UN System Chief Executives Board for Coordination.
    pub ceb: bool,
    /// The entity's website, or the page that lists it.
    pub source: &'static str,
}

/// Where the UN system chart places an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(test, derive(serde::Deserialize), serde(rename_all = "kebab-case"))]
pub enum Group {
    /// A department or office of the Secretariat, or the Secretariat itself.
    Secretariat,
    /// One of the five regional commissions.
    RegionalCommission,
    /// A fund or programme.
    FundOrProgramme,
    /// A research and training institute.
    ResearchAndTraining,
    /// One of the chart's "other entities" (UNCTAD, UNHCR, UN Women …).
    OtherEntity,
    /// A specialized agency.
    SpecializedAgency,
    /// A related organization (IAEA, IOM, WTO …).
    RelatedOrganization,
    /// Another subsidiary body on the chart (UNAIDS).
    OtherBody,
    /// The secretariat of a convention (UNFCCC, CBD …).
    ConventionSecretariat,
}

/// Which spelling of an entity a name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// Its official name.
    Name,
    /// Its acronym.
    Acronym,
    /// A former name or acronym.
    Former,
    /// Another way it writes itself.
    Variant,
}

/// The entity a name stands for, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMatch {
    /// The entity.
    pub entity: &'static Entity,
    /// The spelling that matched.
    pub by: MatchedBy,
    /// Whether the spelling was found among the words of a longer name (`UNDP Regional Bureau
    /// for Africa`) rather than as the whole name, less `the`, `United Nations`, a secretariat
    /// wrapper and a trailing acronym.
    pub within: bool,
}

/// What the directory makes of a name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// One entity.
    Found(EntityMatch),
    /// Several entities match equally well (`UNDP and UNEP`), in directory order.
    Ambiguous(Vec<&'static Entity>),
    /// No entity.
    Unknown,
}

impl Lookup {
    /// The entity found, if exactly one was.
    pub fn entity(&self) -> Option<&'static Entity> {
        match self {
            Lookup::Found(found) => Some(found.entity),
            Lookup::Ambiguous(_) | Lookup::Unknown => None,
        }
    }
}

/// The longest text, in bytes, read as a name: ten times the longest official name, so that
/// a pasted paragraph costs no more than a name.
pub const LONGEST_NAME: usize = 1_500;

/// Every entity of the directory, in the order of `entities.toml`.
pub fn directory() -> &'static [Entity] {
    ENTITIES
}

/// The entity a name as written stands for, trying in turn:
/// 1. the whole name: an official name, acronym, variant or former name (`UNWTO`);
/// 2. the name less `the`, a leading `United Nations` or `UN` (or `UN` read as `United
///    Nations`) and a secretariat wrapper (`secretariat of the …`, `… secretariat`), with the
///    acronym in a final parenthesis: the two must agree; an acronym alone counts
///    (`Statistics Division (DESA)`) unless it abbreviates the name before it and that name
///    shares no telling word with the entity's (`International Solar Alliance (ISA)` is not
///    the Seabed Authority);
/// 3. an entity's name of several words among the words of the name, the longest winning
///    (`International Trade Centre UNCTAD/WTO`);
/// 4. an acronym among the words (`UNECE Sustainable Energy Division`), exactly as written
///    when it is short (`WHO`, never `who`).
///
/// `UN` and `United Nations` are the Secretariat as whole names only: `UN Women` is not it.
/// Two entities found at the same step make the name ambiguous. A text longer than
/// [`LONGEST_NAME`] is no entity's name.
pub fn find(written: &str) -> Lookup {
    let written = written.trim();
    if written.len() > LONGEST_NAME {
        return Lookup::Unknown;
    }
    let text = ascii(written);
    let lower = text.to_ascii_lowercase();
    let words: Vec<Word<'_>> = read_words(&text, &lower).collect();
    let lowers: Vec<&str> = words.iter().map(|w| w.lower).collect();
    let mut key = String::with_capacity(text.len());
    if let Some(hit) = exact(&lowers, &mut key) {
        return found(hit, false);
    }
    if let Some(lookup) = by_name_and_acronym(&text, &words, &mut key) {
        return lookup;
    }
    among_words(&words)
}

/// The entities whose names or acronyms are close to a name that matched none, best first (at
/// most three), for hints.
pub fn closest(written: &str) -> Vec<&'static Entity> {
    // Read once: compile asks for the closest entity of every name it does not know.
    static SPELLINGS: OnceLock<Nearest<usize>> = OnceLock::new();
    if written.len() > LONGEST_NAME {
        return Vec::new();
    }
    let spellings = SPELLINGS.get_or_init(|| {
        Nearest::new(
            ENTITIES
                .iter()
                .enumerate()
                .flat_map(|(i, e)| spellings(e).map(move |spelling| (spelling, i))),
        )
    });
    spellings
        .find(written)
        .into_iter()
        .map(|i| &ENTITIES[i])
        .collect()
}

/// The acronym in parentheses at the end of a name as written (`IOM` in `International
/// Organization for Migration (IOM)`): one to three words, each starting with a capital or a
/// digit, with at least two capitals, after a name.
pub fn trailing_acronym(written: &str) -> Option<&str> {
    let (open, close) = final_parenthesis(written)?;
    let inner = written[open + 1..close].trim();
    let mut parts = 0;
    for part in inner.split_whitespace() {
        parts += 1;
        let starts_well = part
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !starts_well {
            return None;
        }
    }
    let capitals = inner.chars().filter(|c| c.is_uppercase()).count();
    let looks_like_one = (1..=3).contains(&parts) && capitals >= 2 && inner.chars().count() <= 30;
    (looks_like_one && !written[..open].trim().is_empty()).then_some(inner)
}

/// Every spelling of an entity: its name, acronym, variants and former names.
fn spellings(entity: &'static Entity) -> impl Iterator<Item = &'static str> {
    std::iter::once(entity.name)
        .chain(entity.acronym)
        .chain(entity.variants.iter().copied())
        .chain(entity.former.iter().copied())
}

/// A word of a name: as written, and lowercase in the spelling the tables use.
struct Word<'a> {
    cased: &'a str,
    lower: &'a str,
    start: usize,
    end: usize,
}

/// `text` in ASCII, `&` as ` and `: what words are read from.
fn ascii(text: &str) -> Cow<'_, str> {
    let text = if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(deunicode::deunicode(text))
    };
    if text.contains('&') {
        Cow::Owned(text.replace('&', " and "))
    } else {
        text
    }
}

/// The words of ASCII `text`, whose lowercase copy is `lower`.
fn read_words<'a>(text: &'a str, lower: &'a str) -> impl Iterator<Item = Word<'a>> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes[at..].iter().position(u8::is_ascii_alphanumeric)?;
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |len| start + len);
        at = end;
        Some(Word {
            cased: &text[start..end],
            lower: same_spelling(&lower[start..end]),
            start,
            end,
        })
    })
}

/// A lowercase word in the spelling the tables use: the UN writes `Organization` and
/// `Programme`, entities write both.
fn same_spelling(lower: &str) -> &str {
    match lower {
        "organisation" => "organization",
        "organisations" => "organizations",
        "program" => "programme",
        "programs" => "programmes",
        "center" => "centre",
        "labor" => "labour",
        other => other,
    }
}

/// The words of a spelling, as written and lowercase: how `generate.rs` reads the data.
pub(super) fn spelling_words(spelling: &str) -> Vec<(String, String)> {
    let text = ascii(spelling);
    let lower = text.to_ascii_lowercase();
    read_words(&text, &lower)
        .map(|w| (w.cased.to_string(), w.lower.to_string()))
        .collect()
}

/// An entity found: its index in `ENTITIES` and the spelling that matched.
type Hit = (usize, MatchedBy);

/// The lookup that found a hit.
fn found((index, by): Hit, within: bool) -> Lookup {
    Lookup::Found(EntityMatch {
        entity: &ENTITIES[index],
        by,
        within,
    })
}

/// The lookup that found several entities, each once, in directory order.
fn ambiguous(mut indices: Vec<usize>) -> Lookup {
    indices.sort_unstable();
    indices.dedup();
    Lookup::Ambiguous(indices.into_iter().map(|i| &ENTITIES[i]).collect())
}

/// The entity whose spelling the words fold to, if any; `key` is the buffer the fold is
/// written to.
fn exact(words: &[&str], key: &mut String) -> Option<Hit> {
    key.clear();
    words.iter().for_each(|w| key.push_str(w));
    if key.is_empty() {
        return None;
    }
    let at = ENTITY_KEYS
        .binary_search_by(|(k, _, _)| (*k).cmp(key.as_str()))
        .ok()?;
    let (_, index, by) = ENTITY_KEYS[at];
    Some((usize::from(index), by))
}

/// [`exact`] of the words, then of the words less a leading `the`, a secretariat wrapper and a
/// leading `United Nations` (`UN` is also tried as `United Nations`), one at a time.
fn exact_reduced(mut words: &[&str], key: &mut String) -> Option<Hit> {
    loop {
        if let Some(hit) = exact(words, key) {
            return Some(hit);
        }
        words = match words {
            ["the", rest @ ..]
            | ["secretariat", "of" | "for" | "to", "the", rest @ ..]
            | ["secretariat", "of" | "for" | "to", rest @ ..]
            | [rest @ .., "secretariat"]
            | ["united", "nations", rest @ ..] => rest,
            ["un", rest @ ..] => {
                let spelled_out: Vec<&str> = ["united", "nations"]
                    .into_iter()
                    .chain(rest.iter().copied())
                    .collect();
                if let Some(hit) = exact(&spelled_out, key) {
                    return Some(hit);
                }
                rest
            }
            _ => return None,
        };
    }
}

/// Step 2 of [`find`]: the name before a final parenthesis and the acronym in it, each reduced.
fn by_name_and_acronym(text: &str, words: &[Word<'_>], key: &mut String) -> Option<Lookup> {
    let parenthesis = final_parenthesis(text);
    let head_end = parenthesis.map_or(text.len(), |(open, _)| open);
    let head: Vec<&str> = words
        .iter()
        .take_while(|w| w.end <= head_end)
        .map(|w| w.lower)
        .collect();
    let by_name = exact_reduced(&head, key);
    let inner: Vec<&str> = parenthesis.map_or_else(Vec::new, |(open, close)| {
        words
            .iter()
            .filter(|w| w.start > open && w.end <= close)
            .map(|w| w.lower)
            .collect()
    });
    let by_acronym = exact_reduced(&inner, key);
    match (by_name, by_acronym) {
        (None, None) => None,
        (Some(name), None) => Some(found(name, false)),
        (Some(name), Some(acronym)) if name.0 == acronym.0 => Some(found(name, false)),
        // `United Nations Secretariat (DESA)`: the name any entity could give yields.
        (Some(name), Some(acronym)) if whole_name_only(name.0) => Some(found(acronym, false)),
        (Some(name), Some(acronym)) => Some(ambiguous(vec![name.0, acronym.0])),
        // Another body with the same acronym: nothing else in the name may point at an entity.
        (None, Some(acronym)) if abbreviates(&inner, &head) && !agrees(&head, acronym.0) => {
            Some(Lookup::Unknown)
        }
        (None, Some(acronym)) => Some(found(acronym, false)),
    }
}

/// Whether the entity at `index` is found only by a whole name (the Secretariat: `UN`).
fn whole_name_only(index: usize) -> bool {
    WHOLE_NAME_ONLY.iter().any(|&i| usize::from(i) == index)
}

/// Words that join the words of a name (`of`, `the`, `de`, `des`), skipped by initials.
const JOINING: &[&str] = &[
    "the", "of", "for", "and", "on", "in", "to", "at", "s", "de", "du", "des", "la", "le", "el",
    "y", "et", "pour",
];

/// Whether an acronym is the initials of a name: `ISA` of `International Solar Alliance`.
fn abbreviates(acronym: &[&str], name: &[&str]) -> bool {
    // Words are ASCII letters and digits, never empty.
    let initials = name
        .iter()
        .filter(|w| !JOINING.contains(w))
        .map(|w| w.as_bytes()[0]);
    !name.is_empty() && initials.eq(acronym.iter().flat_map(|w| w.bytes()))
}

/// Whether a name that is none of the entity's spellings still shares a telling word with one
/// of them (`International Labour Org` and `International Labour Organization`), or has no
/// telling word at all.
fn agrees(name: &[&str], index: usize) -> bool {
    const COMMON: &[&str] = &[
        "un",
        "united",
        "nations",
        "international",
        "organization",
        "world",
    ];
    let mut telling = name
        .iter()
        .filter(|w| !JOINING.contains(w) && !COMMON.contains(w))
        .peekable();
    if telling.peek().is_none() {
        return true;
    }
    let known: Vec<String> = spellings(&ENTITIES[index])
        .flat_map(spelling_words)
        .map(|(_, lower)| lower)
        .collect();
    telling.any(|w| known.iter().any(|k| k == w))
}

/// Where the parenthesis that ends `text` opens and closes, if one does.
fn final_parenthesis(text: &str) -> Option<(usize, usize)> {
    let text = text.trim_end();
    let close = text.len().checked_sub(1).filter(|_| text.ends_with(')'))?;
    let open = text[..close].rfind('(')?;
    (!text[open + 1..close].contains(')')).then_some((open, close))
}

/// Steps 3 and 4 of [`find`]: names of several words, then acronyms, among the words.
fn among_words(words: &[Word<'_>]) -> Lookup {
    let mut spelled_out: Vec<&str> = Vec::with_capacity(words.len() + 2);
    for w in words {
        if w.lower == "un" {
            spelled_out.extend(["united", "nations"]);
        } else {
            spelled_out.push(w.lower);
        }
    }
    let by_name: Vec<Occurrence> = occurrences(NAME_WORDS, &spelled_out, |row| row.0)
        .map(|(row, start, len)| (usize::from(row.1), row.2, start, start + len))
        .collect();
    if !by_name.is_empty() {
        return widest(by_name);
    }
    let lowers: Vec<&str> = words.iter().map(|w| w.lower).collect();
    let by_acronym: Vec<Occurrence> = occurrences(ACRONYM_WORDS, &lowers, |row| row.0)
        .filter(|(row, start, len)| written_as_acronym(row.1, &words[*start..start + len]))
        .map(|(row, start, len)| (usize::from(row.2), row.3, start, start + len))
        .collect();
    widest(by_acronym)
}

/// An entity's spelling found among the words: the entity, the spelling, its first word and
/// the word after its last.
type Occurrence = (usize, MatchedBy, usize, usize);

/// The rows of a table (sorted by its words, space-separated) whose words occur in `words`,
/// with where they start and how many words they are.
fn occurrences<'t, T>(
    table: &'t [T],
    words: &[&str],
    words_of: impl Fn(&T) -> &str + Copy,
) -> impl Iterator<Item = (&'t T, usize, usize)> {
    (0..words.len()).flat_map(move |start| {
        let first = words[start];
        let from = table.partition_point(|row| words_of(row) < first);
        table[from..]
            .iter()
            .take_while(move |row| starts_with_word(words_of(row), first))
            .filter_map(move |row| {
                let len = words_of(row).split(' ').count();
                let here = words.get(start..start + len)?;
                words_of(row)
                    .split(' ')
                    .eq(here.iter().copied())
                    .then_some((row, start, len))
            })
    })
}

/// Whether the words `row` (space-separated) start with the word `first`.
fn starts_with_word(row: &str, first: &str) -> bool {
    row.strip_prefix(first)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Whether words that spell an acronym are written as one: exactly as the acronym is (`WHO`,
/// not `who`), or, for one of five letters or more, starting with a capital (`Unicef`).
fn written_as_acronym(acronym: &str, words: &[Word<'_>]) -> bool {
    if acronym.split(' ').eq(words.iter().map(|w| w.cased)) {
        return true;
    }
    let letters = acronym.bytes().filter(u8::is_ascii_alphanumeric).count();
    letters >= 5
        && words
            .first()
            .is_some_and(|w| w.cased.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The entity of the widest occurrences: one nested in another (`OHRLLS` in `UN-OHRLLS`) is
/// not counted; two entities left make the name ambiguous.
fn widest(occurrences: Vec<Occurrence>) -> Lookup {
    let outer: Vec<&Occurrence> = occurrences
        .iter()
        .filter(|(_, _, start, end)| {
            !occurrences
                .iter()
                .any(|(_, _, s, e)| s <= start && end <= e && (s, e) != (start, end))
        })
        .collect();
    let Some(&&(first, _, _, _)) = outer.first() else {
        return Lookup::Unknown;
    };
    if outer.iter().any(|(index, ..)| *index != first) {
        return ambiguous(outer.iter().map(|(index, ..)| *index).collect());
    }
    let (index, by, ..) = **outer
        .iter()
        .max_by_key(|(_, _, start, end)| end - start)
        .expect("not empty");
    found((index, by), true)
}

#[cfg(test)]
mod tests;
