//! Places: `{ city, country }`, and places written as text, `Geneva, Switzerland; Nairobi, Kenya`.

use super::text::{self, Marker};
use super::{Problem, Read, Reading, countries};
use crate::finding::Code;
use crate::refdata::{self, CountryMatch};

/// A city in a country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The city.
    pub city: Option<String>,
    /// The country: its UN name where it matched, else as written.
    pub country: Option<String>,
}

impl Place {
    /// The place as a TOML inline table: `{ city = "Apia", country = "Samoa" }`.
    pub fn inline(&self) -> String {
        format!(
            "{{ city = \"{}\", country = \"{}\" }}",
            self.city.as_deref().unwrap_or(""),
            self.country.as_deref().unwrap_or("")
        )
    }
}

/// Reads places written as text: `City, Country`, several of them separated by `;`, new lines
/// or ` and `. Canonical only when every place reads as a city in a State.
pub fn read_text(s: &str) -> Reading<Vec<Place>> {
    let mut places = Vec::new();
    let mut problems = Vec::new();
    let mut all_states = true;
    for piece in split_places(s) {
        match piece.rsplit_once(',') {
            Some((city, country)) if !city.trim().is_empty() && !country.trim().is_empty() => {
                let reading = countries::read(country);
                problems.extend(reading.problems);
                let country = match reading.value {
                    Read::Canonical(name) => name.to_string(),
                    Read::AsWritten => {
                        all_states = false;
                        country.trim().to_string()
                    }
                };
                if text::marker(city) == Some(Marker::Pending) {
                    problems.push(text::pending(city));
                    all_states = false;
                }
                places.push(Place {
                    city: Some(city.trim().to_string()),
                    country: Some(country),
                });
            }
            _ => {
                let hint = match refdata::match_country(&piece) {
                    CountryMatch::MemberState(name) | CountryMatch::Observer(name) => {
                        format!("add the city: `{{ city = \"...\", country = \"{name}\" }}`")
                    }
                    _ => "write it as `City, Country`".to_string(),
                };
                problems.push(
                    Problem::new(
                        Code::CountryUnknown,
                        format!("`{}` is not `City, Country`", piece.trim()),
                    )
                    .hint(hint)
                    .value(&piece),
                );
                return Reading {
                    value: Read::AsWritten,
                    problems,
                };
            }
        }
    }
    let value = if all_states && !places.is_empty() {
        Read::Canonical(places)
    } else {
        Read::AsWritten
    };
    Reading { value, problems }
}

/// Splits places written as text on `;`, new lines, and ` and ` between full places.
pub fn split_places(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in s.split([';', '\n']) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        // `Geneva, Switzerland and Nairobi, Kenya`: split on ` and ` only between full places.
        let parts: Vec<&str> = piece.split(" and ").collect();
        if parts.len() > 1 && parts.iter().all(|p| p.contains(',')) {
            out.extend(parts.iter().map(|p| p.trim().to_string()));
        } else {
            out.push(piece.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_written_as_text_are_split_into_cities_and_countries() {
        let cases: &[(&str, &[&str])] = &[
            ("Apia, Samoa", &["Apia, Samoa"]),
            (
                "Geneva, Switzerland; Nairobi, Kenya",
                &["Geneva, Switzerland", "Nairobi, Kenya"],
            ),
            (
                "Geneva, Switzerland and New York, USA",
                &["Geneva, Switzerland", "New York, USA"],
            ),
            (
                "Port of Spain, Trinidad and Tobago",
                &["Port of Spain, Trinidad and Tobago"],
            ),
            (
                "Apia, Samoa\nDakar, Senegal",
                &["Apia, Samoa", "Dakar, Senegal"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(split_places(text), *want, "{text}");
        }
    }

    #[test]
    fn reading_places() {
        let apia = Place {
            city: Some("Apia".to_string()),
            country: Some("Samoa".to_string()),
        };
        assert_eq!(
            read_text("Apia, Samoa").value,
            Read::Canonical(vec![apia.clone()])
        );
        assert_eq!(apia.inline(), "{ city = \"Apia\", country = \"Samoa\" }");
        let cases: &[(&str, &[Code])] = &[
            ("San Juan, Puerto Rico", &[Code::NotMemberState]),
            ("Apia, TBD", &[Code::Pending]),
            ("TBD, Samoa", &[Code::Pending]),
            ("Online", &[Code::CountryUnknown]),
            (
                "Apia, Atlantis; Online",
                &[Code::CountryUnknown, Code::CountryUnknown],
            ),
        ];
        for (text, codes) in cases {
            let reading = read_text(text);
            assert_eq!(reading.value, Read::AsWritten, "{text}");
            let got: Vec<Code> = reading.problems.iter().map(|p| p.code).collect();
            assert_eq!(got, *codes, "{text}");
        }
        assert_eq!(
            read_text("Samoa").problems[0].hint.as_deref(),
            Some("add the city: `{ city = \"...\", country = \"Samoa\" }`")
        );
    }
}
