//! The real-spreadsheet tier: LibreOffice opens the workbook of the examples as a user's would and
//! converts every sheet to CSV; the values must be the ones qfill wrote.
//!
//! Runs when `QFILL_TEST_LIBREOFFICE=1` (set by `.ci/run`, which installs `libreoffice-calc`);
//! then a missing LibreOffice is a failure. Without the variable the test returns at once, so
//! that `cargo test` passes with only the Rust toolchain.

use std::path::Path;
use std::process::Command;

use super::{SHEETS, Table, csv_table, examples, run};

fn office() -> Option<&'static str> {
    ["libreoffice", "soffice"].into_iter().find(|tool| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// What LibreOffice shows for a value qfill wrote: booleans are `TRUE`/`FALSE`.
fn shown(value: &str) -> String {
    match value {
        "true" => "TRUE".to_string(),
        "false" => "FALSE".to_string(),
        other => other.to_string(),
    }
}

fn same(sheet: &str, ours: &Table, theirs: &Table) {
    assert_eq!(theirs.header, ours.header, "{sheet}: headers");
    assert_eq!(theirs.rows.len(), ours.rows.len(), "{sheet}: rows");
    for (i, (a, b)) in ours.rows.iter().zip(&theirs.rows).enumerate() {
        let a: Vec<String> = a.iter().map(|v| shown(v)).collect();
        // LibreOffice leaves out trailing empty cells of a row.
        let mut b = b.clone();
        b.resize(a.len(), String::new());
        assert_eq!(b, a, "{sheet}: row {}", i + 1);
    }
}

#[test]
fn libreoffice_reads_every_sheet_as_qfill_wrote_it() {
    if std::env::var("QFILL_TEST_LIBREOFFICE").as_deref() != Ok("1") {
        return;
    }
    let tool = office().expect(
        "QFILL_TEST_LIBREOFFICE=1 but neither `libreoffice` nor `soffice` runs; install libreoffice-calc",
    );
    let dir = crate::common::Scratch::new();
    examples(dir.path());
    let roster = crate::common::repo("tests/data/roster.csv");
    let roster = roster.to_str().unwrap();
    for (out, format) in [("book.xlsx", "xlsx"), ("csv/", "csv")] {
        let (code, _, stderr) = run(
            dir.path(),
            &["subs", "-o", out, "--to", format, "--roster", roster],
        );
        assert_eq!(code, Some(0), "{stderr}");
    }
    let profile = dir.path().join("profile");
    let converted = dir.path().join("lo");
    // Comma, double quote, UTF-8, from line 1, cells as shown, every sheet to its own file.
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let output = Command::new(tool)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(&converted)
        .arg(dir.path().join("book.xlsx"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut sheets: Vec<&str> = SHEETS.to_vec();
    sheets.push("roster");
    for sheet in sheets {
        let theirs = converted.join(format!("book-{sheet}.csv"));
        assert!(
            Path::new(&theirs).exists(),
            "{tool} wrote no {}: {}",
            theirs.display(),
            String::from_utf8_lossy(&output.stdout)
        );
        let ours = csv_table(&dir.path().join(format!("csv/{sheet}.csv")));
        same(sheet, &ours, &csv_table(&theirs));
    }
}
