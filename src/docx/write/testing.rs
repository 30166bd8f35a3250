//! For the tests: a written package unpacked, and its body read back as paragraphs and tables —
//! a small reader of just what the tests look at, by namespace URI.

use std::collections::BTreeMap;
use std::io::Read;

use super::{W, W14};

/// The parts of a package, by name, and the order they were zipped in.
pub struct Unpacked {
    /// Entry names in zip order.
    pub names: Vec<String>,
    parts: BTreeMap<String, String>,
}

/// Unzips a package; every part must be UTF-8.
pub fn unpack(bytes: &[u8]) -> Unpacked {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut names = Vec::new();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        let name = file.name().expect("a UTF-8 name").to_string();
        names.push(name.clone());
        parts.insert(name, text);
    }
    Unpacked { names, parts }
}

impl Unpacked {
    /// A part's text.
    pub fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"))
    }

    /// The body's blocks.
    pub fn body(&self) -> Vec<Block> {
        let text = self.part("word/document.xml");
        let doc = roxmltree::Document::parse(text).expect(text);
        let body = doc
            .root_element()
            .children()
            .find(|n| n.has_tag_name((W, "body")))
            .expect("a body");
        body.children()
            .filter_map(|n| match n.tag_name().name() {
                "p" => Some(Block::Paragraph(paragraph(n))),
                "tbl" => Some(Block::Table(table(n))),
                _ => None,
            })
            .collect()
    }
}

/// A paragraph or a table of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Para),
    /// A table: rows of cells of paragraphs.
    Table(Vec<Vec<Cell>>),
}

/// A table cell: how many grid columns it spans, and its paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// `w:gridSpan`, 1 when absent.
    pub span: u32,
    /// Its paragraphs.
    pub paragraphs: Vec<Para>,
}

impl Cell {
    /// Its paragraphs' text, one per line.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.paragraphs.iter().map(|p| p.text.as_str()).collect();
        texts.join("\n")
    }
}

/// What a paragraph says and how.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// `w:pStyle`.
    pub style: Option<String>,
    /// `w:numId` and `w:ilvl`.
    pub list: Option<(u32, u8)>,
    /// Its text: runs joined, `w:br` as `\n`, `w:tab` as `\t`.
    pub text: String,
    /// The states of its content-control check boxes.
    pub boxes: Vec<bool>,
    /// Whether its runs are bold, italic (the first run's).
    pub bold: bool,
    /// Whether its first run is italic.
    pub italic: bool,
}

fn paragraph(p: roxmltree::Node<'_, '_>) -> Para {
    let mut para = Para::default();
    let val = |n: roxmltree::Node<'_, '_>| n.attribute((W, "val")).map(str::to_string);
    if let Some(ppr) = p.children().find(|n| n.has_tag_name((W, "pPr"))) {
        for n in ppr.descendants() {
            match n.tag_name().name() {
                "pStyle" => para.style = val(n),
                "numId" => {
                    let level = ppr
                        .descendants()
                        .find(|l| l.has_tag_name((W, "ilvl")))
                        .and_then(val)
                        .map_or(0, |l| l.parse().unwrap());
                    para.list = Some((val(n).unwrap().parse().unwrap(), level));
                }
                _ => {}
            }
        }
    }
    let mut first_run = true;
    for n in p.descendants() {
        if n.tag_name().namespace() == Some(W14) && n.tag_name().name() == "checked" {
            para.boxes.push(n.attribute((W14, "val")) == Some("1"));
        }
        if n.tag_name().namespace() != Some(W) {
            continue;
        }
        match n.tag_name().name() {
            "r" if first_run => {
                first_run = false;
                let props = n.children().find(|c| c.has_tag_name((W, "rPr")));
                let has = |name: &str| {
                    props.is_some_and(|r| r.children().any(|c| c.has_tag_name((W, name))))
                };
                para.bold = has("b");
                para.italic = has("i");
            }
            "t" => para.text.push_str(n.text().unwrap_or_default()),
            "br" => para.text.push('\n'),
            "tab" => para.text.push('\t'),
            _ => {}
        }
    }
    para
}

fn table(t: roxmltree::Node<'_, '_>) -> Vec<Vec<Cell>> {
    t.children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .map(|row| {
            row.children()
                .filter(|n| n.has_tag_name((W, "tc")))
                .map(|cell| Cell {
                    span: cell
                        .descendants()
                        .find(|n| n.has_tag_name((W, "gridSpan")))
                        .and_then(|n| n.attribute((W, "val")))
                        .map_or(1, |v| v.parse().unwrap()),
                    paragraphs: cell
                        .children()
                        .filter(|n| n.has_tag_name((W, "p")))
                        .map(paragraph)
                        .collect(),
                })
                .collect()
        })
        .collect()
}
