//! The roster: the entities expected to respond, and matching responses to them — by name,
//! acronym or alias as written, by acronym or alias as a word of the name, and through the
//! directory of UN system entities ([`crate::refdata::entities`]), so that `UN Tourism` finds
//! the roster's World Tourism Organization (UNWTO).

use crate::refdata::entities::{self, Entity};
use crate::text::fold;

/// One entity expected to respond.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Full name, as the roster writes it.
    pub name: String,
    /// Acronym, if the roster gives one.
    pub acronym: Option<String>,
    /// Other names the entity answers under (the CSV's `aliases` column, `;`-separated).
    pub aliases: Vec<String>,
    /// The directory's entry for it, found by its name, acronym or aliases.
    pub entity: Option<&'static Entity>,
}

impl Member {
    fn new(name: String, acronym: Option<String>, aliases: Vec<String>) -> Member {
        let entity = std::iter::once(name.as_str())
            .chain(acronym.as_deref())
            .chain(aliases.iter().map(String::as_str))
            .find_map(|spelling| entities::find(spelling).entity());
        Member {
            name,
            acronym,
            aliases,
            entity,
        }
    }

    /// The key of the entity's rows: its acronym, else its name.
    pub fn key(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.name)
    }
}

/// The entities expected to respond, in roster order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// Members in order.
    pub members: Vec<Member>,
}

/// Why a roster file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Which of a member's spellings matched a response's entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// Its name, as written (case, accents and punctuation aside).
    Name,
    /// Its acronym: the whole name, the acronym in its final parenthesis, or a word of it.
    Acronym,
    /// One of its aliases, likewise.
    Alias,
    /// The directory of UN system entities: both name the same entity.
    Directory,
}

impl MatchedBy {
    /// The word the `roster` sheet shows.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Name => "name",
            MatchedBy::Acronym => "acronym",
            MatchedBy::Alias => "alias",
            MatchedBy::Directory => "directory",
        }
    }
}

/// How a response's entity matches the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// One member, by index, and how.
    One(usize, MatchedBy),
    /// No member.
    None,
    /// Several members, by index: the response is counted for none of them.
    Ambiguous(Vec<usize>),
}

/// Splits `International Organization for Migration (IOM)` into the name and the acronym.
pub fn split_acronym(entity: &str) -> (&str, Option<&str>) {
    let t = entity.trim();
    if let Some(inner) = t.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let acronym = inner[open + 1..].trim();
        let name = inner[..open].trim();
        if !acronym.is_empty() && !name.is_empty() && !acronym.contains(' ') {
            return (name, Some(acronym));
        }
    }
    (t, None)
}

/// Whether `word` occurs in `text` as a whole word: as written (so `WHO` is never `who`), with
/// no letter or digit on either side.
fn has_word(text: &str, word: &str) -> bool {
    let word = word.trim();
    if word.is_empty() {
        return false;
    }
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word).any(|(at, _)| {
        !alnum(text[..at].chars().next_back()) && !alnum(text[at + word.len()..].chars().next())
    })
}

impl Roster {
    /// Reads a roster: a CSV file whose first line is a header with a `name` column (and
    /// optionally `acronym` and `aliases`, the aliases `;`-separated), or one entity per line
    /// (blank lines and lines starting with `#` skipped; a trailing `(ACRONYM)` is the acronym).
    pub fn parse(text: &str) -> Result<Roster, RosterError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or("");
        let header: Vec<String> = first.split(',').map(fold).collect();
        if header.len() >= 2 && header.contains(&"name".to_string()) {
            return Roster::parse_csv(text);
        }
        let mut members = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, acronym) = split_acronym(line);
            members.push(Member::new(
                name.to_string(),
                acronym.map(str::to_string),
                Vec::new(),
            ));
        }
        Ok(Roster { members })
    }

    fn parse_csv(text: &str) -> Result<Roster, RosterError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| csv_error(&e))?.clone();
        let column = |want: &str| headers.iter().position(|h| fold(h) == want);
        let name_at = column("name").ok_or_else(|| RosterError {
            line: 1,
            message: "the header has no `name` column".to_string(),
        })?;
        let acronym_at = column("acronym");
        let aliases_at = column("aliases");
        let mut members = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(&e))?;
            let name = record.get(name_at).unwrap_or("").to_string();
            let acronym = acronym_at
                .and_then(|at| record.get(at))
                .filter(|a| !a.is_empty())
                .map(str::to_string);
            let aliases: Vec<String> = aliases_at
                .and_then(|at| record.get(at))
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            if name.is_empty() && acronym.is_none() {
                continue;
            }
            members.push(Member::new(name, acronym, aliases));
        }
        Ok(Roster { members })
    }

    /// The member an entity's name matches, trying in turn (the first step that finds any
    /// decides; two members found by one step make it ambiguous):
    /// 1. the name as written, the name before a final parenthesis, or the acronym in it,
    ///    against each member's name, acronym and aliases (case, accents and punctuation
    ///    aside);
    /// 2. a member's acronym or alias as a whole word of the name, as written (`UNFCCC
    ///    secretariat`);
    /// 3. the directory: the name and the member are the same UN system entity (`UN Tourism`
    ///    and World Tourism Organization; `UNECE` and ECE, never by a substring).
    pub fn find(&self, entity: &str) -> Match {
        let (name, acronym) = split_acronym(entity);
        let keys: Vec<String> = [Some(entity), Some(name), acronym]
            .into_iter()
            .flatten()
            .map(fold)
            .filter(|k| !k.is_empty())
            .collect();
        if keys.is_empty() {
            return Match::None;
        }
        let exact = |spelling: &str| {
            let folded = fold(spelling);
            !folded.is_empty() && keys.contains(&folded)
        };
        let found = self.step(|m| {
            if exact(&m.name) {
                Some(MatchedBy::Name)
            } else if m.acronym.as_deref().is_some_and(exact) {
                Some(MatchedBy::Acronym)
            } else if m.aliases.iter().any(|a| exact(a)) {
                Some(MatchedBy::Alias)
            } else {
                None
            }
        });
        if found != Match::None {
            return found;
        }
        let found = self.step(|m| {
            if m.acronym.as_deref().is_some_and(|a| has_word(entity, a)) {
                Some(MatchedBy::Acronym)
            } else if m.aliases.iter().any(|a| has_word(entity, a)) {
                Some(MatchedBy::Alias)
            } else {
                None
            }
        });
        if found != Match::None {
            return found;
        }
        let Some(listed) = entities::find(entity).entity() else {
            return Match::None;
        };
        self.step(|m| {
            m.entity
                .is_some_and(|e| std::ptr::eq(e, listed))
                .then_some(MatchedBy::Directory)
        })
    }

    /// The members one matching step finds.
    fn step(&self, matches: impl Fn(&Member) -> Option<MatchedBy>) -> Match {
        let found: Vec<(usize, MatchedBy)> = self
            .members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| matches(m).map(|by| (i, by)))
            .collect();
        match found.as_slice() {
            [] => Match::None,
            [(one, by)] => Match::One(*one, *by),
            _ => Match::Ambiguous(found.iter().map(|(i, _)| *i).collect()),
        }
    }

    /// The member whose name, acronym or alias is spelled most like `entity`, for a hint.
    pub fn closest(&self, entity: &str) -> Option<&Member> {
        let spellings = self.members.iter().flat_map(|m| {
            std::iter::once(m.name.as_str())
                .chain(m.acronym.as_deref())
                .chain(m.aliases.iter().map(String::as_str))
                .map(|s| (s, m.name.as_str()))
        });
        let best = crate::text::nearest(entity, spellings).into_iter().next()?;
        self.members.iter().find(|m| m.name == best)
    }
}

fn csv_error(e: &csv::Error) -> RosterError {
    RosterError {
        line: e.position().map_or(1, |p| p.line() as usize),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_and_csv() {
        let plain =
            Roster::parse("# expected\nInternational Organization for Migration (IOM)\n\nUNICEF\n")
                .unwrap();
        assert_eq!(plain.members.len(), 2);
        assert_eq!(plain.members[0].acronym.as_deref(), Some("IOM"));
        assert_eq!(plain.members[1].name, "UNICEF");
        let csv = Roster::parse(
            "name,acronym,aliases\n\"Food and Agriculture Organization, the\",FAO,\nUN-Habitat,\nSustainable Energy for All,SEforALL, SE4All ; SEforAll secretariat\n",
        )
        .unwrap();
        assert_eq!(
            csv.members[0].name,
            "Food and Agriculture Organization, the"
        );
        assert_eq!(csv.members[0].acronym.as_deref(), Some("FAO"));
        assert_eq!(csv.members[1].acronym, None);
        assert_eq!(csv.members[2].aliases, ["SE4All", "SEforAll secretariat"]);
        assert_eq!(csv.members[1].key(), "UN-Habitat");
        assert_eq!(csv.members[2].key(), "SEforALL");
        let directory = |i: usize| csv.members[i].entity.map(|e| e.name);
        assert_eq!(
            directory(0),
            Some("Food and Agriculture Organization of the United Nations")
        );
        assert_eq!(
            directory(1),
            Some("United Nations Human Settlements Programme")
        );
        assert_eq!(directory(2), None);
    }

    #[test]
    fn matching_by_name_acronym_alias_word_and_directory() {
        let roster = Roster::parse(
            "name,acronym,aliases\n\
             International Organization for Migration,IOM,\n\
             UN-Habitat,,\n\
             United Nations Children's Fund,UNICEF,\n\
             UNICEF Innocenti,UNICEF,\n\
             World Tourism Organization,UNWTO,\n\
             Economic Commission for Europe,ECE,\n\
             United Nations Framework Convention on Climate Change,UNFCCC,\n\
             Convention on Biological Diversity,CBD,\n\
             Department of Economic and Social Affairs,DESA,UN DESA\n\
             World Health Organization,WHO,\n",
        )
        .unwrap();
        let cases = [
            (
                "International Organization for Migration (IOM)",
                Match::One(0, MatchedBy::Name),
            ),
            ("iom", Match::One(0, MatchedBy::Acronym)),
            (
                "INTERNATIONAL ORGANIZATION FOR MIGRATION",
                Match::One(0, MatchedBy::Name),
            ),
            ("UN Habitat", Match::One(1, MatchedBy::Name)),
            ("UNICEF", Match::Ambiguous(vec![2, 3])),
            ("UN Tourism", Match::One(4, MatchedBy::Directory)),
            (
                "United Nations Economic Commission for Europe (UNECE)",
                Match::One(5, MatchedBy::Directory),
            ),
            ("UNECE", Match::One(5, MatchedBy::Directory)),
            ("UNFCCC secretariat", Match::One(6, MatchedBy::Acronym)),
            (
                "Secretariat of the Convention on Biological Diversity (SCBD)",
                Match::One(7, MatchedBy::Directory),
            ),
            ("UN DESA", Match::One(8, MatchedBy::Alias)),
            (
                "UN DESA Statistics Division",
                Match::One(8, MatchedBy::Acronym),
            ),
            (
                "WHO Regional Office for Africa",
                Match::One(9, MatchedBy::Acronym),
            ),
            ("who we are", Match::None),
            ("World Bank", Match::None),
            ("", Match::None),
        ];
        for (entity, want) in cases {
            assert_eq!(roster.find(entity), want, "{entity}");
        }
    }

    #[test]
    fn an_acronym_is_a_word_only_between_non_letters() {
        let cases = [
            ("UNFCCC secretariat", "UNFCCC", true),
            ("the UNFCCC", "UNFCCC", true),
            ("UNECE", "ECE", false),
            ("ECE-UNDP", "ECE", true),
            ("ÉCE", "CE", false),
            ("who", "WHO", false),
            ("x", "", false),
        ];
        for (text, word, want) in cases {
            assert_eq!(has_word(text, word), want, "{word} in {text}");
        }
    }

    #[test]
    fn the_closest_member_for_a_hint() {
        let roster = Roster::parse(
            "name,acronym\nInternational Telecommunication Union,ITU\nWorld Food Programme,WFP\n",
        )
        .unwrap();
        let name = |e: &str| roster.closest(e).map(|m| m.name.as_str());
        assert_eq!(
            name("International Telecomunication Union"),
            Some("International Telecommunication Union")
        );
        assert_eq!(name("Global Water Resilience Institute"), None);
    }

    #[test]
    fn csv_without_a_name_column_is_an_error() {
        let e = Roster::parse_csv("title,acronym\nx,y\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
