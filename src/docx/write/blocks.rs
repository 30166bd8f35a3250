//! Free text as Word blocks: the canonical answers keep paragraphs apart with a blank line and
//! write lists as the legacy layout does (`- item`, two spaces of indent per level); Word wants
//! paragraphs and list items.

/// The deepest list level Word has (`w:ilvl` 0 to 8).
pub const DEEPEST_LEVEL: u8 = 8;

/// One paragraph of text, or one list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The list level of an item (0 is the outermost); `None` for a paragraph.
    pub level: Option<u8>,
    /// Its text; a `\n` inside is a line break within the paragraph.
    pub text: String,
}

/// The blocks of a text: a blank line ends a paragraph; lines that follow each other without
/// one stay in one paragraph, broken; a `- ` line is a list item, one level deeper per two
/// spaces of indent; an indented line after an item carries the item on.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // Whether the last block may take the next line: no blank line came in between.
    let mut open = false;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        if let Some((level, item)) = list_item(line) {
            out.push(Block {
                level: Some(level),
                text: item.to_string(),
            });
            open = true;
            continue;
        }
        match out.last_mut() {
            Some(last)
                if open && (last.level.is_none() || line.starts_with(char::is_whitespace)) =>
            {
                last.text.push('\n');
                last.text.push_str(if last.level.is_some() {
                    line.trim_start()
                } else {
                    line
                });
            }
            _ => out.push(Block {
                level: None,
                text: line.to_string(),
            }),
        }
        open = true;
    }
    out
}

/// `- item` after an indent of spaces: the level (two spaces a level) and the item's text.
fn list_item(line: &str) -> Option<(u8, &str)> {
    let rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    let item = match rest.strip_prefix('-')? {
        "" => "",
        after => after.strip_prefix(' ')?,
    };
    let level = u8::try_from(indent / 2)
        .unwrap_or(u8::MAX)
        .min(DEEPEST_LEVEL);
    Some((level, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Block {
        Block {
            level: None,
            text: text.to_string(),
        }
    }

    fn item(level: u8, text: &str) -> Block {
        Block {
            level: Some(level),
            text: text.to_string(),
        }
    }

    #[test]
    fn texts_become_paragraphs_and_list_items() {
        let cases: Vec<(&str, Vec<Block>)> = vec![
            ("", vec![]),
            ("\n\n  \n", vec![]),
            ("One.", vec![p("One.")]),
            ("One.\n\nTwo.", vec![p("One."), p("Two.")]),
            ("One.\r\n\r\nTwo.\r\n", vec![p("One."), p("Two.")]),
            ("One\nline on.", vec![p("One\nline on.")]),
            (
                "Intro:\n- a\n- b\n  - b1\n    - b11\n- c\n\nAfter.",
                vec![
                    p("Intro:"),
                    item(0, "a"),
                    item(0, "b"),
                    item(1, "b1"),
                    item(2, "b11"),
                    item(0, "c"),
                    p("After."),
                ],
            ),
            (
                "- a\n  carried on\nnot carried",
                vec![item(0, "a\ncarried on"), p("not carried")],
            ),
            (
                "- a\n\n  indented paragraph",
                vec![item(0, "a"), p("  indented paragraph")],
            ),
            ("-\n- b", vec![item(0, ""), item(0, "b")]),
            ("-5 degrees\n--flag", vec![p("-5 degrees\n--flag")]),
            (
                "                      - deep",
                vec![item(DEEPEST_LEVEL, "deep")],
            ),
            (
                "  leading and trailing  ",
                vec![p("  leading and trailing  ")],
            ),
            ("tab\there", vec![p("tab\there")]),
        ];
        for (text, want) in cases {
            assert_eq!(blocks(text), want, "{text:?}");
        }
    }
}
