//! What the importer reads a text out of: lines (a paragraph, a table cell's paragraph, a row
//! or a check box as text), and the one rule that turns lines into a text value.

use std::borrow::Cow;

use super::block::{Block, BlockKind, ListItem};
use crate::document::{Node, Value};

/// One paragraph as the matcher reads it.
#[derive(Debug, Clone)]
pub(super) struct Line<'b> {
    /// The text, trimmed; a table cell's closing bar is not part of it.
    pub text: Cow<'b, str>,
    /// Its place in a list, if it is a list item.
    pub list: Option<&'b ListItem>,
    /// The targets of its hyperlinks.
    pub links: &'b [String],
    /// A table cell ends with it (the legacy layout's ` |`).
    pub bar: bool,
    /// A title row: a row of one cell as wide as a table of several.
    pub title: bool,
    /// The block it is part of.
    pub block: usize,
}

impl Line<'_> {
    /// Only a cell's end: an empty cell (`|` alone in the legacy layout).
    pub fn is_bare_bar(&self) -> bool {
        self.bar && self.text.is_empty()
    }

    /// A line without text (blank, or an empty list item).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// The lines of one block, as a text question reads it: a paragraph; each paragraph of a row's
/// single cell (the last one closing the cell); a row of several cells as one line, its cells
/// joined by ` | `; a check box as its glyph and label.
pub(super) fn lines_of<'b>(block: &'b Block, index: usize, out: &mut Vec<Line<'b>>) {
    match &block.kind {
        BlockKind::Paragraph(p) => out.push(Line {
            text: Cow::Borrowed(p.text.trim()),
            list: p.list.as_ref(),
            links: &p.links,
            bar: false,
            title: false,
            block: index,
        }),
        BlockKind::Row(row) if row.cells.len() == 1 => {
            let cell = &row.cells[0];
            let texts: Vec<_> = cell
                .paragraphs
                .iter()
                .filter(|p| !p.text.trim().is_empty())
                .collect();
            if texts.is_empty() {
                out.push(Line {
                    text: Cow::Borrowed(""),
                    list: None,
                    links: &[],
                    bar: true,
                    title: row.title,
                    block: index,
                });
            }
            let last = texts.len().saturating_sub(1);
            for (i, p) in texts.into_iter().enumerate() {
                out.push(Line {
                    text: Cow::Borrowed(p.text.trim()),
                    list: p.list.as_ref(),
                    links: &p.links,
                    bar: i == last,
                    title: row.title,
                    block: index,
                });
            }
        }
        BlockKind::Row(row) => {
            let cells: Vec<String> = row
                .cells
                .iter()
                .filter(|c| !c.merged)
                .map(super::block::Cell::line)
                .filter(|t| !t.is_empty())
                .collect();
            out.push(Line {
                text: Cow::Owned(cells.join(" | ")),
                list: None,
                links: &[],
                bar: true,
                title: row.title,
                block: index,
            });
        }
        BlockKind::CheckBox(check_box) => out.push(Line {
            text: Cow::Owned(check_box.as_text()),
            list: None,
            links: &[],
            bar: false,
            title: false,
            block: index,
        }),
    }
}

/// A text from lines: a paragraph per line, separated by a blank line; bullets as the legacy
/// layout writes lists, `- item` with two spaces of indent per level below the first, one item a
/// line; a numbered item with its number typed before it; empty lines and empty bullets dropped.
pub(super) fn text_node(
    lines: &[Line<'_>],
    span_of: impl Fn(usize) -> std::ops::Range<usize>,
) -> Node {
    let first = lines.iter().find(|l| !l.is_empty());
    let mut blocks: Vec<String> = Vec::new();
    let mut last_was_bullet = false;
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let bullet = line.list.filter(|l| !l.numbered).map(|l| l.level);
        match bullet {
            Some(level) => {
                let item = format!(
                    "{}- {}",
                    "  ".repeat(level.min(crate::rules::text::DEEPEST_LIST_LEVEL)),
                    line.text
                );
                match blocks.last_mut() {
                    Some(list) if last_was_bullet => {
                        list.push('\n');
                        list.push_str(&item);
                    }
                    _ => blocks.push(item),
                }
                last_was_bullet = true;
            }
            None => {
                let number = line.list.and_then(|l| l.number.as_deref());
                blocks.push(match number {
                    Some(number) => format!("{number} {}", line.text),
                    None => line.text.to_string(),
                });
                last_was_bullet = false;
            }
        }
    }
    Node {
        value: Value::String(blocks.join("\n\n").into()),
        span: first.map(|l| span_of(l.block)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::legacy;
    use super::*;

    fn texts(input: &str) -> String {
        let blocks = legacy::blocks(input);
        let mut lines = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            lines_of(block, i, &mut lines);
        }
        text_node(&lines, |i| blocks[i].span.clone())
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn paragraphs_and_bullets() {
        let cases: &[(&str, &str)] = &[
            ("One.\nTwo.", "One.\n\nTwo."),
            (
                "Intro:\n-\nFirst;\n-\nSecond.",
                "Intro:\n\n- First;\n- Second.",
            ),
            ("- a\n- b\nAfter.", "- a\n- b\n\nAfter."),
            ("-\n-\nNested", "  - Nested"),
            ("Trailing:\n- a\n-", "Trailing:\n\n- a"),
            ("Cell text |", "Cell text"),
            ("☒ A box", "☒ A box"),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "{input:?}");
        }
    }

    #[test]
    fn numbered_items_keep_their_number_and_bullets_their_level() {
        let item = |level, number: Option<&str>, numbered| ListItem {
            level,
            number: number.map(str::to_string),
            numbered,
        };
        let items = [
            item(0, Some("1."), true),
            item(0, None, false),
            item(1, None, false),
            item(0, None, true),
        ];
        let texts = ["First", "Bullet", "Nested", "Unknown number"];
        let lines: Vec<Line<'_>> = items
            .iter()
            .zip(texts)
            .map(|(list, text)| Line {
                text: Cow::Borrowed(text),
                list: Some(list),
                links: &[],
                bar: false,
                title: false,
                block: 0,
            })
            .collect();
        let node = text_node(&lines, |_| 0..0);
        assert_eq!(
            node.as_str(),
            Some("1. First\n\n- Bullet\n  - Nested\n\nUnknown number")
        );
    }
}
