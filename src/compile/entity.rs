//! Who a response is from: the entity key its rows are counted under, whatever name the entity
//! wrote. The key is the roster's acronym when the roster matches the name (else the roster's
//! name); else the acronym of the directory's entry for it (else that entry's name); else an
//! acronym in parentheses at the end of the name as written; else the name as written. So
//! `UNICEF` and `United Nations Children's Fund (UNICEF)` are one entity, and `UN Tourism` is
//! the roster's `UNWTO`.

use std::collections::HashMap;

use super::roster::{Match, Roster};
use crate::refdata::entities;
use crate::text::{fold, one_line};

/// Column names a key is never spelled as (case and punctuation aside), because keys are
/// column names of the country matrix beside these.
pub const RESERVED: [&str; 4] = ["country", "kind", "entities", "total"];

/// What a key that would be a reserved column name is given after it.
const RESERVED_SUFFIX: &str = " (entity)";

/// The key of a response whose entity is not known at all.
const NO_NAME: &str = "(no entity)";

/// Who knows the entity a key stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownBy {
    /// The roster matched it.
    Roster,
    /// The directory of UN system entities knows it.
    Directory,
    /// Neither: the key comes from the name as written.
    Neither,
}

impl KnownBy {
    /// The word the `responses` sheet shows (empty for neither).
    pub fn as_str(self) -> &'static str {
        match self {
            KnownBy::Roster => "roster",
            KnownBy::Directory => "directory",
            KnownBy::Neither => "",
        }
    }
}

/// A response's entity, identified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The key its rows are counted under.
    pub key: String,
    /// Who knows the entity.
    pub known_by: KnownBy,
    /// How the roster matched the name, when there is a roster.
    pub roster: Option<Match>,
}

/// Hands out keys: one spelling per key (the first seen), whatever the case or punctuation of
/// later ones, and never a reserved column name.
#[derive(Debug, Default)]
pub struct Keys {
    spelled: HashMap<String, String>,
}

impl Keys {
    /// The identity of the entity named `written` (a name as the response writes it, or as
    /// read from a file that could not be parsed).
    pub fn identify(&mut self, written: &str, roster: Option<&Roster>) -> Identity {
        let written = one_line(written);
        let written = written.trim();
        let found = roster.map(|r| r.find(written));
        let (key, known_by) = match (&found, roster) {
            (Some(Match::One(i, _)), Some(roster)) => {
                (roster.members[*i].key().to_string(), KnownBy::Roster)
            }
            _ => match entities::find(written).entity() {
                Some(entity) => (
                    entity.acronym.unwrap_or(entity.name).to_string(),
                    KnownBy::Directory,
                ),
                None => (
                    final_acronym(written).unwrap_or(written).to_string(),
                    KnownBy::Neither,
                ),
            },
        };
        Identity {
            key: self.spell(key),
            known_by,
            roster: found,
        }
    }

    fn spell(&mut self, key: String) -> String {
        let key = if fold(&key).is_empty() && key.trim().is_empty() {
            NO_NAME.to_string()
        } else if RESERVED.iter().any(|r| fold(r) == fold(&key)) {
            format!("{key}{RESERVED_SUFFIX}")
        } else {
            key
        };
        let folded = fold(&key);
        // A key of punctuation alone folds to nothing: it is its own spelling.
        let folded = if folded.is_empty() {
            key.clone()
        } else {
            folded
        };
        self.spelled.entry(folded).or_insert(key).clone()
    }
}

/// The acronym in parentheses at the end of a name, after a space: `GWRI` in `Global Water
/// Resilience Institute (GWRI)`, but nothing in `=SUM(B2:B9)`.
fn final_acronym(written: &str) -> Option<&str> {
    let acronym = entities::trailing_acronym(written)?;
    let open = written.rfind('(')?;
    written[..open]
        .ends_with(char::is_whitespace)
        .then_some(acronym)
}

/// The closest entity a name that neither the roster nor the directory knows may have meant:
/// the roster's, else the directory's.
pub fn closest_known(written: &str, roster: Option<&Roster>) -> Option<String> {
    if let Some(member) = roster.and_then(|r| r.closest(written)) {
        return Some(member.name.clone());
    }
    entities::closest(written)
        .first()
        .map(|entity| entity.name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_the_roster_the_directory_a_final_acronym_or_the_name() {
        let roster = Roster::parse(
            "name,acronym,aliases\nWorld Tourism Organization,UNWTO,\nUN-Habitat,,\nSustainable Energy for All,,SE4All\n",
        )
        .unwrap();
        let mut keys = Keys::default();
        let cases = [
            ("UN Tourism", "UNWTO", KnownBy::Roster),
            ("UN Habitat", "UN-Habitat", KnownBy::Roster),
            ("SE4All", "Sustainable Energy for All", KnownBy::Roster),
            (
                "United Nations Children's Fund (UNICEF)",
                "UNICEF",
                KnownBy::Directory,
            ),
            ("UNICEF", "UNICEF", KnownBy::Directory),
            (
                "Minamata Convention",
                "Minamata Convention on Mercury",
                KnownBy::Directory,
            ),
            (
                "Global Water Resilience Institute (GWRI)",
                "GWRI",
                KnownBy::Neither,
            ),
            (
                "Global  Water\nInstitute",
                "Global Water Institute",
                KnownBy::Neither,
            ),
            (
                "global water institute",
                "Global Water Institute",
                KnownBy::Neither,
            ),
            ("total", "total (entity)", KnownBy::Neither),
            ("Country", "Country (entity)", KnownBy::Neither),
            ("=SUM(B2:B9)", "=SUM(B2:B9)", KnownBy::Neither),
            ("", "(no entity)", KnownBy::Neither),
        ];
        for (written, key, known_by) in cases {
            let identity = keys.identify(written, Some(&roster));
            assert_eq!(
                (identity.key.as_str(), identity.known_by),
                (key, known_by),
                "{written}"
            );
        }
        let without = Keys::default().identify("UN Tourism", None);
        assert_eq!(without.key, "UN Tourism");
        assert_eq!(without.known_by, KnownBy::Directory);
        assert_eq!(without.roster, None);
    }

    #[test]
    fn a_name_nobody_knows_gets_the_closest_known_one() {
        let roster = Roster::parse("name,acronym\nWorld Food Programme,WFP\n").unwrap();
        assert_eq!(
            closest_known("World Food Programe", Some(&roster)).as_deref(),
            Some("World Food Programme")
        );
        assert_eq!(
            closest_known("United Nations Childrens Fund", None).as_deref(),
            Some("United Nations Children's Fund")
        );
        assert_eq!(closest_known("Zzyzx", None), None);
    }
}
