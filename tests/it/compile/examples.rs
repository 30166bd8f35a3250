//! The workbook and CSV files of the examples hold what the answers files say, quoted for Excel
//! where asked, the same bytes on every run.

use std::fs;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::{SHEETS, csv_table, examples, records, run, toml_file, workbook};
use crate::common::{Scratch, qfill, repo};

#[test]
fn the_workbook_of_the_examples_holds_what_the_answers_files_say() {
    let dir = Scratch::new();
    examples(dir.path());
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "all.xlsx"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("3 files: 3 valid, 0 invalid") && stderr.contains("wrote all.xlsx"),
        "{stderr}"
    );
    let (names, sheets) = workbook(&dir.path().join("all.xlsx"));
    assert_eq!(names[0], "about", "the workbook opens with what it holds");
    assert_eq!(names[1..], *SHEETS);

    // One row per file, in input order (folders are walked sorted).
    let responses = &sheets["responses"];
    let files: Vec<&str> = (0..3).map(|i| responses.get(i, "file")).collect();
    assert_eq!(
        files,
        [
            "subs/response.json",
            "subs/response.toml",
            "subs/warnings.toml"
        ]
    );
    assert_eq!(responses.get(1, "valid"), "true");
    assert_eq!(responses.get(2, "warnings"), "11");
    assert_eq!(responses.get(2, "not_answered"), "recommendations");
    assert_eq!(responses.get(1, "governing_body_limit"), "800");

    // Record counts against the answers files: `response.toml` holds the same answers as
    // `response.json`, so it counts once, there.
    assert_eq!(responses.get(0, "counted"), "true");
    assert_eq!(responses.get(1, "counted"), "false");
    assert_eq!(responses.get(1, "duplicate_of"), "subs/response.json");
    assert_eq!(responses.get(1, "entity_key"), "GWRI");
    let gwri = toml_file(&dir.path().join("subs/response.toml"));
    let icra = toml_file(&dir.path().join("subs/warnings.toml"));
    for question in ["events", "resources", "initiatives"] {
        let want = records(&gwri, question) + records(&icra, question);
        assert_eq!(sheets[question].rows.len(), want, "{question}");
        assert_eq!(
            responses.get(1, &format!("{question}_records")),
            records(&gwri, question).to_string()
        );
    }

    // A date cell is a real date; one without a year would stay text.
    let events = &sheets["events"];
    let first = events.rows_where("file", "subs/response.json")[0];
    assert_eq!(first[events.at("dates_start")], "2023-05-10");
    assert_eq!(first[events.at("dates_end")], "2023-05-12");
    assert_eq!(first[events.at("location")], "Nairobi, Kenya");
    assert_eq!(first[events.at("sdgs")], "2, 6, 13, 17");
    let mut book: Xlsx<_> = open_workbook(dir.path().join("all.xlsx")).unwrap();
    let range = book.worksheet_range("events").unwrap();
    assert!(
        matches!(
            range.get((1, events.at("dates_start"))),
            Some(Data::DateTime(_))
        ),
        "{:?}",
        range.get((1, events.at("dates_start")))
    );

    // An SDG matrix cell: GWRI names SDG 6 in two events, three resources and two initiatives.
    let matrix = &sheets["sdg_matrix"];
    let row = matrix.rows_where("entity_key", "GWRI")[0];
    assert_eq!(row[matrix.at("files")], "subs/response.json");
    assert_eq!(row[matrix.at("sdg_6")], "7");
    assert_eq!(row[matrix.at("sdg_4")], "");
    // The total counts entities: GWRI's two files are one, and ICRA names no SDG 6.
    let total = matrix.rows_where("entity", "total (entities naming the goal)")[0];
    assert_eq!(total[matrix.at("sdg_6")], "1");

    // "all" Member States: its own row; SDGs long form.
    let states = &sheets["member_states"];
    assert_eq!(states.rows_where("country", "All Member States").len(), 1);
    assert_eq!(states.rows_where("country", "Kenya").len(), 1);
    let country = &sheets["country_matrix"];
    let kenya = country.rows_where("country", "Kenya")[0];
    assert_eq!(kenya[country.at("GWRI")], "1");
    assert_eq!(kenya[country.at("entities")], "1");
    let sdgs = &sheets["sdgs"];
    let gwri_goals: usize = [("events", 0), ("resources", 0), ("initiatives", 0)]
        .iter()
        .map(|(q, _)| {
            gwri["answers"][*q]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["sdgs"].as_array().unwrap().len())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(
        sdgs.rows_where("file", "subs/response.json").len(),
        gwri_goals
    );
    assert!(sdgs.rows_where("file", "subs/response.toml").is_empty());

    // High-Impact Initiatives as a matrix; texts; findings; codebook.
    let hi = &sheets["high_impact"];
    let row = hi.rows_where("file", "subs/warnings.toml")[0];
    assert_eq!(row[hi.at("Food Systems Transformation")], "true");
    assert_eq!(row[hi.at("other")], "Early Warning for All");
    let texts = &sheets["texts"];
    assert_eq!(texts.rows_where("question", "recommendations").len(), 1);
    let findings = &sheets["findings"];
    assert_eq!(findings.rows_where("file", "subs/warnings.toml").len(), 11);
    assert!(findings.rows_where("code", "choice-unknown").len() == 1);
    let codebook = &sheets["codebook"];
    assert!(
        codebook
            .rows
            .iter()
            .any(|r| r[0] == "events" && r[1] == "dates_start" && r[5] == "date")
    );

    // Websites are links: the sheet's XML has hyperlinks.
    let xml = sheet_xml(&dir.path().join("all.xlsx"), "events");
    assert!(xml.contains("<hyperlink "), "no hyperlinks in events");
    assert!(xml.contains("<tableParts"), "events is not an Excel table");
    assert!(xml.contains("<pane "), "no frozen header");
}

/// The XML of a worksheet, found by its position in the workbook.
fn sheet_xml(path: &Path, name: &str) -> String {
    // The `about` sheet comes first.
    let position = SHEETS.iter().position(|s| *s == name).unwrap() + 2;
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{position}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn csv_files_hold_the_same_tables() {
    let dir = Scratch::new();
    examples(dir.path());
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "csv/"]);
    assert_eq!(code, Some(0), "{stderr}");
    for sheet in SHEETS {
        assert!(
            dir.path().join(format!("csv/{sheet}.csv")).exists(),
            "{sheet}"
        );
    }
    let (_, sheets) = {
        run(dir.path(), &["subs", "-o", "all.xlsx"]);
        workbook(&dir.path().join("all.xlsx"))
    };
    for sheet in SHEETS {
        let csv = csv_table(&dir.path().join(format!("csv/{sheet}.csv")));
        let book = sheets[*sheet].without_workbook_extras(sheet);
        assert_eq!(csv.header, book.header, "{sheet}");
        assert_eq!(csv.rows, book.rows, "{sheet}");
    }
    let bytes = fs::read(dir.path().join("csv/events.csv")).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    // The folder exists now: it is CSV without a trailing slash, and nothing is replaced.
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "csv"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("responses.csv") && stderr.contains("--force"),
        "{stderr}"
    );
    fs::write(dir.path().join("csv/mine.txt"), "keep me").unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &["subs", "-o", "csv", "--force", "--excel", "--labels"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("csv/mine.txt")).unwrap(),
        "keep me"
    );
    let bytes = fs::read(dir.path().join("csv/events.csv")).unwrap();
    assert!(bytes.starts_with(
        b"\xEF\xBB\xBFEntity,Entity key,Edition,File,Read from,Answered in,Record,Record id,Event Name,"
    ));
}

#[test]
fn excel_csv_quotes_cells_that_would_run_as_formulas() {
    let dir = Scratch::new();
    let text = fs::read_to_string(repo("examples/response.toml"))
        .unwrap()
        .replace(
            "entity = \"Global Water Resilience Institute (GWRI)\"",
            "entity = \"=HYPERLINK(\\\"http://evil.example\\\")\"",
        );
    fs::write(dir.path().join("a.toml"), text).unwrap();
    let (code, _, stderr) = run(dir.path(), &["a.toml", "-o", "out/", "--excel"]);
    assert_eq!(code, Some(0), "{stderr}");
    let table = csv_table(&dir.path().join("out/responses.csv"));
    assert_eq!(
        table.get(0, "entity"),
        "'=HYPERLINK(\"http://evil.example\")"
    );
    let (code, _, _) = run(dir.path(), &["a.toml", "-o", "plain/"]);
    assert_eq!(code, Some(0));
    let table = csv_table(&dir.path().join("plain/responses.csv"));
    assert_eq!(
        table.get(0, "entity"),
        "=HYPERLINK(\"http://evil.example\")"
    );
}

#[test]
fn two_runs_give_the_same_bytes_and_the_date_comes_from_source_date_epoch() {
    let dir = Scratch::new();
    examples(dir.path());
    let build = |out: &str, epoch: Option<&str>| {
        let mut cmd = qfill();
        cmd.current_dir(dir.path())
            .args(["compile", "subs", "-o", out, "--roster"])
            .arg(repo("tests/data/roster.csv"));
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        assert!(cmd.output().unwrap().status.code() == Some(0));
        fs::read(dir.path().join(out)).unwrap()
    };
    let one = build("one.xlsx", None);
    let two = build("two.xlsx", None);
    assert!(one == two, "two runs differ");
    let dated = build("dated.xlsx", Some("1700000000"));
    let again = build("again.xlsx", Some("1700000000"));
    assert!(dated == again, "two runs with SOURCE_DATE_EPOCH differ");
    assert!(dated != one, "SOURCE_DATE_EPOCH is not the document's date");
    let json_one = build("one.json", None);
    let json_two = build("two.json", None);
    assert_eq!(json_one, json_two);
}
