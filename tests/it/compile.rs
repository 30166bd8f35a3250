//! `qfill compile` through the binary: the workbook read back with calamine, the CSV files with
//! the csv crate, compared with the answers files; determinism; a roster; spreadsheet limits;
//! mixed inputs; the hostile corpus; and every failure path's exit code and message.

mod libreoffice;

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::{Scratch, on_threads, qfill, repo};
use crate::hostile::{self, assert_calm, cases, corpus_dir};
use calamine::{Data, Reader, Xlsx, open_workbook};

/// A sheet as text: the header, then rows; cells by column id.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn at(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column `{column}` in {:?}", self.header))
    }

    fn get(&self, row: usize, column: &str) -> &str {
        &self.rows[row][self.at(column)]
    }

    /// Rows whose `column` is `value`.
    fn rows_where(&self, column: &str, value: &str) -> Vec<&Vec<String>> {
        let at = self.at(column);
        self.rows.iter().filter(|r| r[at] == value).collect()
    }
}

fn data_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => other.to_string(),
    }
}

fn workbook(path: &Path) -> (Vec<String>, HashMap<String, Table>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    let mut sheets = HashMap::new();
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        let mut rows = range
            .rows()
            .map(|r| r.iter().map(data_text).collect::<Vec<_>>());
        let header = rows.next().unwrap_or_default();
        sheets.insert(
            name.clone(),
            Table {
                header,
                rows: rows.collect(),
            },
        );
    }
    (names, sheets)
}

fn csv_table(path: &Path) -> Table {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    Table { header, rows }
}

/// The examples copied into a folder, so that file names in the tables are short and stable.
fn examples(dir: &Path) -> PathBuf {
    let folder = dir.join("subs");
    fs::create_dir_all(&folder).unwrap();
    for name in ["response.toml", "response.json", "warnings.toml"] {
        fs::copy(repo(&format!("examples/{name}")), folder.join(name)).unwrap();
    }
    folder
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = qfill()
        .current_dir(dir)
        .arg("compile")
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        stderr,
    )
}

fn toml_file(path: &Path) -> toml::Table {
    fs::read_to_string(path).unwrap().parse().unwrap()
}

fn records(answers: &toml::Table, question: &str) -> usize {
    answers["answers"]
        .get(question)
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len)
}

const SHEETS: &[&str] = &[
    "responses",
    "texts",
    "events",
    "resources",
    "initiatives",
    "sdgs",
    "sdg_matrix",
    "member_states",
    "country_matrix",
    "high_impact",
    "findings",
    "codebook",
];

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
    assert_eq!(names, SHEETS);

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
    let position = SHEETS.iter().position(|s| *s == name).unwrap() + 1;
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
        assert_eq!(csv.header, sheets[*sheet].header, "{sheet}");
        assert_eq!(csv.rows, sheets[*sheet].rows, "{sheet}");
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

#[test]
fn the_roster_lists_who_responded_twice_and_who_did_not() {
    let dir = Scratch::new();
    examples(dir.path());
    let roster = repo("tests/data/roster.csv");
    let (code, _, stderr) = run(
        dir.path(),
        &["subs", "-o", "r.xlsx", "--roster", roster.to_str().unwrap()],
    );
    // Roster gaps do not change the exit code.
    assert_eq!(code, Some(0), "{stderr}");
    let (names, sheets) = workbook(&dir.path().join("r.xlsx"));
    assert_eq!(names.last().map(String::as_str), Some("roster"));
    let roster = &sheets["roster"];
    let status = |name: &str| roster.rows_where("name", name)[0][roster.at("status")].clone();
    assert_eq!(
        status("Global Water Resilience Institute"),
        "responded twice"
    );
    assert_eq!(
        status("Inter-Agency Centre for Climate-Resilient Agriculture"),
        "responded"
    );
    assert_eq!(status("Missing Entity Organization"), "not responded");
    assert_eq!(roster.rows_where("status", "not responded").len(), 1);

    // An acronym two entries share: a finding, and the response is counted for neither.
    let ambiguous = dir.path().join("ambiguous.txt");
    fs::write(
        &ambiguous,
        "Global Water Resilience Institute (GWRI)\nGWRI\nICRA\n",
    )
    .unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &["subs", "-o", "a/", "--roster", ambiguous.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let findings = csv_table(&dir.path().join("a/findings.csv"));
    let found = findings.rows_where("code", "roster-ambiguous");
    assert_eq!(found.len(), 2, "{:?}", findings.rows);
    assert_eq!(found[0][findings.at("severity")], "warning");
    let roster = csv_table(&dir.path().join("a/roster.csv"));
    assert_eq!(roster.rows_where("status", "ambiguous").len(), 2);
    assert_eq!(roster.get(2, "status"), "responded");
}

/// A text's length as a spreadsheet counts it: in UTF-16 units.
fn cell_length(text: &str) -> usize {
    text.encode_utf16().count()
}

#[test]
fn only_the_workbook_cuts_a_text_at_what_a_cell_holds_and_says_so() {
    let dir = Scratch::new();
    // 40,000 characters of words; 20,000 emoji, 40,000 units as Excel counts them.
    let long = "word ".repeat(8_000);
    let emoji = "🌍".repeat(20_000);
    let text = fs::read_to_string(repo("examples/response.toml"))
        .unwrap()
        .replace(
            "recommendations = \"\"\"\n",
            &format!("recommendations = \"\"\"\n{long}\n"),
        )
        .replace(
            "name = \"Regional Forum on Water Security and Climate Adaptation in Africa\"",
            &format!("name = \"{emoji}\""),
        )
        .replace(
            "entity = \"Global Water Resilience Institute (GWRI)\"",
            &format!("entity = \"Two\\nlines {}\"", "e".repeat(300)),
        );
    fs::write(dir.path().join("long.toml"), &text).unwrap();
    let (code, _, stderr) = run(dir.path(), &["long.toml", "-o", "long.xlsx"]);
    assert_eq!(code, Some(0), "{stderr}");
    // On standard error too.
    let told: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning[truncated]: long.toml"))
        .collect();
    assert_eq!(told.len(), 2, "{stderr}");
    assert!(
        told[0].contains("events[0].name has 40000 characters as Excel counts them"),
        "{stderr}"
    );
    let (_, sheets) = workbook(&dir.path().join("long.xlsx"));
    let texts = &sheets["texts"];
    let cut = &texts.rows_where("question", "recommendations")[0][texts.at("text")];
    assert_eq!(cell_length(cut), 32_767);
    assert!(
        cut.ends_with("characters, the cell holds 32767]"),
        "{}",
        &cut[cut.len() - 100..]
    );
    let events = &sheets["events"];
    let name = &events.rows[0][events.at("name")];
    assert!(cell_length(name) <= 32_767, "{}", cell_length(name));
    assert!(name.starts_with("🌍🌍") && name.ends_with("the cell holds 32767]"));
    let findings = &sheets["findings"];
    let truncated = findings.rows_where("code", "truncated");
    let paths: Vec<&str> = truncated
        .iter()
        .map(|r| r[findings.at("path")].as_str())
        .collect();
    assert_eq!(paths, ["events[0].name", "recommendations"]);
    assert_eq!(sheets["responses"].get(0, "warnings"), "2");
    // An entity key is a column name of the country matrix: on one line, cut to what a table
    // takes.
    let header = &sheets["country_matrix"].header[1];
    assert!(header.starts_with("Two lines eee"), "{header}");
    assert_eq!(header.chars().count(), 240);

    // JSON and CSV (for Excel too) hold the whole texts, and cut nothing.
    let (code, json, stderr) = run(dir.path(), &["long.toml", "--to", "json", "-o", "-"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("truncated"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sheet = |name: &str| {
        doc["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap()
            .clone()
    };
    let texts = sheet("texts");
    let whole = texts["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r.as_array().unwrap().iter().any(|c| c == "recommendations"))
        .unwrap();
    assert!(
        whole
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c.as_str())
            .any(|c| c.starts_with(long.trim_end())
                && cell_length(c) > 40_000
                && !c.contains("cut by qfill"))
    );
    assert!(
        !sheet("findings")["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_array().unwrap().iter().any(|c| c == "truncated"))
    );
    for excel in [false, true] {
        let out = if excel { "excel/" } else { "csv/" };
        let mut args = vec!["long.toml", "-o", out];
        if excel {
            args.push("--excel");
        }
        let (code, _, stderr) = run(dir.path(), &args);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("truncated"), "{stderr}");
        let events = csv_table(&dir.path().join(format!("{out}events.csv")));
        assert_eq!(events.rows[0][events.at("name")], emoji);
        let findings = csv_table(&dir.path().join(format!("{out}findings.csv")));
        assert!(findings.rows_where("code", "truncated").is_empty());
    }
}

#[test]
fn entity_keys_never_take_over_a_column_and_excel_headers_are_guarded() {
    let dir = Scratch::new();
    let with = |entity: &str| {
        fs::read_to_string(repo("examples/response.toml"))
            .unwrap()
            .replace("Global Water Resilience Institute (GWRI)", entity)
    };
    fs::write(dir.path().join("a.toml"), with("total")).unwrap();
    fs::write(dir.path().join("b.toml"), with("Country")).unwrap();
    fs::write(dir.path().join("c.toml"), with("=SUM(B2:B9)")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["a.toml", "b.toml", "c.toml", "-o", "plain/"]);
    assert_eq!(code, Some(0), "{stderr}");
    let matrix = csv_table(&dir.path().join("plain/country_matrix.csv"));
    assert_eq!(
        matrix.header,
        [
            "country",
            "total (entity)",
            "Country (entity)",
            "=SUM(B2:B9)",
            "entities",
            "total"
        ]
    );
    let kenya = matrix.rows_where("country", "Kenya")[0];
    assert_eq!(kenya[matrix.at("total")], "3", "the real total");
    let (code, _, stderr) = run(
        dir.path(),
        &["a.toml", "b.toml", "c.toml", "-o", "excel/", "--excel"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let bytes = fs::read(dir.path().join("excel/country_matrix.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "\u{feff}country,total (entity),Country (entity),'=SUM(B2:B9),entities,total"
    );
    let responses = csv_table(&dir.path().join("excel/responses.csv"));
    assert_eq!(responses.get(2, "entity_key"), "'=SUM(B2:B9)");
}

#[test]
fn a_stray_item_in_a_record_list_leaves_the_readable_records_beside_it() {
    let dir = Scratch::new();
    let text = fs::read_to_string(repo("examples/response.toml")).unwrap();
    // Three events written as an array: the second is not a record.
    let events = "events = [\n  { name = \"First\", dates = \"2023-05-10\", location = { city = \"Nairobi\", country = \"Kenya\" }, sdgs = [6], description = \"One.\" },\n  \"a stray line of text\",\n  { name = \"Third\", dates = \"2024-10-08\", location = { city = \"Dakar\", country = \"Senegal\" }, sdgs = \"13 and 14\", description = \"Three.\" },\n]\n";
    let mut kept: Vec<&str> = Vec::new();
    let mut skip = false;
    for line in text.lines() {
        if line == "[[answers.events]]" {
            skip = true;
            continue;
        }
        if skip && (line.starts_with("[[") || line.starts_with("[answers.")) {
            skip = false;
        }
        if !skip {
            kept.push(line);
        }
    }
    let mut file = kept.join("\n");
    file = file.replacen("[answers]\n", &format!("[answers]\n{events}"), 1);
    fs::write(dir.path().join("stray.toml"), &file).unwrap();
    let (code, _, stderr) = run(dir.path(), &["stray.toml", "-o", "out/"]);
    assert_eq!(code, Some(1), "{stderr}");
    let sheet = csv_table(&dir.path().join("out/events.csv"));
    let rows: Vec<(&str, &str)> = sheet
        .rows
        .iter()
        .map(|r| (r[sheet.at("record")].as_str(), r[sheet.at("name")].as_str()))
        .collect();
    assert_eq!(
        rows,
        [("1", "First"), ("3", "Third")],
        "every readable record, numbered as in the file"
    );
    assert_eq!(sheet.rows[1][sheet.at("sdg_14")], "1");
    let findings = csv_table(&dir.path().join("out/findings.csv"));
    let stray = findings.rows_where("path", "events[1]");
    assert_eq!(stray.len(), 1, "{:?}", findings.rows);
    assert_eq!(stray[0][findings.at("code")], "wrong-type");
    assert_eq!(stray[0][findings.at("record")], "2");
    let sdgs = csv_table(&dir.path().join("out/sdgs.csv"));
    assert_eq!(sdgs.rows_where("question", "events").len(), 3);
    let responses = csv_table(&dir.path().join("out/responses.csv"));
    assert_eq!(responses.get(0, "events_records"), "2");
}

#[test]
fn a_folder_with_a_parse_error_a_legacy_text_and_two_editions_compiles() {
    let dir = Scratch::new();
    let subs = examples(dir.path());
    fs::write(
        subs.join("broken.toml"),
        "entity = \"Broken (BRK)\"\nanswers = [\n",
    )
    .unwrap();
    fs::write(
        subs.join("pilot.toml"),
        "questionnaire = \"pilot-2026\"\nentity = \"Pilot Entity (PE)\"\n\n[answers]\nsummary = \"We trained statisticians in three regions.\"\n\n[[answers.workshops]]\ntitle = \"Census methods\"\n",
    )
    .unwrap();
    let legacy = repo("tests/data/legacy-example.txt");
    let pilot = repo("tests/data/pilot-2026.toml");
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "subs",
            legacy.to_str().unwrap(),
            "-q",
            "hlpf-2024",
            "-q",
            pilot.to_str().unwrap(),
            "-o",
            "mixed.xlsx",
        ],
    );
    // The parse error makes the run invalid; it does not stop it.
    assert_eq!(code, Some(1), "{stderr}");
    let (names, sheets) = workbook(&dir.path().join("mixed.xlsx"));
    assert!(names.contains(&"workshops".to_string()), "{names:?}");
    let responses = &sheets["responses"];
    assert_eq!(responses.rows.len(), 6);
    let broken = responses.rows_where("file", "subs/broken.toml");
    assert_eq!(broken[0][responses.at("valid")], "false");
    assert_eq!(broken[0][responses.at("edition")], "");
    let pilot_row = responses.rows_where("file", "subs/pilot.toml");
    assert_eq!(pilot_row[0][responses.at("edition")], "pilot-2026");
    assert_eq!(pilot_row[0][responses.at("summary_words")], "6");
    let legacy_row = responses.rows_where("read_as", "legacy text");
    assert_eq!(legacy_row.len(), 1);
    assert_eq!(legacy_row[0][responses.at("edition")], "hlpf-2024");
    assert!(!legacy_row[0][responses.at("entity")].is_empty());
    assert_eq!(sheets["workshops"].rows.len(), 1);
    let findings = &sheets["findings"];
    assert_eq!(
        findings.rows_where("file", "subs/broken.toml")[0][findings.at("code")],
        "parse-error"
    );
}

#[test]
fn one_question_as_markdown_in_roster_order() {
    let dir = Scratch::new();
    examples(dir.path());
    let roster = dir.path().join("roster.txt");
    fs::write(
        &roster,
        "ICRA\nNobody Yet (NBY)\nGlobal Water Resilience Institute (GWRI)\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "subs",
            "--question",
            "recommendations",
            "--to",
            "markdown",
            "-o",
            "-",
            "--roster",
            roster.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let headings: Vec<&str> = stdout.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Inter-Agency Centre for Climate-Resilient Agriculture (ICRA)",
            "## Nobody Yet",
            "## Global Water Resilience Institute (GWRI)",
            "## Global Water Resilience Institute (GWRI)",
        ]
    );
    assert!(
        stdout.starts_with("# 6. In the Political") || stdout.starts_with("# In the Political"),
        "{stdout}"
    );
    assert!(stdout.contains("_not answered; subs/warnings.toml_"));
    assert!(stdout.contains("_no response_"));
    assert!(
        stdout.contains("_133 words; subs/response.json_"),
        "{stdout}"
    );
    assert!(stdout.contains("GWRI recommends that the review"));

    // Records too, to a file.
    let (code, _, stderr) = run(
        dir.path(),
        &["subs", "--question", "events", "-o", "events.md"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let md = fs::read_to_string(dir.path().join("events.md")).unwrap();
    assert!(
        md.contains("### 1. Regional Forum on Water Security"),
        "{md}"
    );
    assert!(md.contains("- **Event Dates (start)**: 2023-05-10"), "{md}");
}

#[test]
fn json_on_stdout_is_the_same_model() {
    let dir = Scratch::new();
    examples(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["subs", "--to", "json", "-o", "-"]);
    assert_eq!(code, Some(0), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let names: Vec<&str> = doc["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, SHEETS);
    let events = &doc["sheets"][2];
    assert_eq!(events["columns"][1]["id"], "entity_key");
    assert_eq!(events["columns"][8]["id"], "name");
    assert_eq!(events["columns"][9]["kind"], "date");
    assert_eq!(events["rows"][0][1], "GWRI");
    assert_eq!(events["rows"][0][5], "hlpf-2024");
    assert_eq!(events["rows"][0][7], "GWRI-2024-events-1");
    assert_eq!(events["rows"][0][9], "2023-05-10");
    assert_eq!(events["rows"][0][6], 1);
}

#[test]
fn the_output_is_never_read_as_an_input() {
    let dir = Scratch::new();
    let subs = examples(dir.path());
    let out = subs.join("compiled.json");
    for _ in 0..2 {
        let (code, _, stderr) = run(
            dir.path(),
            &["subs", "-o", out.to_str().unwrap(), "--force"],
        );
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stderr.contains("\n3 files:"), "{stderr}");
    }
    fs::remove_file(&out).unwrap();
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "subs/csv/"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "subs/csv/", "--force"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("\n3 files:"), "{stderr}");
}

/// `-o -` writes the workbook into a pipe, byte for byte the file `-o` writes, and a JSON
/// document the same; `-o ./-` writes a file named `-`.
#[test]
fn a_dash_writes_the_workbook_or_document_to_standard_output() {
    let dir = Scratch::new();
    examples(dir.path());
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "file.xlsx"]);
    assert_eq!(code, Some(0), "{stderr}");
    let output = qfill()
        .current_dir(dir.path())
        .args(["compile", "subs", "--to", "xlsx", "-o", "-"])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).ends_with("; wrote -\n"));
    assert_eq!(
        output.stdout,
        fs::read(dir.path().join("file.xlsx")).unwrap()
    );
    fs::write(dir.path().join("piped.xlsx"), &output.stdout).unwrap();
    let (names, sheets) = workbook(&dir.path().join("piped.xlsx"));
    assert!(names.contains(&"responses".to_string()));
    assert_eq!(sheets["responses"].rows.len(), 3);

    let (code, json, _) = run(dir.path(), &["subs", "--to", "json", "-o", "-"]);
    assert_eq!(code, Some(0));
    let (code, _, _) = run(dir.path(), &["subs", "--to", "json", "-o", "./-"]);
    assert_eq!(code, Some(0));
    assert_eq!(fs::read_to_string(dir.path().join("-")).unwrap(), json);
}

#[test]
fn failures_exit_2_with_a_message_and_broken_files_exit_1() {
    let dir = Scratch::new();
    examples(dir.path());
    fs::write(dir.path().join("exists.xlsx"), "mine").unwrap();
    fs::write(dir.path().join("file"), "").unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["subs", "-o", "exists.xlsx"],
            "`exists.xlsx` exists already",
        ),
        (
            &["subs", "-o", "-"],
            "`-o -` needs `--to json`, `--to markdown` or `--to xlsx`",
        ),
        (
            &["subs", "--to", "csv", "-o", "-"],
            "CSV output is a folder of files",
        ),
        (
            &["subs", "-o", "out.docx"],
            "cannot tell what to write to `out.docx`",
        ),
        (
            &["subs", "--to", "markdown", "-o", "-"],
            "`--question` is missing",
        ),
        (
            &["subs", "--question", "nope", "-o", "x.md"],
            "no question has the id `nope`",
        ),
        (
            &["subs", "-o", "x.xlsx", "--roster", "missing.txt"],
            "cannot read the roster `missing.txt`",
        ),
        (
            &["subs", "-o", "file/out.xlsx"],
            "cannot write `file/out.xlsx`",
        ),
        (&["subs", "-o", "x.xlsx", "-q", "hlpf-1999"], "hlpf-1999"),
    ];
    for (args, message) in cases {
        let (code, _, stderr) = run(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(
            stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{stderr}"
        );
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("exists.xlsx")).unwrap(),
        "mine"
    );

    // A missing input is a row with its finding; the rest is compiled and the run exits 2.
    let (code, _, stderr) = run(dir.path(), &["subs", "gone.toml", "-o", "some.xlsx"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error[unreadable]: gone.toml: cannot read the file"),
        "{stderr}"
    );
    let (_, sheets) = workbook(&dir.path().join("some.xlsx"));
    assert_eq!(sheets["responses"].rows.len(), 4);
    assert_eq!(sheets["findings"].rows_where("code", "unreadable").len(), 1);

    // A file with errors: exit 1, and the workbook is written.
    fs::write(
        dir.path().join("bad.toml"),
        "questionnaire = \"hlpf-2024\"\nentity = \"E\"\n[answers]\nevents = [{ name = \"x\" }]\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["bad.toml", "-o", "bad.xlsx"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(dir.path().join("bad.xlsx").exists());
}

/// The number of rows of one sheet of a workbook, without reading the other sheets.
fn rows_of_sheet(path: &Path, name: &str) -> usize {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().count().saturating_sub(1)
}

/// The number of rows of each sheet of `compile --to json`, read without keeping the cells.
fn rows_of_model(json: &str) -> HashMap<String, usize> {
    #[derive(serde::Deserialize)]
    struct Model {
        sheets: Vec<Sheet>,
    }
    #[derive(serde::Deserialize)]
    struct Sheet {
        name: String,
        rows: Vec<serde::de::IgnoredAny>,
    }
    let model: Model = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    model
        .sheets
        .into_iter()
        .map(|s| (s.name, s.rows.len()))
        .collect()
}

#[test]
fn every_hostile_file_compiles_with_the_exit_code_of_validate_into_one_row() {
    // Each file alone (to JSON on stdout): its own exit code and one response.
    on_threads(cases(), 2, |case| {
        let out = hostile::run(&["compile", &case.path(), "--to", "json", "-o", "-"]);
        assert_calm(&out, &case.file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(case.validate),
            "{}: {stderr}",
            case.file
        );
        let json = String::from_utf8_lossy(&out.stdout);
        assert_eq!(rows_of_model(&json)["responses"], 1, "{}", case.file);
    });
    // The whole folder at once, as a workbook and as CSV (the legacy text in it is not picked up
    // from a folder; `cases.toml` is a TOML file like any other there).
    let walked = fs::read_dir(corpus_dir())
        .unwrap()
        .filter(|e| {
            let path = e.as_ref().unwrap().path();
            path.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("toml") || x.eq_ignore_ascii_case("json"))
        })
        .count();
    let corpus = corpus_dir().display().to_string();
    let dir = Scratch::new();
    let book = dir.at("all.xlsx");
    let out = hostile::run(&["compile", &corpus, "-o", &book]);
    assert_calm(&out, "the corpus as a workbook");
    assert_eq!(out.status.code(), Some(1), "{}", hostile::text(&out));
    assert_eq!(rows_of_sheet(Path::new(&book), "responses"), walked);
    let csv = dir.at("all/");
    let out = hostile::run(&["compile", &corpus, "-o", &csv]);
    assert_calm(&out, "the corpus as CSV");
    assert_eq!(out.status.code(), Some(1), "{}", hostile::text(&out));
    let responses = csv_table(&dir.path().join("all/responses.csv"));
    assert_eq!(responses.rows.len(), walked);
}

#[test]
fn three_editions_compile_into_the_same_columns() {
    let dir = Scratch::new();
    let (code, _, stderr) = run(
        dir.path(),
        &[repo("examples").to_str().unwrap(), "-o", "all/"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let responses = csv_table(&dir.path().join("all/responses.csv"));
    let editions: Vec<&str> = responses
        .rows
        .iter()
        .map(|r| r[responses.at("edition")].as_str())
        .collect();
    for edition in ["hlpf-2024", "hlpf-2025", "hlpf-2026"] {
        assert!(editions.contains(&edition), "{editions:?}");
    }
    // Q1 of every edition is one topic; 2026's events continue 2024's, in the same sheet.
    let texts = csv_table(&dir.path().join("all/texts.csv"));
    let q1: Vec<&str> = texts
        .rows_where("question", "governing_body")
        .iter()
        .map(|r| r[texts.at("edition")].as_str())
        .collect();
    assert!(
        q1.contains(&"hlpf-2025") && q1.contains(&"hlpf-2026"),
        "{q1:?}"
    );
    assert_eq!(texts.rows_where("question", "coordination").len(), 2);
    let events = csv_table(&dir.path().join("all/events.csv"));
    let of_2026 = events.rows_where("edition", "hlpf-2026");
    assert!(!of_2026.is_empty());
    assert_eq!(of_2026[0][events.at("dates_start")], "2025-03-11");
    // Each row's SDGs under review are its edition's.
    let matrix = csv_table(&dir.path().join("all/sdg_matrix.csv"));
    let review =
        |edition: &str| matrix.rows_where("edition", edition)[0][matrix.at("review_sdgs")].clone();
    assert_eq!(review("hlpf-2024"), "1, 2, 13, 16, 17");
    assert_eq!(review("hlpf-2026"), "6, 7, 9, 11, 17");
    let codebook = csv_table(&dir.path().join("all/codebook.csv"));
    let row = codebook
        .rows
        .iter()
        .find(|r| r[0] == "events" && r[1] == "dates_start")
        .unwrap();
    assert_eq!(row[codebook.at("editions")], "hlpf-2024, hlpf-2026");
}
