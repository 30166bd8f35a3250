//! The review at 80×24: errors first, one row a finding, scrolling with its position shown, a
//! finding shown whole, and a removal that asks first and can be undone.

use std::fs;

use super::screen::Screen;
use super::{DOWN, answer, saved};
use crate::common;

#[test]
fn the_review_fits_80_by_24_errors_first_one_row_a_finding() {
    let dir = common::Scratch::new();
    let fixture = fs::read_to_string(common::repo("tests/data/focal-point.toml")).unwrap();
    // Two findings of each kind: errors (a goal out of range, twice) and warnings (bare domains).
    let start = fixture.replacen("sdgs = [", "sdgs = [18, ", 2).replacen(
        "website = \"https://",
        "website = \"",
        2,
    );
    fs::write(dir.path().join("start.toml"), start).unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    // The walk asks the broken goals first: typed anew.
    for event in 1..=2 {
        s.wait_for(&format!("Event {event} · Relevant SDGs"));
        s.wait_for("type:");
        s.keys("6\r");
    }
    s.wait_for("Review your answers: 0 errors, 2 warnings");
    s.settle();
    let rows = s.rows();
    let screen = rows.join("\n");
    for n in 1..=6 {
        assert_eq!(
            rows.iter()
                .filter(|r| r
                    .trim_start_matches(['❯', ' '])
                    .starts_with(&format!("Q{n} ")))
                .count(),
            1,
            "{screen}"
        );
    }
    assert!(screen.contains("Q2 Events"), "short titles: {screen}");
    assert!(screen.contains("❯ Save the response"), "{screen}");
    assert!(rows.iter().all(|r| r.chars().count() < 80), "{screen}");
    let warnings: Vec<&String> = rows
        .iter()
        .filter(|r| r.trim_start().starts_with("warning: "))
        .collect();
    assert_eq!(warnings.len(), 2, "one row a finding: {screen}");
    s.keys("\r");
    s.wait_for("saved response.toml");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn a_long_review_scrolls_and_says_where_it_is_and_shows_a_finding_whole() {
    let dir = common::Scratch::new();
    let fixture = fs::read_to_string(common::repo("tests/data/focal-point.toml")).unwrap();
    // Question 1 over its limit (an error, kept for now) and every website a bare domain.
    let long: Vec<String> = (0..801).map(|i| format!("w{i}")).collect();
    let start = fixture
        .replacen(
            "governing_body = \"\"\"\n",
            &format!("governing_body = \"\"\"\n{}\n\n", long.join(" ")),
            1,
        )
        .replace("website = \"https://", "website = \"");
    fs::write(dir.path().join("start.toml"), start).unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 16);
    s.wait_for("F2 keep");
    s.keys("\x1bOQ");
    s.wait_for("Review your answers: 1 error, 8 warnings");
    s.settle();
    let rows = s.rows();
    let screen = rows.join("\n");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("items 1–") && r.contains(" of 17")),
        "a position: {screen}"
    );
    let first_warning = rows
        .iter()
        .position(|r| r.trim_start().starts_with("warning: "))
        .unwrap_or(usize::MAX);
    let error = rows
        .iter()
        .position(|r| r.trim_start().starts_with("error: Question 1: "))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(error < first_warning, "errors before warnings: {screen}");
    // The last row of the list: a finding in one row, shown whole with its hint on Enter.
    s.keys("\x1b[F");
    s.wait_for("of 17 · ↑↓ to see the others");
    s.keys("\r");
    s.wait_for_written("has no `https://` — write `https://");
    s.wait_for("❯ Save the response");
    s.keys("\x03");
    assert_eq!(s.exit_code(), 130);
}

#[test]
fn removing_a_record_asks_first_and_the_review_undoes_it() {
    let dir = common::Scratch::new();
    fs::copy(
        common::repo("tests/data/focal-point.toml"),
        dir.path().join("start.toml"),
    )
    .unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 100, 30);
    s.wait_for("❯ Save the response");
    // Change question 2; its menu starts on its last item, and wraps: the fifth item removes
    // event 1.
    s.keys(&format!("{}\r", DOWN.repeat(3)));
    s.wait_for("Remove event 1");
    s.keys(&format!("{}\r", DOWN.repeat(5)));
    // The confirmation says what goes, and its default is No.
    s.wait_for_words(
        "? Remove event 1 (Regional Forum on Water Security and Climate Adaptation in Africa)? (y/n) › no",
    );
    s.keys("y\r");
    s.wait_for("View event 1: Global Dialogue");
    // Back to the review (the last item, where the menu starts), where the removal can be undone.
    s.keys("\r");
    s.wait_for("Undo the changes to question 2");
    s.wait_for("1 event ");
    s.keys(&format!("{DOWN}\r"));
    s.wait_for("2 events");
    s.settle();
    let rows = s.rows();
    assert!(
        !rows
            .iter()
            .any(|r| r.trim_start_matches(['❯', ' ']).starts_with("Undo")),
        "one step of undo: {rows:#?}"
    );
    s.keys("\r");
    s.wait_for("saved response.toml");
    assert_eq!(s.exit_code(), 0);
    let response = saved(dir.path(), "response.toml");
    assert_eq!(answer(&response, "events").as_array().unwrap().len(), 2);
}
