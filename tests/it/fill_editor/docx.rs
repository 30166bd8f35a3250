//! `fill --docx OUT.docx`: the filled Word form written with the response, and the output
//! checks it shares with `-o` (refused up front when it exists, never to the terminal).

use std::fs;

use qfill::check::check;
use qfill::document::{Format, parse};
use qfill::docx::write::filled_form;
use qfill::questionnaire::Questionnaire;

use super::screen::Screen;
use super::{CTRL_D, without_question_6};
use crate::common::{self, qfill};

#[test]
fn the_word_form_is_written_with_the_response_and_holds_the_saved_answers() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let args = ["--answers", "start.toml", "--docx", "response.docx"];
    let mut s = Screen::start(dir.path(), &args, 80, 24);
    s.wait_for("0 words · Ctrl-D finish");
    s.keys("Share the data, and say so early.");
    s.keys(CTRL_D);
    s.wait_for("Review your answers");
    s.keys("\r");
    s.wait_for_written("the filled Word form: response.docx");
    assert_eq!(s.exit_code(), 0);
    // The form is the one the saved answers give, byte for byte (the writer's output is fixed by
    // its answers and date alone).
    let text = fs::read_to_string(dir.path().join("response.toml")).unwrap();
    let q = Questionnaire::builtin("hlpf-2024").unwrap().unwrap();
    let answers = check(&parse(&text, Format::Toml).unwrap(), &q).answers;
    let form = fs::read(dir.path().join("response.docx")).unwrap();
    assert!(form.starts_with(b"PK"), "a zip package");
    assert_eq!(form, filled_form(&answers, &q));
    // And the Word reader gives the saved answers back from it.
    let imported = qfill()
        .current_dir(dir.path())
        .args(["import", "response.docx"])
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let back = check(
        &parse(&String::from_utf8(imported.stdout).unwrap(), Format::Toml).unwrap(),
        &q,
    )
    .answers;
    assert_eq!(back.answers, answers.answers);
    assert_eq!(back.entity, answers.entity);
}

#[test]
fn an_existing_word_form_or_the_terminal_is_refused_before_anything_is_asked() {
    let dir = common::Scratch::new();
    fs::write(dir.path().join("form.docx"), "keep me").unwrap();
    let refused = |docx: &str| {
        let output = qfill()
            .current_dir(dir.path())
            .args(["fill", "-o", "r.toml", "--docx", docx])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(!dir.path().join("r.draft.toml").exists());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 2, "{stderr}");
        stderr
    };
    let stderr = refused("form.docx");
    assert!(
        stderr.starts_with("error: `form.docx` exists already"),
        "{stderr}"
    );
    assert!(stderr.contains("use `--force`"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("form.docx")).unwrap(),
        "keep me"
    );
    let stderr = refused("-");
    assert!(
        stderr.starts_with("error: the Word form cannot go to standard output (`--docx -`)"),
        "{stderr}"
    );
}
