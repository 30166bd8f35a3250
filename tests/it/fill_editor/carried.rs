//! Next year in the terminal: answers `migrate` carried from 2024 to 2025 and 2026, filled with
//! `--answers` at 80×24. The carried questions come first, each with its new text, the previous
//! answer in the editor and what changed; events outside the new window are offered to keep,
//! drop or edit; answers kept in notes are shown, to place or to drop.

use std::fs;
use std::path::Path;

use super::screen::Screen;
use super::{CTRL_D, DOWN, interrupted_draft, saved, saved_after_review};
use crate::common::{self, qfill};

/// `examples/response.toml` migrated to `edition` (through `via` first, if given), in `dir`.
fn migrated(dir: &Path, edition: &str, via: Option<&str>) -> String {
    let mut from = common::repo("examples/response.toml").display().to_string();
    for (n, to) in via.into_iter().chain([edition]).enumerate() {
        let out = dir.join(format!("step{n}.toml")).display().to_string();
        qfill()
            .args(["migrate", &from, "--edition", to, "-o", &out])
            .assert()
            .code(predicates::ord::ge(0));
        from = out;
    }
    let name = format!("{edition}.toml");
    fs::copy(&from, dir.join(&name)).unwrap();
    name
}

/// Keeps notes `notes` of `of`, each in notes, as each is shown.
fn keep_notes(s: &mut Screen, notes: std::ops::RangeInclusive<usize>, of: usize) {
    for n in notes {
        s.wait_for_written(&format!("Note {n} of {of} holds"));
        s.wait_for("❯ Keep it in notes");
        s.keys("\r");
    }
}

#[test]
fn to_2025_the_reworded_question_comes_first_with_its_old_answer_and_notes_are_shown() {
    let dir = common::Scratch::new();
    let file = migrated(dir.path(), "hlpf-2025", None);
    let mut s = Screen::start(dir.path(), &["--answers", &file], 80, 24);
    // One screen of what changed, then question 1 in its new words, the old answer in the editor.
    s.wait_for_written("These answers were carried from hlpf-2024 to hlpf-2025");
    s.wait_for_written(
        "Q1 Governing body: the question is reworded; limit: 200-800 words → no limit",
    );
    s.wait_for_written("5 notes hold answers to questions of an earlier edition");
    s.wait_for_written(
        "decisions taken by your governing body in 2024 and provide the respective symbols.",
    );
    s.wait_for_written("carried from hlpf-2024: the question is reworded");
    s.wait_for("387 words · Ctrl-D finish");
    assert!(
        s.contents()
            .contains("To reinforce poverty eradication, the Plan introduces"),
        "{}",
        s.contents()
    );
    s.keys(CTRL_D);
    // The notes: each shown whole, with its question; 2025 has no place for them.
    s.wait_for_written(
        "Note 1 of 5 holds the answer to question 2 of hlpf-2024, which hlpf-2025 does not have:",
    );
    s.wait_for_written("Event Name | Regional Forum on Water Security");
    keep_notes(&mut s, 1..=5, 5);
    // The new question 2, not answered, is asked next.
    s.wait_for("Question 2 of 2");
    s.wait_for("0 words · Ctrl-D finish");
    s.keys("We met the other agencies monthly.");
    s.keys(CTRL_D);
    let response = saved_after_review(s, dir.path());
    assert!(
        response.get("draft").is_none(),
        "all looked at: {response:?}"
    );
    assert_eq!(response["notes"].as_array().unwrap().len(), 5);
}

#[test]
fn to_2026_out_of_window_events_are_offered_and_notes_placed_or_dropped() {
    let dir = common::Scratch::new();
    // 2024 → 2025 → 2026: the events come back from notes, carried with question 1.
    let file = migrated(dir.path(), "hlpf-2026", Some("hlpf-2025"));
    let mut s = Screen::start(dir.path(), &["--answers", &file], 80, 24);
    s.wait_for_written(
        "Q1 Governing body: the question is reworded; limit: 200-800 words → at most 200 words",
    );
    s.wait_for_written("Q3 Events: the question is reworded; reporting window: 2022-11-01 to 2024-12-31 → 2024-11-01 to 2025-10-31");
    // Question 1: too long now; cleared and written anew.
    s.wait_for("! 387 / 200 words — 187 over");
    s.wait_for("F2 keep");
    s.keys("\x18");
    s.wait_for("0 / 200 words");
    s.keys("The Council adopted decision 43/1 on the UN80 Initiative.");
    s.keys(CTRL_D);
    // Question 3: each event outside the window, the last first: drop it, keep the other.
    s.wait_for_words("Event 2 (Global Dialogue on Water Data for the SDGs) has dates outside the reporting window 2024-11-01 to 2025-10-31");
    s.keys(&format!("{DOWN}\r"));
    s.wait_for_words("Drop event 2 (Global Dialogue on Water Data for the SDGs)? (y/n) › no");
    s.keys("y\r");
    s.wait_for_words("Event 1 (Regional Forum on Water Security and Climate Adaptation in Africa) has dates outside");
    s.keys("\r");
    // The records, reworded question and all, to look at; going on.
    s.wait_for("❯ Go on");
    s.keys("\r");
    // The notes of 2024's other answers: the first dropped (asked first), the others kept.
    s.wait_for_written(
        "Note 1 of 4 holds the answer to question 3 of hlpf-2024, which hlpf-2026 does not have:",
    );
    s.wait_for("❯ Keep it in notes");
    s.keys(&format!("{DOWN}\r"));
    s.wait_for_words("Drop note 1 of 4? Its text is lost (y/n) › no");
    s.keys("y\r");
    keep_notes(&mut s, 2..=4, 4);
    s.wait_for("Question 2 of 3");
    let draft = interrupted_draft(s, dir.path());
    let events = draft["answers"]["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        draft["answers"]["governing_body"].as_str(),
        Some("The Council adopted decision 43/1 on the UN80 Initiative.")
    );
    assert_eq!(draft["notes"].as_array().unwrap().len(), 3);
    assert!(
        draft["draft"].get("carried").is_none(),
        "both looked at: {draft:?}"
    );
}

#[test]
fn a_note_holding_events_is_placed_into_the_events_question() {
    let dir = common::Scratch::new();
    // As an older qfill left it: a 2026 file whose notes hold 2024's events.
    let file = migrated(dir.path(), "hlpf-2025", None);
    let text = fs::read_to_string(dir.path().join(&file)).unwrap();
    fs::write(
        dir.path().join("old.toml"),
        text.replace(
            "questionnaire = \"hlpf-2025\"",
            "questionnaire = \"hlpf-2026\"",
        ),
    )
    .unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "old.toml"], 80, 24);
    s.wait_for("Ctrl-D finish");
    s.keys("\x18Short now.");
    s.keys(CTRL_D);
    s.wait_for_written(
        "Note 1 of 5 holds the answer to question 2 of hlpf-2024, which is Q3 Events here:",
    );
    s.wait_for("❯ Place it into Q3 Events");
    s.keys("\r");
    s.wait_for_written("placed into Q3 Events");
    keep_notes(&mut s, 2..=5, 5);
    s.wait_for("Question 2 of 3");
    let draft = interrupted_draft(s, dir.path());
    let original: toml::Table =
        toml::from_str(&fs::read_to_string(common::repo("examples/response.toml")).unwrap())
            .unwrap();
    assert_eq!(draft["answers"]["events"], original["answers"]["events"]);
    assert_eq!(draft["notes"].as_array().unwrap().len(), 4);
}

#[test]
fn a_carried_answer_left_for_later_is_marked_and_saving_asks_first() {
    let dir = common::Scratch::new();
    let file = migrated(dir.path(), "hlpf-2025", None);
    let mut s = Screen::start(dir.path(), &["--answers", &file], 80, 24);
    s.wait_for("387 words · Ctrl-D finish");
    // Esc: not now.
    s.keys("\x1b");
    keep_notes(&mut s, 1..=5, 5);
    s.wait_for("Question 2 of 2");
    s.wait_for("0 words · Ctrl-D finish");
    s.keys("Monthly meetings.");
    s.keys(CTRL_D);
    s.wait_for_words(
        "Review your answers: 0 errors, 5 warnings, 1 carried from hlpf-2024 not looked at yet",
    );
    s.wait_for("carried: look at it again");
    s.keys("\r");
    s.wait_for_words("1 carried answer not looked at yet (Q1 Governing body); their question changed since hlpf-2024. Save anyway?");
    s.keys("y\r");
    s.wait_for("saved response.toml");
    assert_eq!(s.exit_code(), 0);
    let response = saved(dir.path(), "response.toml");
    assert_eq!(
        response["draft"]["carried"]["questions"],
        toml::Value::Array(vec!["governing_body".into()])
    );
}
