//! The one stream the importer reads, whatever the form was written in: paragraphs, table rows
//! and check boxes in reading order, each with the span of the source it came from. The legacy
//! text layout (`legacy.rs`) and the Word form (`crate::docx`) both produce it, so that the label
//! matching, the records, the lists and the check boxes are read by one set of rules.

use std::ops::Range;

/// One block of a form, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Where it came from: byte offsets into legacy text; in a Word form, `i..i + 1` where `i`
    /// indexes the form's spots (its paragraphs and table rows).
    pub span: Range<usize>,
}

/// Text kept in `notes` because it sits where no answer is (a footnote, a text box, a header):
/// what a Word form holds besides its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// What held it, for the message: `a footnote`, `a text box`, `the header`.
    pub what: String,
    /// The text.
    pub text: String,
    /// Where it points: the span of the block it is anchored in, or nowhere.
    pub span: Option<Range<usize>>,
}

/// The kinds of block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph outside any table.
    Paragraph(Paragraph),
    /// A table row. The legacy layout has no rows: each of its `… |` cells is a row of one cell.
    Row(Row),
    /// A check box and the text beside it.
    CheckBox(CheckBox),
}

/// A paragraph's text, with what Word shows around it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, runs joined; a line break is `\n`, a tab `\t`.
    pub text: String,
    /// Set for a list item: an automatic bullet or number.
    pub list: Option<ListItem>,
    /// The targets of the hyperlinks in it, in order.
    pub links: Vec<String>,
}

/// A paragraph's place in a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListItem {
    /// 0 for the outermost level.
    pub level: usize,
    /// The number shown before the text (`3.`, `b)`, `B.1`), when it is a number and can be
    /// computed; `None` for a bullet.
    pub number: Option<String>,
    /// Whether it is numbered (a question, or a numbered list) rather than bulleted, even when
    /// its number cannot be computed.
    pub numbered: bool,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The cells, left to right; a cell spanning several columns is one cell.
    pub cells: Vec<Cell>,
    /// One cell spanning every column of a table of several: a title such as "Event 1", or a
    /// label or value as wide as the table.
    pub title: bool,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Its paragraphs (a nested table's rows are paragraphs here, their cells joined by tabs).
    pub paragraphs: Vec<Paragraph>,
    /// It continues a vertical merge: its value lives in the cell above.
    pub merged: bool,
}

/// A check box: its state and the text beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckBox {
    /// Ticked.
    pub checked: bool,
    /// The text after the box, trimmed.
    pub label: String,
}

impl Cell {
    /// The cell's text on one line: its paragraphs joined by a space, trimmed.
    pub fn line(&self) -> String {
        let parts: Vec<&str> = self
            .paragraphs
            .iter()
            .map(|p| p.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        parts.join(" ")
    }

    /// No text at all.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.iter().all(|p| p.text.trim().is_empty())
    }
}

impl CheckBox {
    /// The box as it reads in text: `☒ label` or `☐ label`.
    pub fn as_text(&self) -> String {
        let glyph = if self.checked { '☒' } else { '☐' };
        if self.label.is_empty() {
            glyph.to_string()
        } else {
            format!("{glyph} {}", self.label)
        }
    }
}

/// Stands in a Word form's text for a check box whose state is stored apart from any glyph
/// (a content control or a legacy form field): unticked. A noncharacter, never in a document.
pub const BOX_UNTICKED: char = '\u{fdd0}';
/// The same, ticked.
pub const BOX_TICKED: char = '\u{fdd1}';

/// The state of a box that `text` starts with, and the length of its glyph: `☐ □ ❑ [ ]`
/// unticked, `☒ ☑ [x]` ticked, and the markers a Word form's check boxes leave.
fn box_at(text: &str) -> Option<(bool, usize)> {
    const BOXES: &[(&str, bool)] = &[
        ("\u{fdd0}", false),
        ("\u{fdd1}", true),
        ("☐", false),
        ("□", false),
        ("❑", false),
        ("☒", true),
        ("☑", true),
        ("[ ]", false),
        ("[x]", true),
        ("[X]", true),
    ];
    BOXES
        .iter()
        .find(|(glyph, _)| text.starts_with(glyph))
        .map(|(glyph, checked)| (*checked, glyph.len()))
}

/// The text before the first box of a line, and each box with the text after it up to the next
/// box; `None` when the line holds no box. A typed `[ ]` counts only at the start of the line
/// or after a space, so that `a[x]` stays text.
pub fn split_boxes(text: &str) -> Option<(String, Vec<CheckBox>)> {
    let mut boxes: Vec<(usize, usize, bool)> = Vec::new();
    // Every box starts with `[` or with the lead byte of ☐ ☑ ☒ □ ❑ (0xE2) or of the markers
    // (0xEF): only those places are looked at, not every character of every paragraph.
    for at in memchr::memchr3_iter(b'[', 0xE2, 0xEF, text.as_bytes()) {
        let Some((checked, len)) = box_at(&text[at..]) else {
            continue;
        };
        let bracket = text.as_bytes()[at] == b'[';
        if !bracket
            || text[..at]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace)
        {
            boxes.push((at, len, checked));
        }
    }
    // A glyph inside the text of another box (`[x]` inside `[[x]]`) cannot overlap: drop those.
    boxes.dedup_by(|later, earlier| later.0 < earlier.0 + earlier.1);
    let first = boxes.first()?.0;
    let mut out = Vec::with_capacity(boxes.len());
    for (i, &(at, len, checked)) in boxes.iter().enumerate() {
        let end = boxes.get(i + 1).map_or(text.len(), |next| next.0);
        out.push(CheckBox {
            checked,
            label: text[at + len..end].trim().to_string(),
        });
    }
    Some((text[..first].trim().to_string(), out))
}

/// A paragraph as blocks: itself, or, when it holds check boxes, the text before them (if any)
/// and a check box block for each.
pub fn paragraph_blocks(paragraph: Paragraph, span: Range<usize>, out: &mut Vec<Block>) {
    let Some((before, boxes)) = split_boxes(&paragraph.text) else {
        out.push(Block {
            kind: BlockKind::Paragraph(paragraph),
            span,
        });
        return;
    };
    if !before.is_empty() {
        out.push(Block {
            kind: BlockKind::Paragraph(Paragraph {
                text: before,
                ..paragraph
            }),
            span: span.clone(),
        });
    }
    for check_box in boxes {
        out.push(Block {
            kind: BlockKind::CheckBox(check_box),
            span: span.clone(),
        });
    }
}

/// A row as blocks: itself, or, when its cells hold check boxes (a form that lists choices in a
/// table, a box in one cell and its name in the next), a check box block for each box, labelled
/// by the text after it in its cell or, if there is none, by the cells after it up to the next box.
pub fn row_blocks(row: Row, span: Range<usize>, out: &mut Vec<Block>) {
    let split: Vec<Option<(String, Vec<CheckBox>)>> = row
        .cells
        .iter()
        .map(|cell| split_boxes(&cell.line()))
        .collect();
    if split.iter().all(Option::is_none) {
        out.push(Block {
            kind: BlockKind::Row(row),
            span,
        });
        return;
    }
    let mut boxes: Vec<CheckBox> = Vec::new();
    let mut lead: Vec<String> = Vec::new();
    for (cell, parts) in row.cells.iter().zip(split) {
        match parts {
            Some((before, cell_boxes)) => {
                if !before.is_empty() {
                    match boxes.last_mut() {
                        Some(last) if last.label.is_empty() => last.label = before,
                        Some(last) => push_words(&mut last.label, &before),
                        None => lead.push(before),
                    }
                }
                boxes.extend(cell_boxes);
            }
            None => {
                let text = cell.line();
                match boxes.last_mut() {
                    Some(last) => push_words(&mut last.label, &text),
                    None if !text.is_empty() => lead.push(text),
                    None => {}
                }
            }
        }
    }
    if !lead.is_empty() {
        out.push(Block {
            kind: BlockKind::Paragraph(Paragraph {
                text: lead.join(" "),
                ..Paragraph::default()
            }),
            span: span.clone(),
        });
    }
    for check_box in boxes {
        out.push(Block {
            kind: BlockKind::CheckBox(check_box),
            span: span.clone(),
        });
    }
}

fn push_words(to: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(text: &str) -> Option<(String, Vec<(bool, String)>)> {
        split_boxes(text).map(|(before, boxes)| {
            (
                before,
                boxes.into_iter().map(|b| (b.checked, b.label)).collect(),
            )
        })
    }

    #[test]
    fn boxes_are_read_by_their_state_whatever_the_glyph() {
        type Case<'a> = (&'a str, Option<(&'a str, Vec<(bool, &'a str)>)>);
        let cases: Vec<Case<'_>> = vec![
            (
                "☐ Transforming Education",
                Some(("", vec![(false, "Transforming Education")])),
            ),
            ("☒ Power of Data", Some(("", vec![(true, "Power of Data")]))),
            ("☑FutureGov", Some(("", vec![(true, "FutureGov")]))),
            ("□ SDG Stimulus", Some(("", vec![(false, "SDG Stimulus")]))),
            (
                "[x] Local2030 Coalition",
                Some(("", vec![(true, "Local2030 Coalition")])),
            ),
            (
                "[ ] Energy Compacts",
                Some(("", vec![(false, "Energy Compacts")])),
            ),
            (
                "Select: ☐ A ☒ B",
                Some(("Select:", vec![(false, "A"), (true, "B")])),
            ),
            (
                "\u{fdd1} Early Warnings for All",
                Some(("", vec![(true, "Early Warnings for All")])),
            ),
            ("a[x] is not a box", None),
            ("no box at all", None),
            ("", None),
        ];
        for (text, want) in cases {
            let want = want.map(|(before, b)| {
                (
                    before.to_string(),
                    b.into_iter().map(|(c, l)| (c, l.to_string())).collect(),
                )
            });
            assert_eq!(boxes(text), want, "{text}");
        }
    }

    #[test]
    fn a_row_of_boxes_labels_each_box_by_the_cells_after_it() {
        let cell = |text: &str| Cell {
            paragraphs: vec![Paragraph {
                text: text.to_string(),
                ..Paragraph::default()
            }],
            merged: false,
        };
        let mut out = Vec::new();
        row_blocks(
            Row {
                cells: vec![cell("\u{fdd1}"), cell("Power of Data"), cell("☐ FutureGov")],
                title: false,
            },
            0..1,
            &mut out,
        );
        let got: Vec<(bool, String)> = out
            .into_iter()
            .map(|b| match b.kind {
                BlockKind::CheckBox(c) => (c.checked, c.label),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            [(true, "Power of Data".into()), (false, "FutureGov".into())]
        );
        let mut out = Vec::new();
        row_blocks(
            Row {
                cells: vec![cell("Event Name"), cell("Forum")],
                title: false,
            },
            0..1,
            &mut out,
        );
        assert!(matches!(
            &out[..],
            [Block {
                kind: BlockKind::Row(_),
                ..
            }]
        ));
    }
}
