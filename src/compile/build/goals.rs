//! The goals an SDG field names, as the answer meant them: every goal that can be read counts,
//! a repeated goal once and a number outside 1–17 not at all (the checker's `sdg-duplicate` and
//! `sdg-range` findings say so), even when the checker keeps the value as written for it.

use std::collections::BTreeSet;

use crate::answers::FieldValue;
use crate::document::{Node, Value};
use crate::rules::sdgs::{SdgSet, SdgText, parse_text};
use crate::rules::text::marker;

/// The goals a value names, sorted, and whether it says "all"; `None` when it names none that
/// can be read (`TBD`, `climate`, an empty list).
pub(super) fn goals(value: &FieldValue) -> Option<(Vec<u8>, bool)> {
    match value {
        FieldValue::Sdgs(SdgSet::All) => Some(((1..=17).collect(), true)),
        FieldValue::Sdgs(SdgSet::Goals(goals)) if !goals.is_empty() => Some((goals.clone(), false)),
        FieldValue::Raw(node) => read(node),
        _ => None,
    }
}

fn all() -> Option<(Vec<u8>, bool)> {
    Some(((1..=17).collect(), true))
}

/// The goals of a value kept as written.
fn read(node: &Node) -> Option<(Vec<u8>, bool)> {
    let mut numbers: Vec<i64> = Vec::new();
    match &node.value {
        Value::Integer(n) => numbers.push(*n),
        Value::String(s) => match text(s)? {
            Text::All => return all(),
            Text::Numbers(ns) => numbers.extend(ns),
        },
        Value::Array(items) => {
            for item in items {
                match &item.value {
                    Value::Integer(n) => numbers.push(*n),
                    Value::String(s) => match text(s) {
                        // `["all"]` alone is all; `all` beside goals names no goal of its own.
                        Some(Text::All) if items.len() == 1 => return all(),
                        Some(Text::Numbers(ns)) => numbers.extend(ns),
                        Some(Text::All) | None => {}
                    },
                    _ => {}
                }
            }
        }
        _ => return None,
    }
    let goals: BTreeSet<u8> = numbers
        .into_iter()
        .filter_map(|n| u8::try_from(n).ok())
        .filter(|g| (1..=17).contains(g))
        .collect();
    (!goals.is_empty()).then(|| (goals.into_iter().collect(), false))
}

/// What a text names.
enum Text {
    All,
    Numbers(Vec<i64>),
}

/// Goals written as text, as the checker reads them: `all`, `All 17 SDGs`, `10, 13, 10, 16
/// and 17`, targets (`13.1`) as their goals; `None` for `TBD` or words that name no goal.
fn text(s: &str) -> Option<Text> {
    if marker(s).is_some() {
        return None;
    }
    if s.trim().eq_ignore_ascii_case("all") {
        return Some(Text::All);
    }
    match parse_text(s)? {
        SdgText::All => Some(Text::All),
        SdgText::Numbers { numbers, targets } => {
            let mut all = numbers;
            all.extend(
                targets
                    .iter()
                    .filter_map(|t| t.split('.').next()?.parse::<i64>().ok()),
            );
            Some(Text::Numbers(all))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, parse};

    fn raw(toml_value: &str) -> FieldValue {
        let doc = parse(&format!("v = {toml_value}\n"), Format::Toml).unwrap();
        FieldValue::Raw(doc.get("v").unwrap().clone())
    }

    #[test]
    fn every_goal_that_can_be_read_counts_once() {
        type Goals = Option<(Vec<u8>, bool)>;
        let cases: Vec<(FieldValue, Goals)> = vec![
            (
                raw("\"10, 13, 10, 16 and 17\""),
                Some((vec![10, 13, 16, 17], false)),
            ),
            (raw("\"Goals 5, 8 and 18\""), Some((vec![5, 8], false))),
            (raw("\"SDG 2 and SDG 12\""), Some((vec![2, 12], false))),
            (raw("\"13.1, 13.2 and 6\""), Some((vec![6, 13], false))),
            (raw("\"all\""), Some(((1..=17).collect(), true))),
            (raw("\"All 17 SDGs\""), Some(((1..=17).collect(), true))),
            (raw("[\"all\"]"), Some(((1..=17).collect(), true))),
            (raw("[10, 13, 10]"), Some((vec![10, 13], false))),
            (raw("[0, 18]"), None),
            (
                raw("[1, \"SDG 3\", 1.5, \"TBD\"]"),
                Some((vec![1, 3], false)),
            ),
            (raw("\"TBD\""), None),
            (raw("\"climate\""), None),
            (raw("{ a = 1 }"), None),
            (
                FieldValue::Sdgs(SdgSet::Goals(vec![1, 14])),
                Some((vec![1, 14], false)),
            ),
            (
                FieldValue::Sdgs(SdgSet::All),
                Some(((1..=17).collect(), true)),
            ),
            (FieldValue::Text("1".into()), None),
        ];
        for (value, want) in cases {
            assert_eq!(goals(&value), want, "{value:?}");
        }
    }
}
