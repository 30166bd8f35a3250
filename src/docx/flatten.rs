//! A WordprocessingML part flattened into one stream of blocks, with a rule for every construct
//! that holds text (see `docx.md`): runs joined; breaks, tabs and symbols as typed; content
//! controls unwrapped (a placeholder is empty); fields by their result (a legacy check box by its
//! state); tracked changes read as accepted; text boxes, notes and anything unknown that holds
//! text kept aside for `notes`, never dropped.
//!
//! The walk recurses, one level per element that contains others, and stops at a fixed depth
//! (a document nested deeper is refused), so no input can overflow the stack.

use roxmltree::Node;

use super::numbering::Numbering;
use super::package::Rels;
use super::xml::{self, Ns};
use crate::finding::Spot;
use crate::import::block::{
    BOX_TICKED, BOX_UNTICKED, Block, Cell, Paragraph, Row, Skipped, paragraph_blocks, row_blocks,
};

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
        for child in container.children().filter(Node::is_element) {
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
                Some((Ns::W, local)) if IGNORED_BLOCK.contains(&local) => {}
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

    /// A content control: its content, or nothing when it still shows its placeholder (a
    /// finding) or when it is a check box (whose state the caller reads).
    fn content_control<'a, 'i>(&mut self, sdt: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        let pr = xml::child(sdt, Ns::W, "sdtPr");
        let content = xml::child(sdt, Ns::W, "sdtContent");
        if pr.is_some_and(|pr| xml::on(xml::child(pr, Ns::W, "showingPlcHdr"), Ns::W)) {
            let at = self.point();
            let shown = content.map(plain_text).unwrap_or_default();
            self.placeholders.push((at, shown.trim().to_string()));
            return None;
        }
        content
    }

    /// Inline content: runs and what wraps them.
    fn inline(&mut self, node: Node<'_, '_>, buffer: &mut Buffer) {
        if !self.enter() {
            return;
        }
        for child in node.children().filter(Node::is_element) {
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
                Some((Ns::W, local)) if IGNORED_INLINE.contains(&local) => {}
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

    /// A content control inside a paragraph: a check box by its state, else its content.
    fn inline_control(&mut self, sdt: Node<'_, '_>, buffer: &mut Buffer) {
        let pr = xml::child(sdt, Ns::W, "sdtPr");
        if let Some(check_box) = pr.and_then(|pr| xml::child(pr, Ns::W14, "checkbox")) {
            // The state is the state, whatever glyph the content shows.
            let checked = xml::child(check_box, Ns::W14, "checked")
                .and_then(|c| xml::attr(c, Ns::W14, "val"))
                .is_some_and(xml::truthy);
            let marker = if checked { BOX_TICKED } else { BOX_UNTICKED };
            self.push(buffer, &format!("{marker} "));
            return;
        }
        if let Some(content) = self.content_control(sdt) {
            self.inline(content, buffer);
        }
    }

    /// A run's content.
    fn run(&mut self, r: Node<'_, '_>, buffer: &mut Buffer) {
        for child in r.children().filter(Node::is_element) {
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

    /// `w:fldChar begin`: a field starts; a legacy check box or drop-down shows its state now.
    fn begin_field(&mut self, fld_char: Option<Node<'_, '_>>, buffer: &mut Buffer) {
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

    fn separate_field(&mut self, buffer: &mut Buffer) {
        let serial = self.paragraph_serial;
        if let Some(field) = self.fields.last_mut() {
            field.in_result = true;
            field.result_start = Some((serial, buffer.text.len()));
        }
    }

    /// `w:fldChar end`: a field's result stands, except a form text field's default of five
    /// en spaces (empty); a hyperlink field's target is kept for a website written as words.
    fn end_field(&mut self, buffer: &mut Buffer) {
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

    /// The text boxes in a drawing, each read once (one branch of each alternate) and kept
    /// aside for `notes`.
    fn text_boxes(&mut self, drawing: Node<'_, '_>) {
        let mut stack = vec![drawing];
        let mut boxes = Vec::new();
        while let Some(node) = stack.pop() {
            for child in node.children().filter(Node::is_element).rev() {
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

    /// A table: each row a block (in the body), or a line of its cells (inside a cell or a
    /// text box).
    fn table(&mut self, tbl: Node<'_, '_>, sink: &mut Sink<'_>) {
        if !self.enter() {
            return;
        }
        self.tables += 1;
        let table = self.tables;
        let saved = self.spot;
        let columns = xml::child(tbl, Ns::W, "tblGrid").map_or(0, |g| {
            g.children()
                .filter(|c| xml::is(*c, Ns::W, "gridCol"))
                .count()
        });
        for (i, tr) in self.collect(tbl, "tr").into_iter().enumerate() {
            self.spot = Spot::Row { table, row: i + 1 };
            let trpr = xml::child(tr, Ns::W, "trPr");
            if trpr.is_some_and(|p| xml::child(p, Ns::W, "del").is_some()) {
                self.track();
                continue;
            }
            if trpr.is_some_and(|p| xml::child(p, Ns::W, "ins").is_some()) {
                self.track();
            }
            let grid = |local: &str| {
                trpr.and_then(|p| xml::child(p, Ns::W, local))
                    .and_then(xml::val)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
            };
            let outside = grid("gridBefore").saturating_add(grid("gridAfter"));
            let (row, spanned) = self.row(tr);
            let mut row = row;
            row.title =
                row.cells.len() == 1 && columns >= 2 && spanned.saturating_add(outside) >= columns;
            match sink {
                Sink::Body => {
                    let at = self.point();
                    row_blocks(row, at..at + 1, &mut self.blocks);
                }
                Sink::Cell(paragraphs) => {
                    let text = row_line(&row);
                    if !text.is_empty() {
                        paragraphs.push(Paragraph {
                            text,
                            ..Paragraph::default()
                        });
                    }
                }
                Sink::Lines(lines) => lines.push(row_line(&row)),
            }
        }
        self.spot = saved;
        self.leave();
    }

    /// A row's cells, and how many grid columns they span.
    fn row(&mut self, tr: Node<'_, '_>) -> (Row, usize) {
        let mut cells: Vec<Cell> = Vec::new();
        let mut spanned: usize = 0;
        for tc in self.collect(tr, "tc") {
            let tcpr = xml::child(tc, Ns::W, "tcPr");
            let property = |local: &str| tcpr.and_then(|p| xml::child(p, Ns::W, local));
            if property("cellDel").is_some() {
                self.track();
                continue;
            }
            if property("cellIns").is_some() {
                self.track();
            }
            let span = property("gridSpan")
                .and_then(xml::val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .max(1);
            spanned = spanned.saturating_add(span);
            // `w:vMerge` without `restart` continues the cell above, whose value it is.
            let merged = property("vMerge").is_some_and(|v| xml::val(v) != Some("restart"));
            let mut paragraphs = Vec::new();
            self.blocks_in(tc, &mut Sink::Cell(&mut paragraphs));
            let continues = property("hMerge").is_some_and(|h| xml::val(h) != Some("restart"));
            match cells.last_mut() {
                // The legacy horizontal merge: one cell written as several.
                Some(previous) if continues => previous.paragraphs.extend(paragraphs),
                _ => cells.push(Cell { paragraphs, merged }),
            }
        }
        (
            Row {
                cells,
                title: false,
            },
            spanned,
        )
    }

    /// The `w:tr` of a table or the `w:tc` of a row, through the content controls, custom XML
    /// and alternates that may wrap them.
    fn collect<'a, 'i>(&mut self, parent: Node<'a, 'i>, local: &str) -> Vec<Node<'a, 'i>> {
        let mut out = Vec::new();
        let mut stack: Vec<Node<'a, 'i>> = parent.children().filter(Node::is_element).collect();
        stack.reverse();
        let mut steps = 0usize;
        while let Some(node) = stack.pop() {
            steps += 1;
            if steps > 1_000_000 {
                break;
            }
            let inner: Option<Node<'a, 'i>> = match xml::name(node) {
                Some((Ns::W, name)) if name == local => {
                    out.push(node);
                    None
                }
                Some((Ns::W, "sdt")) => self.content_control(node),
                Some((Ns::W, "customXml")) => Some(node),
                Some((Ns::Mc, "AlternateContent")) => branch(node),
                Some((Ns::W, "ins" | "moveTo")) => {
                    self.track();
                    Some(node)
                }
                Some((Ns::W, "del" | "moveFrom")) => {
                    self.track();
                    None
                }
                _ => None,
            };
            if let Some(inner) = inner {
                let children: Vec<_> = inner.children().filter(Node::is_element).collect();
                stack.extend(children.into_iter().rev());
            }
        }
        out
    }
}

/// A row as one line: its cells' text joined by tabs.
fn row_line(row: &Row) -> String {
    let cells: Vec<String> = row
        .cells
        .iter()
        .filter(|c| !c.merged)
        .map(Cell::line)
        .filter(|t| !t.is_empty())
        .collect();
    cells.join("\t")
}

/// Block-level elements that hold no text of their own.
const IGNORED_BLOCK: &[&str] = &[
    "sectPr",
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
    "tblPr",
    "tcPr",
    "sdtPr",
    "sdtEndPr",
    "customXmlPr",
];

/// Elements inside a paragraph that hold no text of their own.
const IGNORED_INLINE: &[&str] = &[
    "pPr",
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
    "customXmlPr",
    "sdtPr",
    "sdtEndPr",
    "subDoc",
];

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
