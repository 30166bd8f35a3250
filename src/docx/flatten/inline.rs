//! Inside a paragraph: runs and what wraps them. Breaks, tabs, symbols and hyphens as typed;
//! note and comment references noted; text boxes kept aside; anything unknown read, never
//! dropped.

use crate::docx::xml::Node;

use super::{Buffer, Flattener, RANGE_MARKS, Reference, branch, math_text, plain_text};
use crate::docx::xml::{self, Ns};
use crate::import::block::Skipped;

impl Flattener<'_> {
    /// Inline content: runs and what wraps them.
    pub(super) fn inline(&mut self, node: Node<'_, '_>, buffer: &mut Buffer) {
        if !self.enter() {
            return;
        }
        for child in node.children() {
            match xml::name(child) {
                Some((Ns::W, "r")) => self.run(child, buffer),
                Some((Ns::W, "hyperlink")) => {
                    let target = xml::attr(child, Ns::R, "id")
                        .and_then(|id| self.rels.get(id))
                        .filter(|rel| rel.external)
                        .map(|rel| rel.target.clone());
                    if let Some(target) = target {
                        buffer.links.push(target);
                    }
                    self.inline(child, buffer);
                }
                Some((Ns::W, "ins" | "moveTo")) => {
                    self.track();
                    self.inline(child, buffer);
                }
                Some((Ns::W, "del" | "moveFrom")) => self.track(),
                Some((Ns::W, "sdt")) => self.inline_control(child, buffer),
                Some((Ns::W, "smartTag" | "customXml" | "dir" | "bdo")) => {
                    self.inline(child, buffer);
                }
                Some((Ns::W, "fldSimple")) => {
                    let instruction = xml::attr(child, Ns::W, "instr").unwrap_or("");
                    self.begin_field(None, buffer);
                    if let Some(field) = self.fields.last_mut() {
                        field.instruction.push_str(instruction);
                    }
                    self.separate_field(buffer);
                    self.inline(child, buffer);
                    self.end_field(buffer);
                }
                Some((Ns::Mc, "AlternateContent")) => {
                    if let Some(branch) = branch(child) {
                        self.inline(branch, buffer);
                    }
                }
                Some((Ns::M, "oMathPara" | "oMath")) => {
                    let text = math_text(child);
                    self.push(buffer, &text);
                }
                Some((Ns::W, local))
                    if IGNORED_INLINE.contains(&local) || RANGE_MARKS.contains(&local) => {}
                _ => {
                    // Not a construct of WordprocessingML this reader knows: its text is read,
                    // never dropped.
                    let text = plain_text(child);
                    self.push(buffer, &text);
                }
            }
        }
        self.leave();
    }

    /// A run's content.
    pub(super) fn run(&mut self, r: Node<'_, '_>, buffer: &mut Buffer) {
        for child in r.children() {
            match xml::name(child) {
                Some((Ns::W, "t")) => self.push(buffer, child.text().unwrap_or("")),
                Some((Ns::W, "instrText")) => {
                    let text = child.text().unwrap_or("");
                    if let Some(field) = self.fields.iter_mut().rev().find(|f| !f.in_result) {
                        field.instruction.push_str(text);
                    }
                }
                Some((Ns::W, "tab" | "ptab")) => self.push(buffer, "\t"),
                Some((Ns::W, "br")) => {
                    // A page or column break is layout; a line break is a new line.
                    if !matches!(xml::attr(child, Ns::W, "type"), Some("page" | "column")) {
                        self.push(buffer, "\n");
                    }
                }
                Some((Ns::W, "cr")) => self.push(buffer, "\n"),
                Some((Ns::W, "noBreakHyphen")) => self.push(buffer, "\u{2011}"),
                Some((Ns::W, "softHyphen")) => self.push(buffer, "\u{ad}"),
                Some((Ns::W, "sym")) => {
                    let font = xml::attr(child, Ns::W, "font").unwrap_or("");
                    let code = xml::attr(child, Ns::W, "char")
                        .and_then(|c| u32::from_str_radix(c, 16).ok());
                    if let Some(c) = code.and_then(|code| symbol(font, code)) {
                        self.push(buffer, c.encode_utf8(&mut [0; 4]));
                    }
                }
                Some((Ns::W, "fldChar")) => match xml::attr(child, Ns::W, "fldCharType") {
                    Some("begin") => self.begin_field(Some(child), buffer),
                    Some("separate") => self.separate_field(buffer),
                    Some("end") => self.end_field(buffer),
                    _ => {}
                },
                Some((Ns::W, "footnoteReference")) => {
                    let id = xml::attr(child, Ns::W, "id").unwrap_or("").to_string();
                    let at = self.point();
                    self.references.push((Reference::Footnote(id), at));
                }
                Some((Ns::W, "endnoteReference")) => {
                    let id = xml::attr(child, Ns::W, "id").unwrap_or("").to_string();
                    let at = self.point();
                    self.references.push((Reference::Endnote(id), at));
                }
                Some((Ns::W, "commentReference")) => {
                    let at = self.point();
                    self.comments.push(at);
                }
                Some((Ns::W, "drawing" | "pict" | "object")) => self.text_boxes(child),
                Some((Ns::Mc, "AlternateContent")) => {
                    if let Some(branch) = branch(child) {
                        self.run(branch, buffer);
                    }
                }
                Some((Ns::W, "ruby")) => {
                    if let Some(base) = xml::child(child, Ns::W, "rubyBase") {
                        self.inline(base, buffer);
                    }
                }
                Some((Ns::W, local)) if IGNORED_RUN.contains(&local) => {}
                _ => {
                    let text = plain_text(child);
                    self.push(buffer, &text);
                }
            }
        }
    }

    /// The text boxes in a drawing, each read once (one branch of each alternate) and kept
    /// aside for `notes`.
    pub(super) fn text_boxes(&mut self, drawing: Node<'_, '_>) {
        let mut stack = vec![drawing];
        let mut boxes = Vec::new();
        while let Some(node) = stack.pop() {
            let children: Vec<Node<'_, '_>> = node.children().collect();
            for child in children.into_iter().rev() {
                if xml::is(child, Ns::W, "txbxContent") {
                    boxes.push(child);
                } else if xml::is(child, Ns::Mc, "AlternateContent") {
                    stack.extend(branch(child));
                } else {
                    stack.push(child);
                }
            }
        }
        for content in boxes {
            if !self.enter() {
                return;
            }
            let lines = self.lines(content, false);
            self.leave();
            if lines.is_empty() {
                continue;
            }
            let at = self.point();
            self.skipped.push(Skipped {
                what: "a text box".to_string(),
                text: lines.join("\n"),
                span: Some(at..at + 1),
            });
        }
    }
}

/// Elements inside a paragraph that hold no text of their own, besides [`RANGE_MARKS`].
const IGNORED_INLINE: &[&str] = &["pPr", "customXmlPr", "sdtPr", "sdtEndPr", "subDoc"];

/// Elements inside a run that hold no text (formatting, marks, layout).
const IGNORED_RUN: &[&str] = &[
    "rPr",
    "lastRenderedPageBreak",
    "annotationRef",
    "footnoteRef",
    "endnoteRef",
    "separator",
    "continuationSeparator",
    "pgNum",
    "dayShort",
    "monthShort",
    "yearShort",
    "dayLong",
    "monthLong",
    "yearLong",
    "contentPart",
    "delText",
    "delInstrText",
];

/// A `w:sym`: the character it stands for. Symbol fonts put their glyphs at U+F000 and up; the
/// check boxes of Wingdings and Wingdings 2 become the box characters they show, so that a
/// typed box is read as one; other symbols stay as written.
fn symbol(font: &str, code: u32) -> Option<char> {
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    let boxed = match font.to_ascii_lowercase().as_str() {
        "wingdings" => match low {
            0x6F | 0xA8 => Some('☐'),
            0xFD => Some('☒'),
            0xFE => Some('☑'),
            _ => None,
        },
        "wingdings 2" => match low {
            0xA3 | 0x2A => Some('☐'),
            0x52 => Some('☑'),
            0x53 | 0x54 | 0x51 => Some('☒'),
            _ => None,
        },
        _ => None,
    };
    boxed.or_else(|| char::from_u32(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_and_their_boxes() {
        assert_eq!(symbol("Wingdings", 0xF0FE), Some('☑'));
        assert_eq!(symbol("Wingdings", 0xA8), Some('☐'));
        assert_eq!(symbol("Wingdings 2", 0xF054), Some('☒'));
        assert_eq!(symbol("Symbol", 0x03B1), Some('α'));
        assert_eq!(symbol("Symbol", 0xF061), Some('\u{f061}'));
        assert_eq!(symbol("Arial", 0xD800), None);
    }
}
