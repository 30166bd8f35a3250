//! Word form benchmark: `cargo bench --bench docx`.
//!
//! Takes the largest of a few generated realistic responses, writes it as a filled Word form
//! (the way Word saves one: the document with its numbered questions, record tables and Q4's
//! check boxes, beside the styles, theme, settings and font table Word always writes) and as
//! legacy text (`export --to text`), checks that both import to the same
//! answers (Q4 aside, where the boxes decide), then times the import of each: in-process (the
//! library's `import_docx` against `import`, best and median of many runs) and through the
//! release binary (`qfill import`, process start included); then the same for a form grown to
//! 50 KB with the records of further responses.
//! Prints a Markdown table; the goal is the .docx within 2x of the text. Then `qfill compile` of
//! 50 filled forms of different entities (written by `qfill export --to docx` from generated
//! answers) into a workbook, against the same answers as TOML; the goal is under a second. `--keep DIR` keeps the
//! files, for `valgrind --tool=callgrind target/release/qfill import DIR/50-KB-form.docx`.

mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Format, best, generate, measure, ms};
use qfill::answers::{Answer, Answers, FieldValue, Scalar};
use qfill::document::{self, Format as DocFormat};
use qfill::docx::Limits;
use qfill::export::{Legacy, Render};
use qfill::input::DEFAULT_MAX_SIZE;
use qfill::questionnaire::{QuestionKind, Questionnaire};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn p(out: &mut String, text: &str) {
    // Word splits runs at spell-check marks and revisions: two runs a paragraph.
    let middle = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(text.len(), |(i, _)| i);
    let (a, b) = text.split_at(middle);
    let _ = write!(
        out,
        r#"<w:p w:rsidR="00B1"><w:pPr><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(a),
        escape(b)
    );
}

fn numbered(out: &mut String, num: usize, level: usize, text: &str) {
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    );
}

/// A text answer: paragraphs, and `- ` lines as bullets.
fn text(out: &mut String, text: &str) {
    for block in text.split("\n\n") {
        for line in block.lines() {
            let indent = line.len() - line.trim_start().len();
            match line.trim_start().strip_prefix("- ") {
                Some(item) => numbered(out, 2, indent / 2, item),
                None => p(out, line),
            }
        }
    }
}

fn cell(inner: &str) -> String {
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>{inner}</w:tc>"#)
}

/// The answers as the form's main part.
fn document(answers: &Answers, q: &Questionnaire) -> String {
    let mut body = String::new();
    p(&mut body, &q.title);
    if let Some(Scalar::Text(entity)) = &answers.entity {
        p(&mut body, entity);
    }
    for question in &q.questions {
        numbered(&mut body, 1, 0, &question.text);
        match (answers.answer(&question.id), &question.kind) {
            (Some(Answer::Text(t)), _) => text(&mut body, t),
            (Some(Answer::Records(records)), QuestionKind::Records(def)) => {
                for (i, record) in records.iter().enumerate() {
                    body.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid>"#);
                    let mut title = String::new();
                    p(&mut title, &format!("{} {}", def.record_label, i + 1));
                    let _ = write!(
                        body,
                        r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{title}</w:tc></w:tr>"#
                    );
                    for field in &def.fields {
                        let Some((_, value)) = record.fields.iter().find(|(k, _)| *k == field.id)
                        else {
                            continue;
                        };
                        let mut label = String::new();
                        p(&mut label, &field.label);
                        let mut value_xml = String::new();
                        match value {
                            FieldValue::Text(t) if field.kind.is_text() => text(&mut value_xml, t),
                            other => p(&mut value_xml, &other.to_plain()),
                        }
                        let _ = write!(body, "<w:tr>{}{}</w:tr>", cell(&label), cell(&value_xml));
                    }
                    body.push_str("</w:tbl>");
                    p(&mut body, "");
                }
            }
            (
                Some(Answer::Choices {
                    selected, text: t, ..
                }),
                QuestionKind::ChoicesText(def),
            ) => {
                if let Some(t) = t {
                    text(&mut body, t);
                }
                for choice in &def.choices {
                    let ticked = selected.iter().flatten().any(|s| s == choice);
                    let (val, glyph) = if ticked { ("1", "☒") } else { ("0", "☐") };
                    let _ = write!(
                        body,
                        r#"<w:p><w:sdt><w:sdtPr><w:id w:val="1"/><w14:checkbox><w14:checked w14:val="{val}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p>"#,
                        escape(choice)
                    );
                }
            }
            _ => {}
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{REL}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// The styles part as Word writes it: document defaults, a few hundred latent styles, and the
/// styles in use (about 30 KB).
fn styles() -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376">"#
    );
    for i in 0..376 {
        let _ = write!(
            out,
            r#"<w:lsdException w:name="Latent style {i}" w:semiHidden="1" w:uiPriority="{}" w:unhideWhenUsed="1"/>"#,
            i % 70
        );
    }
    out.push_str("</w:latentStyles>");
    for (id, name) in [
        ("Normal", "Normal"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("ListParagraph", "List Paragraph"),
        ("TableGrid", "Table Grid"),
        ("Hyperlink", "Hyperlink"),
        ("PlaceholderText", "Placeholder Text"),
    ] {
        let _ = write!(
            out,
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/></w:rPr></w:style>"#
        );
    }
    out.push_str("</w:styles>");
    out
}

fn numbering() -> String {
    let levels = |format: &str, text: &str| -> String {
        (0..9)
            .map(|i| {
                format!(
                    r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#,
                    text.replace("N", &(i + 1).to_string()),
                    720 * (i + 1)
                )
            })
            .collect()
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:abstractNum w:abstractNumId="1">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        levels("decimal", "%N."),
        levels("bullet", "•")
    )
}

/// Filler as Word writes it in the parts qfill never reads: the theme, settings, fonts.
fn filler(kind: &str, bytes: usize) -> String {
    let mut out = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{kind}>"#);
    let mut i = 0;
    while out.len() < bytes {
        let _ = write!(
            out,
            r#"<entry id="{i}" name="{kind} entry {i}" value="{:x}"/>"#,
            (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        );
        i += 1;
    }
    let _ = write!(out, "</{kind}>");
    out
}

/// The whole package.
fn docx(answers: &Answers, q: &Questionnaire) -> Vec<u8> {
    let rels = |inner: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{inner}</Relationships>"#
        )
    };
    let files: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.into()),
        ("_rels/.rels", rels(&format!(r#"<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>"#))),
        ("word/document.xml", document(answers, q)),
        ("word/_rels/document.xml.rels", rels(&format!(r#"<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="{REL}/theme" Target="theme/theme1.xml"/><Relationship Id="rId4" Type="{REL}/settings" Target="settings.xml"/><Relationship Id="rId5" Type="{REL}/fontTable" Target="fontTable.xml"/>"#))),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering()),
        ("word/theme/theme1.xml", filler("a:theme", 12_000)),
        ("word/settings.xml", filler("w:settings", 4_000)),
        ("word/fontTable.xml", filler("w:fonts", 2_000)),
        ("docProps/app.xml", filler("Properties", 1_000)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The answers TOML without Q4 (where the boxes decide), to check both reads agree.
fn without_q4(answers: &Answers) -> String {
    let toml = answers.to_text(DocFormat::Toml);
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

/// Milliseconds to the microsecond: an import in-process takes well under one.
fn fine(time: Duration) -> String {
    format!("{:.3} ms", time.as_secs_f64() * 1000.0)
}

/// The best and the median of `runs` timed calls.
fn time_in_process(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[runs / 2])
}

/// `qfill compile` of 50 filled Word forms, each a different entity of the directory, against
/// the same 50 responses as TOML: one table row, best of `runs`.
fn compile_fifty(bin: &str, q: &Questionnaire, keep: Option<&std::path::Path>) {
    const FORMS: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("toml");
    let forms = dir.path().join("docx");
    std::fs::create_dir_all(&forms).unwrap();
    generate(&answers, FORMS, Format::Toml, q);
    let entities = qfill::refdata::entities::directory();
    let mut bytes = 0;
    for (i, entity) in entities.iter().take(FORMS).enumerate() {
        // The generator names entities `Entity number N (EN)`: each form gets a real one, so
        // that compile matches 50 different entities, as DESA's fifty files are.
        let path = answers.join(format!("{i:05}.toml"));
        let name = match entity.acronym {
            Some(acronym) => format!("{} ({acronym})", entity.name),
            None => entity.name.to_string(),
        };
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace(&format!("Entity number {i} (E{i})"), &name);
        std::fs::write(&path, text).unwrap();
        let form = forms.join(format!("{i:05}.docx"));
        let (_, _, code) = measure(
            Command::new(bin)
                .arg("export")
                .arg(&path)
                .args(["--to", "docx", "-o"])
                .arg(&form),
        );
        assert!(code == 0 || code == 1, "qfill export exited with {code}");
        bytes += std::fs::metadata(&form).unwrap().len();
    }
    if let Some(keep) = keep {
        let to = keep.join("fifty-forms");
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(&forms).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    let book = dir.path().join("book.xlsx");
    let compile = |from: &std::path::Path| {
        let times: Vec<Duration> = (0..10)
            .map(|_| {
                let (time, _, code) = measure(
                    Command::new(bin)
                        .arg("compile")
                        .arg(from)
                        .arg("-o")
                        .arg(&book)
                        .arg("--force"),
                );
                assert!(code == 0 || code == 1, "qfill compile exited with {code}");
                time
            })
            .collect();
        best(times)
    };
    let (from_docx, from_toml) = (compile(&forms), compile(&answers));
    println!();
    println!(
        "| `qfill compile` to a workbook | forms | `compile` .docx | `compile` TOML | ratio |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    println!(
        "| {FORMS} forms, different entities | {:.0} KB | {} | {} | {:.2} |",
        bytes as f64 / 1000.0,
        ms(from_docx),
        ms(from_toml),
        from_docx.as_secs_f64() / from_toml.as_secs_f64(),
    );
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_qfill");
    // `--keep DIR` leaves the forms and their text twins there (`one-response.docx`, ...), for
    // counting instructions with valgrind, which wall times on a busy machine are not.
    let args: Vec<String> = std::env::args().collect();
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let q = Questionnaire::default_builtin();
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 40, Format::Toml, &q);
    // The largest valid response: the most answers to read.
    let mut responses: Vec<Answers> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|text| {
            let doc = document::parse(&text, DocFormat::Toml).unwrap();
            qfill::check::check(&doc, &q).answers
        })
        .collect();
    responses.sort_by_key(|a| a.to_text(DocFormat::Toml).len());
    let largest = responses.pop().unwrap();
    // A form of 50 KB: the largest response's, with the records of the next ones added until
    // the .docx weighs that much.
    let mut grown = largest.clone();
    while docx(&grown, &q).len() < 50_000 {
        let Some(next) = responses.pop() else { break };
        for ((_, mine), (_, theirs)) in grown.answers.iter_mut().zip(next.answers) {
            if let (Answer::Records(mine), Answer::Records(theirs)) = (mine, theirs) {
                mine.extend(theirs);
            }
        }
    }
    let limits = Limits {
        max_size: DEFAULT_MAX_SIZE,
    };
    println!(
        "| form | .docx | its text parts | legacy text | in-process .docx (best / median) | in-process text | ratio (best) | `qfill import` .docx | `qfill import` text | ratio |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, answers) in [("one response", &largest), ("50 KB form", &grown)] {
        let bytes = docx(answers, &q);
        let text = Legacy.render(answers, &q);
        let from_docx = qfill::import::import_docx(&bytes, &q, limits).unwrap();
        let from_text = qfill::import::import(&text, &q);
        assert_eq!(
            without_q4(&from_docx.answers),
            without_q4(&from_text.answers),
            "the form and its text twin read the same"
        );
        let parts = document(answers, &q).len() + styles().len() + numbering().len();
        let runs = 200;
        let (docx_best, docx_median) = time_in_process(runs, || {
            std::hint::black_box(qfill::import::import_docx(&bytes, &q, limits).unwrap());
        });
        let (text_best, text_median) = time_in_process(runs, || {
            std::hint::black_box(qfill::import::import(&text, &q));
        });
        let files = tempfile::tempdir().unwrap();
        let docx_path = files.path().join("form.docx");
        let text_path = files.path().join("form.txt");
        std::fs::write(&docx_path, &bytes).unwrap();
        std::fs::write(&text_path, &text).unwrap();
        if let Some(keep) = &keep {
            std::fs::create_dir_all(keep).unwrap();
            let stem = name.replace(' ', "-");
            std::fs::write(keep.join(format!("{stem}.docx")), &bytes).unwrap();
            std::fs::write(keep.join(format!("{stem}.txt")), &text).unwrap();
        }
        let binary = |path: &std::path::Path| {
            let times: Vec<Duration> = (0..30)
                .map(|_| {
                    let (time, _, code) = measure(Command::new(bin).arg("import").arg(path));
                    assert!(code == 0 || code == 1, "qfill exited with {code}");
                    time
                })
                .collect();
            best(times)
        };
        let (docx_bin, text_bin) = (binary(&docx_path), binary(&text_path));
        let kb = |n: usize| format!("{:.1} KB", n as f64 / 1000.0);
        println!(
            "| {name} | {} | {} | {} | {} / {} | {} / {} | {:.2} | {} | {} | {:.2} |",
            kb(bytes.len()),
            kb(parts),
            kb(text.len()),
            fine(docx_best),
            fine(docx_median),
            fine(text_best),
            fine(text_median),
            docx_best.as_secs_f64() / text_best.as_secs_f64(),
            ms(docx_bin),
            ms(text_bin),
            docx_bin.as_secs_f64() / text_bin.as_secs_f64(),
        );
    }
    compile_fifty(bin, &q, keep.as_deref());
}
