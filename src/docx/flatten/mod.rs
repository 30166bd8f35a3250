//! A WordprocessingML part flattened into one stream of blocks, with a rule for every construct
//! that holds text (see `docx.md`): runs joined; breaks, tabs and symbols as typed; content
//! controls unwrapped (a placeholder is empty); fields by their result (a legacy check box by its
//! state); tracked changes read as accepted; text boxes, notes and anything unknown that holds
//! text kept aside for `notes`, never dropped.
//!
//! The walk recurses, one level per element that contains others, and stops at a fixed depth
//! (a document nested deeper is refused), so no input can overflow the stack.

use super::xml::Node;

use super::numbering::Numbering;
use super::package::Rels;
use super::xml::{self, Ns};
use crate::finding::Spot;
use crate::import::block::{Block, Paragraph, Skipped, paragraph_blocks};

mod controls;
mod fields;
mod inline;
mod tables;

/// How deep elements may nest before the document is refused: a real form is a few tables deep
/// at most, each table three levels.
pub const MAX_DEPTH: usize = 100;

/// Where a container's paragraphs go.
enum Sink<'s> {
    /// The document's body: paragraphs and rows become blocks.
    Body,
    /// A table cell's paragraphs (a nested table's rows become paragraphs).
    Cell(&'s mut Vec<Paragraph>),
    /// Plain lines: a text box, a footnote, a header.
    Lines(&'s mut Vec<String>),
}

/// A complex field (`w:fldChar`) being read.
#[derive(Debug)]
struct Field {
    /// Its instruction so far (`HYPERLINK "…"`, `FORMTEXT`).
    instruction: String,
    /// Past its `separate`: what follows is its result.
    in_result: bool,
    /// Where its result starts in the paragraph being read, if it is that paragraph's.
    result_start: Option<(usize, usize)>,
    /// A drop-down form field's chosen entry, shown if the field has no result of its own.
    entry: Option<String>,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Buffer {
    text: String,
    links: Vec<String>,
}

/// What a note reference or a comment points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// `w:footnoteReference`, by id.
    Footnote(String),
    /// `w:endnoteReference`, by id.
    Endnote(String),
}

/// The walk over one part, and everything it found.
pub struct Flattener<'r> {
    rels: &'r Rels,
    numbering: Numbering,
    /// Fields' results are not read (headers and footers: page numbers, dates).
    drop_fields: bool,
    /// The blocks, in reading order; a block's span indexes `spots`.
    pub blocks: Vec<Block>,
    /// The paragraph or row each block or finding points at.
    pub spots: Vec<Spot>,
    /// Text kept aside for `notes`.
    pub skipped: Vec<Skipped>,
    /// Content controls still showing their placeholder: the spot index and the placeholder.
    pub placeholders: Vec<(usize, String)>,
    /// Tracked changes not yet accepted: how many, and the spot index of the first.
    pub tracked: (usize, Option<usize>),
    /// Comment references: their spot indexes.
    pub comments: Vec<usize>,
    /// Note references: what, and their spot indexes.
    pub references: Vec<(Reference, usize)>,
    /// Elements nested deeper than [`MAX_DEPTH`] were met.
    pub too_deep: bool,
    paragraphs: usize,
    tables: usize,
    spot: Spot,
    fields: Vec<Field>,
    depth: usize,
    /// Paragraphs read so far, to tell a field's own paragraph from a later one.
    paragraph_serial: usize,
}

impl<'r> Flattener<'r> {
    /// A walk over a part whose relationships are `rels`.
    pub fn new(rels: &'r Rels, numbering: Numbering) -> Self {
        Flattener {
            rels,
            numbering,
            drop_fields: false,
            blocks: Vec::new(),
            spots: Vec::new(),
            skipped: Vec::new(),
            placeholders: Vec::new(),
            tracked: (0, None),
            comments: Vec::new(),
            references: Vec::new(),
            too_deep: false,
            paragraphs: 0,
            tables: 0,
            spot: Spot::Paragraph(0),
            fields: Vec::new(),
            depth: 0,
            paragraph_serial: 0,
        }
    }

    /// Reads a document body (`w:body`) into blocks.
    pub fn body(&mut self, body: Node<'_, '_>) {
        self.blocks_in(body, &mut Sink::Body);
        self.fields.clear();
    }

    /// Reads a container of paragraphs (a note, a header, a text box) as lines of text; field
    /// results are dropped when `drop_fields` (a header's page numbers).
    pub fn lines(&mut self, container: Node<'_, '_>, drop_fields: bool) -> Vec<String> {
        let saved = std::mem::replace(&mut self.drop_fields, drop_fields);
        let outer = std::mem::take(&mut self.fields);
        let mut lines = Vec::new();
        self.blocks_in(container, &mut Sink::Lines(&mut lines));
        self.fields = outer;
        self.drop_fields = saved;
        lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// A spot index for where the walk is.
    fn point(&mut self) -> usize {
        self.spots.push(self.spot);
        self.spots.len() - 1
    }

    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.too_deep = true;
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn track(&mut self) {
        let at = self.point();
        self.tracked.0 += 1;
        self.tracked.1.get_or_insert(at);
    }

    /// Whether text read now is shown: outside any field's instruction (and, in a header,
    /// outside any field).
    fn shown(&self) -> bool {
        if self.drop_fields {
            self.fields.is_empty()
        } else {
            self.fields.iter().all(|f| f.in_result)
        }
    }

    fn push(&self, buffer: &mut Buffer, text: &str) {
        if self.shown() {
            buffer.text.push_str(text);
        }
    }

    /// Block-level content: paragraphs, tables, and what wraps them.
    fn blocks_in(&mut self, container: Node<'_, '_>, sink: &mut Sink<'_>) {
        if !self.enter() {
            return;
        }
        // The text of paragraphs whose mark is deleted: it joins the next paragraph.
        let mut carry = String::new();
        for child in container.children() {
            match xml::name(child) {
                Some((Ns::W, "p")) => self.paragraph_into(child, sink, &mut carry),
                Some((Ns::W, "tbl")) => self.table(child, sink),
                Some((Ns::W, "sdt")) => {
                    if let Some(content) = self.content_control(child) {
                        self.blocks_in(content, sink);
                    }
                }
                Some((Ns::W, "customXml" | "smartTag")) => self.blocks_in(child, sink),
                Some((Ns::W, "ins" | "moveTo")) => {
                    self.track();
                    self.blocks_in(child, sink);
                }
                Some((Ns::W, "del" | "moveFrom")) => self.track(),
                Some((Ns::Mc, "AlternateContent")) => {
                    if let Some(branch) = branch(child) {
                        self.blocks_in(branch, sink);
                    }
                }
                Some((Ns::M, "oMathPara" | "oMath")) => {
                    let paragraph = Paragraph {
                        text: math_text(child),
                        ..Paragraph::default()
                    };
                    self.emit(paragraph, sink);
                }
                Some((Ns::W, "altChunk")) => {
                    let at = self.point();
                    self.skipped.push(Skipped {
                        what: "a document embedded whole (`w:altChunk`), which qfill does not read"
                            .to_string(),
                        text: "(not read)".to_string(),
                        span: Some(at..at + 1),
                    });
                }
                Some((Ns::W, local))
                    if IGNORED_BLOCK.contains(&local) || RANGE_MARKS.contains(&local) => {}
                _ => self.unknown(child),
            }
        }
        if !carry.is_empty() {
            let paragraph = Paragraph {
                text: carry,
                ..Paragraph::default()
            };
            self.emit(paragraph, sink);
        }
        self.leave();
    }

    /// An element this reader does not know: its text, if it holds any, is kept aside.
    fn unknown(&mut self, node: Node<'_, '_>) {
        let text = plain_text(node);
        if text.trim().is_empty() {
            return;
        }
        let at = self.point();
        self.skipped.push(Skipped {
            what: format!(
                "an element `{}` that qfill does not read",
                node.tag_name().name()
            ),
            text: text.trim().to_string(),
            span: Some(at..at + 1),
        });
    }

    /// A paragraph, sent where its container's paragraphs go.
    fn paragraph_into(&mut self, p: Node<'_, '_>, sink: &mut Sink<'_>, carry: &mut String) {
        if matches!(sink, Sink::Body) {
            self.paragraphs += 1;
            self.spot = Spot::Paragraph(self.paragraphs);
        }
        let (mut paragraph, mark_deleted) = self.paragraph(p);
        if !carry.is_empty() {
            paragraph.text = std::mem::take(carry) + &paragraph.text;
        }
        if mark_deleted {
            // Accepted, the deletion of a paragraph mark joins it to the next paragraph.
            *carry = paragraph.text;
            return;
        }
        self.emit(paragraph, sink);
    }

    fn emit(&mut self, paragraph: Paragraph, sink: &mut Sink<'_>) {
        match sink {
            Sink::Body => {
                let at = self.point();
                paragraph_blocks(paragraph, at..at + 1, &mut self.blocks);
            }
            Sink::Cell(paragraphs) => paragraphs.push(paragraph),
            Sink::Lines(lines) => {
                let number = paragraph.list.as_ref().and_then(|l| l.number.as_deref());
                lines.push(match number {
                    Some(number) => format!("{number} {}", paragraph.text),
                    None => paragraph.text,
                });
            }
        }
    }

    /// A paragraph's text and list, and whether its mark is a tracked deletion.
    fn paragraph(&mut self, p: Node<'_, '_>) -> (Paragraph, bool) {
        self.paragraph_serial += 1;
        let ppr = xml::child(p, Ns::W, "pPr");
        let list = self.numbering.item(ppr);
        let mark = ppr.and_then(|p| xml::child(p, Ns::W, "rPr"));
        let mark_deleted = mark.is_some_and(|m| xml::child(m, Ns::W, "del").is_some());
        if mark.is_some_and(|m| {
            xml::child(m, Ns::W, "ins").is_some() || xml::child(m, Ns::W, "del").is_some()
        }) {
            self.track();
        }
        let mut buffer = Buffer::default();
        self.inline(p, &mut buffer);
        (
            Paragraph {
                text: buffer.text,
                list,
                links: buffer.links,
            },
            mark_deleted,
        )
    }
}

/// Marks that may stand between blocks or inside a paragraph and hold no text: bookmarks,
/// proofing marks, permissions, and the ranges of comments, moves and custom XML changes.
pub(super) const RANGE_MARKS: &[&str] = &[
    "bookmarkStart",
    "bookmarkEnd",
    "proofErr",
    "permStart",
    "permEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "moveFromRangeStart",
    "moveFromRangeEnd",
    "moveToRangeStart",
    "moveToRangeEnd",
    "customXmlInsRangeStart",
    "customXmlInsRangeEnd",
    "customXmlDelRangeStart",
    "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart",
    "customXmlMoveFromRangeEnd",
    "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd",
];

/// Block-level elements that hold no text of their own, besides [`RANGE_MARKS`].
const IGNORED_BLOCK: &[&str] = &[
    "sectPr",
    "tblPr",
    "tcPr",
    "sdtPr",
    "sdtEndPr",
    "customXmlPr",
];

/// The branch of `mc:AlternateContent` to read: the first `mc:Choice`, else `mc:Fallback`. The
/// branches are the same content written for different readers, so either holds the text once.
pub fn branch<'a, 'i>(alternate: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    xml::child(alternate, Ns::Mc, "Choice").or_else(|| xml::child(alternate, Ns::Mc, "Fallback"))
}

/// The text of every `w:t` and `m:t` under a node (not deleted text), for what has no rule.
pub fn plain_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| xml::is(*n, Ns::W, "t") || xml::is(*n, Ns::M, "t"))
        .filter_map(|n| n.text())
        .collect()
}

fn math_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| xml::is(*n, Ns::M, "t"))
        .filter_map(|n| n.text())
        .collect()
}
