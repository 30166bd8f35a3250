//! UN Member States, observer States, territories and organisations, from `countries.toml`.

use super::country_tables::{COUNTRIES, COUNTRY_KEYS, STATE_SPELLINGS};
use super::look_up;
use crate::text::{fold, with_folded};

/// What a name listed as a country turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountryMatch {
    /// A UN Member State, by its official UN short name.
    MemberState(&'static str),
    /// One of the two non-member observer States, by name.
    Observer(&'static str),
    /// A territory that is not a Member State, by name.
    Territory(&'static str),
    /// An organisation or grouping, by name.
    Organisation(&'static str),
    /// Nothing matched; the Member States or observers whose names are close, best first.
    Unknown {
        /// The close names (none, one or several, e.g. both Koreas for `Korea`).
        closest: Vec<&'static str>,
    },
}

/// What an entry of the reference data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Member,
    Observer,
    Territory,
    Organisation,
}

/// The entry of `COUNTRIES` at `index`.
fn entry(index: usize) -> (Kind, &'static str) {
    COUNTRIES[index]
}

/// Every name and alias of a Member State or observer, with the name it stands for.
fn state_spellings() -> impl Iterator<Item = (&'static str, &'static str)> {
    STATE_SPELLINGS
        .iter()
        .map(|(spelling, index)| (*spelling, entry(usize::from(*index)).1))
}

/// The Member States and observers, in file order.
fn states() -> impl Iterator<Item = &'static str> {
    COUNTRIES
        .iter()
        .filter(|(kind, _)| matches!(kind, Kind::Member | Kind::Observer))
        .map(|(_, name)| *name)
}

/// Matches a name against the reference data, ignoring case, accents and punctuation.
pub fn match_country(input: &str) -> CountryMatch {
    match lookup(input) {
        Some((Kind::Member, name)) => CountryMatch::MemberState(name),
        Some((Kind::Observer, name)) => CountryMatch::Observer(name),
        Some((Kind::Territory, name)) => CountryMatch::Territory(name),
        Some((Kind::Organisation, name)) => CountryMatch::Organisation(name),
        None => CountryMatch::Unknown {
            closest: crate::text::nearest(input, state_spellings()),
        },
    }
}

/// Whether the reference data knows the name (a State, a territory, an organisation): the
/// look-up of [`match_country`] without searching for close names, cheap enough to try at every
/// split of a list.
pub fn knows_country(input: &str) -> bool {
    lookup(input).is_some()
}

fn lookup(input: &str) -> Option<(Kind, &'static str)> {
    let mut name = input.trim();
    // `the Gambia`, `The Netherlands`: the article is not part of the name.
    while let Some(rest) = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
    {
        name = rest;
    }
    let (found, code_sized) = with_folded(name, |key| (look_up(COUNTRY_KEYS, key), key.len() <= 3));
    // A code matches only as letters (`NA`, `U.S.`): `N/A` folds to `na` but is not Namibia.
    found.map(entry).filter(|_| {
        !code_sized
            || input
                .trim()
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == ' ')
    })
}

/// The hint for a name that is not a country qfill knows: the close names, or what to write.
pub fn country_hint(closest: &[&str]) -> String {
    crate::text::did_you_mean(closest).unwrap_or_else(|| {
        "no Member State name is close; use the official short name or an ISO 3166 code".to_string()
    })
}

/// Member States and observers that a name which matched none of them may mean, best first: those
/// whose name or an alias starts with it (`Guinea`, `Cote`), else those whose name has a word
/// starting with it (`Tobago`), else those close to it as spelled (`Trinidad and Tobaggo`).
pub fn country_candidates(input: &str) -> Vec<&'static str> {
    let key = fold(input);
    if key.len() < 2 {
        return Vec::new();
    }
    // The keys are sorted: those starting with `key` are the ones from the first that does.
    let from = COUNTRY_KEYS.partition_point(|(k, _)| *k < key.as_str());
    let mut found: Vec<&'static str> = COUNTRY_KEYS[from..]
        .iter()
        .take_while(|(k, _)| k.starts_with(&key))
        .map(|(_, index)| entry(usize::from(*index)))
        .filter(|(kind, _)| matches!(kind, Kind::Member | Kind::Observer))
        .map(|(_, name)| name)
        .collect();
    if found.is_empty() && key.len() >= 3 {
        found = states()
            .filter(|name| {
                name.split([' ', '-', '('])
                    .any(|w| fold(w).starts_with(&key))
            })
            .collect();
    }
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        found = crate::text::nearest(input, state_spellings());
    }
    found
}

/// The one Member State or observer whose name starts with `prefix` (ignoring case and accents).
pub fn complete_state(prefix: &str) -> Option<&'static str> {
    unique_prefix(prefix, states())
}

/// The only candidate whose folded name starts with the folded `prefix`, if exactly one does.
pub(crate) fn unique_prefix<'a>(
    prefix: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = fold(prefix);
    if wanted.is_empty() {
        return None;
    }
    let mut found = candidates
        .into_iter()
        .filter(|c| fold(c).starts_with(&wanted));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member_state_count() -> usize {
        COUNTRIES
            .iter()
            .filter(|(k, _)| matches!(k, Kind::Member))
            .map(|(_, name)| *name)
            .collect::<std::collections::HashSet<_>>()
            .len()
    }

    #[test]
    fn there_are_193_member_states_and_two_observers() {
        assert_eq!(member_state_count(), 193);
        let observers = COUNTRIES
            .iter()
            .filter(|(k, _)| matches!(k, Kind::Observer))
            .map(|(_, n)| *n)
            .collect::<std::collections::HashSet<_>>();
        assert_eq!(observers.len(), 2);
    }

    #[test]
    fn names_aliases_and_codes_match() {
        use CountryMatch::*;
        let cases: &[(&str, CountryMatch)] = &[
            ("Samoa", MemberState("Samoa")),
            ("USA", MemberState("United States of America")),
            ("United States", MemberState("United States of America")),
            ("Turkey", MemberState("Türkiye")),
            ("TÜRKIYE", MemberState("Türkiye")),
            ("Cote d'Ivoire", MemberState("Côte d'Ivoire")),
            ("Côte d’Ivoire", MemberState("Côte d'Ivoire")),
            ("Tanzania", MemberState("United Republic of Tanzania")),
            ("Bolivia", MemberState("Bolivia (Plurinational State of)")),
            ("Republic of Korea", MemberState("Republic of Korea")),
            ("Vietnam", MemberState("Viet Nam")),
            ("Viet Nam", MemberState("Viet Nam")),
            ("Gambia", MemberState("Gambia")),
            ("the Gambia", MemberState("Gambia")),
            ("Guinea-Bissau", MemberState("Guinea-Bissau")),
            ("Holy See", Observer("Holy See")),
            ("State of Palestine", Observer("State of Palestine")),
            ("Puerto Rico", Territory("Puerto Rico")),
            ("Aruba", Territory("Aruba")),
            ("Cayman Islands", Territory("Cayman Islands")),
            ("African Union", Organisation("African Union")),
            ("NA", MemberState("Namibia")),
            ("U.S.", MemberState("United States of America")),
        ];
        for (input, want) in cases {
            assert_eq!(&match_country(input), want, "{input}");
        }
    }

    #[test]
    fn candidates_for_a_name_that_matched_nothing() {
        let cases: &[(&str, &[&str])] = &[
            ("Guinea-B", &["Guinea-Bissau"]),
            ("Cote", &["Côte d'Ivoire"]),
            ("Viet", &["Viet Nam"]),
            ("Trinidad and Tobaggo", &["Trinidad and Tobago"]),
            ("Tobago", &["Trinidad and Tobago"]),
            ("Gui", &["Guinea", "Guinea-Bissau"]),
            ("Zzzz", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(country_candidates(input), *want, "{input}");
        }
        assert!(country_candidates("Mol").contains(&"Republic of Moldova"));
    }

    #[test]
    fn completion_needs_a_unique_prefix() {
        assert_eq!(complete_state("sene"), Some("Senegal"));
        assert_eq!(complete_state("cote"), Some("Côte d'Ivoire"));
        assert_eq!(complete_state("guinea"), None);
        assert_eq!(complete_state(""), None);
    }

    fn closest(input: &str) -> Vec<&'static str> {
        match match_country(input) {
            CountryMatch::Unknown { closest } => closest,
            other => panic!("{input} matched {other:?}"),
        }
    }

    #[test]
    fn unknown_names_suggest_the_closest_states() {
        assert_eq!(closest("Senegall"), ["Senegal"]);
        assert_eq!(closest("Tobago"), ["Trinidad and Tobago"]);
        assert_eq!(closest("Moldava"), ["Republic of Moldova"]);
        let mut koreas = closest("Korea");
        koreas.sort_unstable();
        assert_eq!(
            koreas,
            ["Democratic People's Republic of Korea", "Republic of Korea"]
        );
        assert_eq!(closest("Atlantis"), Vec::<&str>::new());
        // Codes match as letters only: `N/A` is not Namibia.
        assert!(closest("N/A").is_empty());
        assert_eq!(
            country_hint(&closest("Korea")),
            "did you mean `Republic of Korea` or `Democratic People's Republic of Korea`?"
        );
        assert_eq!(
            country_hint(&closest("Atlantis")),
            "no Member State name is close; use the official short name or an ISO 3166 code"
        );
    }

    #[test]
    fn iso_3166_codes_of_every_state_match_it() {
        let file = super::super::generate::countries_file();
        let states = file.member_state.iter().chain(&file.observer);
        let mut seen = 0;
        for entry in states {
            let (iso2, iso3) = (
                entry.iso2.as_deref().unwrap(),
                entry.iso3.as_deref().unwrap(),
            );
            assert_eq!(iso2.len(), 2, "{}", entry.name);
            for code in [iso2, iso3, &iso2.to_lowercase()] {
                let got = match match_country(code) {
                    CountryMatch::MemberState(n) | CountryMatch::Observer(n) => n,
                    other => panic!("{code}: {other:?}"),
                };
                assert_eq!(got, entry.name, "{code}");
            }
            seen += 1;
        }
        assert_eq!(seen, 195);
        assert_eq!(
            match_country("ZA"),
            CountryMatch::MemberState("South Africa")
        );
        assert_eq!(match_country("BW"), CountryMatch::MemberState("Botswana"));
        assert_eq!(match_country("AU"), CountryMatch::MemberState("Australia"));
    }
}
