//! The reference promises what the code does: its table of finding codes is exactly
//! `qfill::finding::Code::ALL`, in order, with each code's severity.

use qfill::finding::Code;

/// The `| code | severity | when |` rows of the reference's table of finding codes.
fn reference_codes() -> Vec<(String, String)> {
    let reference = std::fs::read_to_string(crate::common::repo("docs/reference.md")).unwrap();
    let table = reference
        .split("\n| code | severity | when |\n")
        .nth(1)
        .expect("docs/reference.md has a table of finding codes");
    table
        .lines()
        .skip(1) // the `| --- |` line
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells[1].trim_matches('`').to_string();
            // "error (run exits 2)" is an error with a note.
            let severity = cells[2].split_whitespace().next().unwrap_or("").to_string();
            (code, severity)
        })
        .collect()
}

#[test]
fn the_reference_lists_every_code_with_its_severity() {
    let code: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.severity().as_str().to_string()))
        .collect();
    assert_eq!(reference_codes(), code);
}
