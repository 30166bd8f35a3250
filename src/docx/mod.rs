//! The questionnaire as a Word file (.docx). Writing: the filled form and the digests
//! ([`write`]). Reading (here): the package opened with caps, its main part found through
//! `_rels/.rels`, and flattened into the one stream of blocks the importer and `definition
//! from-text` read (`crate::import::block`), each block with the paragraph or table row a
//! person finds in Word. What holds text but no answer (footnotes, text boxes, headers) is kept
//! aside for `notes`; tracked changes, comments and placeholders become findings.
//!
//! A file that is not a .docx (a `.doc`, an encrypted file, anything else) is a `parse-error`
//! with a one-line reason; text parts over the cap are `too-large`. Nothing panics on any input.

mod flatten;
mod numbering;
mod package;
pub mod write;
mod xml;

use std::io::{Cursor, Read, Seek, SeekFrom};

use flatten::{Flattener, MAX_DEPTH, Reference};
use numbering::Numbering;
use package::{Package, PackageError, xml_broken};

use crate::finding::{Anchor, Code, Finding, Spot};
use crate::import::block::{Block, BlockKind, Skipped};
use crate::input::ReadFailure;
use crate::text::human_size;

/// How much a .docx may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `--max-size`: the uncompressed text parts together (pictures are not answers, so the
    /// file itself may be larger).
    pub max_size: u64,
}

impl Limits {
    /// The file itself may be this many times `max_size`: a form with pictures is large, but a
    /// file far larger than any form is not opened.
    pub const FILE_FACTOR: u64 = 64;

    /// XML nodes per part: a node takes several bytes of text, so a part within `max_size`
    /// never reaches it unless it is built to.
    fn nodes(self) -> u32 {
        (self.max_size / 8).clamp(1_000, u64::from(u32::MAX)) as u32
    }
}

/// A Word form flattened: its blocks, where each points, and what the importer reports besides.
#[derive(Debug, Clone, Default)]
pub struct Form {
    /// Paragraphs, table rows and check boxes in reading order; a block's span `i..i + 1`
    /// indexes `spots`.
    pub blocks: Vec<Block>,
    /// The paragraph or table row each span index points at.
    pub spots: Vec<Spot>,
    /// Text kept in `notes` (footnotes, text boxes, headers), each with what held it.
    pub skipped: Vec<Skipped>,
    /// `tracked-changes`, `comments` and `placeholder` findings, anchored at span indexes.
    pub findings: Vec<Finding>,
    /// The edition the form says it is, in its custom document property
    /// ([`write::QUESTIONNAIRE_PROPERTY`], which `export --to docx` writes).
    pub questionnaire: Option<String>,
}

impl Form {
    /// The form's text, a line a paragraph, row or box: what the edition is guessed from.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match &block.kind {
                BlockKind::Paragraph(p) => out.push_str(&p.text),
                BlockKind::Row(row) => {
                    for cell in &row.cells {
                        out.push_str(&cell.line());
                        out.push('\t');
                    }
                }
                BlockKind::CheckBox(check_box) => out.push_str(&check_box.as_text()),
            }
            out.push('\n');
        }
        out
    }
}

/// Whether a file name says Word form: `.docx`, any case.
pub fn is_docx_name(name: &std::path::Path) -> bool {
    name.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Whether a file is one of the lock files Word leaves beside an open document (`~$form.docx`):
/// no form, to be skipped when folders and globs are walked.
pub fn is_lock_file(name: &std::path::Path) -> bool {
    name.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"))
}

/// Reads a .docx file from disk (only the parts needed are read from it).
pub fn read_file(path: &std::path::Path, limits: Limits) -> Result<Form, ReadFailure> {
    let cannot = |e: std::io::Error| {
        failure(
            Code::Unreadable,
            format!("cannot read the file: {}", crate::text::io_reason(&e)),
            None,
        )
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    if file.metadata().map_err(cannot)?.is_dir() {
        return Err(failure(
            Code::Unreadable,
            "is a folder, a file is expected".to_string(),
            Some("name one Word file"),
        ));
    }
    read(std::io::BufReader::new(file), limits)
}

/// Reads a .docx held in memory.
pub fn read_bytes(bytes: &[u8], limits: Limits) -> Result<Form, ReadFailure> {
    read(Cursor::new(bytes), limits)
}

/// Reads a .docx: opens the package, flattens the main document, and gathers what the
/// importer reports besides the blocks.
pub fn read<R: Read + Seek>(mut reader: R, limits: Limits) -> Result<Form, ReadFailure> {
    let size = reader.seek(SeekFrom::End(0)).map_err(|e| {
        failure(
            Code::Unreadable,
            format!("cannot be read: {}", crate::text::io_reason(&e)),
            None,
        )
    })?;
    let file_cap = limits.max_size.saturating_mul(Limits::FILE_FACTOR);
    if size > file_cap {
        return Err(failure(
            Code::TooLarge,
            format!(
                "is {}, larger than a Word form may be ({} times the limit of {}); not read",
                human_size(size),
                Limits::FILE_FACTOR,
                human_size(limits.max_size)
            ),
            Some("raise the limit with `--max-size` if the file is really a filled form"),
        ));
    }
    let mut package =
        Package::open(reader, limits.max_size).map_err(|e| package_failure(e, limits))?;
    flatten_package(&mut package, limits).map_err(|e| package_failure(e, limits))
}

/// Why a package gave no form, as a finding.
fn package_failure(e: PackageError, limits: Limits) -> ReadFailure {
    let save = Some("open it in Word and save it as a Word Document (.docx)");
    match e {
        PackageError::Ole { encrypted: false } => failure(
            Code::ParseError,
            "is a .doc (Word 97-2003), not a .docx".to_string(),
            Some("save it as .docx in Word (File › Save As › Word Document)"),
        ),
        PackageError::Ole { encrypted: true } => failure(
            Code::ParseError,
            "is encrypted: the document has a password".to_string(),
            Some("remove the password in Word (File › Info › Protect Document), then save it"),
        ),
        PackageError::Rtf => failure(
            Code::ParseError,
            "is an RTF file, not a .docx".to_string(),
            save,
        ),
        PackageError::NotZip(reason) => failure(
            Code::ParseError,
            format!("is not a Word file (.docx): not a zip package ({reason})"),
            save,
        ),
        PackageError::Missing(part) => failure(
            Code::ParseError,
            format!("is not a Word document: it has no `{part}`"),
            save,
        ),
        PackageError::Broken(part, reason) => failure(
            Code::ParseError,
            format!("is a broken .docx: `{part}` {reason}"),
            save,
        ),
        PackageError::TooLarge => failure(
            Code::TooLarge,
            format!(
                "holds more text than the limit of {} (uncompressed); not read",
                human_size(limits.max_size)
            ),
            Some("raise the limit with `--max-size` if the file is really a filled form"),
        ),
    }
}

fn failure(code: Code, message: String, hint: Option<&str>) -> ReadFailure {
    let finding = Finding::new(code, "", one_line(message));
    Box::new(match hint {
        Some(hint) => finding.with_hint(hint),
        None => finding,
    })
}

/// A part parsed as XML, or the reason it cannot be.
macro_rules! parsed {
    ($text:expr, $part:expr, $limits:expr) => {
        xml::parse($text, $limits.nodes()).map_err(|e| xml_broken($part, e))?
    };
}

fn flatten_package<R: Read + Seek>(
    package: &mut Package<R>,
    limits: Limits,
) -> Result<Form, PackageError> {
    let nodes = limits.nodes();
    let root = package.rels("", nodes)?;
    let questionnaire = match root.of_kind("custom-properties").next() {
        Some(rel) => {
            let name = rel.target.clone();
            match package.text(&name)? {
                Some(text) => property(
                    &parsed!(&text, &name, limits),
                    write::QUESTIONNAIRE_PROPERTY,
                ),
                None => None,
            }
        }
        None => None,
    };
    let main = root
        .of_kind("officeDocument")
        .next()
        .map(|rel| rel.target.clone())
        .filter(|name| package.has(name))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document_text) = package.text(&main)? else {
        return Err(PackageError::Missing(main));
    };
    let rels = package.rels(&main, nodes)?;
    let part_of = |kind: &str| rels.of_kind(kind).next().map(|r| r.target.clone());
    let numbering_text = match part_of("numbering") {
        Some(name) => package.text(&name)?.map(|t| (name, t)),
        None => None,
    };
    let styles_text = match part_of("styles") {
        Some(name) => package.text(&name)?.map(|t| (name, t)),
        None => None,
    };
    let numbering_doc = match &numbering_text {
        Some((name, text)) => Some(parsed!(text, name, limits)),
        None => None,
    };
    // Styles matter only for lists: a paragraph style carries numbering in a `w:numPr`, and
    // without a numbering part no paragraph is a list item. Word's styles part is mostly latent
    // styles and fonts (40 KB), so it is parsed only when it can hold numbering; an element
    // name is never written with a reference, so `numPr` is in the text if it is in the part.
    let styles_doc = match &styles_text {
        Some((name, text))
            if numbering_doc.is_some()
                && memchr::memmem::find(text.as_bytes(), b"numPr").is_some() =>
        {
            Some(parsed!(text, name, limits))
        }
        _ => None,
    };
    let numbering = Numbering::new(numbering_doc.as_ref(), styles_doc.as_ref());
    let document = parsed!(&document_text, &main, limits);
    let Some(body) = xml::child(document.root_element(), xml::Ns::W, "body") else {
        return Err(PackageError::Broken(
            main,
            "has no body (`w:body`)".to_string(),
        ));
    };
    let mut walk = Flattener::new(&rels, numbering);
    walk.body(body);
    let mut findings = Vec::new();
    let mut skipped = std::mem::take(&mut walk.skipped);
    // Notes, headers and footers: text that is no answer, kept in `notes`.
    for (kind, element, what) in [
        ("footnotes", "footnote", "a footnote"),
        ("endnotes", "endnote", "an endnote"),
    ] {
        let Some(name) = part_of(kind) else { continue };
        let Some(text) = package.text(&name)? else {
            continue;
        };
        let part_rels = package.rels(&name, nodes)?;
        let doc = parsed!(&text, &name, limits);
        let mut notes = Flattener::new(&part_rels, Numbering::default());
        for note in doc.root_element().children() {
            if !xml::is(note, xml::Ns::W, element)
                || xml::attr(note, xml::Ns::W, "type").is_some_and(|t| t != "normal")
            {
                continue;
            }
            let id = xml::attr(note, xml::Ns::W, "id").unwrap_or("").to_string();
            let lines = notes.lines(note, false);
            if lines.is_empty() {
                continue;
            }
            let span = walk
                .references
                .iter()
                .find(|(r, _)| match r {
                    Reference::Footnote(r) => kind == "footnotes" && *r == id,
                    Reference::Endnote(r) => kind == "endnotes" && *r == id,
                })
                .map(|(_, at)| *at..*at + 1);
            skipped.push(Skipped {
                what: what.to_string(),
                text: lines.join("\n"),
                span,
            });
        }
        skipped.append(&mut notes.skipped);
        walk.too_deep |= notes.too_deep;
    }
    let mut seen: Vec<String> = Vec::new();
    for (kind, what) in [("header", "the header"), ("footer", "the footer")] {
        let names: Vec<String> = rels.of_kind(kind).map(|r| r.target.clone()).collect();
        for name in names {
            let Some(text) = package.text(&name)? else {
                continue;
            };
            let part_rels = package.rels(&name, nodes)?;
            let doc = parsed!(&text, &name, limits);
            let mut part = Flattener::new(&part_rels, Numbering::default());
            let lines = part.lines(doc.root_element(), true);
            walk.too_deep |= part.too_deep;
            let text = lines.join("\n");
            // The first page's, odd and even pages' headers often say the same.
            if text.is_empty() || seen.contains(&text) {
                continue;
            }
            seen.push(text.clone());
            skipped.push(Skipped {
                what: what.to_string(),
                text,
                span: None,
            });
        }
    }
    if walk.too_deep {
        return Err(PackageError::Broken(
            main,
            format!("nests elements more than {MAX_DEPTH} deep (tables within tables?)"),
        ));
    }
    let comments = match part_of("comments") {
        Some(name) => match package.text(&name)? {
            Some(text) => {
                let doc = parsed!(&text, &name, limits);
                doc.root_element()
                    .children()
                    .filter(|c| xml::is(*c, xml::Ns::W, "comment"))
                    .count()
            }
            None => 0,
        },
        None => 0,
    }
    .max(walk.comments.len());
    if comments > 0 {
        let finding = Finding::new(
            Code::Comments,
            "",
            format!(
                "has {comments} {}; they are never read as answers",
                crate::text::plural(comments, "comment")
            ),
        )
        .with_hint("if a comment holds part of an answer, move it into the answer, then delete the comments");
        findings.push(match walk.comments.first() {
            Some(at) => finding.at(Anchor::Offset(*at)),
            None => finding,
        });
    }
    let (tracked, first) = walk.tracked;
    if tracked > 0 {
        let finding = Finding::new(
            Code::TrackedChanges,
            "",
            format!(
                "has {tracked} tracked {} not yet accepted; read as if every change were accepted",
                crate::text::plural(tracked, "change")
            ),
        )
        .with_hint("accept or reject them in Word (Review › Accept), so that what is read and counted is what you mean");
        findings.push(match first {
            Some(at) => finding.at(Anchor::Offset(at)),
            None => finding,
        });
    }
    for (at, shown) in &walk.placeholders {
        let shown = if shown.is_empty() {
            String::new()
        } else {
            format!(" `{}`", clip(shown))
        };
        findings.push(
            Finding::new(
                Code::Placeholder,
                "",
                format!("a field still shows its placeholder{shown}; read as empty"),
            )
            .with_hint("type the answer into the field, or leave it empty if there is none")
            .at(Anchor::Offset(*at)),
        );
    }
    Ok(Form {
        blocks: walk.blocks,
        spots: walk.spots,
        skipped,
        findings,
        questionnaire,
    })
}

/// The text of the custom document property `name` (`<property name="…"><vt:lpwstr>…`), by
/// local names: the property and its value type are not WordprocessingML.
fn property(doc: &xml::Document<'_>, name: &str) -> Option<String> {
    doc.root_element()
        .children()
        .filter(|p| p.tag_name().name() == "property")
        .find(|p| p.attribute("name") == Some(name))
        .and_then(|p| p.children().next())
        .and_then(|value| value.text())
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

/// A reason on one line: the XML parser quotes the character it did not expect, which may be a
/// new line; control characters are written as escapes.
fn one_line(message: String) -> String {
    if !message.chars().any(char::is_control) {
        return message;
    }
    let mut out = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn clip(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        format!("{}…", one_line.chars().take(59).collect::<String>())
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod names {
    use super::*;
    use std::path::Path;

    #[test]
    fn word_forms_and_lock_files_by_name() {
        assert!(is_docx_name(Path::new("forms/OCRS 2024.DOCX")));
        assert!(!is_docx_name(Path::new("form.doc")));
        assert!(!is_docx_name(Path::new("docx")));
        assert!(is_lock_file(Path::new("forms/~$RS 2024.docx")));
        assert!(!is_lock_file(Path::new("forms/OCRS~$.docx")));
    }
}
