//! The places a Member States field names, as the answer meant them: a list, as an array or
//! written as text, split the way the checker splits it (names the reference data knows win at
//! every split), each entry a UN Member State, an observer State, a territory, an organisation
//! or unknown. A list the checker keeps as written because one entry is not a Member State
//! still names every Member State in it.

use crate::answers::FieldValue;
use crate::document::{Node, Value};
use crate::refdata::{CountryMatch, match_country};
use crate::rules::countries::is_known_name;
use crate::rules::lists::{is_all, split_list_keeping};
use crate::rules::text::marker;

/// What a named place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A UN Member State.
    MemberState,
    /// One of the two non-member observer States.
    Observer,
    /// A territory that is not a Member State.
    Territory,
    /// An organisation or grouping of States.
    Organisation,
    /// A name the reference data does not know.
    Unknown,
}

impl PlaceKind {
    /// The word the `member_states` sheet's `kind` column shows.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::MemberState => "member state",
            PlaceKind::Observer => "observer state",
            PlaceKind::Territory => "territory",
            PlaceKind::Organisation => "organisation",
            PlaceKind::Unknown => "unknown",
        }
    }
}

/// What a Member States field names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Places {
    /// All Member States.
    All,
    /// These places, each once, in the order named: the reference data's name (as written
    /// when it knows none) and what it is.
    Named(Vec<(String, PlaceKind)>),
}

/// The places a Member States field's value names; `None` when it names none that can be
/// read (not a list, nothing but `TBD`).
pub(super) fn places(value: &FieldValue, allow_all: bool) -> Option<Places> {
    let names: Vec<String> = match value {
        FieldValue::All => return Some(Places::All),
        FieldValue::List(items) => items.clone(),
        FieldValue::Raw(node) => match &node.value {
            Value::String(s) if allow_all && is_all(s) => return Some(Places::All),
            Value::String(s) => split_list_keeping(s, is_known_name),
            Value::Array(items) => {
                if let [only] = items.as_slice()
                    && allow_all
                    && only.as_str().is_some_and(is_all)
                {
                    return Some(Places::All);
                }
                items
                    .iter()
                    .filter_map(Node::as_str)
                    .map(str::to_string)
                    .collect()
            }
            _ => return None,
        },
        _ => return None,
    };
    let mut named: Vec<(String, PlaceKind)> = Vec::new();
    for name in names {
        let name = name.trim();
        // `TBD` or `N/A` beside places names no place (its own finding says so); `NA` is
        // Namibia.
        if name.is_empty() || (marker(name).is_some() && !is_known_name(name)) {
            continue;
        }
        let place = classify(name);
        if !named.iter().any(|(n, _)| *n == place.0) {
            named.push(place);
        }
    }
    (!named.is_empty()).then_some(Places::Named(named))
}

/// A name as the reference data knows it, and what it is.
fn classify(name: &str) -> (String, PlaceKind) {
    let (known, kind) = match match_country(name) {
        CountryMatch::MemberState(n) => (n, PlaceKind::MemberState),
        CountryMatch::Observer(n) => (n, PlaceKind::Observer),
        CountryMatch::Territory(n) => (n, PlaceKind::Territory),
        CountryMatch::Organisation(n) => (n, PlaceKind::Organisation),
        CountryMatch::Unknown { .. } => return (name.to_string(), PlaceKind::Unknown),
    };
    (known.to_string(), kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, parse};

    fn raw(toml_value: &str) -> FieldValue {
        let doc = parse(&format!("v = {toml_value}\n"), Format::Toml).unwrap();
        FieldValue::Raw(doc.get("v").unwrap().clone())
    }

    fn named(list: &[(&str, PlaceKind)]) -> Option<Places> {
        Some(Places::Named(
            list.iter().map(|(n, k)| ((*n).to_string(), *k)).collect(),
        ))
    }

    #[test]
    fn every_place_of_a_list_with_what_it_is() {
        use PlaceKind::{MemberState, Observer, Organisation, Territory, Unknown};
        let cases = [
            (
                raw("\"African Union, Armenia, Aruba and Trinidad and Tobago\""),
                named(&[
                    ("African Union", Organisation),
                    ("Armenia", MemberState),
                    ("Aruba", Territory),
                    ("Trinidad and Tobago", MemberState),
                ]),
            ),
            (
                raw("[\"USA\", \"Puerto Rico\", \"Sahel countries\", \"Holy See\", \"usa\"]"),
                named(&[
                    ("United States of America", MemberState),
                    ("Puerto Rico", Territory),
                    ("Sahel countries", Unknown),
                    ("Holy See", Observer),
                ]),
            ),
            (
                raw("\"Venezuela and Bolivia\""),
                named(&[
                    ("Venezuela (Bolivarian Republic of)", MemberState),
                    ("Bolivia (Plurinational State of)", MemberState),
                ]),
            ),
            (raw("\"Jordan; TBD\""), named(&[("Jordan", MemberState)])),
            (raw("[\"NA\"]"), named(&[("Namibia", MemberState)])),
            (raw("\"All Member States\""), Some(Places::All)),
            (raw("[\"all\"]"), Some(Places::All)),
            (raw("\"TBD\""), None),
            (raw("[1, 2]"), None),
            (FieldValue::All, Some(Places::All)),
            (
                FieldValue::List(vec!["Kenya".into(), "Ghana".into()]),
                named(&[("Kenya", MemberState), ("Ghana", MemberState)]),
            ),
            (FieldValue::Text("Kenya".into()), None),
        ];
        for (value, want) in cases {
            assert_eq!(places(&value, true), want, "{value:?}");
        }
        assert_eq!(
            places(&raw("\"all\""), false),
            named(&[("all", Unknown)]),
            "`all` is no place where the field does not allow it"
        );
    }
}
