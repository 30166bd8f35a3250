//! The Word form (.docx) through the binary: `qfill import FILE.docx` on forms built here, one
//! construct of `docx.md` each, written from the format's rules (ECMA-376) the ways different
//! writers write them (prefixes, Strict namespaces, content controls, legacy fields); a filled
//! form of realistic size against its legacy-text twin; a blank form; and files that are no form.

mod commands;
mod definition;
mod filled;
mod not_a_form;
mod tables;
mod text;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::{Scratch, qfill};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";

/// The questions of the 2024 edition, as the form prints them.
const Q: [&str; 6] = [
    "Responding to the multiple crises, has the governing body of your organization taken any decisions or adopted any new strategies to enhance effective delivery of sustainable, resilient, and innovative solutions and to reinforce the 2030 Agenda for Sustainable Development and poverty eradication?",
    "In the past year, has your organization organized any intergovernmentally mandated conferences, forums or events that contributed to the achievement of the SDGs, or in the process of planning and organizing any such mandated events to be held next year?",
    "In the past year, has your organization published or planned to publish any analytical work or guidance note or toolkits to guide and support the implementation of SDGs at national, regional and global levels? Please select up to three to highlight, especially those that address interlinkages among the SDGs.",
    "In connection with the 2023 SDG Summit, the United Nations development system announced 12 High-Impact Initiatives where transformative progress is possible despite challenging global circumstances. Please share if your organization is contributing to any of these High Impact Initiatives and how various actors are being rallied behind them to mobilize further leadership and investment to bring progress to scale.",
    "In addition to the above, has your organization been part of any other initiatives or multi-stakeholder partnerships that enhance effective delivery of sustainable, resilient and innovative solutions and reinforce the 2030 Agenda for Sustainable Development, especially in the areas of SDG1 (no poverty), SDG2 (zero hunger), SDG13 (climate action), SDG16 (peace, justice and strong institutions), SDG17 (partnerships for the goals), which will go under in-depth review at the HLPF in 2024, or related to the Secretary-General’s proposals in Our Common Agenda?",
    "In the Political Declaration adopted at the 2023 SDG Summit, Member States committed to using the review of the high-level political forum at the 78th session of the General Assembly to further strengthen the follow-up and review of the implementation of the 2030 Agenda, harnessing data to track progress in implementing the Sustainable Development Goals and targets, strengthening analysis of the interlinkages across the Goals and targets, including policy implications of their synergies and trade-offs. Please provide your organization’s recommendations, if any, in this regard.",
];

const TITLE: &str = "Questionnaire to UN system entities on their contribution to the 2030 Agenda";

const INITIATIVES: [&str; 12] = [
    "Transforming Education",
    "Digital Public Infrastructure",
    "Energy Compacts",
    "Food Systems Transformation",
    "Global Accelerator on Jobs and Social Protection for Just Transitions",
    "Local2030 Coalition",
    "FutureGov",
    "Power of Data",
    "Spotlight Initiative",
    "Nature Driving Economic Transformation",
    "Early Warnings for All",
    "SDG Stimulus",
];

// ---------------------------------------------------------------------------------------------
// Writing small packages: body snippets wrapped in a minimal package.

/// A .docx being built: the body of its main part, other parts, and the main part's links.
struct Docx {
    body: String,
    w: &'static str,
    rel: &'static str,
    parts: Vec<(String, String, String)>,
    links: Vec<(String, String)>,
}

impl Docx {
    fn new(body: impl Into<String>) -> Docx {
        Docx {
            body: body.into(),
            w: W,
            rel: REL,
            parts: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Strict OOXML: its namespace and relationship URIs.
    fn strict(mut self) -> Docx {
        self.w = W_STRICT;
        self.rel = REL_STRICT;
        self
    }

    /// Adds the list definitions every form here uses: `numId` 1 numbers questions `1.`, `2.`;
    /// `numId` 2 is bullets, nested by level.
    fn lists(self) -> Docx {
        let numbering = format!(
            r#"<w:numbering xmlns:w="{}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
            self.w
        );
        self.part("numbering", "numbering.xml", &numbering)
    }

    fn part(mut self, kind: &str, name: &str, xml: &str) -> Docx {
        self.parts
            .push((kind.to_string(), name.to_string(), xml.to_string()));
        self
    }

    fn link(mut self, id: &str, target: &str) -> Docx {
        self.links.push((id.to_string(), target.to_string()));
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{w}" xmlns:r="{rel}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="w14 w15"><w:body>{body}<w:sectPr/></w:body></w:document>"#,
            w = self.w,
            rel = self.rel,
            body = self.body
        );
        let mut rels = String::new();
        for (i, (kind, name, _)) in self.parts.iter().enumerate() {
            rels.push_str(&format!(
                r#"<Relationship Id="rIdPart{i}" Type="{}/{kind}" Target="{name}"/>"#,
                self.rel
            ));
        }
        for (id, target) in &self.links {
            rels.push_str(&format!(
                r#"<Relationship Id="{id}" Type="{}/hyperlink" Target="{target}" TargetMode="External"/>"#,
                self.rel
            ));
        }
        let relationships = |inner: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{inner}</Relationships>"#
            )
        };
        let mut files: Vec<(String, String)> = vec![
            (
                "[Content_Types].xml".into(),
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into(),
            ),
            (
                "_rels/.rels".into(),
                relationships(&format!(
                    r#"<Relationship Id="rId1" Type="{}/officeDocument" Target="word/document.xml"/>"#,
                    self.rel
                )),
            ),
            ("word/document.xml".into(), document),
            ("word/_rels/document.xml.rels".into(), relationships(&rels)),
        ];
        for (_, name, xml) in &self.parts {
            files.push((format!("word/{name}"), xml.clone()));
        }
        zipped(&files)
    }
}

fn zipped(files: &[(String, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in files {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph of one run.
fn p(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

/// A paragraph whose text is split into runs, as spell-check marks and revisions split it.
fn split(parts: &[&str]) -> String {
    let runs: String = parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            format!(
                r#"<w:r w:rsidR="00A{i}"><w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="{i}" w:name="b{i}"/><w:bookmarkEnd w:id="{i}"/>"#,
                escape(part)
            )
        })
        .collect();
    format!("<w:p>{runs}</w:p>")
}

/// A question: a paragraph numbered automatically, so its number is not in its text.
fn question(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

/// A bullet at `level`.
fn bullet(level: usize, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

fn tc(inner: &str) -> String {
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{inner}</w:tc>"#)
}

/// A two-column table of rows.
fn table(rows: &[String]) -> String {
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid>{}</w:tbl>"#,
        rows.concat()
    )
}

/// A row spanning both columns: a record's title ("Event 1").
fn title_row(text: &str) -> String {
    format!(
        r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}</w:tc></w:tr>"#,
        p(text)
    )
}

/// A label | value row; the value in as many paragraphs as given (none: an empty cell).
fn row(label: &str, value: &[&str]) -> String {
    let value: String = if value.is_empty() {
        "<w:p/>".to_string()
    } else {
        value.iter().map(|v| p(v)).collect()
    };
    format!("<w:tr>{}{}</w:tr>", tc(&p(label)), tc(&value))
}

/// A cell wrapped in a content control, as forms built with Word's developer tools are.
fn controlled_row(label: &str, value: &str) -> String {
    format!(
        r#"<w:tr>{}<w:sdt><w:sdtPr><w:alias w:val="{label}"/><w:id w:val="1"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt></w:tr>"#,
        tc(&p(label)),
        tc(&p(value))
    )
}

/// A label | value row whose value is a legacy text form field.
fn form_field_row(label: &str, value: &str) -> String {
    format!(
        r#"<w:tr>{}{}</w:tr>"#,
        tc(&p(label)),
        tc(&format!(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/><w:textInput/></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            escape(value)
        ))
    )
}

/// A modern check box (a content control), ticked or not, and its label.
fn w14_box(checked: bool, label: &str) -> String {
    let (val, glyph) = if checked { ("1", "☒") } else { ("0", "☐") };
    format!(
        r#"<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{val}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p>"#,
        escape(label)
    )
}

/// A legacy check box form field and its label.
fn legacy_box(checked: bool, label: &str) -> String {
    let state = if checked { "<w:checked/>" } else { "" };
    format!(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p>"#,
        escape(label)
    )
}

// ---------------------------------------------------------------------------------------------
// Running `qfill import`.

/// What `qfill import` did with one file.
struct Imported {
    code: Option<i32>,
    toml: String,
    stderr: String,
}

impl Imported {
    /// The `code` and the place of each finding: `(code, "question 2, event 1 (table 3, row 2)")`.
    fn findings(&self) -> Vec<(String, String)> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
            .map(|l| {
                let code = l[l.find('[').unwrap() + 1..l.find(']').unwrap()].to_string();
                // `form.docx`, or `form.docx: question 2, event 1 (table 3, row 2)`.
                let parts: Vec<&str> = l.splitn(4, ": ").collect();
                let spot = ["question ", "paragraph ", "table "];
                let place = match parts.get(2) {
                    Some(next) if spot.iter().any(|s| next.starts_with(s)) => {
                        format!("{}: {next}", parts[1])
                    }
                    _ => parts.get(1).unwrap_or(&"").to_string(),
                };
                (code, place)
            })
            .collect()
    }

    fn codes(&self) -> Vec<String> {
        self.findings().into_iter().map(|(c, _)| c).collect()
    }
}

fn import_file(path: &Path) -> Imported {
    let output = qfill()
        .current_dir(path.parent().unwrap())
        .args(["import", path.file_name().unwrap().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Imported {
        code: output.status.code(),
        toml: String::from_utf8(output.stdout).unwrap(),
        stderr,
    }
}

/// Imports bytes saved as `name` in a fresh folder.
fn import_bytes(name: &str, bytes: &[u8]) -> Imported {
    let dir = Scratch::new();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    import_file(&path)
}

fn import(docx: &Docx) -> Imported {
    import_bytes("form.docx", &docx.bytes())
}

/// A form of the 2024 edition with `answers` after the question numbered `n` (1-based).
fn form_with(n: usize, answer: &str) -> Docx {
    let mut body = p(TITLE);
    body.push_str(&table(&[row(
        "Name of entity",
        &["Office for Coastal Resilience Studies (OCRS)"],
    )]));
    for (i, text) in Q.iter().enumerate() {
        body.push_str(&question(text));
        if i + 1 == n {
            body.push_str(answer);
        }
    }
    Docx::new(body).lists()
}

fn assert_has(toml: &str, want: &str) {
    assert!(toml.contains(want), "wanted `{want}` in:\n{toml}");
}
