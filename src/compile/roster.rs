//! The roster: the entities expected to respond, and matching responses to them by normalised
//! acronym or full name.

use crate::text::fold;

/// One entity expected to respond.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Full name, as the roster writes it.
    pub name: String,
    /// Acronym, if the roster gives one.
    pub acronym: Option<String>,
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

/// How a response's entity matches the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// One member, by index.
    One(usize),
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

impl Roster {
    /// Reads a roster: a CSV file whose first line is a `name,acronym` header, or one entity per
    /// line (blank lines and lines starting with `#` skipped; a trailing `(ACRONYM)` is the
    /// acronym).
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
            members.push(Member {
                name: name.to_string(),
                acronym: acronym.map(str::to_string),
            });
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
        let mut members = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(&e))?;
            let name = record.get(name_at).unwrap_or("").to_string();
            let acronym = acronym_at
                .and_then(|at| record.get(at))
                .filter(|a| !a.is_empty())
                .map(str::to_string);
            if name.is_empty() && acronym.is_none() {
                continue;
            }
            members.push(Member { name, acronym });
        }
        Ok(Roster { members })
    }

    /// The members an entity's name matches: by folded full name, by folded acronym, or by its
    /// name or acronym against either.
    pub fn find(&self, entity: &str) -> Match {
        let (name, acronym) = split_acronym(entity);
        let keys: Vec<String> = [Some(entity), Some(name), acronym]
            .into_iter()
            .flatten()
            .map(fold)
            .filter(|k| !k.is_empty())
            .collect();
        let found: Vec<usize> = self
            .members
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                [Some(m.name.as_str()), m.acronym.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(fold)
                    .any(|k| !k.is_empty() && keys.contains(&k))
            })
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [] => Match::None,
            [one] => Match::One(*one),
            _ => Match::Ambiguous(found),
        }
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
            "name,acronym\n\"Food and Agriculture Organization, the\",FAO\nUN-Habitat,\n",
        )
        .unwrap();
        assert_eq!(
            csv.members[0].name,
            "Food and Agriculture Organization, the"
        );
        assert_eq!(csv.members[0].acronym.as_deref(), Some("FAO"));
        assert_eq!(csv.members[1].acronym, None);
    }

    #[test]
    fn matching() {
        let roster = Roster::parse(
            "name,acronym\nInternational Organization for Migration,IOM\nUN-Habitat,\nUnited Nations Children's Fund,UNICEF\nUNICEF Innocenti,UNICEF\n",
        )
        .unwrap();
        let cases = [
            (
                "International Organization for Migration (IOM)",
                Match::One(0),
            ),
            ("iom", Match::One(0)),
            ("INTERNATIONAL ORGANIZATION FOR MIGRATION", Match::One(0)),
            ("UN Habitat", Match::One(1)),
            ("UNICEF", Match::Ambiguous(vec![2, 3])),
            ("World Bank", Match::None),
            ("", Match::None),
        ];
        for (entity, want) in cases {
            assert_eq!(roster.find(entity), want, "{entity}");
        }
    }

    #[test]
    fn csv_without_a_name_column_is_an_error() {
        let e = Roster::parse_csv("title,acronym\nx,y\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
