//! The flattening, one construct of `docx.md` at a time, on packages built here.

use std::io::Write;

use super::*;
use crate::finding::Spot;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The namespaces a body snippet may use, declared on the document element.
fn namespaces(w: &str) -> String {
    format!(
        r#"xmlns:w="{w}" xmlns:r="{R}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:example:unknown""#
    )
}

/// A package: its parts, and the document's relationships.
struct Docx {
    parts: Vec<(String, Vec<u8>)>,
    rels: Vec<(String, String, String, bool)>,
    package_rels: bool,
}

impl Docx {
    fn new(body: &str) -> Docx {
        Docx::with_namespace(body, W)
    }

    fn with_namespace(body: &str, w: &str) -> Docx {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {}><w:body>{body}<w:sectPr/></w:body></w:document>"#,
            namespaces(w)
        );
        Docx {
            parts: vec![("word/document.xml".into(), document.into_bytes())],
            rels: Vec::new(),
            package_rels: true,
        }
    }

    /// Adds a part related to the document by a relationship of `kind` (`numbering`, ...).
    fn part(mut self, kind: &str, name: &str, xml: &str) -> Docx {
        let id = format!("rId{}", self.rels.len() + 10);
        self.rels
            .push((id, format!("{REL}/{kind}"), name.to_string(), false));
        self.parts
            .push((format!("word/{name}"), xml.as_bytes().to_vec()));
        self
    }

    fn link(mut self, id: &str, target: &str) -> Docx {
        self.rels
            .push((id.into(), format!("{REL}/hyperlink"), target.into(), true));
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut add = |name: &str, bytes: &[u8]| {
            zip.start_file(name, options).unwrap();
            zip.write_all(bytes).unwrap();
        };
        add(
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        );
        if self.package_rels {
            add(
                "_rels/.rels",
                format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#).as_bytes(),
            );
        }
        let rels: String = self
            .rels
            .iter()
            .map(|(id, kind, target, external)| {
                let mode = if *external {
                    r#" TargetMode="External""#
                } else {
                    ""
                };
                format!(r#"<Relationship Id="{id}" Type="{kind}" Target="{target}"{mode}/>"#)
            })
            .collect();
        add(
            "word/_rels/document.xml.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).as_bytes(),
        );
        for (name, bytes) in &self.parts {
            add(name, bytes);
        }
        zip.finish().unwrap().into_inner()
    }

    fn read(&self) -> Form {
        read_bytes(&self.bytes(), LIMITS).unwrap()
    }
}

const LIMITS: Limits = Limits {
    max_size: 10 * 1024 * 1024,
};

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn cell(inner: &str) -> String {
    format!("<w:tc>{inner}</w:tc>")
}

/// Each block as a short string: `p:text`; a list item `•0:text` or `1.:text`; a row
/// `|a|b` (a merged cell `^`, a title row `T|…`); a box `☒label`.
fn shapes(form: &Form) -> Vec<String> {
    form.blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Paragraph(p) => match &p.list {
                Some(l) if !l.numbered => format!("•{}:{}", l.level, p.text),
                Some(l) => format!("{}:{}", l.number.as_deref().unwrap_or("#"), p.text),
                None => format!("p:{}", p.text),
            },
            BlockKind::Row(row) => {
                let cells: String = row
                    .cells
                    .iter()
                    .map(|c| {
                        if c.merged {
                            "|^".to_string()
                        } else {
                            format!("|{}", c.line())
                        }
                    })
                    .collect();
                if row.title {
                    format!("T{cells}")
                } else {
                    cells
                }
            }
            BlockKind::CheckBox(c) => format!("{}{}", if c.checked { '☒' } else { '☐' }, c.label),
        })
        .collect()
}

fn body(snippet: &str) -> Vec<String> {
    shapes(&Docx::new(snippet).read())
}

fn codes(form: &Form) -> Vec<(Code, Option<Spot>)> {
    form.findings
        .iter()
        .map(|f| {
            let spot = match f.anchor {
                Anchor::Offset(at) => form.spots.get(at).copied(),
                _ => None,
            };
            (f.code, spot)
        })
        .collect()
}

#[test]
fn runs_breaks_tabs_and_characters_as_typed() {
    let cases: &[(&str, &str)] = &[
        // Runs split anywhere are joined with nothing between.
        (
            r#"<w:p><w:r><w:t>Hel</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">lo </w:t></w:r><w:bookmarkStart w:id="0" w:name="a"/><w:r><w:t>world</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>"#,
            "p:Hello world",
        ),
        (
            r#"<w:p><w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:tab/><w:t>three</w:t><w:cr/><w:t>four</w:t></w:r></w:p>"#,
            "p:one\ntwo\tthree\nfour",
        ),
        (
            r#"<w:p><w:r><w:t>a</w:t><w:br w:type="page"/><w:lastRenderedPageBreak/><w:br w:type="column"/><w:t>b</w:t></w:r></w:p>"#,
            "p:ab",
        ),
        (
            r#"<w:p><w:r><w:t>co</w:t><w:softHyphen/><w:t>op e</w:t><w:noBreakHyphen/><w:t>mail “quoted” – x y</w:t><w:sym w:font="Symbol" w:char="03B1"/></w:r></w:p>"#,
            "p:co\u{ad}op e\u{2011}mail “quoted” – x yα",
        ),
        (
            r#"<w:p><m:oMath><m:r><m:t>x=2</m:t></m:r></m:oMath></w:p>"#,
            "p:x=2",
        ),
    ];
    for (snippet, want) in cases {
        assert_eq!(body(snippet), [*want], "{snippet}");
    }
}

#[test]
fn names_are_read_by_namespace_uri_whatever_the_prefix() {
    let snippet = r#"<ns0:p xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:r><ns0:t>prefixed</ns0:t></ns0:r></ns0:p>"#;
    assert_eq!(body(snippet), ["p:prefixed"]);
    let strict = Docx::with_namespace(&p("strict"), W_STRICT).read();
    assert_eq!(shapes(&strict), ["p:strict"]);
    // A `p` in no namespace, or another one, is no paragraph; its text is kept aside.
    let form = Docx::new(r#"<x:p><x:t>elsewhere</x:t></x:p>"#).read();
    assert!(form.blocks.is_empty());
    assert!(form.skipped.is_empty(), "{:?}", form.skipped);
    let form = Docx::new(r#"<w:p><w:r><w:t>in</w:t></w:r></w:p><w:unknownThing><w:r><w:t>kept aside</w:t></w:r></w:unknownThing>"#).read();
    assert_eq!(shapes(&form), ["p:in"]);
    assert_eq!(form.skipped[0].text, "kept aside");
}

#[test]
fn tables_rows_merges_and_titles() {
    let grid = r#"<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"#;
    let table = format!(
        r#"<w:tbl>{grid}
        <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}</w:tc></w:tr>
        <w:tr>{}{}</w:tr>
        <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc>{}</w:tr>
        <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>{}</w:tr>
        <w:tr>{}</w:tr>
        </w:tbl>"#,
        p("Event 1"),
        cell(&p("Event Name:")),
        cell(&(p("Forum") + &p("second paragraph"))),
        p("Description"),
        cell(&p("First part.")),
        cell(&p("Second part.")),
        cell(&p("one cell of two")),
    );
    assert_eq!(
        body(&table),
        [
            "T|Event 1",
            "|Event Name:|Forum second paragraph",
            "|Description|First part.",
            "|^|Second part.",
            "|one cell of two",
        ]
    );
    // Places: the paragraph count skips tables; rows count within their table.
    let form = Docx::new(&(p("before") + &table + &p("after"))).read();
    let spots: Vec<Spot> = form
        .blocks
        .iter()
        .map(|b| form.spots[b.span.start])
        .collect();
    assert_eq!(spots[0], Spot::Paragraph(1));
    assert_eq!(spots[2], Spot::Row { table: 1, row: 2 });
    assert_eq!(spots[6], Spot::Paragraph(2));
}

#[test]
fn content_controls_are_unwrapped_at_every_level() {
    let run = |text: &str| format!(r#"<w:r><w:t>{text}</w:t></w:r>"#);
    let sdt = |inner: String| {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"#
        )
    };
    let snippet = format!(
        "{}<w:tbl>{}<w:tr>{}</w:tr></w:tbl><w:p>{}{}</w:p>",
        sdt(p("block")),
        sdt(format!(
            "<w:tr>{}{}</w:tr>",
            cell(&p("row")),
            cell(&p("level"))
        )),
        sdt(cell(&p("cell level"))),
        run("run "),
        sdt(run("level")),
    );
    assert_eq!(
        body(&snippet),
        ["p:block", "|row|level", "|cell level", "p:run level"]
    );
    // A repeating section: rows like any other.
    let repeating = format!(
        r#"<w:tbl><w:sdt><w:sdtPr><w15:repeatingSection/></w:sdtPr><w:sdtContent>{}{}</w:sdtContent></w:sdt></w:tbl>"#,
        sdt(format!(
            r#"<w:tr>{}{}</w:tr>"#,
            cell(&p("Name")),
            cell(&p("A"))
        ))
        .replace("<w:alias w:val=\"x\"/>", "<w15:repeatingSectionItem/>"),
        sdt(format!(
            r#"<w:tr>{}{}</w:tr>"#,
            cell(&p("Name")),
            cell(&p("B"))
        ))
        .replace("<w:alias w:val=\"x\"/>", "<w15:repeatingSectionItem/>"),
    );
    assert_eq!(body(&repeating), ["|Name|A", "|Name|B"]);
}

#[test]
fn a_placeholder_is_empty_and_reported_where_it_is() {
    let snippet = format!(
        r#"{}<w:tbl><w:tr>{}<w:tc><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr></w:tbl>"#,
        p("intro"),
        cell(&p("Event Name")),
    );
    let form = Docx::new(&snippet).read();
    assert_eq!(shapes(&form), ["p:intro", "|Event Name|"]);
    assert_eq!(
        codes(&form),
        [(Code::Placeholder, Some(Spot::Row { table: 1, row: 1 }))]
    );
    assert!(
        form.findings[0]
            .message
            .contains("`Click or tap here to enter text.`")
    );
    // `w:showingPlcHdr w:val="false"` is no placeholder.
    let form = Docx::new(r#"<w:p><w:sdt><w:sdtPr><w:showingPlcHdr w:val="false"/></w:sdtPr><w:sdtContent><w:r><w:t>typed</w:t></w:r></w:sdtContent></w:sdt></w:p>"#).read();
    assert_eq!(shapes(&form), ["p:typed"]);
    assert!(form.findings.is_empty());
}

#[test]
fn legacy_form_fields_read_their_result() {
    let field = |data: &str, code: &str, result: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin">{data}</w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        )
    };
    let cases: Vec<(String, &str)> = vec![
        (
            field(
                "<w:ffData><w:textInput/></w:ffData>",
                "FORMTEXT",
                "Apia, Samoa",
            ),
            "p:Apia, Samoa",
        ),
        (
            field(
                "<w:ffData><w:textInput/></w:ffData>",
                "FORMTEXT",
                "\u{2002}\u{2002}\u{2002}\u{2002}\u{2002}",
            ),
            "p:",
        ),
        (field("", "PAGE", "3"), "p:3"),
        (
            field("", r#"HYPERLINK "https://x.example""#, "the site"),
            "p:the site",
        ),
        (
            field(
                r#"<w:ffData><w:ddList><w:result w:val="1"/><w:listEntry w:val="No"/><w:listEntry w:val="Yes"/></w:ddList></w:ffData>"#,
                "FORMDROPDOWN",
                "",
            ),
            "p:Yes",
        ),
        // A field inside another's instruction shows nothing of its own.
        (
            format!(
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>{}<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>outer</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
                field("", "MERGEFIELD x", "inner")
            ),
            "p:outer",
        ),
        (
            r#"<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>"#.to_string(),
            "p:7",
        ),
    ];
    for (runs, want) in cases {
        assert_eq!(body(&format!("<w:p>{runs}</w:p>")), [want], "{runs}");
    }
    // The hyperlink field's target is kept for a website written as words.
    let form = Docx::new(&format!(
        "<w:p>{}</w:p>",
        field("", r#"HYPERLINK "https://x.example""#, "site")
    ))
    .read();
    let BlockKind::Paragraph(paragraph) = &form.blocks[0].kind else {
        panic!()
    };
    assert_eq!(paragraph.links, ["https://x.example"]);
}

#[test]
fn check_boxes_are_read_by_their_state() {
    let legacy = |data: &str| {
        format!(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>{data}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> Power of Data</w:t></w:r></w:p>"#
        )
    };
    let modern = |checked: &str, glyph: &str| {
        format!(
            r#"<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/><w14:checkedState w14:val="2612"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space="preserve"> FutureGov</w:t></w:r></w:p>"#
        )
    };
    let cases: Vec<(String, &str)> = vec![
        (legacy(r#"<w:default w:val="0"/><w:checked/>"#), "☒Power of Data"),
        (legacy(r#"<w:default w:val="1"/><w:checked w:val="0"/>"#), "☐Power of Data"),
        (legacy(r#"<w:default w:val="1"/>"#), "☒Power of Data"),
        (legacy(r#"<w:default w:val="0"/>"#), "☐Power of Data"),
        // The state decides, never the glyph shown.
        (modern("1", "☐"), "☒FutureGov"),
        (modern("0", "☒"), "☐FutureGov"),
        (p("☒ Typed box"), "☒Typed box"),
        (p("[ ] Typed brackets"), "☐Typed brackets"),
        (r#"<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:t xml:space="preserve"> Wingdings</w:t></w:r></w:p>"#.to_string(), "☒Wingdings"),
    ];
    for (snippet, want) in cases {
        assert_eq!(body(&snippet), [want], "{snippet}");
    }
    // Boxes in a table, the box in one cell and its name in the next.
    let row = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&p("☐")),
        cell(&p("Energy Compacts"))
    );
    assert_eq!(body(&row), ["☐Energy Compacts"]);
}

#[test]
fn hyperlinks_give_their_text_and_their_target() {
    let form = Docx::new(
        r#"<w:p><w:hyperlink r:id="rId5"><w:r><w:t>Forum website</w:t></w:r></w:hyperlink></w:p>"#,
    )
    .link("rId5", "https://forum.example.org/2024")
    .read();
    let BlockKind::Paragraph(paragraph) = &form.blocks[0].kind else {
        panic!()
    };
    assert_eq!(paragraph.text, "Forum website");
    assert_eq!(paragraph.links, ["https://forum.example.org/2024"]);
}

#[test]
fn tracked_changes_are_read_as_accepted_and_reported() {
    let snippet = format!(
        r#"<w:p><w:r><w:t xml:space="preserve">kept </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del><w:moveTo w:id="3"><w:r><w:t>moved</w:t></w:r></w:moveTo><w:moveFrom w:id="4"><w:r><w:t>gone</w:t></w:r></w:moveFrom></w:p>
        <w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">joined </w:t></w:r></w:p>{}
        <w:tbl><w:tr><w:trPr><w:del w:id="6" w:author="a"/></w:trPr>{}</w:tr><w:tr>{}</w:tr></w:tbl>"#,
        p("with the next"),
        cell(&p("deleted row")),
        cell(&p("row")),
    );
    let form = Docx::new(&snippet).read();
    assert_eq!(
        shapes(&form),
        ["p:kept inserted moved", "p:joined with the next", "|row"]
    );
    assert_eq!(
        codes(&form),
        [(Code::TrackedChanges, Some(Spot::Paragraph(1)))]
    );
    assert!(
        form.findings[0]
            .message
            .starts_with("has 6 tracked changes"),
        "{}",
        form.findings[0].message
    );
}

#[test]
fn comments_notes_headers_and_text_boxes_are_never_answers() {
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="0"><w:p><w:r><w:t>check this</w:t></w:r></w:p></w:comment><w:comment w:id="1"><w:p/></w:comment></w:comments>"#
    );
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/><w:t xml:space="preserve"> Source: the annual report.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let header = format!(
        r#"<w:hdr xmlns:w="{W}"><w:p><w:r><w:t xml:space="preserve">DESA questionnaire, page </w:t></w:r><w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:hdr>"#
    );
    let text_box = r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#;
    let snippet = format!(
        r#"{}<w:p><w:r><w:t>Answer</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>{text_box}</w:p>"#,
        p("first")
    );
    let form = Docx::new(&snippet)
        .part("comments", "comments.xml", &comments)
        .part("footnotes", "footnotes.xml", &footnotes)
        .part("header", "header1.xml", &header)
        .part("header", "header2.xml", &header)
        .read();
    assert_eq!(shapes(&form), ["p:first", "p:Answer"]);
    assert_eq!(codes(&form), [(Code::Comments, Some(Spot::Paragraph(2)))]);
    assert!(form.findings[0].message.starts_with("has 2 comments"));
    let skipped: Vec<(&str, &str, Option<Spot>)> = form
        .skipped
        .iter()
        .map(|s| {
            (
                s.what.as_str(),
                s.text.as_str(),
                s.span.as_ref().map(|r| form.spots[r.start]),
            )
        })
        .collect();
    assert_eq!(
        skipped,
        [
            ("a text box", "Boxed note", Some(Spot::Paragraph(2))),
            (
                "a footnote",
                "Source: the annual report.",
                Some(Spot::Paragraph(2))
            ),
            // Once, though two headers say it; the page number is no one's text.
            ("the header", "DESA questionnaire, page", None),
        ]
    );
}

#[test]
fn lists_from_numbering_and_styles() {
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    );
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let numbered = |id: &str, level: usize, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let snippet = [
        numbered("1", 0, "First question"),
        numbered("2", 0, "a bullet"),
        numbered("2", 1, "nested"),
        r#"<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>styled</w:t></w:r></w:p>"#
            .to_string(),
        numbered("1", 0, "Second question"),
    ]
    .concat();
    let form = Docx::new(&snippet)
        .part("numbering", "numbering.xml", &numbering)
        .part("styles", "styles.xml", &styles)
        .read();
    assert_eq!(
        shapes(&form),
        [
            "1.:First question",
            "•0:a bullet",
            "•1:nested",
            "•0:styled",
            "2.:Second question"
        ]
    );
}

/// A zip holding `document` as its main part, without relationships.
fn bare_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn failure_of(bytes: &[u8], limits: Limits) -> (Code, String) {
    let finding = read_bytes(bytes, limits).unwrap_err();
    (finding.code, finding.message)
}

#[test]
fn what_is_no_docx_is_a_one_line_reason() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(2048, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let no_document = bare_zip(&[("word/styles.xml", b"<a/>")]);
    let laughs = {
        let mut d = Docx::new("");
        d.parts[0].1 = br#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#.to_vec();
        d.bytes()
    };
    let no_body = {
        let mut d = Docx::new("");
        d.parts[0].1 = format!(r#"<w:document xmlns:w="{W}"/>"#).into_bytes();
        d.bytes()
    };
    let cases: Vec<(Vec<u8>, Code, &str)> = vec![
        (
            ole,
            Code::ParseError,
            "is a .doc (Word 97-2003), not a .docx",
        ),
        (encrypted, Code::ParseError, "is encrypted"),
        (
            b"Event Name: Forum".to_vec(),
            Code::ParseError,
            "is not a Word file (.docx): not a zip package",
        ),
        (
            b"{\\rtf1\\ansi hello}".to_vec(),
            Code::ParseError,
            "is an RTF file",
        ),
        (no_document, Code::ParseError, "has no `word/document.xml`"),
        (laughs, Code::ParseError, "DTD"),
        (no_body, Code::ParseError, "has no body"),
        // The parser quotes the new line it did not expect: the reason stays on one line.
        (
            bare_zip(&[("word/document.xml", b"<w/\n")]),
            Code::ParseError,
            "expected '>' not '\\n'",
        ),
    ];
    for (bytes, code, want) in cases {
        let (got, message) = failure_of(&bytes, LIMITS);
        assert_eq!(got, code, "{message}");
        assert!(message.contains(want), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}

#[test]
fn tables_nested_beyond_any_form_are_refused_without_recursing() {
    let depth = 100_000;
    let mut snippet = String::with_capacity(depth * 40);
    for _ in 0..depth {
        snippet.push_str("<w:tbl><w:tr><w:tc>");
    }
    snippet.push_str("<w:p/>");
    for _ in 0..depth {
        snippet.push_str("</w:tc></w:tr></w:tbl>");
    }
    // In a thread with a small stack: the walk must not recurse with the nesting.
    let bytes = Docx::new(&snippet).bytes();
    let (code, message) = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || failure_of(&bytes, LIMITS))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(code, Code::ParseError);
    assert!(
        message.contains("nests elements more than 100 deep"),
        "{message}"
    );
}

#[test]
fn text_over_the_cap_is_too_large_whatever_the_zip_declares() {
    // A zip bomb: little compressed, a lot once inflated.
    let big = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "a".repeat(300_000));
    let bytes = Docx::new(&big).bytes();
    assert!(bytes.len() < 10_000, "{} bytes compressed", bytes.len());
    let small = Limits { max_size: 100_000 };
    let (code, message) = failure_of(&bytes, small);
    assert_eq!(code, Code::TooLarge);
    assert!(message.contains("97 KiB"), "{message}");
    // A file far larger than any form is not opened at all.
    let (code, _) = failure_of(&bytes, Limits { max_size: 10 });
    assert_eq!(code, Code::TooLarge);
    // The same file within the limits reads.
    assert_eq!(read_bytes(&bytes, LIMITS).unwrap().blocks.len(), 1);
}

#[test]
fn the_main_part_is_found_through_the_package_relationships() {
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
        p("elsewhere")
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/custom/main.xml"/></Relationships>"#;
    let bytes = bare_zip(&[
        ("_rels/.rels", rels.as_bytes()),
        ("custom/main.xml", document.as_bytes()),
    ]);
    assert_eq!(
        shapes(&read_bytes(&bytes, LIMITS).unwrap()),
        ["p:elsewhere"]
    );
    // Without relationships, the usual name.
    let mut plain = Docx::new(&p("usual"));
    plain.package_rels = false;
    assert_eq!(shapes(&plain.read()), ["p:usual"]);
}
