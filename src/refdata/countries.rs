//! UN Member States, observer States, territories and organisations, from `countries.toml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::fold;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    member_state: Vec<Entry>,
    observer: Vec<Entry>,
    territory: Vec<Entry>,
    organisation: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    iso3: Option<String>,
    iso2: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Clone, Copy)]
enum Kind {
    Member,
    Observer,
    Territory,
    Organisation,
}

struct Table {
    by_key: HashMap<String, (Kind, &'static str)>,
    states: Vec<&'static str>,
    /// Every name and alias of a Member State or observer, with the name it stands for.
    state_spellings: Vec<(&'static str, &'static str)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: File = toml::from_str(include_str!("countries.toml"))
            .expect("countries.toml is checked by the test suite");
        let mut by_key = HashMap::new();
        let mut states = Vec::new();
        let mut state_spellings = Vec::new();
        let groups = [
            (Kind::Member, file.member_state),
            (Kind::Observer, file.observer),
            (Kind::Territory, file.territory),
            (Kind::Organisation, file.organisation),
        ];
        for (kind, entries) in groups {
            for entry in entries {
                let name: &'static str = Box::leak(entry.name.into_boxed_str());
                if matches!(kind, Kind::Member | Kind::Observer) {
                    states.push(name);
                    state_spellings.push((name, name));
                    for alias in &entry.aliases {
                        let alias: &'static str = Box::leak(alias.clone().into_boxed_str());
                        state_spellings.push((alias, name));
                    }
                }
                let keys = std::iter::once(name.to_string())
                    .chain(entry.iso3)
                    .chain(entry.iso2)
                    .chain(entry.aliases);
                for key in keys {
                    by_key.entry(fold(&key)).or_insert((kind, name));
                }
            }
        }
        Table {
            by_key,
            states,
            state_spellings,
        }
    })
}

/// Matches a name against the reference data, ignoring case, accents and punctuation.
pub fn match_country(input: &str) -> CountryMatch {
    let table = table();
    let key = fold(
        input
            .trim()
            .trim_start_matches("the ")
            .trim_start_matches("The "),
    );
    match table.by_key.get(&key) {
        Some((Kind::Member, name)) => CountryMatch::MemberState(name),
        Some((Kind::Observer, name)) => CountryMatch::Observer(name),
        Some((Kind::Territory, name)) => CountryMatch::Territory(name),
        Some((Kind::Organisation, name)) => CountryMatch::Organisation(name),
        None => CountryMatch::Unknown {
            closest: super::nearest(input, table.state_spellings.iter().copied()),
        },
    }
}

/// The hint for a name that is not a country qfill knows: the close names, or what to write.
pub fn country_hint(closest: &[&str]) -> String {
    super::did_you_mean(closest).unwrap_or_else(|| {
        "no Member State name is close; use the official short name or an ISO 3166 code".to_string()
    })
}

/// Member States and observers that a name which matched none of them may mean, best first: those
/// whose name or an alias starts with it (`Guinea`, `Cote`), else those whose name has a word
/// starting with it (`Tobago`), else those close to it as spelled (`Trinidad and Tobaggo`).
pub fn country_candidates(input: &str) -> Vec<&'static str> {
    let table = table();
    let key = fold(input);
    if key.len() < 2 {
        return Vec::new();
    }
    let state = |kind: &Kind| matches!(kind, Kind::Member | Kind::Observer);
    let mut found: Vec<&'static str> = table
        .by_key
        .iter()
        .filter(|(k, (kind, _))| state(kind) && k.starts_with(&key))
        .map(|(_, (_, name))| *name)
        .collect();
    if found.is_empty() && key.len() >= 3 {
        found = table
            .states
            .iter()
            .copied()
            .filter(|name| {
                name.split([' ', '-', '('])
                    .any(|w| fold(w).starts_with(&key))
            })
            .collect();
    }
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        found = super::nearest(input, table.state_spellings.iter().copied());
    }
    found
}

/// The one Member State or observer whose name starts with `prefix` (ignoring case and accents).
pub fn complete_state(prefix: &str) -> Option<&'static str> {
    unique_prefix(prefix, table().states.iter().copied())
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
        table()
            .by_key
            .values()
            .filter(|(k, _)| matches!(k, Kind::Member))
            .map(|(_, name)| *name)
            .collect::<std::collections::HashSet<_>>()
            .len()
    }

    #[test]
    fn there_are_193_member_states_and_two_observers() {
        assert_eq!(member_state_count(), 193);
        let observers = table()
            .by_key
            .values()
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
        let file: File = toml::from_str(include_str!("countries.toml")).unwrap();
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
