//! The tick menus and the menu of one choice on the screen: the current row and ticks without
//! colour, Esc going back, ticks that always equal what the typed list reads (and Enter saying
//! why it waits), the initiatives numbered and taken by name.

use std::fs;

use super::screen::Screen;
use super::{CTRL_D, DOWN, ESC, answer, interrupted_draft, saved_after_review, without_question_6};
use crate::common;

/// Every cell of the screen in the terminal's default colours.
fn colourless(s: &mut Screen) -> bool {
    s.pump();
    let screen = s.parser.screen();
    let (rows, cols) = screen.size();
    (0..rows.get()).all(|r| {
        (0..cols.get()).all(|c| {
            screen.cell(r, c).is_none_or(|cell| {
                cell.fgcolor() == vt100::Color::Default && cell.bgcolor() == vt100::Color::Default
            })
        })
    })
}

/// `start.toml` without question 6 and with event 1's goals given twice and out of range.
fn with_broken_goals(dir: &std::path::Path) {
    without_question_6(dir);
    let start = fs::read_to_string(dir.join("start.toml")).unwrap();
    fs::write(
        dir.join("start.toml"),
        start.replace("sdgs = [2, 6, 13, 17]", "sdgs = [2, 6, 13, 13, 18]"),
    )
    .unwrap();
}

#[test]
fn menus_show_the_current_row_and_ticks_without_colour_and_esc_goes_back() {
    let dir = common::Scratch::new();
    with_broken_goals(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 100, 30);
    // The broken list: what was wrong is said, the valid goals are ticked.
    s.wait_for("Question 2 of 6 · Event 1 · Relevant SDGs");
    s.settle();
    let screen = s.contents();
    assert!(screen.contains("13 is given twice"), "{screen}");
    assert!(screen.contains("18 is not a goal"), "{screen}");
    assert!(screen.contains("❯ [ ]  1 No Poverty"), "{screen}");
    assert!(screen.contains("  [x]  2 Zero Hunger"), "{screen}");
    assert!(screen.contains("  [x] 13 Climate Action"), "{screen}");
    assert!(colourless(&mut s), "NO_COLOR: no colour anywhere");
    s.keys(DOWN);
    s.wait_for("❯ [x]  2 Zero Hunger");
    assert!(s.contents().contains("  [ ]  1 No Poverty"));
    // Typed goals replace the ticks.
    s.keys("10, 16 and 17");
    s.wait_for("ticked: 10, 16, 17");
    let screen = s.contents();
    assert!(screen.contains("[x] 16 Peace"), "{screen}");
    assert!(screen.contains("[ ]  2 Zero Hunger"), "{screen}");
    s.keys("\r");
    // Question 6; Esc goes back to question 5, whose records are shown in a menu.
    s.wait_for("Question 6 of 6 · Your answer:");
    s.keys(ESC);
    s.wait_for("Go on to the next question");
    s.settle();
    let screen = s.contents();
    assert!(screen.contains("❯ Go on to the next question"), "{screen}");
    assert!(colourless(&mut s), "NO_COLOR: no colour anywhere");
    s.keys("\r");
    s.wait_for("0 words · Ctrl-D finish");
    s.keys("More open data.");
    s.keys(CTRL_D);
    let response = saved_after_review(s, dir.path());
    assert_eq!(
        answer(&response, "events").as_array().unwrap()[0]["sdgs"],
        toml::Value::Array(vec![10.into(), 16.into(), 17.into()])
    );
    assert_eq!(
        answer(&response, "recommendations").as_str(),
        Some("More open data.")
    );
}

#[test]
fn a_typed_list_ticks_what_it_reads_and_enter_says_why_it_waits() {
    let dir = common::Scratch::new();
    with_broken_goals(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("Event 1 · Relevant SDGs");
    s.wait_for("type:");
    // Typed key by key, as a person types it.
    for c in "10, 13, 10, 16 and 17".chars() {
        s.keys(&c.to_string());
    }
    s.wait_for("type: 10, 13, 10, 16 and 17");
    s.wait_for("ticked: 10, 13, 16, 17");
    let screen = s.contents();
    assert!(screen.contains("! 10 is given twice"), "{screen}");
    assert!(
        screen.contains("[ ]  1 No Poverty"),
        "no stale tick: {screen}"
    );
    assert!(screen.contains("[ ]  2 Zero Hunger"), "{screen}");
    // Enter is refused, in words.
    s.keys("\r");
    s.wait_for("Enter waits until the list is right: 10 is given twice");
    assert!(s.contents().contains("Event 1 · Relevant SDGs"));
    // Cleared, the ticks the menu opened with come back; `all` ticks every goal.
    s.keys("\x15");
    s.wait_for("ticked: 2, 6, 13");
    s.keys("all");
    s.wait_for("ticked: all");
    assert!(
        s.contents().contains("[x] 17 Partnerships"),
        "{}",
        s.contents()
    );
    s.keys("\x15");
    s.keys("10, 13, 16 and 17\r");
    s.wait_for("Question 6 of 6 · Your answer:");
    let draft = interrupted_draft(s, dir.path());
    assert_eq!(
        answer(&draft, "events").as_array().unwrap()[0]["sdgs"],
        toml::Value::Array(vec![10.into(), 13.into(), 16.into(), 17.into()])
    );
}

#[test]
fn the_initiatives_menu_is_numbered_and_takes_names() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let start = fs::read_to_string(dir.path().join("start.toml")).unwrap();
    let at = start.find("[answers.high_impact]").unwrap();
    let end = start[at..].find("\n\n").map_or(start.len(), |e| at + e + 2);
    fs::write(
        dir.path().join("start.toml"),
        format!("{}{}", &start[..at], &start[end..]),
    )
    .unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("contributes to");
    s.wait_for("type:");
    let screen = s.contents();
    assert!(screen.contains("[ ]  1 Transforming Education"), "{screen}");
    s.keys("11");
    s.wait_for("ticked: 11");
    // Cleared and named: the names tick, nothing of the number stays.
    s.keys("\x15power, energy");
    s.wait_for("ticked: 3, 8");
    s.keys("\r");
    s.wait_for("How do you contribute?");
    s.keys("\x03");
    assert_eq!(s.exit_code(), 130);
}
