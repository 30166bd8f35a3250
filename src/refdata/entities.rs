//! The entities of the UN system (`entities.toml`): official names, acronyms, former names and
//! the ways entities write themselves, looked up in the static tables `generate.rs` writes
//! (`entity_tables.rs`), so that a response's entity finds its entry however it is written.
//!
//! A name is read as words: ASCII letters and digits after transliteration, lowercase, `&` as
//! `and`, and British and American spellings alike (`Organisation`, `Program`, `Center`,
//! `Labor`). Its fold, the words run together, is [`crate::text::fold`] with those two additions.

use std::borrow::Cow;

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
    if written.len() > LONGEST_NAME {
        return Vec::new();
    }
    let spellings = ENTITIES
        .iter()
        .flat_map(|e| spellings(e).map(move |spelling| (spelling, e.name)));
    crate::text::nearest(written, spellings)
        .into_iter()
        .filter_map(|name| ENTITIES.iter().find(|e| e.name == name))
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
mod tests {
    use super::*;

    /// How an expected entity is named in the tables below: its acronym, else its name.
    fn short(entity: &Entity) -> &'static str {
        entity.acronym.unwrap_or(entity.name)
    }

    fn found(written: &str) -> &'static Entity {
        match find(written) {
            Lookup::Found(m) => m.entity,
            other => panic!("`{written}`: {other:?}"),
        }
    }

    /// The members of the Chief Executives Board as https://unsceb.org/faq lists them (read on
    /// 7 December 2026): "UN – Secretary-General" is the United Nations itself.
    const CEB_MEMBERS: &[&str] = &[
        "UN",
        "ILO",
        "FAO",
        "UNESCO",
        "ICAO",
        "WHO",
        "WBG",
        "IMF",
        "UPU",
        "ITU",
        "WMO",
        "IMO",
        "WIPO",
        "IFAD",
        "UNIDO",
        "UNWTO",
        "IAEA",
        "WTO",
        "IOM",
        "UNCTAD",
        "UNDP",
        "UNEP",
        "UNHCR",
        "UNRWA",
        "UNICEF",
        "UNFPA",
        "WFP",
        "UNODC",
        "UN HABITAT",
        "UN Women",
        "UNOPS",
    ];

    #[test]
    fn every_ceb_member_and_no_other_is_marked_so() {
        let mut members: Vec<&str> = CEB_MEMBERS.iter().map(|m| found(m).name).collect();
        assert!(
            CEB_MEMBERS.iter().all(|m| found(m).ceb),
            "a member not marked"
        );
        members.sort_unstable();
        members.dedup();
        assert_eq!(members.len(), 31, "two members found the same entry");
        let marked = directory().iter().filter(|e| e.ceb).count();
        assert_eq!(marked, 31);
    }

    /// The UN System chart (DGC, 25-00005, March 2025) as it writes each entity: the short form
    /// (none for the three offices of its note 7) and the name, by group. IBRD, IDA and IFC
    /// are listed under the World Bank Group, which the directory holds as one entry.
    const CHART: &[(Group, Option<&str>, &str)] = &[
        (
            Group::FundOrProgramme,
            Some("UNDP"),
            "United Nations Development Programme",
        ),
        (
            Group::FundOrProgramme,
            Some("UNCDF"),
            "United Nations Capital Development Fund",
        ),
        (
            Group::FundOrProgramme,
            Some("UNV"),
            "United Nations Volunteers",
        ),
        (
            Group::FundOrProgramme,
            Some("UNEP"),
            "United Nations Environment Programme",
        ),
        (
            Group::FundOrProgramme,
            Some("UNFPA"),
            "United Nations Population Fund",
        ),
        (
            Group::FundOrProgramme,
            Some("UN-HABITAT"),
            "United Nations Human Settlements Programme",
        ),
        (
            Group::FundOrProgramme,
            Some("UNICEF"),
            "United Nations Children’s Fund",
        ),
        (Group::FundOrProgramme, Some("WFP"), "World Food Programme"),
        (
            Group::ResearchAndTraining,
            Some("UNIDIR"),
            "United Nations Institute for Disarmament Research",
        ),
        (
            Group::ResearchAndTraining,
            Some("UNITAR"),
            "United Nations Institute for Training and Research",
        ),
        (
            Group::ResearchAndTraining,
            Some("UNSSC"),
            "United Nations System Staff College",
        ),
        (
            Group::ResearchAndTraining,
            Some("UNU"),
            "United Nations University",
        ),
        (
            Group::ResearchAndTraining,
            Some("UNICRI"),
            "United Nations Interregional Crime and Justice Research Institute",
        ),
        (
            Group::ResearchAndTraining,
            Some("UNRISD"),
            "United Nations Research Institute for Social Development",
        ),
        (
            Group::OtherEntity,
            Some("ITC"),
            "International Trade Centre",
        ),
        (
            Group::OtherEntity,
            Some("UNCTAD"),
            "United Nations Conference on Trade and Development",
        ),
        (
            Group::OtherEntity,
            Some("UNHCR"),
            "Office of the United Nations High Commissioner for Refugees",
        ),
        (
            Group::OtherEntity,
            Some("UNOPS"),
            "United Nations Office for Project Services",
        ),
        (
            Group::OtherEntity,
            Some("UNRWA"),
            "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
        ),
        (
            Group::OtherEntity,
            Some("UN-WOMEN"),
            "United Nations Entity for Gender Equality and the Empowerment of Women",
        ),
        (
            Group::RelatedOrganization,
            Some("CTBTO"),
            "Preparatory Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization",
        ),
        (
            Group::RelatedOrganization,
            Some("IAEA"),
            "International Atomic Energy Agency",
        ),
        (
            Group::RelatedOrganization,
            Some("ICC"),
            "International Criminal Court",
        ),
        (
            Group::RelatedOrganization,
            Some("IOM"),
            "International Organization for Migration",
        ),
        (
            Group::RelatedOrganization,
            Some("ISA"),
            "International Seabed Authority",
        ),
        (
            Group::RelatedOrganization,
            Some("ITLOS"),
            "International Tribunal for the Law of the Sea",
        ),
        (
            Group::RelatedOrganization,
            Some("OPCW"),
            "Organization for the Prohibition of Chemical Weapons",
        ),
        (
            Group::RelatedOrganization,
            Some("WTO"),
            "World Trade Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("FAO"),
            "Food and Agriculture Organization of the United Nations",
        ),
        (
            Group::SpecializedAgency,
            Some("ICAO"),
            "International Civil Aviation Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("IFAD"),
            "International Fund for Agricultural Development",
        ),
        (
            Group::SpecializedAgency,
            Some("ILO"),
            "International Labour Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("IMF"),
            "International Monetary Fund",
        ),
        (
            Group::SpecializedAgency,
            Some("IMO"),
            "International Maritime Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("ITU"),
            "International Telecommunication Union",
        ),
        (
            Group::SpecializedAgency,
            Some("UNESCO"),
            "United Nations Educational, Scientific and Cultural Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("UNIDO"),
            "United Nations Industrial Development Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("UN TOURISM"),
            "World Tourism Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("UPU"),
            "Universal Postal Union",
        ),
        (
            Group::SpecializedAgency,
            Some("WHO"),
            "World Health Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("WIPO"),
            "World Intellectual Property Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("WMO"),
            "World Meteorological Organization",
        ),
        (
            Group::SpecializedAgency,
            Some("WORLD BANK GROUP"),
            "World Bank Group",
        ),
        (
            Group::SpecializedAgency,
            Some("IBRD"),
            "International Bank for Reconstruction and Development",
        ),
        (
            Group::SpecializedAgency,
            Some("IDA"),
            "International Development Association",
        ),
        (
            Group::SpecializedAgency,
            Some("IFC"),
            "International Finance Corporation",
        ),
        (
            Group::RegionalCommission,
            Some("ECA"),
            "Economic Commission for Africa",
        ),
        (
            Group::RegionalCommission,
            Some("ECE"),
            "Economic Commission for Europe",
        ),
        (
            Group::RegionalCommission,
            Some("ECLAC"),
            "Economic Commission for Latin America and the Caribbean",
        ),
        (
            Group::RegionalCommission,
            Some("ESCAP"),
            "Economic and Social Commission for Asia and the Pacific",
        ),
        (
            Group::RegionalCommission,
            Some("ESCWA"),
            "Economic and Social Commission for Western Asia",
        ),
        (
            Group::OtherBody,
            Some("UNAIDS"),
            "Joint United Nations Programme on HIV/AIDS",
        ),
        (
            Group::Secretariat,
            Some("EOSG"),
            "Executive Office of the Secretary-General",
        ),
        (
            Group::Secretariat,
            Some("DCO"),
            "Development Coordination Office",
        ),
        (
            Group::Secretariat,
            Some("DESA"),
            "Department of Economic and Social Affairs",
        ),
        (
            Group::Secretariat,
            Some("DGACM"),
            "Department for General Assembly and Conference Management",
        ),
        (
            Group::Secretariat,
            Some("DGC"),
            "Department of Global Communications",
        ),
        (
            Group::Secretariat,
            Some("DMSPC"),
            "Department of Management Strategy, Policy and Compliance",
        ),
        (
            Group::Secretariat,
            Some("DOS"),
            "Department of Operational Support",
        ),
        (
            Group::Secretariat,
            Some("DPO"),
            "Department of Peace Operations",
        ),
        (
            Group::Secretariat,
            Some("DPPA"),
            "Department of Political and Peacebuilding Affairs",
        ),
        (
            Group::Secretariat,
            Some("DSS"),
            "Department of Safety and Security",
        ),
        (
            Group::Secretariat,
            Some("OCHA"),
            "Office for the Coordination of Humanitarian Affairs",
        ),
        (
            Group::Secretariat,
            Some("OCT"),
            "Office of Counter-Terrorism",
        ),
        (
            Group::Secretariat,
            Some("ODA"),
            "Office for Disarmament Affairs",
        ),
        (
            Group::Secretariat,
            Some("ODET"),
            "Office for Digital and Emerging Technologies",
        ),
        (
            Group::Secretariat,
            Some("OHCHR"),
            "Office of the United Nations High Commissioner for Human Rights",
        ),
        (
            Group::Secretariat,
            Some("OIOS"),
            "Office of Internal Oversight Services",
        ),
        (Group::Secretariat, Some("OLA"), "Office of Legal Affairs"),
        (
            Group::Secretariat,
            Some("OOSA"),
            "Office for Outer Space Affairs",
        ),
        (
            Group::Secretariat,
            Some("OSAA"),
            "Office of the Special Adviser on Africa",
        ),
        (
            Group::Secretariat,
            Some("SRSG/CAAC"),
            "Office of the Special Representative of the Secretary-General for Children and Armed Conflict",
        ),
        (
            Group::Secretariat,
            Some("SRSG/SVC"),
            "Office of the Special Representative of the Secretary-General on Sexual Violence in Conflict",
        ),
        (
            Group::Secretariat,
            Some("SRSG/VAC"),
            "Office of the Special Representative of the Secretary-General on Violence Against Children",
        ),
        (
            Group::Secretariat,
            Some("UNDRR"),
            "United Nations Office for Disaster Risk Reduction",
        ),
        (
            Group::Secretariat,
            Some("UNODC"),
            "United Nations Office on Drugs and Crime",
        ),
        (
            Group::Secretariat,
            Some("UNOG"),
            "United Nations Office at Geneva",
        ),
        (
            Group::Secretariat,
            Some("UN-OHRLLS"),
            "Office of the High Representative for the Least Developed Countries, Landlocked Developing Countries and Small Island Developing States",
        ),
        (
            Group::Secretariat,
            Some("UNON"),
            "United Nations Office at Nairobi",
        ),
        (
            Group::Secretariat,
            Some("UNOP"),
            "United Nations Office for Partnerships",
        ),
        (
            Group::Secretariat,
            Some("UNOV"),
            "United Nations Office at Vienna",
        ),
        (
            Group::Secretariat,
            Some("UN YOUTH"),
            "United Nations Youth Office",
        ),
        (Group::Secretariat, None, "the Ethics Office"),
        (
            Group::Secretariat,
            None,
            "United Nations Ombudsman and Mediation Services",
        ),
        (
            Group::Secretariat,
            None,
            "the Office of Administration of Justice",
        ),
    ];

    /// Entries that are not on the chart, by their short form: the Secretariat itself and the
    /// offices and funds the UN System Chart navigator adds. Every convention secretariat is
    /// off the chart too.
    const OFF_THE_CHART: &[&str] = &["UN", "OICT", "UNGC", "UNOSSC"];

    #[test]
    fn every_entity_on_the_un_system_chart_is_in_its_group() {
        for (group, acronym, name) in CHART {
            let by_name = found(name);
            assert_eq!(by_name.group, *group, "{name}");
            if let Some(acronym) = acronym {
                assert_eq!(found(acronym), by_name, "{acronym} / {name}");
            }
        }
    }

    #[test]
    fn the_directory_is_the_chart_plus_what_it_leaves_out() {
        use std::collections::HashMap;
        let mut on_chart: Vec<&str> = CHART.iter().map(|(_, _, name)| found(name).name).collect();
        on_chart.sort_unstable();
        on_chart.dedup();
        // IBRD, IDA and IFC are the World Bank Group's.
        assert_eq!(on_chart.len(), CHART.len() - 3);
        let mut by_group: HashMap<Group, usize> = HashMap::new();
        for entity in directory() {
            let listed = on_chart.contains(&entity.name)
                || OFF_THE_CHART.contains(&short(entity))
                || entity.group == Group::ConventionSecretariat;
            assert!(listed, "{} is on no cited list", entity.name);
            *by_group.entry(entity.group).or_default() += 1;
        }
        let expected = [
            (Group::Secretariat, 30 + 3 + 3),
            (Group::RegionalCommission, 5),
            (Group::FundOrProgramme, 8 + 1),
            (Group::ResearchAndTraining, 6),
            (Group::OtherEntity, 6),
            (Group::SpecializedAgency, 15),
            (Group::RelatedOrganization, 8),
            (Group::OtherBody, 1),
            (Group::ConventionSecretariat, 8),
        ];
        for (group, count) in expected {
            assert_eq!(by_group.get(&group), Some(&count), "{group:?}");
        }
        assert_eq!(
            directory().len(),
            expected.iter().map(|(_, n)| n).sum::<usize>()
        );
    }

    /// The convention secretariats as UNEP's "Links to UNEP MEA Secretariats" and InforMEA name
    /// the conventions (UNEP's page runs "Convention" and "on" together for Rotterdam's).
    const CONVENTIONS: &[(&str, &str)] = &[
        ("Convention on Biological Diversity (CBD)", "CBD"),
        (
            "Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES)",
            "CITES",
        ),
        (
            "Convention on the Conservation of Migratory Species of Wild Animals (CMS)",
            "CMS",
        ),
        (
            "Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and Their Disposal (Basel Convention)",
            "BRS",
        ),
        (
            "Stockholm Convention on Persistent Organic Pollutants (POPS)",
            "BRS",
        ),
        (
            "Rotterdam Convention on Prior Informed Consent Procedure for Certain Hazardous Chemicals and Pesticides in International Trade (PIC)",
            "BRS",
        ),
        (
            "Vienna Convention for the Protection of the Ozone Layer & Montreal Protocol on Substances that Deplete the Ozone Layer (Ozone Convention & Protocol)",
            "Ozone Secretariat",
        ),
        (
            "United Nations Convention to Combat Desertification in those Countries Experiencing Serious Drought and/or Desertification, Particularly in Africa",
            "UNCCD",
        ),
        (
            "Minamata Convention on Mercury",
            "Minamata Convention on Mercury",
        ),
        (
            "United Nations Framework Convention on Climate Change",
            "UNFCCC",
        ),
    ];

    #[test]
    fn every_convention_secretariat_the_sources_list() {
        for (written, want) in CONVENTIONS {
            assert_eq!(short(found(written)), *want, "{written}");
        }
    }

    /// Names as entities write them, and the entity each is.
    const WRITTEN: &[(&str, &str)] = &[
        ("UN Tourism", "UN Tourism"),
        ("UNWTO", "UN Tourism"),
        ("World Tourism Organization (UN Tourism)", "UN Tourism"),
        ("World Tourism Organisation (UNWTO)", "UN Tourism"),
        ("UN Trade and Development (UNCTAD)", "UNCTAD"),
        ("UN Trade & Development", "UNCTAD"),
        (
            "United Nations Conference on Trade and Development",
            "UNCTAD",
        ),
        ("ECLAC", "ECLAC"),
        ("CEPAL", "ECLAC"),
        (
            "Comisión Económica para América Latina y el Caribe (CEPAL)",
            "ECLAC",
        ),
        ("ESCAP", "ESCAP"),
        ("UNESCAP", "ESCAP"),
        ("UNECE", "ECE"),
        (
            "United Nations Economic Commission for Europe (UNECE)",
            "ECE",
        ),
        ("UNECE Sustainable Energy Division", "ECE"),
        ("Economic Commission for Africa", "ECA"),
        ("UN-Habitat", "UN-Habitat"),
        ("UN HABITAT", "UN-Habitat"),
        ("UN Women", "UN Women"),
        ("UN-Women", "UN Women"),
        ("U.N. Women", "UN Women"),
        (
            "UN Women Regional Office for Asia and the Pacific",
            "UN Women",
        ),
        ("UNIFEM", "UN Women"),
        ("UNDP", "UNDP"),
        ("UNDP Regional Bureau for Africa", "UNDP"),
        ("United Nations Development Program", "UNDP"),
        ("UN DESA", "DESA"),
        ("DESA", "DESA"),
        ("Department of Economic and Social Affairs", "DESA"),
        (
            "United Nations Department of Economic and Social Affairs (UN DESA)",
            "DESA",
        ),
        (
            "Division for Sustainable Development Goals, UN DESA",
            "DESA",
        ),
        ("United Nations Secretariat (DESA)", "DESA"),
        ("OHCHR", "OHCHR"),
        ("UN Human Rights", "OHCHR"),
        ("UNHCR", "UNHCR"),
        ("UNHCR, the UN Refugee Agency", "UNHCR"),
        ("UNRWA", "UNRWA"),
        ("WFP", "WFP"),
        ("United Nations World Food Programme (WFP)", "WFP"),
        ("FAO", "FAO"),
        (
            "Food and Agriculture Organization of the United Nations (FAO)",
            "FAO",
        ),
        ("IFAD", "IFAD"),
        ("ILO", "ILO"),
        ("International Labour Organisation", "ILO"),
        ("International Labor Organization (ILO)", "ILO"),
        ("ITU", "ITU"),
        ("UPU", "UPU"),
        ("WMO", "WMO"),
        ("WIPO", "WIPO"),
        ("UNIDO", "UNIDO"),
        ("IAEA", "IAEA"),
        ("IOM", "IOM"),
        ("International Organization for Migration (IOM)", "IOM"),
        ("IOM – UN Migration", "IOM"),
        ("WTO", "WTO"),
        ("World Trade Organization", "WTO"),
        ("World Bank Group", "WBG"),
        ("The World Bank", "WBG"),
        ("IMF", "IMF"),
        ("International Monetary Fund", "IMF"),
        ("UNFCCC secretariat", "UNFCCC"),
        ("UN Climate Change", "UNFCCC"),
        (
            "Secretariat of the United Nations Framework Convention on Climate Change",
            "UNFCCC",
        ),
        (
            "Secretariat of the Convention on Biological Diversity (SCBD)",
            "CBD",
        ),
        ("CBD Secretariat", "CBD"),
        ("UNCCD", "UNCCD"),
        ("the UNCCD secretariat", "UNCCD"),
        (
            "UNEP Convention on Migratory Species (CMS) Secretariat",
            "CMS",
        ),
        ("UNICEF", "UNICEF"),
        ("Unicef", "UNICEF"),
        ("United Nations Children's Fund (UNICEF)", "UNICEF"),
        ("United Nations Children’s Fund", "UNICEF"),
        ("UNESCO", "UNESCO"),
        ("UNEP", "UNEP"),
        ("UN Environment Programme", "UNEP"),
        ("UN Environment Programme (UNEP)", "UNEP"),
        ("UNAIDS", "UNAIDS"),
        ("UNOPS", "UNOPS"),
        ("UNFPA", "UNFPA"),
        ("UNITAR", "UNITAR"),
        ("UNU", "UNU"),
        (
            "United Nations University Institute for Water, Environment and Health (UNU-INWEH)",
            "UNU",
        ),
        ("UNRISD", "UNRISD"),
        ("UNSSC", "UNSSC"),
        ("United Nations System Staff College", "UNSSC"),
        ("UN Volunteers", "UNV"),
        ("ITC", "ITC"),
        ("International Trade Center", "ITC"),
        ("International Trade Centre (UNCTAD/WTO)", "ITC"),
        ("International Trade Centre UNCTAD/WTO", "ITC"),
        ("Centre du commerce international (ITC)", "ITC"),
        ("Intl. Labour Org. (ILO)", "ILO"),
        ("Statistics Division (DESA)", "DESA"),
        ("Office of Evaluation (WFP)", "WFP"),
        ("OCHA", "OCHA"),
        ("UN OCHA", "OCHA"),
        ("UNOCHA", "OCHA"),
        ("UNODC", "UNODC"),
        ("UNDRR", "UNDRR"),
        ("UNISDR", "UNDRR"),
        ("OSAA", "OSAA"),
        ("UN-OHRLLS", "UN-OHRLLS"),
        ("OHRLLS", "UN-OHRLLS"),
        ("UNOG", "UNOG"),
        ("United Nations Office at Geneva (UNOG)", "UNOG"),
        ("The Office of Legal Affairs", "OLA"),
        ("UN Youth Office", "UN Youth"),
        ("UN Development Coordination Office", "DCO"),
        ("Department of Peacekeeping Operations (DPKO)", "DPO"),
        ("DAW", "UN Women"),
        ("UN Development Operations Coordination Office", "DCO"),
        ("Ozone Secretariat", "Ozone Secretariat"),
        ("ITLOS", "ITLOS"),
        (
            "Organisation for the Prohibition of Chemical Weapons (OPCW)",
            "OPCW",
        ),
        ("Preparatory Commission for the CTBTO", "CTBTO"),
        ("World Health Organization (WHO)", "WHO"),
        ("WHO Regional Office for Europe", "WHO"),
        ("United Nations", "UN"),
        ("UN", "UN"),
        ("UN Secretariat", "UN"),
        ("Secretariat of the United Nations", "UN"),
    ];

    #[test]
    fn names_as_entities_write_them() {
        assert!(WRITTEN.len() >= 60);
        for (written, want) in WRITTEN {
            assert_eq!(short(found(written)), *want, "{written}");
        }
    }

    #[test]
    fn every_spelling_in_the_directory_finds_its_entry() {
        for entity in directory() {
            for spelling in spellings(entity) {
                match find(spelling) {
                    Lookup::Found(m) => {
                        assert_eq!(m.entity, entity, "{spelling}");
                        assert!(!m.within, "{spelling}");
                    }
                    other => panic!("{spelling}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn a_match_says_which_spelling_and_whether_the_whole_name() {
        use MatchedBy::*;
        let cases: &[(&str, MatchedBy, bool)] = &[
            ("World Tourism Organization", Name, false),
            ("UN Tourism", Acronym, false),
            ("UNWTO", Former, false),
            ("UN Trade and Development", Variant, false),
            ("Department of Peacekeeping Operations", Former, false),
            (
                "United Nations Economic Commission for Europe (UNECE)",
                Name,
                false,
            ),
            ("UNFCCC secretariat", Acronym, false),
            ("UNDP Regional Bureau for Africa", Acronym, true),
            ("International Trade Centre UNCTAD/WTO", Name, true),
            ("UN-OHRLLS Policy Branch", Acronym, true),
        ];
        for (written, by, within) in cases {
            match find(written) {
                Lookup::Found(m) => assert_eq!((m.by, m.within), (*by, *within), "{written}"),
                other => panic!("{written}: {other:?}"),
            }
        }
    }

    #[test]
    fn names_that_are_no_entity_find_none() {
        let cases = [
            "",
            "   ",
            "Secretariat",
            "the secretariat of the",
            "Ministry of Foreign Affairs",
            "Friends of the Earth International",
            "Global Water Resilience Institute (GWRI)",
            // Words that spell an acronym in lowercase are words.
            "Who Cares Foundation",
            // Another body with the same acronym.
            "International Solar Alliance (ISA)",
            "International Chamber of Commerce (ICC)",
        ];
        for written in cases {
            assert_eq!(find(written), Lookup::Unknown, "{written}");
        }
    }

    #[test]
    fn a_text_too_long_for_a_name_is_none() {
        let longest = directory().iter().map(|e| e.name.len()).max().unwrap();
        assert!(longest * 10 <= LONGEST_NAME);
        let paragraph = "UNDP ".repeat(LONGEST_NAME / 5 + 1);
        assert_eq!(find(&paragraph), Lookup::Unknown);
        assert!(closest(&paragraph).is_empty());
        // Within the limit, the words are read whatever their number.
        let many = "the ".repeat(LONGEST_NAME / 4 - 5) + "UNDP";
        assert_eq!(short(found(&many)), "UNDP");
    }

    #[test]
    fn two_entities_matching_alike_are_ambiguous() {
        let cases: &[(&str, &[&str])] = &[
            ("UNDP and UNEP", &["UNDP", "UNEP"]),
            ("UNOV/UNODC", &["UNODC", "UNOV"]),
            (
                "Joint FAO/WHO Codex Alimentarius Commission",
                &["FAO", "WHO"],
            ),
            (
                "United Nations Environment Programme (UNDP)",
                &["UNDP", "UNEP"],
            ),
            (
                "Economic Commission for Africa and Economic Commission for Europe",
                &["ECA", "ECE"],
            ),
        ];
        for (written, want) in cases {
            match find(written) {
                Lookup::Ambiguous(entities) => {
                    let got: Vec<&str> = entities.iter().map(|e| short(e)).collect();
                    assert_eq!(got, *want, "{written}");
                }
                other => panic!("{written}: {other:?}"),
            }
        }
    }

    #[test]
    fn un_is_the_secretariat_only_as_a_whole_name() {
        assert_eq!(short(found("UN Women")), "UN Women");
        assert_eq!(short(found("United Nations")), "UN");
        assert_eq!(find("United Nations").entity(), find("UN").entity());
        // Not ambiguous with the Secretariat: `UN` inside a name is no acronym match.
        assert_eq!(short(found("UN Women Headquarters")), "UN Women");
        assert_eq!(find("UN Statistical Office Liaison"), Lookup::Unknown);
    }

    #[test]
    fn a_final_parenthesis_gives_the_acronym() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "International Organization for Migration (IOM)",
                Some("IOM"),
            ),
            (
                "World Tourism Organization (UN Tourism)",
                Some("UN Tourism"),
            ),
            ("United Nations Children's Fund ( UNICEF ) ", Some("UNICEF")),
            ("Office of the SRSG (SRSG/CAAC)", Some("SRSG/CAAC")),
            (
                "Fonds des Nations Unies pour l'enfance (UNICEF)",
                Some("UNICEF"),
            ),
            ("Office for Coastal Resilience Studies (OCRS)", Some("OCRS")),
            ("International Organization for Migration", None),
            ("(IOM)", None),
            ("Geneva (Switzerland)", None),
            ("Annual report (2023)", None),
            ("An office (in Geneva)", None),
            ("An office (e.g. FAO)", None),
            ("A (B (CD))", None),
            ("IOM (", None),
        ];
        for (written, want) in cases {
            assert_eq!(trailing_acronym(written), *want, "{written}");
        }
    }

    #[test]
    fn closest_entities_for_hints() {
        let cases: &[(&str, &[&str])] = &[
            ("UNICFE", &["UNICEF"]),
            ("Economic Comission for Europe", &["ECE"]),
            ("International Organisation of Migrations", &["IOM"]),
            ("Zzzzzz", &[]),
        ];
        for (written, want) in cases {
            let got: Vec<&str> = closest(written).iter().map(|e| short(e)).collect();
            assert_eq!(got, *want, "{written}");
        }
    }

    #[test]
    fn entries_are_well_formed() {
        let mut names: Vec<&str> = directory().iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), directory().len(), "two entries share a name");
        for entity in directory() {
            assert!(entity.source.starts_with("http"), "{}", entity.name);
        }
    }

    #[test]
    fn tables_are_sorted_and_point_at_entries() {
        let keys: Vec<&str> = ENTITY_KEYS.iter().map(|row| row.0).collect();
        let names: Vec<&str> = NAME_WORDS.iter().map(|row| row.0).collect();
        let acronyms: Vec<&str> = ACRONYM_WORDS.iter().map(|row| row.0).collect();
        for table in [&keys, &names, &acronyms] {
            assert!(table.windows(2).all(|w| w[0] < w[1]));
        }
        let indices = ENTITY_KEYS
            .iter()
            .map(|row| row.1)
            .chain(NAME_WORDS.iter().map(|row| row.1))
            .chain(ACRONYM_WORDS.iter().map(|row| row.2))
            .chain(WHOLE_NAME_ONLY.iter().copied());
        for index in indices {
            assert!(usize::from(index) < ENTITIES.len());
        }
    }
}
