//! Files that are no form: one-line reasons, never a panic.

use std::fs;

use super::*;

#[test]
fn what_is_no_form_is_a_parse_error_or_too_large() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let laughs = {
        let mut files = vec![(
            "word/document.xml".to_string(),
            format!(
                r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"#
            ),
        )];
        files.push(("[Content_Types].xml".into(), "<Types/>".into()));
        zipped(&files)
    };
    let nested = {
        let depth = 100_000;
        let mut body = String::with_capacity(depth * 45);
        for _ in 0..depth {
            body.push_str("<w:tbl><w:tr><w:tc>");
        }
        body.push_str("<w:p/>");
        for _ in 0..depth {
            body.push_str("</w:tc></w:tr></w:tbl>");
        }
        Docx::new(body).bytes()
    };
    let no_document = zipped(&[("word/styles.xml".into(), "<w:styles/>".into())]);
    let bomb = {
        // 20 MiB of text in a few kilobytes: over the 10 MiB cap once inflated.
        let text = "a".repeat(20 * 1024 * 1024);
        Docx::new(p(&text)).bytes()
    };
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "old.docx",
            ole,
            "parse-error",
            "is a .doc (Word 97-2003), not a .docx",
        ),
        ("locked.docx", encrypted, "parse-error", "is encrypted"),
        (
            "text.docx",
            b"Event Name: Forum\n".to_vec(),
            "parse-error",
            "not a zip package",
        ),
        ("laughs.docx", laughs, "parse-error", "declares a DTD"),
        (
            "nested.docx",
            nested,
            "parse-error",
            "nests elements more than 100 deep",
        ),
        (
            "empty.docx",
            no_document,
            "parse-error",
            "has no `word/document.xml`",
        ),
        (
            "bomb.docx",
            bomb,
            "too-large",
            "holds more text than the limit of 10 MiB",
        ),
    ];
    for (name, bytes, code, reason) in cases {
        let out = import_bytes(name, &bytes);
        assert_eq!(out.code, Some(1), "{name}: {}", out.stderr);
        assert_eq!(out.codes(), [code], "{name}: {}", out.stderr);
        let first = out.stderr.lines().next().unwrap();
        assert!(
            first.starts_with(&format!("error[{code}]: {name}: ")) && first.contains(reason),
            "{name}: {}",
            out.stderr
        );
        assert!(out.toml.is_empty(), "{name}: nothing written");
    }
    // `--max-size` is the cap on the text, not on the file: a small limit refuses the form.
    let dir = Scratch::new();
    let path = dir.path().join("form.docx");
    fs::write(&path, form_with(1, &p("Answer.")).bytes()).unwrap();
    let output = qfill()
        .args(["import", "--max-size", "1000"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error[too-large]: "), "{stderr}");
}

#[test]
fn a_missing_form_or_a_folder_is_unreadable() {
    let dir = Scratch::new();
    let missing: PathBuf = dir.path().join("missing.docx");
    let output = qfill().arg("import").arg(&missing).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error[unreadable]") && stderr.contains("no such file"),
        "{stderr}"
    );
    let folder = dir.path().join("folder.docx");
    fs::create_dir(&folder).unwrap();
    let output = qfill().arg("import").arg(&folder).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("is a folder"), "{stderr}");
}
