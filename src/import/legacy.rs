//! The legacy text layout as blocks: one block per line, so that a block's index is its line's.
//!
//! A line ending in ` |` ends a table cell: it is a row of one cell, the layout having no rows
//! (a bare `|` is an empty cell). A line that starts with a box (`☐`, `☒`, `[x]`) is a check
//! box. Lists are written `- item`, or with the glyph alone on a line and the item on the next
//! (`-` twice for a nested item): either way the item becomes a list paragraph of that level, and
//! a glyph line an empty list item, which the importer skips.

use super::block::{Block, BlockKind, Cell, ListItem, Paragraph, Row, paragraph_blocks};

/// The blocks of legacy text, one per line (a check box line with several boxes is the one
/// exception: the importer counts lines by span, not by index).
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = 0;
    // Bullet glyphs alone on their lines, waiting for their item.
    let mut depth = 0usize;
    for raw in text.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        let span = start..start + content.len();
        start += raw.len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            out.push(paragraph(String::new(), None, span));
            continue;
        }
        if is_bullet_glyph(trimmed) {
            out.push(paragraph(String::new(), Some(depth), span));
            depth += 1;
            continue;
        }
        let (body, bar) = match trimmed.strip_suffix('|') {
            Some(body) => (body.trim_end(), true),
            None => (trimmed, false),
        };
        let (text, level) = match bullet_item(body) {
            Some(item) => (item, Some(0)),
            None if depth > 0 => (body, Some(depth - 1)),
            None => (body, None),
        };
        depth = 0;
        let p = Paragraph {
            text: text.to_string(),
            list: level.map(|level| ListItem {
                level,
                ..ListItem::default()
            }),
            links: Vec::new(),
        };
        if bar {
            out.push(Block {
                kind: BlockKind::Row(Row {
                    cells: vec![Cell {
                        paragraphs: vec![p],
                        merged: false,
                    }],
                    title: false,
                }),
                span,
            });
        } else {
            paragraph_blocks(p, span, &mut out);
        }
    }
    out
}

fn paragraph(text: String, level: Option<usize>, span: std::ops::Range<usize>) -> Block {
    Block {
        kind: BlockKind::Paragraph(Paragraph {
            text,
            list: level.map(|level| ListItem {
                level,
                ..ListItem::default()
            }),
            links: Vec::new(),
        }),
        span,
    }
}

/// `-`, `•` or `–` alone: Word's text export puts a bullet's glyph on a line of its own.
fn is_bullet_glyph(line: &str) -> bool {
    matches!(line, "-" | "•" | "–")
}

/// `- item` or `• item`: the item.
fn bullet_item(line: &str) -> Option<&str> {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("• "))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each block as a short string: `p:text`, `p0:text` (a list item of level 0), `|text`, `☒label`.
    fn shapes(text: &str) -> Vec<String> {
        blocks(text)
            .into_iter()
            .map(|b| match b.kind {
                BlockKind::Paragraph(p) => match p.list {
                    Some(l) => format!("p{}:{}", l.level, p.text),
                    None => format!("p:{}", p.text),
                },
                BlockKind::Row(r) => format!("|{}", r.cells[0].line()),
                BlockKind::CheckBox(c) => {
                    format!("{}{}", if c.checked { '☒' } else { '☐' }, c.label)
                }
            })
            .collect()
    }

    #[test]
    fn lines_become_blocks() {
        let cases: &[(&str, &[&str])] = &[
            ("Entity\n\nText", &["p:Entity", "p:", "p:Text"]),
            (
                "Event Name: |\nForum |\n|",
                &["|Event Name:", "|Forum", "|"],
            ),
            ("- a\n- b |", &["p0:a", "|b"]),
            ("Intro:\n-\nFirst;", &["p:Intro:", "p0:", "p0:First;"]),
            (
                "-\n-\nNested\nAfter",
                &["p0:", "p1:", "p1:Nested", "p:After"],
            ),
            (
                "☒ Power of Data\n[ ] FutureGov",
                &["☒Power of Data", "☐FutureGov"],
            ),
            ("Windows line\r\n", &["p:Windows line"]),
        ];
        for (text, want) in cases {
            assert_eq!(shapes(text), *want, "{text:?}");
        }
    }

    #[test]
    fn spans_are_the_lines() {
        let text = "ab\r\ncd |\n";
        let spans: Vec<_> = blocks(text).into_iter().map(|b| b.span).collect();
        assert_eq!(spans, [0..2, 4..8]);
    }
}
