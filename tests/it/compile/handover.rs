//! The workbook ready to hand over, read back from the file `qfill compile` writes for the year's
//! intake: the page set-up of every sheet (landscape A4, one page wide, the header row repeated,
//! a footer with the sheet and the page), wrapped text with capped rows, tables named as their
//! sheets, the `about` sheet first, the codebook's sentences and questions, languages by name,
//! question numbers as numbers, and the entity keys of a matrix named in full in notes. The XML
//! is read from the package (zip); the values with calamine.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::{Scratch, qfill, repo};

/// Compiles the intake to `book.xlsx` in `dir` with `extra` flags.
fn intake_workbook(dir: &Path, extra: &[&str]) -> std::path::PathBuf {
    let book = dir.join("book.xlsx");
    let output = qfill()
        .arg("compile")
        .arg(repo("tests/data/intake-2024"))
        .arg(repo("tests/data/intake-2024/iom.txt"))
        .arg("--roster")
        .arg(repo("tests/data/intake-2024-roster.csv"))
        .arg("-o")
        .arg(&book)
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    book
}

/// Every part of the package, by name.
fn parts(book: &Path) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(fs::File::open(book).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        if part.read_to_string(&mut text).is_ok() {
            out.insert(name, text);
        }
    }
    out
}

/// The value of attribute `name` in the first `tag` element of `xml`.
fn attr<'a>(xml: &'a str, tag: &str, name: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{tag} "))?;
    let element = &xml[start..start + xml[start..].find('>')?];
    let at = element.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&element[at..at + element[at..].find('"')?])
}

fn rows_of(book: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(book).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A date cell as an ISO day: Excel counts days from 1899-12-30.
fn day(d: &Data) -> Option<String> {
    let Data::DateTime(serial) = d else {
        return None;
    };
    let days = serial.as_f64().floor() as i64;
    let epoch = jiff::civil::date(1899, 12, 30);
    Some(
        epoch
            .checked_add(jiff::Span::new().days(days))
            .ok()?
            .to_string(),
    )
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

#[test]
fn every_sheet_prints_landscape_a4_one_page_wide_with_its_header_and_a_footer() {
    let dir = Scratch::new();
    let book = intake_workbook(dir.path(), &[]);
    let parts = parts(&book);
    let workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(names[0], "about", "the about sheet opens the workbook");
    let defined = &parts["xl/workbook.xml"];
    for (i, name) in names.iter().enumerate() {
        let xml = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
        assert_eq!(attr(xml, "pageSetup", "paperSize"), Some("9"), "{name}: A4");
        assert_eq!(
            attr(xml, "pageSetup", "orientation"),
            Some("landscape"),
            "{name}"
        );
        assert_eq!(attr(xml, "pageSetup", "fitToHeight"), Some("0"), "{name}");
        assert!(
            xml.contains("fitToPage=\"1\""),
            "{name}: fitted to the page"
        );
        assert!(
            xml.contains("<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>"),
            "{name}: the footer names the sheet and the page"
        );
        assert!(
            defined.contains(&format!("'{name}'!$1:$1"))
                || defined.contains(&format!("{name}!$1:$1")),
            "{name}: the header row repeats on every printed page"
        );
        assert!(xml.contains("<pane "), "{name}: a frozen header");
    }
}

#[test]
fn tables_are_named_as_their_sheets_and_long_text_wraps_in_capped_rows() {
    let dir = Scratch::new();
    let book = intake_workbook(dir.path(), &[]);
    let parts = parts(&book);
    let tables: Vec<(&str, &str)> = parts
        .iter()
        .filter(|(k, _)| k.starts_with("xl/tables/"))
        .map(|(_, xml)| {
            (
                attr(xml, "table", "name").unwrap(),
                attr(xml, "table", "displayName").unwrap(),
            )
        })
        .collect();
    for sheet in ["about", "responses", "texts", "events", "codebook"] {
        assert!(
            tables.iter().any(|(n, d)| *n == sheet && *d == sheet),
            "a table named `{sheet}` in {tables:?}"
        );
    }
    assert!(
        !tables.iter().any(|(n, _)| n.starts_with("Table")),
        "{tables:?}"
    );
    assert!(parts["xl/styles.xml"].contains("wrapText=\"1\""));
    // The texts sheet: Q1 answers run to hundreds of words; each row is drawn at most six lines.
    let workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let at = workbook
        .sheet_names()
        .iter()
        .position(|n| n == "texts")
        .unwrap();
    let xml = &parts[&format!("xl/worksheets/sheet{}.xml", at + 1)];
    let heights: Vec<f64> = xml
        .split("<row ")
        .skip(1)
        .filter_map(|r| attr(&format!("<row {r}"), "row", "ht").map(|h| h.parse().unwrap()))
        .collect();
    assert!(!heights.is_empty(), "long answers get taller rows");
    assert!(heights.iter().all(|h| *h <= 90.0), "{heights:?}");
    assert!(heights.contains(&90.0), "the longest are capped");
    let texts = rows_of(&book, "texts");
    let number = texts[0].iter().position(|h| text(h) == "number").unwrap();
    assert!(
        texts[1..]
            .iter()
            .all(|r| matches!(r[number], Data::Float(_))),
        "question numbers are numbers"
    );
}

#[test]
fn the_about_sheet_says_editions_window_as_of_counts_and_what_a_row_of_each_sheet_is() {
    let dir = Scratch::new();
    let book = intake_workbook(dir.path(), &["--as-of", "2024-12-07"]);
    let about = rows_of(&book, "about");
    assert_eq!(
        about[0].iter().map(text).collect::<Vec<_>>(),
        ["item", "value", "note"]
    );
    let value = |item: &str| -> Vec<String> {
        about
            .iter()
            .filter(|r| text(&r[0]) == item)
            .map(|r| text(&r[1]))
            .collect()
    };
    assert_eq!(
        value("edition"),
        ["HLPF 2024 (hlpf-2024)", "HLPF 2025 (hlpf-2025)"]
    );
    assert_eq!(value("reporting window")[0], "2022-11-01 – 2024-12-31");
    let as_of = about.iter().find(|r| text(&r[0]) == "as of").unwrap();
    assert_eq!(day(&as_of[1]).as_deref(), Some("2024-12-07"));
    let responses = rows_of(&book, "responses");
    assert_eq!(value("files"), [(responses.len() - 1).to_string()]);
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    for name in workbook.sheet_names().iter().skip(1) {
        let rows = workbook.worksheet_range(name).unwrap().height() - 1;
        let line = about
            .iter()
            .find(|r| text(&r[0]) == format!("sheet `{name}`"))
            .unwrap_or_else(|| panic!("no line for `{name}`"));
        assert_eq!(text(&line[1]), rows.to_string(), "{name}");
        assert!(text(&line[2]).starts_with("rows; a row is "), "{name}");
    }
    // Without `--as-of` or `SOURCE_DATE_EPOCH`: the latest submission.
    let later = dir.path().join("latest");
    fs::create_dir(&later).unwrap();
    let book = intake_workbook(&later, &[]);
    let latest = responses
        .iter()
        .skip(1)
        .filter_map(|r| r.iter().find_map(day))
        .max()
        .unwrap();
    let about = rows_of(&book, "about");
    let as_of = about.iter().find(|r| text(&r[0]) == "as of").unwrap();
    assert_eq!(day(&as_of[1]), Some(latest));
    assert_eq!(text(&as_of[2]), "the latest submission date");
}

#[test]
fn the_codebook_has_a_sentence_per_column_and_the_question_languages_are_named() {
    let dir = Scratch::new();
    let book = intake_workbook(dir.path(), &[]);
    let codebook = rows_of(&book, "codebook");
    let head: Vec<String> = codebook[0].iter().map(text).collect();
    let at = |id: &str| head.iter().position(|h| h == id).unwrap();
    for row in &codebook[1..] {
        let sentence = text(&row[at("description")]);
        assert!(
            sentence.ends_with('.') && sentence.len() > 10,
            "{}.{}: {sentence:?}",
            text(&row[at("sheet")]),
            text(&row[at("column")])
        );
        if !text(&row[at("question")]).is_empty() {
            assert!(
                !text(&row[at("question_number")]).is_empty(),
                "{:?}",
                row.iter().map(text).collect::<Vec<_>>()
            );
            assert!(text(&row[at("question_text")]).len() > 20);
        }
    }
    // Languages keep their codes; the column after holds their names, and the codebook says so.
    let resources = rows_of(&book, "resources");
    let head: Vec<String> = resources[0].iter().map(text).collect();
    let codes = head.iter().position(|h| h == "languages").unwrap();
    assert_eq!(head[codes + 1], "language_names");
    let mut named = 0;
    for row in &resources[1..] {
        let (c, n) = (text(&row[codes]), text(&row[codes + 1]));
        if c.split("; ").any(|c| c == "en") {
            assert!(n.contains("English"), "{c} → {n}");
            named += 1;
        }
        assert_eq!(c.split("; ").count(), n.split("; ").count(), "{c} → {n}");
    }
    assert!(named > 0);
    assert!(codebook.iter().any(|r| text(&r[1]) == "language_names"));
    // The country matrix is headed by entity keys; each names its entity in full in a note.
    let parts = parts(&book);
    let notes: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("xl/comments"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(
        notes.contains("Food and Agriculture Organization"),
        "FAO's full name in a header note"
    );
}
