//! Q4: a choice of names from a list, plus text. Check boxes decide the choices when the form
//! shows them (none ticked is an explicit none, `[]`), the text beside them being the text;
//! without boxes, the choices are the list's names the text mentions. `export --to text` names
//! chosen initiatives the text does not mention on a last line `<choices label>: A; B.`: it is
//! read back as choices, not as text.

use super::Importer;
use super::block::CheckBox;
use super::paragraphs::{Line, text_node};
use crate::document::{Entry, Node, Value};
use crate::questionnaire::ChoicesText;
use crate::rules::text;
use crate::text::fold;

impl<'b> Importer<'_, 'b> {
    /// A choices-plus-text question's answer from its text lines and its boxes.
    pub(super) fn choices_answer(
        &mut self,
        def: &ChoicesText,
        mut content: Vec<Line<'b>>,
        boxes: &[(usize, &CheckBox)],
    ) -> Option<Node> {
        let blocks = self.blocks;
        let span_of = |block: usize| blocks[block].span.clone();
        let first_line = content.first().map(|l| l.block);
        let mut listed: Vec<String> = Vec::new();
        if let Some(last) = content.last()
            && let Some((label, names)) = last.text.split_once(':')
            && fold(label) == fold(&def.choices_label)
        {
            listed = crate::rules::lists::split_list(names);
            content.pop();
        }
        if content.is_empty() && boxes.is_empty() && listed.is_empty() {
            return None;
        }
        let node = text_node(&content, span_of);
        let marker = node.as_str().is_some_and(|s| text::marker(s).is_some());
        if boxes.is_empty() && listed.is_empty() && marker {
            return Some(node);
        }
        let mut chosen: Vec<String> = if boxes.is_empty() {
            let folded = fold(node.as_str().unwrap_or(""));
            def.choices
                .iter()
                .filter(|c| folded.contains(&fold(c)))
                .cloned()
                .collect()
        } else {
            boxes
                .iter()
                .filter(|(_, b)| b.checked && !b.label.is_empty())
                .map(|(_, b)| choice_named(&b.label, &def.choices))
                .collect()
        };
        for name in listed {
            if !chosen.iter().any(|c| fold(c) == fold(&name)) {
                chosen.push(name);
            }
        }
        let first = boxes
            .first()
            .map(|(i, _)| span_of(*i))
            .or_else(|| first_line.map(span_of));
        let at = |value: Value| Node {
            value,
            span: first.clone(),
        };
        let mut entries = vec![Entry {
            key: def.choices_key.as_str().into(),
            key_span: first.clone(),
            node: at(Value::Array(
                chosen
                    .into_iter()
                    .map(|c| at(Value::String(c.into())))
                    .collect(),
            )),
        }];
        if node.as_str().is_some_and(|t| !t.is_empty()) {
            entries.push(Entry {
                key: def.text_key.as_str().into(),
                key_span: first.clone(),
                node,
            });
        }
        Some(at(Value::Table(entries)))
    }
}

/// The definition's name of the choice a box's label names (the label may say more: `Early
/// Warnings for All: we share data`), else the label as written.
fn choice_named(label: &str, choices: &[String]) -> String {
    let folded = fold(label);
    choices
        .iter()
        .filter(|c| {
            let wanted = fold(c);
            !wanted.is_empty() && folded.starts_with(&wanted)
        })
        .max_by_key(|c| c.len())
        .cloned()
        .unwrap_or_else(|| label.trim().to_string())
}
