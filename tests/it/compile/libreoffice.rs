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
        same(
            sheet,
            &ours,
            &csv_table(&theirs).without_workbook_extras(sheet),
        );
    }
}

/// LibreOffice prints the workbook of the year's intake (55 files, a roster of 52): landscape A4,
/// and at most 150 pages for the whole workbook (625 Letter pages before the page set-up).
#[test]
fn libreoffice_prints_the_intake_workbook_on_few_a4_pages() {
    if std::env::var("QFILL_TEST_LIBREOFFICE").as_deref() != Ok("1") {
        return;
    }
    let tool = office().expect(
        "QFILL_TEST_LIBREOFFICE=1 but neither `libreoffice` nor `soffice` runs; install libreoffice-calc",
    );
    let dir = crate::common::Scratch::new();
    let book = dir.path().join("intake.xlsx");
    let output = crate::common::qfill()
        .arg("compile")
        .arg(crate::common::repo("tests/data/intake-2024"))
        .arg(crate::common::repo("tests/data/intake-2024/iom.txt"))
        .arg("--roster")
        .arg(crate::common::repo("tests/data/intake-2024-roster.csv"))
        .arg("-o")
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let converted = dir.path().join("pdf");
    let output = Command::new(tool)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&converted)
        .arg(&book)
        .output()
        .unwrap();
    assert!(output.status.success(), "{tool} printed nothing");
    let info = Command::new("pdfinfo")
        .arg(converted.join("intake.pdf"))
        .output()
        .expect("QFILL_TEST_LIBREOFFICE=1 needs pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {info}"))
            .trim()
            .to_string()
    };
    let pages: usize = field("Pages:").parse().unwrap();
    assert!((1..=150).contains(&pages), "{pages} pages");
    let size: Vec<f64> = field("Page size:")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        (size[0] - 841.9).abs() < 1.5 && (size[1] - 595.3).abs() < 1.5,
        "landscape A4: {size:?}"
    );
}
