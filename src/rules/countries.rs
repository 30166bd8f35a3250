//! Countries: a name as written, read as a UN Member State or observer State.

use super::text::{self, Marker};
use super::{Problem, Reading};
use crate::finding::Code;
use crate::refdata::{self, CountryMatch};

/// Reads one country name: its UN name if it is a Member State or an observer State; anything
/// else (a territory, an organisation, an unknown name, `TBD`) is kept as written.
pub fn read(s: &str) -> Reading<&'static str> {
    let s = s.trim();
    // `NA` is Namibia: a name the reference data knows is never a not-answered value.
    if let Some(marker) = text::marker(s).filter(|_| !is_known_name(s)) {
        return Reading::as_written(match marker {
            Marker::Pending => text::pending(s),
            Marker::NotAnswered => {
                Problem::new(Code::Required, format!("has `{s}` where a country belongs"))
                    .hint("give the country, or leave the entry out")
                    .value(s)
            }
        });
    }
    let problem = match refdata::match_country(s) {
        CountryMatch::MemberState(name) | CountryMatch::Observer(name) => {
            return Reading::canonical(name);
        }
        CountryMatch::Territory(name) => Problem::new(
            Code::NotMemberState,
            format!("`{s}` is not a UN Member State ({name} is a territory)"),
        )
        .hint("list the Member State it belongs to, or leave it out"),
        CountryMatch::Organisation(name) => Problem::new(
            Code::NotMemberState,
            format!("`{s}` is not a UN Member State ({name} is an organisation)"),
        )
        .hint("list its member countries, or write \"all\""),
        CountryMatch::Unknown { closest } => Problem::new(
            Code::CountryUnknown,
            format!("`{s}` is not a country qfill knows"),
        )
        .hint(refdata::country_hint(&closest)),
    };
    Reading::as_written(problem.value(s))
}

/// A name the reference data knows (a State, a territory, an organisation): kept whole when a
/// list is split, so that `Trinidad and Tobago` is not read as two countries.
pub fn is_known_name(name: &str) -> bool {
    refdata::knows_country(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Read;

    #[test]
    fn reading_countries() {
        let cases: &[(&str, Option<&str>, &[Code])] = &[
            ("Kenya", Some("Kenya"), &[]),
            ("USA", Some("United States of America"), &[]),
            ("Holy See", Some("Holy See"), &[]),
            ("Aruba", None, &[Code::NotMemberState]),
            ("African Union", None, &[Code::NotMemberState]),
            ("Senegall", None, &[Code::CountryUnknown]),
            ("TBD", None, &[Code::Pending]),
            ("N/A", None, &[Code::Required]),
            ("NA", Some("Namibia"), &[]),
            ("none", None, &[Code::Required]),
        ];
        for (name, want, codes) in cases {
            let reading = read(name);
            assert_eq!(reading.value.clone().canonical(), *want, "{name}");
            let got: Vec<Code> = reading.problems.iter().map(|p| p.code).collect();
            assert_eq!(got, *codes, "{name}");
            if reading.value == Read::AsWritten {
                assert_eq!(reading.problems[0].params.value.as_deref(), Some(*name));
            }
        }
        assert!(is_known_name("Trinidad and Tobago"));
        assert!(!is_known_name("Atlantis"));
    }
}
