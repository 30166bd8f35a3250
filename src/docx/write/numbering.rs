//! `word/numbering.xml`: the lists a document uses. Word draws a list's numbers and bullets from
//! here, so a question's number is not in its text and a bullet's glyph not in its item.

use super::blocks::DEEPEST_LEVEL;
use super::xml::Xml;
use super::{W, attr};

/// The `w:numId` of the bullet list every list item uses.
pub const BULLETS: u32 = 1;

/// Bullet glyphs by level, repeated below the third.
const GLYPHS: [&str; 3] = ["\u{2022}", "\u{25e6}", "\u{25aa}"];

/// A list a paragraph can belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum List {
    /// Bullets, nested by level.
    Bullets,
    /// A decimal number counting from `start`.
    Counted { start: u32 },
    /// A number that is not a count (`B.1`), shown as written.
    Literal(String),
}

/// The lists of a document, in the order they were asked for: list `i` is `w:numId` `i + 1`.
#[derive(Debug, Clone)]
pub struct Numbering {
    lists: Vec<List>,
}

impl Default for Numbering {
    fn default() -> Numbering {
        Numbering {
            lists: vec![List::Bullets],
        }
    }
}

impl Numbering {
    /// The list of one numbered paragraph showing `number` (a question's number, `2` or `B.1`):
    /// each its own instance, so that the number shown is the definition's whatever comes
    /// before it.
    pub fn numbered(&mut self, number: &str) -> u32 {
        let list = match number.trim().parse::<u32>() {
            Ok(start) => List::Counted { start },
            Err(_) => List::Literal(number.trim().to_string()),
        };
        self.lists.push(list);
        u32::try_from(self.lists.len()).unwrap_or(u32::MAX)
    }

    /// The part.
    pub fn xml(&self) -> String {
        let mut xml = Xml::part();
        xml.start("w:numbering", &[("xmlns:w", W)]);
        // Every abstract list comes before every instance (the schema's order): 0 is the
        // bullets, 1 the counted numbers, then one per literal number.
        bullets(&mut xml);
        single_level(&mut xml, 1, "decimal", "%1.");
        let mut literals = Vec::new();
        for list in &self.lists {
            if let List::Literal(number) = list {
                let id = 2 + literals.len() as u32;
                // `%` followed by a digit would be read as a placeholder for a count.
                let text = format!("{}.", number.replace('%', "\u{ff05}"));
                single_level(&mut xml, id, "none", &text);
                literals.push(id);
            }
        }
        let mut literal = literals.into_iter();
        for (i, list) in self.lists.iter().enumerate() {
            let num_id = (i + 1).to_string();
            xml.start("w:num", &[("w:numId", &num_id)]);
            match list {
                List::Bullets => {
                    xml.empty("w:abstractNumId", &attr("0"));
                }
                List::Counted { start } => {
                    xml.empty("w:abstractNumId", &attr("1"));
                    xml.start("w:lvlOverride", &[("w:ilvl", "0")])
                        .empty("w:startOverride", &attr(&start.to_string()))
                        .end();
                }
                List::Literal(_) => {
                    let id = literal.next().unwrap_or_default().to_string();
                    xml.empty("w:abstractNumId", &attr(&id));
                }
            }
            xml.end();
        }
        xml.end();
        xml.finish()
    }
}

/// The bullet list: a glyph per level, each level indented further.
fn bullets(xml: &mut Xml) {
    xml.start("w:abstractNum", &[("w:abstractNumId", "0")]);
    xml.empty("w:multiLevelType", &attr("hybridMultilevel"));
    for level in 0..=DEEPEST_LEVEL {
        let ilvl = level.to_string();
        let glyph = GLYPHS[usize::from(level) % GLYPHS.len()];
        let left = (720 * (u32::from(level) + 1)).to_string();
        xml.start("w:lvl", &[("w:ilvl", &ilvl)])
            .empty("w:start", &attr("1"))
            .empty("w:numFmt", &attr("bullet"))
            .empty("w:lvlText", &attr(glyph))
            .empty("w:lvlJc", &attr("left"))
            .start("w:pPr", &[])
            .empty("w:ind", &[("w:left", &left), ("w:hanging", "360")])
            .end()
            .end();
    }
    xml.end();
}

/// A list of one level: a count (`decimal`, `%1.`) or a text shown as it is (`none`, `B.1.`).
fn single_level(xml: &mut Xml, id: u32, format: &str, text: &str) {
    xml.start("w:abstractNum", &[("w:abstractNumId", &id.to_string())])
        .empty("w:multiLevelType", &attr("singleLevel"))
        .start("w:lvl", &[("w:ilvl", "0")])
        .empty("w:start", &attr("1"))
        .empty("w:numFmt", &attr(format))
        .empty("w:lvlText", &attr(text))
        .empty("w:lvlJc", &attr("left"))
        .start("w:pPr", &[])
        .empty("w:ind", &[("w:left", "567"), ("w:hanging", "567")])
        .end()
        .end()
        .end();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_numbered_paragraph_shows_its_own_number() {
        let mut numbering = Numbering::default();
        assert_eq!(numbering.numbered("1"), 2);
        assert_eq!(numbering.numbered(" 7 "), 3);
        assert_eq!(numbering.numbered("B.1"), 4);
        let text = numbering.xml();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let w = |node: roxmltree::Node<'_, '_>, name: &str| {
            node.attribute((W, name)).map(str::to_string)
        };
        let nums: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "num")))
            .map(|n| {
                let abs = n
                    .children()
                    .find(|c| c.has_tag_name((W, "abstractNumId")))
                    .and_then(|c| w(c, "val"));
                let start = n
                    .descendants()
                    .find(|c| c.has_tag_name((W, "startOverride")))
                    .and_then(|c| w(c, "val"));
                (w(n, "numId").unwrap(), abs.unwrap(), start)
            })
            .collect();
        let s = |v: &str| v.to_string();
        assert_eq!(
            nums,
            [
                (s("1"), s("0"), None),
                (s("2"), s("1"), Some(s("1"))),
                (s("3"), s("1"), Some(s("7"))),
                (s("4"), s("2"), None),
            ]
        );
        let level_text = |abs: &str| {
            doc.descendants()
                .find(|n| {
                    n.has_tag_name((W, "abstractNum"))
                        && w(*n, "abstractNumId").as_deref() == Some(abs)
                })
                .and_then(|n| n.descendants().find(|c| c.has_tag_name((W, "lvlText"))))
                .and_then(|c| w(c, "val"))
        };
        assert_eq!(level_text("1").as_deref(), Some("%1."));
        assert_eq!(level_text("2").as_deref(), Some("B.1."));
        // Abstract lists all come first.
        let names: Vec<&str> = doc
            .root_element()
            .children()
            .filter(roxmltree::Node::is_element)
            .map(|n| n.tag_name().name())
            .collect();
        let first_num = names.iter().position(|n| *n == "num").unwrap();
        assert!(names[first_num..].iter().all(|n| *n == "num"), "{names:?}");
    }

    #[test]
    fn bullets_have_a_glyph_and_an_indent_at_every_level() {
        let text = Numbering::default().xml();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let bullets = doc
            .descendants()
            .find(|n| {
                n.has_tag_name((W, "abstractNum")) && n.attribute((W, "abstractNumId")) == Some("0")
            })
            .unwrap();
        let levels: Vec<_> = bullets
            .children()
            .filter(|n| n.has_tag_name((W, "lvl")))
            .collect();
        assert_eq!(levels.len(), usize::from(DEEPEST_LEVEL) + 1);
        for (i, level) in levels.iter().enumerate() {
            assert_eq!(level.attribute((W, "ilvl")), Some(i.to_string().as_str()));
            let fmt = level
                .children()
                .find(|c| c.has_tag_name((W, "numFmt")))
                .unwrap();
            assert_eq!(fmt.attribute((W, "val")), Some("bullet"));
        }
    }
}
