//! `-o -`, every failure path's exit code and message, and the hostile corpus.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};

use super::{csv_table, examples, run, workbook};
use crate::common::{Scratch, on_threads, qfill};
use crate::hostile::{self, assert_calm, cases, corpus_dir};

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
            "`-o -` needs `--to json`, `--to markdown`, `--to xlsx` or `--to docx`",
        ),
        (
            &["subs", "--to", "csv", "-o", "-"],
            "CSV output is a folder of files",
        ),
        (
            &["subs", "-o", "out.pdf"],
            "cannot tell what to write to `out.pdf`",
        ),
        (
            &["subs", "-o", "out.docx"],
            "Word output shows one question: `--question` is missing",
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
