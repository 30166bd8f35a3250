//! A Word form through every command that reads a response.

use std::fs;

use super::*;

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
