//! The body of `word/document.xml`: paragraphs, list items, label | value tables and check
//! boxes, written in order, with the numbering they use.

use super::blocks::{Block, blocks};
use super::numbering::{BULLETS, Numbering};
use super::xml::Xml;
use super::{W, W14, attr};

/// The width of the text on an A4 page with margins of an inch, in twentieths of a point.
const TEXT_WIDTH: u32 = 9026;
/// A label column's share of a table.
const LABEL_WIDTH: u32 = 3160;

/// What a check box shows ticked and empty: the glyph's code point in hex, as `w14` records it,
/// and the glyph (Word's own: ☒ and ☐, in MS Gothic).
const TICKED: (&str, &str) = ("2612", "\u{2612}");
const EMPTY: (&str, &str) = ("2610", "\u{2610}");
const BOX_FONT: &str = "MS Gothic";

/// A paragraph style of `styles.xml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The default.
    Normal,
    /// A document's title.
    Title,
    /// A heading, level 1 to 3 (deeper levels are shown as 3).
    Heading(u8),
}

impl Style {
    fn id(self) -> Option<&'static str> {
        match self {
            Style::Normal => None,
            Style::Title => Some("Title"),
            Style::Heading(1) => Some("Heading1"),
            Style::Heading(2) => Some("Heading2"),
            Style::Heading(_) => Some("Heading3"),
        }
    }
}

/// A stretch of text with one look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run<'a> {
    /// The text; `\n` breaks the line, `\t` is a tab.
    pub text: &'a str,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

impl<'a> Run<'a> {
    /// Plain text.
    pub fn plain(text: &'a str) -> Run<'a> {
        Run {
            text,
            bold: false,
            italic: false,
        }
    }

    /// Bold text.
    pub fn bold(text: &'a str) -> Run<'a> {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    /// Italic text.
    pub fn italic(text: &'a str) -> Run<'a> {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

/// What a table's value cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// One paragraph; a `\n` breaks the line.
    Line(String),
    /// Free text: paragraphs and list items (see [`blocks`]).
    Text(String),
}

/// A document body being written.
#[derive(Debug)]
pub struct Body {
    xml: Xml,
    numbering: Numbering,
    /// Whether the last block written is a table: Word joins two tables with nothing between.
    after_table: bool,
}

impl Default for Body {
    fn default() -> Body {
        Body {
            xml: Xml::fragment(),
            numbering: Numbering::default(),
            after_table: false,
        }
    }
}

impl Body {
    /// A paragraph of runs in a style.
    pub fn paragraph(&mut self, style: Style, runs: &[Run<'_>]) {
        self.after_table = false;
        paragraph(&mut self.xml, style, None, runs);
    }

    /// A paragraph numbered automatically with `number` (Word shows it; the text does not hold
    /// it).
    pub fn numbered(&mut self, style: Style, number: &str, runs: &[Run<'_>]) {
        self.after_table = false;
        let list = self.numbering.numbered(number);
        paragraph(&mut self.xml, style, Some((list, 0)), runs);
    }

    /// A bulleted list item at a level (0 is the outermost).
    pub fn bullet(&mut self, level: u8, runs: &[Run<'_>]) {
        self.after_table = false;
        paragraph(&mut self.xml, Style::Normal, Some((BULLETS, level)), runs);
    }

    /// Free text as paragraphs and list items; an empty text is one empty paragraph, so that
    /// the answer has a place to be typed.
    pub fn text(&mut self, text: &str) {
        self.after_table = false;
        text_blocks(&mut self.xml, text);
    }

    /// A check box, ticked or not, and its label: a content control Word and LibreOffice
    /// tick with a click.
    pub fn check_box(&mut self, ticked: bool, label: &str) {
        self.after_table = false;
        let glyph = if ticked { TICKED.1 } else { EMPTY.1 };
        let font = [
            ("w:ascii", BOX_FONT),
            ("w:eastAsia", BOX_FONT),
            ("w:hAnsi", BOX_FONT),
            ("w:hint", "eastAsia"),
        ];
        let xml = &mut self.xml;
        xml.start("w:p", &[])
            .start("w:sdt", &[])
            .start("w:sdtPr", &[]);
        xml.start("w14:checkbox", &[])
            .empty(
                "w14:checked",
                &[("w14:val", if ticked { "1" } else { "0" })],
            )
            .empty(
                "w14:checkedState",
                &[("w14:val", TICKED.0), ("w14:font", BOX_FONT)],
            )
            .empty(
                "w14:uncheckedState",
                &[("w14:val", EMPTY.0), ("w14:font", BOX_FONT)],
            )
            .end();
        xml.end().start("w:sdtContent", &[]).start("w:r", &[]);
        xml.start("w:rPr", &[]).empty("w:rFonts", &font).end();
        xml.element("w:t", &[], glyph).end().end().end();
        run(xml, &Run::plain(&format!(" {label}")));
        xml.end();
    }

    /// A two-column table, label | value, one row per field, under an optional title row that
    /// spans both columns (`Event 1`, in its style).
    pub fn table(&mut self, title: Option<(&str, Style)>, rows: &[(String, Cell)]) {
        if self.after_table {
            // An empty paragraph keeps two tables apart.
            paragraph(&mut self.xml, Style::Normal, None, &[]);
        }
        self.after_table = true;
        let xml = &mut self.xml;
        let value_width = TEXT_WIDTH - LABEL_WIDTH;
        xml.start("w:tbl", &[]).start("w:tblPr", &[]);
        xml.empty("w:tblStyle", &attr("TableGrid"))
            .empty("w:tblW", &[("w:w", "5000"), ("w:type", "pct")])
            .empty("w:tblLayout", &[("w:type", "fixed")])
            .empty(
                "w:tblLook",
                &[
                    ("w:val", "04A0"),
                    ("w:firstRow", "1"),
                    ("w:lastRow", "0"),
                    ("w:firstColumn", "1"),
                    ("w:lastColumn", "0"),
                    ("w:noHBand", "0"),
                    ("w:noVBand", "1"),
                ],
            )
            .end();
        xml.start("w:tblGrid", &[])
            .empty("w:gridCol", &[("w:w", &LABEL_WIDTH.to_string())])
            .empty("w:gridCol", &[("w:w", &value_width.to_string())])
            .end();
        if let Some((title, style)) = title {
            xml.start("w:tr", &[])
                .start("w:trPr", &[])
                .empty("w:tblHeader", &[])
                .end();
            xml.start("w:tc", &[]).start("w:tcPr", &[]);
            width(xml, TEXT_WIDTH);
            xml.empty("w:gridSpan", &attr("2")).end();
            paragraph(xml, style, None, &[Run::bold(title)]);
            xml.end().end();
        }
        for (label, value) in rows {
            xml.start("w:tr", &[])
                .start("w:tc", &[])
                .start("w:tcPr", &[]);
            width(xml, LABEL_WIDTH);
            xml.end();
            paragraph(xml, Style::Normal, None, &[Run::bold(label)]);
            xml.end().start("w:tc", &[]).start("w:tcPr", &[]);
            width(xml, value_width);
            xml.end();
            match value {
                Cell::Line(line) => paragraph(xml, Style::Normal, None, &[Run::plain(line)]),
                Cell::Text(text) => text_blocks(xml, text),
            }
            xml.end().end();
        }
        xml.end();
    }

    /// The body element's content and the numbering it uses, ready for the package: a
    /// paragraph closes a body that ends in a table (Word requires one), then the page.
    pub fn finish(mut self) -> (String, String) {
        if self.after_table {
            paragraph(&mut self.xml, Style::Normal, None, &[]);
        }
        let mut document = Xml::part();
        document.start(
            "w:document",
            &[
                ("xmlns:w", W),
                ("xmlns:w14", W14),
                ("xmlns:mc", super::MC),
                ("mc:Ignorable", "w14"),
            ],
        );
        document.start("w:body", &[]).raw(self.xml);
        // A4 with margins of an inch.
        document
            .start("w:sectPr", &[])
            .empty("w:pgSz", &[("w:w", "11906"), ("w:h", "16838")])
            .empty(
                "w:pgMar",
                &[
                    ("w:top", "1440"),
                    ("w:right", "1440"),
                    ("w:bottom", "1440"),
                    ("w:left", "1440"),
                    ("w:header", "708"),
                    ("w:footer", "708"),
                    ("w:gutter", "0"),
                ],
            )
            .end();
        document.end().end();
        (document.finish(), self.numbering.xml())
    }
}

fn width(xml: &mut Xml, twips: u32) {
    xml.empty("w:tcW", &[("w:w", &twips.to_string()), ("w:type", "dxa")]);
}

/// Paragraphs and list items of free text; at least one paragraph.
fn text_blocks(xml: &mut Xml, text: &str) {
    let blocks = blocks(text);
    if blocks.is_empty() {
        paragraph(xml, Style::Normal, None, &[]);
    }
    for Block { level, text } in &blocks {
        let list = level.map(|level| (BULLETS, level));
        paragraph(xml, Style::Normal, list, &[Run::plain(text)]);
    }
}

/// A paragraph: its style and list (`w:numId`, level), then its runs.
fn paragraph(xml: &mut Xml, style: Style, list: Option<(u32, u8)>, runs: &[Run<'_>]) {
    xml.start("w:p", &[]);
    let style = match (style, list) {
        (Style::Normal, Some((BULLETS, _))) => Some("ListParagraph"),
        (style, _) => style.id(),
    };
    if style.is_some() || list.is_some() {
        xml.start("w:pPr", &[]);
        if let Some(style) = style {
            xml.empty("w:pStyle", &attr(style));
        }
        if let Some((id, level)) = list {
            xml.start("w:numPr", &[])
                .empty("w:ilvl", &attr(&level.to_string()))
                .empty("w:numId", &attr(&id.to_string()))
                .end();
        }
        xml.end();
    }
    for r in runs {
        run(xml, r);
    }
    xml.end();
}

/// One run: text in `w:t`, a line break as `w:br`, a tab as `w:tab`.
fn run(xml: &mut Xml, r: &Run<'_>) {
    if r.text.is_empty() {
        return;
    }
    xml.start("w:r", &[]);
    if r.bold || r.italic {
        xml.start("w:rPr", &[]);
        if r.bold {
            xml.empty("w:b", &[]);
        }
        if r.italic {
            xml.empty("w:i", &[]);
        }
        xml.end();
    }
    let mut piece = String::new();
    let mut chars = r.text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' | '\t' => {
                text(xml, &std::mem::take(&mut piece));
                if c == '\t' {
                    xml.empty("w:tab", &[]);
                } else {
                    // `\r\n` is one break; a lone `\r` is one too, as text readers take it.
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    xml.empty("w:br", &[]);
                }
            }
            c => piece.push(c),
        }
    }
    text(xml, &piece);
    xml.end();
}

/// `w:t`, keeping spaces at its ends (XML would let a reader drop them otherwise); nothing for
/// an empty piece.
fn text(xml: &mut Xml, piece: &str) {
    if piece.is_empty() {
        return;
    }
    let keep = piece.starts_with(char::is_whitespace)
        || piece.ends_with(char::is_whitespace)
        || piece.contains("  ");
    if keep {
        xml.element("w:t", &[("xml:space", "preserve")], piece);
    } else {
        xml.element("w:t", &[], piece);
    }
}
