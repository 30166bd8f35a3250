//! The Word form (.docx) through the binary: `qfill import FILE.docx` on forms built here, one
//! construct of `docx.md` each, written from the format's rules (ECMA-376) the ways different
//! writers write them (prefixes, Strict namespaces, content controls, legacy fields); a filled
//! form of realistic size against its legacy-text twin; a blank form; and files that are no form.

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

// ---------------------------------------------------------------------------------------------
// One construct at a time.

#[test]
fn questions_numbered_automatically_paragraphs_and_bullets() {
    let answer = [
        split(&["The Assembly adopted ", "a new strategy", " in 2023."]),
        p("It has three pillars:"),
        bullet(0, "coastal data;"),
        bullet(1, "tide gauges;"),
        bullet(0, "early warning."),
        // Word leaves an empty bullet at the end of a list: dropped.
        bullet(0, ""),
        p("The pillars are funded."),
    ]
    .concat();
    let out = import(&form_with(1, &answer));
    assert_has(
        &out.toml,
        "governing_body = \"\"\"\nThe Assembly adopted a new strategy in 2023.\n\nIt has three pillars:\n\n- coastal data;\n  - tide gauges;\n- early warning.\n\nThe pillars are funded.\"\"\"",
    );
    assert_has(
        &out.toml,
        "entity = \"Office for Coastal Resilience Studies (OCRS)\"",
    );
    // The form's title is no answer, and no note.
    assert!(!out.toml.contains("notes"), "{}", out.toml);
}

#[test]
fn breaks_tabs_and_characters_are_read_as_typed() {
    let records = table(&[
        title_row("Event 1"),
        format!(
            r#"<w:tr>{}{}</w:tr>"#,
            tc(&p("Event Name:")),
            tc(
                r#"<w:p><w:r><w:t>Regional</w:t><w:br/><w:t>Forum</w:t><w:br w:type="page"/><w:lastRenderedPageBreak/><w:t xml:space="preserve"> on Co</w:t><w:softHyphen/><w:t>asts</w:t></w:r></w:p>"#
            ),
        ),
        row("Event Dates", &["12–14 June 2024"]),
        row("Event Location (City, Country)", &["Apia,\u{a0}Samoa"]),
        row("Relevant SDGs", &["13, 14 and 17"]),
        format!(
            r#"<w:tr>{}{}</w:tr>"#,
            tc(&p("Description (max 150 words)")),
            tc(
                r#"<w:p><w:r><w:t>Two</w:t><w:tab/><w:t>lines</w:t><w:br/><w:t>in one “paragraph” – re</w:t><w:noBreakHyphen/><w:t>elected</w:t><w:sym w:font="Symbol" w:char="03B1"/></w:r></w:p>"#
            ),
        ),
    ]);
    let out = import(&form_with(2, &records));
    // A line break in a one-line field is a space; a page break is nothing.
    assert_has(&out.toml, "name = \"Regional Forum on Co\u{ad}asts\"");
    assert_has(
        &out.toml,
        "description = \"\"\"\nTwo\tlines\nin one “paragraph” – re\u{2011}electedα\"\"\"",
    );
    assert_has(&out.toml, "country = \"Samoa\"");
}

#[test]
fn names_are_read_by_namespace_whatever_the_prefix_or_flavour() {
    let answer = p("Adopted a strategy in 2023.");
    let plain = import(&form_with(6, &answer));
    let strict = import(&form_with(6, &answer).strict());
    let prefixed = {
        let mut docx = form_with(6, &answer);
        docx.body = docx
            .body
            .replace("<w:", "<ns0:")
            .replace("</w:", "</ns0:")
            .replace(" w:", " ns0:");
        docx.body = format!(
            r#"<ns0:customXml xmlns:ns0="{W}">{}</ns0:customXml>"#,
            docx.body
        );
        import(&docx)
    };
    assert_has(
        &plain.toml,
        "recommendations = \"Adopted a strategy in 2023.\"",
    );
    assert_eq!(strict.toml, plain.toml, "{}", strict.stderr);
    assert_eq!(prefixed.toml, plain.toml, "{}", prefixed.stderr);
}

#[test]
fn records_from_tables_however_many_and_however_split() {
    let event = |n: usize, name: &str| {
        vec![
            title_row(&format!("Event {n}")),
            row("Event Name:", &[name]),
            row("Event Dates:", &["2 May 2024"]),
            row("Event Location (City, Country):", &["Dakar, Senegal"]),
            row("Relevant SDGs:", &["SDG 14"]),
            row(
                "Description (max 150 words): please include a short summary of the event’s mandate and contributions to the SDGs, including its main outcome(s)",
                &["Met.", "Agreed."],
            ),
            row("Website (if applicable)", &[]),
        ]
    };
    let first = event(1, "First");
    let second = event(2, "Second");
    // A spare table the form holds for a third event: its values are all empty.
    let spare: Vec<String> = [
        title_row("Event 3"),
        row("Event Name:", &[]),
        row("Event Dates:", &[]),
        row("Relevant SDGs:", &[]),
    ]
    .to_vec();
    // The second table split in two by a page break: the record goes on.
    let body = [
        table(&first),
        p(""),
        table(&second[..3]),
        r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.to_string(),
        table(&second[3..]),
        // A row added under the last table for a fourth record.
        table(&[
            row("Event Name", &["Fourth"]),
            row("Event Dates", &["2024"]),
        ]),
        table(&spare),
    ]
    .concat();
    let out = import(&form_with(2, &body));
    let names: Vec<&str> = out
        .toml
        .lines()
        .filter(|l| l.starts_with("name = "))
        .collect();
    assert_eq!(
        names,
        ["name = \"First\"", "name = \"Second\"", "name = \"Fourth\""],
        "{}",
        out.toml
    );
    assert_has(&out.toml, "description = \"\"\"\nMet.\n\nAgreed.\"\"\"");
    assert!(
        !out.toml.contains("Event 1") && !out.toml.contains("notes"),
        "{}",
        out.toml
    );
    // Findings name the question, the record and the row a person finds in Word: the fourth
    // record, third read, lacks its location.
    let findings = out.findings();
    assert!(
        findings.iter().any(|(code, place)| code == "required"
            && place.starts_with("form.docx: question 2, event 3 (table 5, row ")),
        "{findings:?}"
    );
}

#[test]
fn merged_cells_hold_their_value_in_the_first() {
    let grid_row = |inner: &str| format!("<w:tr>{inner}</w:tr>");
    let body = table(&[
        title_row("Initiative 1"),
        row("Initiative/Partnership Name", &["Mangrove Alliance"]),
        row("Partners (please list all partners)", &["OCRS, FAO"]),
        row("Relevant SDGs (list all relevant goals)", &["1, 2 and 14"]),
        row("Member States benefiting from it", &["Senegal, Gambia"]),
        grid_row(&format!(
            r#"<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc>{}"#,
            p("Description (max 150 words)"),
            tc(&p("Restores mangroves."))
        )),
        grid_row(&format!(
            r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>{}"#,
            tc(&p("Supports incomes."))
        )),
    ]);
    let out = import(&form_with(5, &body));
    assert_has(
        &out.toml,
        "description = \"\"\"\nRestores mangroves.\n\nSupports incomes.\"\"\"",
    );
    assert_has(&out.toml, "member_states = [\"Senegal\", \"Gambia\"]");
}

#[test]
fn content_controls_are_unwrapped_and_placeholders_read_as_empty() {
    let placeholder = r#"<w:tr><w:tc><w:p><w:r><w:t>Website (if applicable)</w:t></w:r></w:p></w:tc><w:tc><w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr>"#;
    let run_control = r#"<w:tr><w:tc><w:p><w:r><w:t>Event Dates</w:t></w:r></w:p></w:tc><w:tc><w:p><w:sdt><w:sdtPr><w:date/></w:sdtPr><w:sdtContent><w:r><w:t>5 June 2024</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr>"#;
    let repeating = format!(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:sdt><w:sdtPr><w15:repeatingSection/></w:sdtPr><w:sdtContent><w:sdt><w:sdtPr><w15:repeatingSectionItem/></w:sdtPr><w:sdtContent>{}{}{}</w:sdtContent></w:sdt><w:sdt><w:sdtPr><w15:repeatingSectionItem/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt></w:sdtContent></w:sdt></w:tbl>"#,
        controlled_row("Event Name", "Forum"),
        run_control,
        placeholder,
        controlled_row("Event Name", "Dialogue"),
    );
    let block = r#"<w:sdt><w:sdtPr><w:alias w:val="Intro"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Two events:</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let out = import(&form_with(2, &format!("{block}{repeating}")));
    assert_has(&out.toml, "name = \"Forum\"\ndates = \"2024-06-05\"");
    assert_has(&out.toml, "name = \"Dialogue\"");
    assert!(!out.toml.contains("Click or tap"), "{}", out.toml);
    let findings = out.findings();
    assert!(
        findings.contains(&(
            "placeholder".to_string(),
            "form.docx: question 2 (table 2, row 3)".to_string()
        )),
        "{findings:?}"
    );
    assert_has(
        &out.stderr,
        "`Click or tap here to enter text.`; read as empty",
    );
    // The text before the tables fits no record: kept in notes, never dropped.
    assert_has(&out.toml, "notes = [\"Two events:\"]");
}

#[test]
fn legacy_form_fields_give_their_result_never_their_code() {
    let empty = "\u{2002}".repeat(5);
    let body = table(&[
        title_row("Event 1"),
        form_field_row("Event Name", "Forum on Oceans"),
        form_field_row("Event Dates", "5 June 2024"),
        form_field_row("Website (if applicable)", &empty),
    ]);
    let out = import(&form_with(2, &body));
    assert_has(
        &out.toml,
        "name = \"Forum on Oceans\"\ndates = \"2024-06-05\"",
    );
    assert!(
        !out.toml.contains("FORMTEXT") && !out.toml.contains("website"),
        "{}",
        out.toml
    );
    // Other fields: their result text.
    let page = r#"<w:p><w:r><w:t xml:space="preserve">See page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> and </w:t></w:r><w:fldSimple w:instr=" HYPERLINK &quot;https://ocrs.example.org&quot; "><w:r><w:t>our site</w:t></w:r></w:fldSimple></w:p>"#;
    let out = import(&form_with(6, page));
    assert_has(&out.toml, "recommendations = \"See page 4 and our site\"");
}

#[test]
fn a_website_written_as_words_is_its_links_target() {
    let link = |id: &str, text: &str| {
        format!(
            r#"<w:tr>{}<w:tc><w:p><w:hyperlink r:id="{id}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{text}</w:t></w:r></w:hyperlink></w:p></w:tc></w:tr>"#,
            tc(&p("Website (if applicable)"))
        )
    };
    let body = table(&[
        row("Event Name", &["Forum"]),
        link("rIdL1", "Forum website"),
        row("Event Name", &["Dialogue"]),
        link("rIdL2", "www.dialogue.example.org"),
    ]);
    let out = import(
        &form_with(2, &body)
            .link("rIdL1", "https://forum.example.org/2024")
            .link("rIdL2", "https://elsewhere.example.org"),
    );
    assert_has(&out.toml, "website = \"https://forum.example.org/2024\"");
    // Text that is an address stays what the person wrote.
    assert_has(&out.toml, "website = \"www.dialogue.example.org\"");
}

#[test]
fn tracked_changes_are_read_as_accepted_and_said_to_be_pending() {
    let answer = r#"<w:p><w:r><w:t xml:space="preserve">The Assembly </w:t></w:r><w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">rejected </w:delText></w:r></w:del><w:ins w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">adopted </w:t></w:r></w:ins><w:r><w:t>a strategy.</w:t></w:r><w:moveFrom w:id="3" w:author="A"><w:r><w:t>Old place.</w:t></w:r></w:moveFrom></w:p>"#;
    let out = import(&form_with(1, answer));
    assert_has(
        &out.toml,
        "governing_body = \"The Assembly adopted a strategy.\"",
    );
    let findings = out.findings();
    assert!(
        findings.contains(&(
            "tracked-changes".to_string(),
            "form.docx: question 1 (paragraph 3)".to_string()
        )),
        "{findings:?}"
    );
    assert_has(&out.stderr, "has 3 tracked changes not yet accepted");
}

#[test]
fn comments_notes_headers_and_text_boxes_go_to_notes_never_to_answers() {
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Reviewer"><w:p><w:r><w:t>Is this the final figure?</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Decision 12/4 of the Assembly.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let header = format!(
        r#"<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>OCRS response – draft</w:t></w:r></w:p></w:hdr>"#
    );
    let answer = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>The Assembly adopted a strategy.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed remark</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed remark</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
    let out = import(
        &form_with(1, answer)
            .part("comments", "comments.xml", &comments)
            .part("footnotes", "footnotes.xml", &footnotes)
            .part("header", "header1.xml", &header),
    );
    assert_has(
        &out.toml,
        "governing_body = \"The Assembly adopted a strategy.\"",
    );
    assert!(!out.toml.contains("final figure"), "{}", out.toml);
    // The text box read once, from one branch of the alternate.
    assert_has(
        &out.toml,
        "notes = [\"Boxed remark\", \"Decision 12/4 of the Assembly.\", \"OCRS response – draft\"]",
    );
    let findings = out.findings();
    let at = "form.docx: question 1 (paragraph 3)".to_string();
    for want in [
        ("comments".to_string(), at.clone()),
        ("skipped-text".to_string(), at.clone()),
        ("skipped-text".to_string(), "form.docx".to_string()),
    ] {
        assert!(findings.contains(&want), "{want:?} in {findings:?}");
    }
    assert_has(&out.stderr, "has 1 comment; they are never read as answers");
    assert_has(
        &out.stderr,
        "text in a text box holds no answer field; kept in notes[0]",
    );
    assert_has(&out.stderr, "text in a footnote holds no answer field");
}

#[test]
fn anything_else_that_holds_text_is_kept() {
    let answer = format!(
        r#"{}<w:unknownBlock><w:p><w:r><w:t>Odd container</w:t></w:r></w:p></w:unknownBlock>"#,
        p("Answer.")
    );
    let out = import(&form_with(1, &answer));
    assert_has(&out.toml, "governing_body = \"Answer.\"");
    assert_has(&out.toml, "notes = [\"Odd container\"]");
    assert!(
        out.codes().contains(&"skipped-text".to_string()),
        "{}",
        out.stderr
    );
}

#[test]
fn q4_check_boxes_decide_the_choices_whatever_stores_them() {
    let boxes = [
        p("OCRS contributes through its data portal and its forecasting work."),
        w14_box(true, "Power of Data"),
        w14_box(false, "Transforming Education"),
        legacy_box(true, "Early Warnings for All"),
        legacy_box(false, "FutureGov"),
        p("☐ Energy Compacts"),
        p("☒ SDG Stimulus"),
    ]
    .concat();
    let out = import(&form_with(4, &boxes));
    assert_has(
        &out.toml,
        "[answers.high_impact]\ninitiatives = [\"Power of Data\", \"Early Warnings for All\", \"SDG Stimulus\"]\ntext = \"OCRS contributes through its data portal and its forecasting work.\"",
    );
    // Boxes shown and none ticked: an explicit none, and the text stays.
    let none: String = INITIATIVES
        .iter()
        .map(|name| w14_box(false, name))
        .collect();
    let out = import(&form_with(
        4,
        &format!(
            "{}{none}",
            p("Not at this time; we mention Power of Data only as an example.")
        ),
    ));
    assert_has(
        &out.toml,
        "[answers.high_impact]\ninitiatives = []\ntext = \"Not at this time; we mention Power of Data only as an example.\"",
    );
}

#[test]
fn the_entity_table_gives_entity_contact_and_submission_date() {
    let body = [
        p(TITLE),
        p("Please return the form by 15 January 2024."),
        table(&[
            row(
                "Name of entity:",
                &["Office for Coastal Resilience Studies (OCRS)"],
            ),
            row("Focal point:", &["Ana Silva"]),
            row("E-mail:", &["ana.silva@ocrs.example.org"]),
            row("Date of submission:", &["15 January 2024"]),
        ]),
        question(Q[0]),
        p("Answer."),
    ]
    .concat();
    let out = import(&Docx::new(body).lists());
    assert_has(
        &out.toml,
        "entity = \"Office for Coastal Resilience Studies (OCRS)\"\nsubmitted = \"2024-01-15\"",
    );
    assert_has(
        &out.toml,
        "[contact]\nname = \"Ana Silva\"\nemail = \"ana.silva@ocrs.example.org\"",
    );
    // The instructions are no answer: kept in notes, with a finding at their paragraph.
    assert_has(
        &out.toml,
        "notes = [\"Please return the form by 15 January 2024.\"]",
    );
    assert!(
        out.findings().contains(&(
            "unplaced-text".to_string(),
            "form.docx: paragraph 2".to_string()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn a_blank_form_imports_with_no_records_and_no_choices() {
    let out = import_bytes("blank.docx", &blank_form().bytes());
    assert!(!out.toml.contains("[[answers"), "{}", out.toml);
    assert!(!out.toml.contains("initiatives = [\""), "{}", out.toml);
    assert!(!out.toml.contains("notes"), "{}", out.toml);
    // Nothing answered: the entity is missing, the questions are not answered (Q4's boxes,
    // none ticked, say "none of them"), and nothing else is said.
    let findings = out.findings();
    let at = |code: &str, place: &str| (code.to_string(), format!("blank.docx{place}"));
    assert_eq!(
        findings,
        [
            at("required", ""),
            at("not-answered", ": question 1 (paragraph 2)"),
            at("not-answered", ": question 2 (paragraph 4)"),
            at("not-answered", ": question 3 (paragraph 8)"),
            at("not-answered", ": question 4 (paragraph 13)"),
            at("not-answered", ": question 5 (paragraph 25)"),
            at("not-answered", ": question 6 (paragraph 29)"),
        ],
        "{}",
        out.stderr
    );
}

/// The blank form DESA sends: the entity table and each question with its empty tables and
/// Q4's unticked boxes.
fn blank_form() -> Docx {
    let labels: [&[&str]; 3] = [
        &[
            "Event Name:",
            "Event Dates:",
            "Event Location (City, Country):",
            "Relevant SDGs:",
            "Description (max 150 words): please include a short summary of the event’s mandate and contributions to the SDGs, including its main outcome(s)",
            "Website (if applicable)",
        ],
        &[
            "Resource Name",
            "Relevant SDGs (list all relevant goals)",
            "Publishing entity/entities",
            "Target audience",
            "Description (max 150 words)",
            "Language(s)",
            "Website (if applicable)",
        ],
        &[
            "Initiative/Partnership Name",
            "Partners (please list all partners)",
            "Relevant SDGs (list all relevant goals)",
            "Member States benefiting from it",
            "Description (max 150 words)",
            "Website",
        ],
    ];
    let tables = |record: &str, labels: &[&str], count: usize| -> String {
        (1..=count)
            .map(|n| {
                let mut rows = vec![title_row(&format!("{record} {n}"))];
                rows.extend(labels.iter().map(|l| row(l, &[])));
                table(&rows) + &p("")
            })
            .collect()
    };
    let mut body = p(TITLE);
    body.push_str(&table(&[
        row("Name of entity:", &[]),
        row("Focal point:", &[]),
        row("E-mail:", &[]),
        row("Date of submission:", &[]),
    ]));
    for (i, text) in Q.iter().enumerate() {
        body.push_str(&question(text));
        match i {
            1 => body.push_str(&tables("Event", labels[0], 3)),
            2 => body.push_str(&tables("Resource", labels[1], 3)),
            3 => body.extend(INITIATIVES.iter().map(|n| w14_box(false, n))),
            4 => body.push_str(&tables("Initiative", labels[2], 3)),
            _ => body.push_str(&p("")),
        }
    }
    Docx::new(body).lists()
}

// ---------------------------------------------------------------------------------------------
// A filled form of realistic size against its legacy-text twin.

/// One record: (label as the form prints it, value paragraphs).
type Record = Vec<(&'static str, Vec<&'static str>)>;

struct Filled {
    entity: [(&'static str, &'static str); 4],
    governing_body: Vec<Text>,
    events: Vec<Record>,
    resources: Vec<Record>,
    high_impact: (Vec<&'static str>, Vec<&'static str>),
    initiatives: Vec<Record>,
    recommendations: Vec<Text>,
}

/// A paragraph, or a bullet at a level.
enum Text {
    P(&'static str),
    Bullet(usize, &'static str),
}

fn filled() -> Filled {
    use Text::{Bullet, P};
    let event = |name, dates, place, sdgs, description: Vec<&'static str>, website| -> Record {
        vec![
            ("Event Name:", vec![name]),
            ("Event Dates:", vec![dates]),
            ("Event Location (City, Country):", vec![place]),
            ("Relevant SDGs:", vec![sdgs]),
            (
                "Description (max 150 words): please include a short summary of the event’s mandate and contributions to the SDGs, including its main outcome(s)",
                description,
            ),
            ("Website (if applicable)", website),
        ]
    };
    let resource = |name,
                    sdgs,
                    publishers,
                    audience,
                    description: Vec<&'static str>,
                    languages,
                    website|
     -> Record {
        vec![
            ("Resource Name", vec![name]),
            ("Relevant SDGs (list all relevant goals)", vec![sdgs]),
            ("Publishing entity/entities", vec![publishers]),
            ("Target audience", vec![audience]),
            ("Description (max 150 words)", description),
            ("Language(s)", vec![languages]),
            ("Website (if applicable)", vec![website]),
        ]
    };
    let initiative =
        |name, partners, sdgs, states, description: Vec<&'static str>, website| -> Record {
            vec![
                ("Initiative/Partnership Name", vec![name]),
                ("Partners (please list all partners)", vec![partners]),
                ("Relevant SDGs (list all relevant goals)", vec![sdgs]),
                ("Member States benefiting from it", vec![states]),
                ("Description (max 150 words)", description),
                ("Website", vec![website]),
            ]
        };
    Filled {
        entity: [
            (
                "Name of entity:",
                "Global Water Resilience Institute (GWRI)",
            ),
            ("Focal point:", "Focal Point, Strategic Planning Unit"),
            ("E-mail:", "sdg-focalpoint@gwri.example.org"),
            ("Date of submission:", "15 February 2024"),
        ],
        governing_body: vec![
            P(
                "At its forty-second session in November 2023, the Governing Council of the Global Water Resilience Institute (GWRI) adopted the Strategic Plan 2024-2027, “Water Security for a Resilient Future”. The Plan responds directly to the compounding effects of the climate emergency, the food and energy price shocks of 2022 and the lasting fiscal pressures of the COVID-19 pandemic, which have together reversed progress on access to safe drinking water and sanitation in many developing countries.",
            ),
            P(
                "The Council took three decisions to strengthen the delivery of sustainable, resilient and innovative solutions:",
            ),
            Bullet(
                0,
                "a Rapid Response Facility that can deploy technical teams to Member States within fourteen days of a drought, flood or water-related emergency;",
            ),
            Bullet(
                0,
                "a Data and Innovation Strategy that commits the Institute to publish its hydrological datasets as open data, and to support national statistical offices in reporting on:",
            ),
            Bullet(1, "SDG indicator 6.1.1;"),
            Bullet(1, "SDG indicators 6.3.2 and 6.4.2;"),
            Bullet(
                0,
                "a dedicated window for the least developed countries and small island developing States.",
            ),
            P(
                "To reinforce poverty eradication, the Plan introduces an equity marker for every project. Each intervention must now show how it reaches people living in poverty, women and girls, persons with disabilities, Indigenous Peoples and rural communities, and country teams report on these results annually to the Council. The Council also requested the Secretariat to integrate water-related risk into national financing frameworks, in cooperation with the resident coordinator system and international financial institutions.",
            ),
            P(
                "Finally, the Council reaffirmed the Institute’s commitment to system-wide coherence. GWRI will contribute to common country analyses and Cooperation Frameworks in all programme countries, will co-lead UN-Water work on integrated monitoring, and will report annually on its contribution to the follow-up and review of the 2030 Agenda, including through this questionnaire and the voluntary national review process.",
            ),
        ],
        events: vec![
            event(
                "Regional Forum on Water Security and Climate Adaptation in Africa",
                "10-12 May 2023",
                "Nairobi, Kenya",
                "2, 6, 13 and 17",
                vec![
                    "Convened pursuant to Governing Council decision 41/3, the Forum brought together ministers, basin organizations, youth networks and development partners from 34 African countries to review progress on SDG 6 and its links with food security and climate action.",
                    "The main outcome was the Nairobi Call to Action on Water Security, which sets out ten priority actions for integrating water into nationally determined contributions and national adaptation plans.",
                ],
                vec!["https://www.gwri.example.org/events/africa-forum-2023"],
            ),
            event(
                "Global Dialogue on Water Data for the SDGs",
                "8 October 2024",
                "Geneva, Switzerland; Dakar, Senegal",
                "SDGs 6, 16 and 17",
                vec![
                    "Mandated by Governing Council decision 42/5, the Global Dialogue will gather national statistical offices, hydrological services, custodian agencies and civil society to discuss how open water data can accelerate progress on the Goals under review.",
                ],
                vec!["TBD"],
            ),
        ],
        resources: vec![
            resource(
                "World Water Resilience Report 2023: Water at the Crossroads of the SDGs",
                "1, 2, 6, 7, 13, 15",
                "Global Water Resilience Institute (GWRI)",
                "Policymakers, planning and finance ministries, development partners",
                vec![
                    "The flagship report analyses how water scarcity, pollution and water-related disasters affect progress across the 2030 Agenda. Using data from 120 countries, it quantifies the interlinkages between water security, poverty, food production, energy generation and ecosystem health.",
                    "The report includes country profiles and a set of recommendations for integrating water into national development plans and budget processes.",
                ],
                "Arabic, Chinese, English, French, Russian, Spanish",
                "https://www.gwri.example.org/publications/wwrr-2023",
            ),
            resource(
                "Guidance Note on Integrating Water into National Adaptation Plans",
                "6, 11 and 13",
                "GWRI, Caribbean Climate Adaptation Network (CCAN)",
                "National adaptation planning teams and water ministries",
                vec![
                    "This guidance note offers a step-by-step approach for assessing water-related climate risks and translating them into priority adaptation actions.",
                ],
                "English, French, Spanish, Portuguese",
                "www.gwri.example.org/publications/nap-water-guidance",
            ),
            resource(
                "Open Water Data Toolkit",
                "6 and 17",
                "GWRI",
                "National statistical offices and hydrological services",
                vec![
                    "The toolkit supports countries in collecting, managing and publishing water data for SDG monitoring.",
                ],
                "EN, FR",
                "https://www.gwri.example.org/toolkits/open-water-data",
            ),
        ],
        high_impact: (
            vec![
                "GWRI contributes to Early Warnings for All as a partner under the pillar on detection, observation, monitoring, analysis and forecasting. Under Power of Data, the Institute works with national statistical offices to integrate earth observation and administrative data into reporting on water-related SDG indicators.",
            ],
            vec!["Power of Data", "Early Warnings for All"],
        ),
        initiatives: vec![
            initiative(
                "Global Partnership for Resilient Water Services",
                "GWRI, International Alliance of Water Utilities (IAWU), Youth for Water Network (Y4W)",
                "1, 6, 13, 17",
                "All Member States",
                vec![
                    "The Partnership helps water and sanitation utilities in all regions prepare for climate shocks.",
                    "Since its launch in 2023, the Partnership has supported 48 utilities serving more than 30 million people.",
                ],
                "https://www.gwri.example.org/partnerships/resilient-water-services",
            ),
            initiative(
                "Lake Victoria Basin Drought and Food Security Initiative",
                "GWRI, Lake Basin Farmers' Cooperative Union (LBFCU)",
                "1, 2, 6 and 13",
                "Kenya, Uganda, Tanzania, Rwanda and Burundi",
                vec![
                    "The Initiative links seasonal drought forecasts with agricultural extension services so that smallholder farmers can adjust planting decisions.",
                ],
                "n/a",
            ),
        ],
        recommendations: vec![
            P("GWRI recommends that the review of the high-level political forum:"),
            Bullet(
                0,
                "strengthen the use of disaggregated, openly licensed data in the follow-up and review of the 2030 Agenda;",
            ),
            Bullet(
                0,
                "devote dedicated time to interlinkages, with thematic reviews organized around clusters of Goals.",
            ),
            P("GWRI stands ready to support such efforts through its country programmes."),
        ],
    }
}

/// The filled form as Word writes it, each record in a different way.
fn filled_docx(f: &Filled) -> Docx {
    let mut body = p(TITLE);
    body.push_str(&table(
        &f.entity
            .iter()
            .map(|(l, v)| row(l, &[v]))
            .collect::<Vec<_>>(),
    ));
    let text = |texts: &[Text]| -> String {
        texts
            .iter()
            .map(|t| match t {
                Text::P(s) => {
                    // Split where a spell checker would.
                    let (a, b) = s.split_at(s.char_indices().nth(s.chars().count() / 2).unwrap().0);
                    split(&[a, b])
                }
                Text::Bullet(level, s) => bullet(*level, s),
            })
            .collect()
    };
    let record_rows = |record: &Record, style: usize| -> Vec<String> {
        record
            .iter()
            .map(|(label, values)| match style {
                1 if values.len() == 1 => controlled_row(label, values[0]),
                2 if values.len() == 1 => form_field_row(label, values[0]),
                _ => row(label, values),
            })
            .collect()
    };
    body.push_str(&question(Q[0]));
    body.push_str(&text(&f.governing_body));
    body.push_str(&question(Q[1]));
    for (i, record) in f.events.iter().enumerate() {
        let mut rows = vec![title_row(&format!("Event {}", i + 1))];
        rows.extend(record_rows(record, i % 3));
        body.push_str(&table(&rows));
        body.push_str(&p(""));
    }
    // The form's spare table for a third event, left empty.
    let mut spare = vec![title_row("Event 3")];
    spare.extend(f.events[0].iter().map(|(label, _)| row(label, &[])));
    body.push_str(&table(&spare));
    body.push_str(&question(Q[2]));
    for (i, record) in f.resources.iter().enumerate() {
        let mut rows = vec![title_row(&format!("Resource {}", i + 1))];
        rows.extend(record_rows(record, (i + 1) % 3));
        if i == 1 {
            // Split across a page: two tables, one record.
            body.push_str(&table(&rows[..4]));
            body.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
            body.push_str(&table(&rows[4..]));
        } else {
            body.push_str(&table(&rows));
        }
    }
    body.push_str(&question(Q[3]));
    body.push_str(&text(
        &f.high_impact
            .0
            .iter()
            .map(|s| Text::P(s))
            .collect::<Vec<_>>(),
    ));
    for (i, name) in INITIATIVES.iter().enumerate() {
        let ticked = f.high_impact.1.contains(name);
        body.push_str(&if i % 2 == 0 {
            w14_box(ticked, name)
        } else {
            legacy_box(ticked, name)
        });
    }
    body.push_str(&question(Q[4]));
    for (i, record) in f.initiatives.iter().enumerate() {
        let mut rows = vec![title_row(&format!("Initiative/Partnership {}", i + 1))];
        rows.extend(record_rows(record, (i + 2) % 3));
        body.push_str(&table(&rows));
    }
    body.push_str(&question(Q[5]));
    body.push_str(&text(&f.recommendations));
    Docx::new(body).lists()
}

/// The same answers in the legacy text layout, as Word's text export writes it.
fn filled_text(f: &Filled) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(TITLE);
    for (label, value) in f.entity {
        line(&format!("{label} |"));
        line(&format!("{value} |"));
    }
    let text = |texts: &[Text], line: &mut dyn FnMut(&str)| {
        for t in texts {
            match t {
                Text::P(s) => line(s),
                Text::Bullet(level, s) => {
                    for _ in 0..=*level {
                        line("-");
                    }
                    line(s);
                }
            }
        }
    };
    let records = |records: &[Record], line: &mut dyn FnMut(&str)| {
        for record in records {
            for (label, values) in record {
                line(&format!("{label} |"));
                for (i, v) in values.iter().enumerate() {
                    if i + 1 == values.len() {
                        line(&format!("{v} |"));
                    } else {
                        line(v);
                    }
                }
            }
        }
    };
    line(&format!("1. {}", Q[0]));
    text(&f.governing_body, &mut line);
    line(&format!("2. {}", Q[1]));
    records(&f.events, &mut line);
    line(&format!("3. {}", Q[2]));
    records(&f.resources, &mut line);
    line(&format!("4. {}", Q[3]));
    for s in &f.high_impact.0 {
        line(s);
    }
    line(&format!("5. {}", Q[4]));
    records(&f.initiatives, &mut line);
    line(&format!("6. {}", Q[5]));
    text(&f.recommendations, &mut line);
    out
}

/// The TOML without Q4's table, where the boxes decide.
fn without_q4(toml: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in toml.lines() {
        if line.starts_with('[') {
            skipping = line == "[answers.high_impact]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_realistic_filled_form_imports_as_its_text_twin() {
    let f = filled();
    let dir = Scratch::new();
    let docx_path = dir.path().join("gwri.docx");
    let text_path = dir.path().join("gwri.txt");
    let bytes = filled_docx(&f).bytes();
    fs::write(&docx_path, &bytes).unwrap();
    fs::write(&text_path, filled_text(&f)).unwrap();
    let word = import_file(&docx_path);
    let text = import_file(&text_path);
    assert!(
        word.toml.len() > 6_000,
        "a form of realistic size: {}",
        word.toml.len()
    );
    assert_eq!(
        without_q4(&word.toml),
        without_q4(&text.toml),
        "{}\n{}",
        word.stderr,
        text.stderr
    );
    assert_has(
        &word.toml,
        "[contact]\nname = \"Focal Point, Strategic Planning Unit\"",
    );
    assert_has(
        &word.toml,
        "website = \"https://www.gwri.example.org/events/africa-forum-2023\"",
    );
    // Q4: the ticked boxes, in the form's order; the text twin finds the names in the text.
    assert_has(
        &word.toml,
        "initiatives = [\"Power of Data\", \"Early Warnings for All\"]",
    );
    assert_has(
        &text.toml,
        "initiatives = [\"Power of Data\", \"Early Warnings for All\"]",
    );
    // The same findings, at the same answers, in the form's places.
    let paths = |out: &Imported| -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = out
            .stderr
            .lines()
            .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
            .map(|l| {
                let code = l[l.find('[').unwrap() + 1..l.find(']').unwrap()].to_string();
                let message = l.rsplit(": ").next().unwrap_or("").to_string();
                (code, message)
            })
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        paths(&word),
        paths(&text),
        "{}\n{}",
        word.stderr,
        text.stderr
    );
    assert!(
        word.findings().iter().any(|(code, place)| code == "pending"
            && place == "gwri.docx: question 2, event 2 (table 3, row 7)"),
        "{}",
        word.stderr
    );
    assert_eq!(word.code, text.code);
}

// ---------------------------------------------------------------------------------------------
// Files that are no form: one-line reasons, never a panic.

#[test]
fn what_is_no_form_is_a_parse_error_or_too_large() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let laughs = {
        let mut files = vec![(
            "word/document.xml".to_string(),
            format!(
                r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"#
            ),
        )];
        files.push(("[Content_Types].xml".into(), "<Types/>".into()));
        zipped(&files)
    };
    let nested = {
        let depth = 100_000;
        let mut body = String::with_capacity(depth * 45);
        for _ in 0..depth {
            body.push_str("<w:tbl><w:tr><w:tc>");
        }
        body.push_str("<w:p/>");
        for _ in 0..depth {
            body.push_str("</w:tc></w:tr></w:tbl>");
        }
        Docx::new(body).bytes()
    };
    let no_document = zipped(&[("word/styles.xml".into(), "<w:styles/>".into())]);
    let bomb = {
        // 20 MiB of text in a few kilobytes: over the 10 MiB cap once inflated.
        let text = "a".repeat(20 * 1024 * 1024);
        Docx::new(p(&text)).bytes()
    };
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "old.docx",
            ole,
            "parse-error",
            "is a .doc (Word 97-2003), not a .docx",
        ),
        ("locked.docx", encrypted, "parse-error", "is encrypted"),
        (
            "text.docx",
            b"Event Name: Forum\n".to_vec(),
            "parse-error",
            "not a zip package",
        ),
        ("laughs.docx", laughs, "parse-error", "declares a DTD"),
        (
            "nested.docx",
            nested,
            "parse-error",
            "nests elements more than 100 deep",
        ),
        (
            "empty.docx",
            no_document,
            "parse-error",
            "has no `word/document.xml`",
        ),
        (
            "bomb.docx",
            bomb,
            "too-large",
            "holds more text than the limit of 10 MiB",
        ),
    ];
    for (name, bytes, code, reason) in cases {
        let out = import_bytes(name, &bytes);
        assert_eq!(out.code, Some(1), "{name}: {}", out.stderr);
        assert_eq!(out.codes(), [code], "{name}: {}", out.stderr);
        let first = out.stderr.lines().next().unwrap();
        assert!(
            first.starts_with(&format!("error[{code}]: {name}: ")) && first.contains(reason),
            "{name}: {}",
            out.stderr
        );
        assert!(out.toml.is_empty(), "{name}: nothing written");
    }
    // `--max-size` is the cap on the text, not on the file: a small limit refuses the form.
    let dir = Scratch::new();
    let path = dir.path().join("form.docx");
    fs::write(&path, form_with(1, &p("Answer.")).bytes()).unwrap();
    let output = qfill()
        .args(["import", "--max-size", "1000"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error[too-large]: "), "{stderr}");
}

#[test]
fn a_missing_form_or_a_folder_is_unreadable() {
    let dir = Scratch::new();
    let missing: PathBuf = dir.path().join("missing.docx");
    let output = qfill().arg("import").arg(&missing).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error[unreadable]") && stderr.contains("no such file"),
        "{stderr}"
    );
    let folder = dir.path().join("folder.docx");
    fs::create_dir(&folder).unwrap();
    let output = qfill().arg("import").arg(&folder).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("is a folder"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// The blank form read into a definition.

/// A blank form's text (`show --to text`) as Word holds it: questions numbered automatically
/// (typed where the number is not Word's `1.`, `2.`), each question's `Label |` rows as two
/// tables (the form's room for two records), check boxes as content controls.
fn blank_docx(text: &str) -> Docx {
    let mut body = String::new();
    let mut rows: Vec<String> = Vec::new();
    let mut counted = 0;
    let flush = |rows: &mut Vec<String>, body: &mut String| {
        if rows.is_empty() {
            return;
        }
        for n in 1..=2 {
            let mut table_rows = vec![title_row(&format!("Record {n}"))];
            table_rows.extend(rows.iter().cloned());
            body.push_str(&table(&table_rows));
            body.push_str(&p(""));
        }
        rows.clear();
    };
    for line in text.lines() {
        if let Some(label) = line.strip_suffix(" |") {
            rows.push(row(label, &[]));
            continue;
        }
        flush(&mut rows, &mut body);
        if let Some(choice) = line.strip_prefix("☐ ") {
            body.push_str(&w14_box(false, choice));
            continue;
        }
        let numbered = line
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.len() <= 4 && !n.contains(' '));
        match numbered {
            Some((number, rest)) if number == (counted + 1).to_string() => {
                counted += 1;
                body.push_str(&question(rest));
            }
            _ => body.push_str(&p(line)),
        }
    }
    flush(&mut rows, &mut body);
    Docx::new(body).lists()
}

#[test]
fn the_blank_word_form_gives_back_the_definition_it_shows() {
    use qfill::definition::to_text::FormView;
    use qfill::questionnaire::Questionnaire;
    let dir = Scratch::new();
    let pilot = crate::common::repo("tests/data/pilot-2026.toml");
    let mut editions: Vec<(String, Questionnaire)> = Questionnaire::builtin_ids()
        .map(|id| (id.to_string(), Questionnaire::resolve(id).unwrap()))
        .collect();
    editions.push((
        pilot.to_str().unwrap().to_string(),
        Questionnaire::from_file(&pilot).unwrap(),
    ));
    for (arg, definition) in editions {
        let shown = qfill()
            .args(["show", "--to", "text", "-q", &arg])
            .output()
            .unwrap();
        let text = String::from_utf8(shown.stdout).unwrap();
        let form = dir.path().join(format!("{}.docx", definition.id));
        fs::write(&form, blank_docx(&text).bytes()).unwrap();
        let out = dir.path().join(format!("{}.toml", definition.id));
        let made = qfill()
            .args(["definition", "from-text"])
            .arg(&form)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8(made.stderr).unwrap();
        assert_eq!(made.status.code(), Some(0), "{arg}: {stderr}");
        assert_eq!(stderr, "", "{arg}: no warnings for a blank form");
        let back = Questionnaire::from_file(&out).unwrap();
        let toml = fs::read_to_string(&out).unwrap();
        assert_eq!(
            FormView::of(&back),
            FormView::of(&definition),
            "{arg}\n{toml}"
        );
        // Every inference says where in Word it comes from.
        assert_has(&toml, "# title from paragraph 1");
        assert_has(&toml, "# number and text from paragraph ");
        if toml.contains("kind = \"records\"") {
            assert_has(&toml, "# label from table ");
            assert_has(
                &toml,
                "# the form holds 2 tables for these records (the first is read)",
            );
        }
    }
}

#[test]
fn answers_in_a_word_form_are_ignored_by_from_text_with_a_warning_at_their_place() {
    let dir = Scratch::new();
    let form = dir.path().join("filled.docx");
    fs::write(&form, filled_docx(&filled()).bytes()).unwrap();
    let made = qfill()
        .args(["definition", "from-text"])
        .arg(&form)
        .output()
        .unwrap();
    let stderr = String::from_utf8(made.stderr).unwrap();
    assert_eq!(made.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains("filled.docx: table 2, row 2: text under question 2 is an answer, not part of a blank form: ignored (`Regional Forum"),
        "{stderr}"
    );
    assert!(
        stderr.contains("filled.docx: paragraph 3: text under question 1 is an answer"),
        "{stderr}"
    );
}

/// A Word form is read by every command that reads a response, named, in a folder or through a
/// glob; Word's lock files are skipped; `fmt` refuses it with a hint to `export`.
#[test]
fn every_command_that_reads_a_response_reads_a_word_form() {
    let dir = Scratch::new();
    let forms = dir.path().join("forms");
    fs::create_dir_all(&forms).unwrap();
    let form = forms.join("response.docx");
    let exported = qfill()
        .args([
            "export",
            crate::common::repo("examples/response.toml")
                .to_str()
                .unwrap(),
            "-o",
        ])
        .arg(&form)
        .output()
        .unwrap();
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    // A lock file Word leaves beside an open form: never read.
    fs::write(forms.join("~$response.docx"), "owner").unwrap();
    let run = |args: &[&str]| qfill().current_dir(dir.path()).args(args).output().unwrap();
    let text = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    for inputs in [&["forms/response.docx"][..], &["forms"], &["forms/*.docx"]] {
        let validate = run(&[&["validate", "--format", "json"][..], inputs].concat());
        assert_eq!(
            validate.status.code(),
            Some(0),
            "{inputs:?}: {}",
            text(&validate)
        );
        let report: serde_json::Value = serde_json::from_slice(&validate.stdout).unwrap();
        let files = report["files"].as_array().unwrap();
        assert_eq!(
            files.len(),
            1,
            "{inputs:?}: the lock file is skipped: {report}"
        );
        let compile = run(&[&["compile", "--to", "json", "-o", "-"][..], inputs].concat());
        assert_eq!(compile.status.code(), Some(0), "{}", text(&compile));
        let tables: serde_json::Value = serde_json::from_slice(&compile.stdout).unwrap();
        let responses = tables["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "responses")
            .unwrap();
        assert_eq!(responses["rows"].as_array().unwrap().len(), 1, "{inputs:?}");
        assert!(
            responses.to_string().contains("\"docx\""),
            "read as a Word form: {responses}"
        );
        let page = run(&[&["report", "-o", "-"][..], inputs].concat());
        assert_eq!(page.status.code(), Some(0), "{}", text(&page));
        assert!(
            String::from_utf8_lossy(&page.stdout).contains("Global Water Resilience Institute")
        );
    }
    // migrate carries it to another edition; fill --answers starts from it (no terminal here:
    // refused before it reads, as any fill is).
    let migrate = run(&["migrate", "forms/response.docx", "--edition", "hlpf-2024"]);
    assert_eq!(migrate.status.code(), Some(0), "{}", text(&migrate));
    assert!(
        String::from_utf8_lossy(&migrate.stdout)
            .contains("entity = \"Global Water Resilience Institute (GWRI)\"")
    );
    let fmt = run(&["fmt", "forms/response.docx"]);
    assert_eq!(fmt.status.code(), Some(2), "{}", text(&fmt));
    assert!(
        text(&fmt).contains("a Word form is not rewritten in place")
            && text(&fmt).contains("qfill export forms/response.docx -o FILE.toml"),
        "{}",
        text(&fmt)
    );
    // On standard input, a form is read when it is said to be one, and told apart otherwise.
    let bytes = fs::read(&form).unwrap();
    let piped = qfill()
        .args(["validate", "-", "--input-format", "docx"])
        .write_stdin(bytes.clone())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0), "{}", text(&piped));
    let unsaid = qfill()
        .args(["validate", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(unsaid.status.code(), Some(1), "{}", text(&unsaid));
    assert!(
        text(&unsaid).contains("--input-format docx"),
        "{}",
        text(&unsaid)
    );
}

/// `fill --answers` starts from a Word form as from any answers file.
#[cfg(unix)]
#[test]
fn a_fill_starts_from_a_word_form() {
    let dir = Scratch::new();
    let form = dir.path().join("last-year.docx");
    let exported = qfill()
        .args([
            "export",
            crate::common::repo("examples/response.toml")
                .to_str()
                .unwrap(),
            "-o",
        ])
        .arg(&form)
        .output()
        .unwrap();
    assert!(exported.status.success());
    let mut cmd = crate::common::command();
    cmd.current_dir(dir.path())
        .args(["fill", "--plain", "--answers", "last-year.docx"]);
    let mut terminal = crate::terminal::Terminal::start(cmd, std::time::Duration::from_secs(30));
    terminal.expect("starting from last-year.docx: 6 questions answered");
    terminal.send("\u{3}");
    assert_eq!(terminal.exit_code(), 130);
}
