//! The SDG menu: the 17 goals and "All 17 goals", ticked by arrows and Space or by typed text
//! (`10, 16 and 17`, `all`); a broken list opens with its valid goals ticked and says what was
//! wrong.

use super::Session;
use super::ask::prompt_for;
use super::prompter::{Picked, Prompted, Ticks, pick_choices};
use crate::answers::FieldValue;
use crate::document::{Node, Value};
use crate::questionnaire::Field;
use crate::refdata::SDG_TITLES;
use crate::rules::sdgs::{SdgSet, SdgText, parse_text};
use crate::text::sanitize_line as sanitize;

impl Session<'_> {
    pub(super) fn pick_sdgs(
        &mut self,
        field: &Field,
        current: Option<&FieldValue>,
    ) -> Prompted<Node> {
        let mut items: Vec<String> = SDG_TITLES
            .iter()
            .enumerate()
            .map(|(i, title)| format!("{:>2} {title}", i + 1))
            .collect();
        items.push("All 17 goals".to_string());
        let mut chosen = vec![false; 18];
        match current {
            Some(FieldValue::Sdgs(SdgSet::All)) => chosen[17] = true,
            Some(FieldValue::Sdgs(SdgSet::Goals(goals))) => {
                for g in goals {
                    chosen[*g as usize - 1] = true;
                }
            }
            Some(FieldValue::Raw(node)) => {
                // A broken list opens with its valid goals ticked, and says what was wrong.
                let written = FieldValue::Raw(node.clone()).to_plain();
                let (valid, wrong) = sdgs_in(&written);
                for g in &valid {
                    chosen[*g] = true;
                }
                if !wrong.is_empty() {
                    self.p.say(&format!(
                        "  the goals given were `{}`: {}; the valid ones are ticked",
                        sanitize(&written),
                        wrong.join(", ")
                    ))?;
                }
            }
            _ => {}
        }
        let picked = self.p.multi_select(Ticks {
            prompt: &prompt_for(field),
            items: &items,
            chosen: &chosen,
            typed: typed_sdgs,
            example: "goal numbers or names like `10, 16 and 17`, `all` or `none`",
            all: Some(17),
        })?;
        Ok(if picked.contains(&17) {
            Node::new(Value::String("all".into()))
        } else {
            Node::new(Value::Array(
                picked
                    .iter()
                    .map(|i| Node::new(Value::Integer(*i as i64 + 1)))
                    .collect(),
            ))
        })
    }
}

/// Reads typed SDGs for the tick menu (item 17 is "All 17 goals"): what the text reads, always,
/// with what is wrong with it; goals may also be named (`climate, peace`).
fn typed_sdgs(text: &str, items: &[String]) -> Picked {
    if text.trim().eq_ignore_ascii_case("none") {
        return Picked::default();
    }
    if matches!(parse_text(text), Some(SdgText::All)) {
        return Picked {
            items: (0..items.len()).collect(),
            problem: None,
        };
    }
    let (valid, wrong) = sdgs_in(text);
    if parse_text(text.trim().trim_start_matches('[').trim_end_matches(']')).is_none() {
        let by_name = pick_choices(text, &items[..items.len().min(17)]);
        if by_name.problem.is_none() && !by_name.items.is_empty() {
            return by_name;
        }
    }
    match wrong.into_iter().next() {
        Some(problem) => Picked {
            items: valid,
            problem: Some(problem),
        },
        None if valid.is_empty() => Picked {
            items: Vec::new(),
            problem: Some("type goal numbers such as `10, 16 and 17`, or `all`".to_string()),
        },
        None => Picked {
            items: valid,
            problem: None,
        },
    }
}

/// The valid goals (0-based) in a written list, and what is wrong with the others.
fn sdgs_in(text: &str) -> (Vec<usize>, Vec<String>) {
    let text = text.trim().trim_start_matches('[').trim_end_matches(']');
    let numbers = match parse_text(text) {
        Some(SdgText::All) => return (vec![17], Vec::new()),
        Some(SdgText::Numbers { numbers, .. }) => numbers,
        None => return (Vec::new(), vec![format!("`{text}` is not a list of goals")]),
    };
    let mut valid = Vec::new();
    let mut wrong = Vec::new();
    for n in numbers {
        if !(1..=17).contains(&n) {
            wrong.push(format!("{n} is not a goal (they are 1 to 17)"));
        } else if valid.contains(&(n as usize - 1)) {
            wrong.push(format!("{n} is given twice"));
        } else {
            valid.push(n as usize - 1);
        }
    }
    valid.sort_unstable();
    (valid, wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_goals_tick_the_menu() {
        let items: Vec<String> = SDG_TITLES
            .iter()
            .enumerate()
            .map(|(i, title)| format!("{:>2} {title}", i + 1))
            .chain(["All 17 goals".to_string()])
            .collect();
        let read = |t: &str| typed_sdgs(t, &items);
        assert_eq!(read("10, 16 and 17").items, [9, 15, 16]);
        assert_eq!(
            read("all").items.len(),
            18,
            "every goal and the row for all"
        );
        assert_eq!(read("none"), Picked::default());
        let dup = read("10, 13, 10, 16 and 17");
        assert_eq!(
            dup.items,
            [9, 12, 15, 16],
            "what it reads, and nothing else"
        );
        assert_eq!(dup.problem.as_deref(), Some("10 is given twice"));
        let far = read("3, 19");
        assert_eq!(far.items, [2]);
        assert_eq!(
            far.problem.as_deref(),
            Some("19 is not a goal (they are 1 to 17)")
        );
        assert_eq!(read("climate, peace").items, [12, 15]);
        assert!(read("climbing").problem.is_some());
        assert!(read("climbing").items.is_empty());
        assert_eq!(
            sdgs_in("[2, 6, 13, 13, 18]"),
            (
                vec![1, 5, 12],
                vec![
                    "13 is given twice".to_string(),
                    "18 is not a goal (they are 1 to 17)".to_string()
                ]
            )
        );
    }
}
