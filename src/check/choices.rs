//! Q4: a question answered by choosing names from a list and writing text,
//! `{ initiatives = [...], text = "..." }`.

use super::cursor::Cursor;
use super::questions::{text, unanswered};
use crate::answers::Answer;
use crate::document::{Node, Value};
use crate::finding::Code;
use crate::questionnaire::ChoicesText;
use crate::rules::text::{self as rules_text, Marker};
use crate::rules::{Read, choices as rule};
use crate::text::backticked;

/// The names chosen, and whether every one of them could be read.
struct Picked {
    names: Vec<String>,
    whole: bool,
}

/// A choices-and-text answer; kept as written if any part of it cannot be read.
pub(super) fn choices_text(c: &mut Cursor<'_>, def: &ChoicesText, node: &Node) -> Answer {
    let (selected_node, text_node, extra) = match &node.value {
        Value::String(_) => {
            c.report(
                Code::NonCanonical,
                c.anchor(node),
                format!(
                    "is text alone, a table with `{}` and `{}` is expected",
                    def.choices_key, def.text_key
                ),
                Some(format!(
                    "write `{} = {{ {} = [], {} = \"...\" }}`",
                    c.here(),
                    def.choices_key,
                    def.text_key
                )),
            );
            (None, Some(node), Vec::new())
        }
        Value::Table(entries) => {
            let extra = c.unknown_keys(entries, &[&def.choices_key, &def.text_key]);
            (node.get(&def.choices_key), node.get(&def.text_key), extra)
        }
        _ => {
            c.wrong_type(
                node,
                &format!("a table with `{}` and `{}`", def.choices_key, def.text_key),
                &format!(
                    "write `{} = {{ {} = [], {} = \"...\" }}`",
                    c.here(),
                    def.choices_key,
                    def.text_key
                ),
            );
            return Answer::Raw(node.clone());
        }
    };
    if selected_node.is_none()
        && text_node.is_none()
        && let Some(question) = c.question()
    {
        unanswered(c, question, c.anchor(node));
    }
    let picked = selected_node.map(|n| c.key(&def.choices_key, |c| choices(c, def, n)));
    let text_marker = match text_node {
        Some(n) if node.as_str().is_none() => c.key(&def.text_key, |c| c.inner_marker(n)),
        _ => None,
    };
    let mut text_read = true;
    let text = match (text_marker, text_node) {
        (Some(Marker::NotAnswered), _) | (_, None) => None,
        (_, Some(n)) => {
            let t = if node.as_str().is_some() {
                text(c, n, def.words)
            } else {
                c.key(&def.text_key, |c| text(c, n, def.words))
            };
            // Text is `None` only when it is not text at all.
            text_read = t.is_some();
            t
        }
    };
    let nothing_chosen = picked.as_ref().is_none_or(|p| p.names.is_empty());
    if nothing_chosen
        && text.is_none()
        && (selected_node.is_some() || text_node.is_some())
        && text_marker != Some(Marker::Pending)
        && let Some(question) = c.question()
    {
        unanswered(c, question, c.anchor(node));
    }
    let picked_read = picked.as_ref().is_none_or(|p| p.whole);
    if !picked_read || !text_read || text_marker.is_some() {
        return Answer::Raw(node.clone());
    }
    Answer::Choices {
        choices_key: def.choices_key.clone(),
        selected: picked.map(|p| p.names),
        text_key: def.text_key.clone(),
        text,
        extra,
    }
}

/// The chosen names, in the definition's order.
fn choices(c: &mut Cursor<'_>, def: &ChoicesText, node: &Node) -> Picked {
    let items: Vec<(Option<usize>, &Node)> = match &node.value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, n)| (Some(i), n))
            .collect(),
        Value::String(_) => vec![(None, node)],
        _ => {
            c.wrong_type(
                node,
                "a list of names",
                &format!(
                    "choose from {}",
                    backticked(&def.choices.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            );
            return Picked {
                names: Vec::new(),
                whole: false,
            };
        }
    };
    let mut names = Vec::new();
    let mut whole = true;
    for (index, item) in items {
        c.item(index, |c| match item.as_str() {
            Some(name) if rules_text::marker(name).is_some() => {
                if c.inner_marker(item) == Some(Marker::Pending) {
                    names.push(name.trim().to_string());
                }
            }
            Some(name) => {
                let reading = rule::read(name, &def.choices, &def.choices_label);
                match c.take(reading, item) {
                    Read::Canonical(choice) => names.push(choice),
                    // A name the list lacks is still what the person chose: kept as written.
                    Read::AsWritten => names.push(name.trim().to_string()),
                }
            }
            None => {
                c.wrong_type(item, "a name", "write the name in quotes");
                whole = false;
            }
        });
    }
    Picked {
        names: rule::in_order(names, &def.choices),
        whole,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, findings};
    use crate::finding::Code;

    #[test]
    fn choices() {
        assert_eq!(
            codes("high_impact = { initiatives = [\"power of data\"], text = \"x\" }\n"),
            []
        );
        assert_eq!(
            codes("high_impact = { initiatives = [\"Power of Dta\"] }\n"),
            [Code::ChoiceUnknown]
        );
        assert_eq!(
            codes("high_impact = \"Not at this time.\"\n"),
            [Code::NonCanonical]
        );
        let checked = findings("high_impact = { initiatives = [\"Power of Dta\"] }\n");
        assert_eq!(checked[0].1, "high_impact.initiatives[0]");
    }
}
