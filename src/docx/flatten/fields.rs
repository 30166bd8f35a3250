//! Complex and simple fields (`w:fldChar`, `w:fldSimple`): read by their result, never their
//! instruction; a legacy check box by its state, a drop-down by its entry, a text form field's
//! default of five en spaces as empty, a `HYPERLINK`'s target kept for a website.

use crate::docx::xml::Node;

use super::{Buffer, Field, Flattener};
use crate::docx::xml::{self, Ns};
use crate::import::block::{BOX_TICKED, BOX_UNTICKED};

impl Flattener<'_> {
    /// `w:fldChar begin`: a field starts; a legacy check box or drop-down shows its state now.
    pub(super) fn begin_field(&mut self, fld_char: Option<Node<'_, '_>>, buffer: &mut Buffer) {
        let data = fld_char.and_then(|f| xml::child(f, Ns::W, "ffData"));
        if let Some(check_box) = data.and_then(|d| xml::child(d, Ns::W, "checkBox")) {
            // `w:checked` when the box was clicked, else the box's `w:default`.
            let checked = match xml::child(check_box, Ns::W, "checked") {
                Some(c) => xml::on(Some(c), Ns::W),
                None => xml::on(xml::child(check_box, Ns::W, "default"), Ns::W),
            };
            let marker = if checked { BOX_TICKED } else { BOX_UNTICKED };
            self.push(buffer, &format!("{marker} "));
        }
        let entry = data
            .and_then(|d| xml::child(d, Ns::W, "ddList"))
            .and_then(|list| {
                let chosen = xml::child(list, Ns::W, "result")
                    .or_else(|| xml::child(list, Ns::W, "default"))
                    .and_then(xml::val)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0);
                list.children()
                    .filter(|c| xml::is(*c, Ns::W, "listEntry"))
                    .nth(chosen)
                    .and_then(xml::val)
                    .map(str::to_string)
            });
        self.fields.push(Field {
            instruction: String::new(),
            in_result: false,
            result_start: None,
            entry,
        });
    }

    pub(super) fn separate_field(&mut self, buffer: &mut Buffer) {
        let serial = self.paragraph_serial;
        if let Some(field) = self.fields.last_mut() {
            field.in_result = true;
            field.result_start = Some((serial, buffer.text.len()));
        }
    }

    /// `w:fldChar end`: a field's result stands, except a form text field's default of five
    /// en spaces (empty); a hyperlink field's target is kept for a website written as words.
    pub(super) fn end_field(&mut self, buffer: &mut Buffer) {
        let Some(field) = self.fields.pop() else {
            return;
        };
        let instruction = field.instruction.trim();
        let keyword = instruction
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let here = field
            .result_start
            .filter(|(serial, at)| *serial == self.paragraph_serial && *at <= buffer.text.len())
            .map(|(_, at)| at);
        match keyword.as_str() {
            "FORMTEXT" => {
                if let Some(at) = here
                    && buffer.text[at..]
                        .chars()
                        .all(|c| c == '\u{2002}' || c.is_whitespace())
                {
                    buffer.text.truncate(at);
                }
            }
            "FORMDROPDOWN" => {
                let empty = here.is_none_or(|at| buffer.text[at..].trim().is_empty());
                if empty && let Some(entry) = &field.entry {
                    self.push(buffer, entry);
                }
            }
            "HYPERLINK" => {
                if let Some(target) = hyperlink_target(instruction)
                    && self.shown()
                {
                    buffer.links.push(target);
                }
            }
            _ => {}
        }
    }
}

/// The address a `HYPERLINK` field points to: its first argument, unless it is a place in the
/// document (`\l`).
fn hyperlink_target(instruction: &str) -> Option<String> {
    let rest = instruction.trim().get("HYPERLINK".len()..)?.trim();
    if rest.contains("\\l") && !rest.starts_with('"') {
        return None;
    }
    let target = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    (!target.is_empty() && !target.starts_with('\\')).then(|| target.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_fields_point_at_their_first_argument() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                r#"HYPERLINK "https://a.example/x" \o "tip""#,
                Some("https://a.example/x"),
            ),
            ("HYPERLINK https://b.example", Some("https://b.example")),
            (r#"HYPERLINK \l "_Toc1""#, None),
            ("HYPERLINK", None),
        ];
        for (instruction, want) in cases {
            assert_eq!(
                hyperlink_target(instruction).as_deref(),
                *want,
                "{instruction}"
            );
        }
    }
}
