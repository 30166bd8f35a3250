//! Nothing lost, on the screen: a fill killed inside a record, SIGTERM while typing, `--answers`
//! saying why a field is asked, the resume command with every option, the save summary.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use rexpect::process::Signal;

use super::screen::Screen;
use super::{CTRL_D, answer, interrupted_draft, saved, without_question_6};
use crate::common;

/// Waits until the draft holds `text` (a save made by the program on its own, at a pause).
fn wait_for_draft(dir: &Path, text: &str) {
    let start = Instant::now();
    loop {
        let draft = fs::read_to_string(dir.join("response.draft.toml")).unwrap_or_default();
        if draft.contains(text) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the draft never held {text:?}:\n{draft}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn killed_inside_a_record_a_resume_asks_the_optional_field_and_offers_the_typed_text() {
    let dir = common::Scratch::new();
    let mut s = Screen::start(dir.path(), &[], 100, 30);
    s.wait_for("Entity (name and acronym");
    s.keys("Office for Testing (OFT)\r");
    s.wait_for("Question 1 of 6 · Your answer:");
    s.keys("\r");
    s.wait_for("Leave question 1 unanswered?");
    s.keys("\r");
    s.wait_for("Add an event?");
    s.keys("\r");
    s.wait_for("Event 1 · Event Name");
    s.keys("Forum One\r");
    s.wait_for("Event 1 · Event Dates");
    s.keys("2023-05-10\r");
    s.wait_for("Event 1 · Event Location");
    s.keys("Apia, Samoa\r");
    s.wait_for("type:");
    s.keys("13");
    s.wait_for("ticked: 13");
    s.keys("\r");
    s.wait_for("Event 1 · Description");
    s.wait_for("0 / 150 words");
    s.keys("Half a description, typed");
    s.wait_for("> Half a description, typed");
    // A pause in typing saves it; then the process dies without a word.
    wait_for_draft(dir.path(), "Half a description, typed");
    s.session.process_mut().kill(Signal::SIGKILL).unwrap();
    let draft = fs::read_to_string(dir.path().join("response.draft.toml")).unwrap();
    assert!(
        draft.contains("events = [[\"name\", \"dates\", \"location\", \"sdgs\"]]"),
        "{draft}"
    );

    let mut s = Screen::start(dir.path(), &[], 100, 30);
    // The offer says whose draft it is, how far it got and when it was saved.
    s.wait_for_words("A draft of the response of Office for Testing (OFT) is in response.draft.toml: 1 of 6 questions answered, saved ");
    s.wait_for("Resume where I stopped");
    s.keys("\r");
    s.wait_for("the text you were typing when the fill stopped is back (4 words)");
    // No error greets the field being typed: its text is back instead.
    assert!(!s.read_so_far().contains("error:"), "{}", s.contents());
    s.wait_for("> Half a description, typed");
    s.wait_for("4 / 150 words");
    s.keys(" and finished.");
    s.keys(CTRL_D);
    // The optional field of the record it stopped in is asked too.
    s.wait_for("Event 1 · Website");
    s.keys("https://example.org/forum\r");
    s.wait_for("Add another event?");
    let draft = interrupted_draft(s, dir.path());
    let event = &answer(&draft, "events").as_array().unwrap()[0];
    assert_eq!(
        event["description"].as_str(),
        Some("Half a description, typed and finished.")
    );
    assert_eq!(event["website"].as_str(), Some("https://example.org/forum"));
    assert!(draft["draft"].get("typed").is_none(), "{draft:?}");
}

#[test]
fn sigterm_while_typing_keeps_the_text_and_the_save_says_what_next() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("Question 6 of 6 · Your answer:");
    s.wait_for("0 words · Ctrl-D finish");
    s.keys("Typed just before the signal");
    s.wait_for("> Typed just before the signal");
    s.session.process_mut().signal(Signal::SIGTERM).unwrap();
    s.wait_for("resume with: qfill fill -o response.toml --answers start.toml");
    s.pump();
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let tail = &raw[raw.rfind("Typed just before").unwrap()..];
    assert!(
        tail.contains("\x1b[?2004l"),
        "the terminal is restored: {tail:?}"
    );
    assert_eq!(s.exit_code(), 130);
    let draft = saved(dir.path(), "response.draft.toml");
    assert_eq!(
        draft["draft"]["typed"]["text"].as_str(),
        Some("Typed just before the signal"),
        "{draft:?}"
    );

    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("Resume where I stopped");
    s.keys("\r");
    s.wait_for("the text you were typing when the fill stopped is back");
    s.wait_for("> Typed just before the signal");
    s.keys(CTRL_D);
    s.wait_for("Review your answers");
    s.keys("\r");
    s.wait_for("qfill export response.toml --to markdown");
    let screen = s.contents();
    assert!(
        screen.contains("saved response.toml: 0 errors, "),
        "{screen}"
    );
    assert!(
        screen.contains("every finding, any time: qfill validate response.toml"),
        "{screen}"
    );
    assert_eq!(s.exit_code(), 0);
    let response = saved(dir.path(), "response.toml");
    assert_eq!(
        answer(&response, "recommendations").as_str(),
        Some("Typed just before the signal")
    );
}

#[test]
fn answers_show_why_a_field_is_asked_and_its_current_value() {
    let dir = common::Scratch::new();
    let example = fs::read_to_string(common::repo("examples/response.toml")).unwrap();
    let long = (0..163)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let start = example.replacen(
        "description = \"\"\"\nConvened pursuant",
        &format!("description = \"{long}\"\nold = \"\"\"\nConvened pursuant"),
        1,
    );
    fs::write(dir.path().join("start.toml"), start).unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 120, 40);
    s.wait_for("Event 1 · Description: 163 words, the limit is 150 — shorten it by 13 words");
    s.wait_for("now: w0 w1 w2");
    s.wait_for("! 163 / 150 words — 13 over");
    // The editor holds the current text, to be shortened, or kept as it is with F2 at once.
    s.wait_for("F2 keep · Esc back");
    let screen = s.contents();
    assert!(screen.contains("w162"), "{screen}");
    s.keys("\x03");
    assert_eq!(s.exit_code(), 130);
}

#[test]
fn the_resume_hint_repeats_the_options_given() {
    let dir = common::Scratch::new();
    let mut s = Screen::start_on(
        dir.path(),
        &[
            "--plain",
            "-q",
            "hlpf-2024",
            "--draft",
            "my draft.toml",
            "-o",
            "out.json",
        ],
        100,
        30,
        "xterm-256color",
    );
    s.wait_for("Entity (name and acronym");
    s.keys("Office (O)\r");
    s.wait_for("> ");
    s.keys("\x03");
    s.wait_for(
        "resume with: qfill fill -o out.json --draft 'my draft.toml' --questionnaire hlpf-2024 --plain",
    );
    assert_eq!(s.exit_code(), 130);
    assert!(dir.path().join("my draft.toml").exists());
}

#[test]
fn a_failing_editor_is_one_line_and_the_text_stays() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start_binary(
        common::bin(),
        dir.path(),
        &["--answers", "start.toml"],
        (100, 30),
        "xterm-256color",
        &[("VISUAL", "false"), ("EDITOR", "/nonexistent/editor")],
    );
    s.wait_for("0 words · Ctrl-D finish");
    // VISUAL comes first: it runs, fails, and the text typed stays.
    s.keys("Kept.\x0f");
    s.wait_for("! could not open an editor: `false` (from $VISUAL) failed (exit status: 1)");
    s.wait_for("> Kept.");
    s.keys(CTRL_D);
    s.wait_for("Review your answers");
    s.keys("\x03");
    assert_eq!(s.exit_code(), 130);
}

#[test]
fn sigterm_at_a_menu_ends_at_once_with_the_resume_hint() {
    let dir = common::Scratch::new();
    fs::write(
        dir.path().join("response.draft.toml"),
        "questionnaire = \"hlpf-2024\"\nentity = \"Office (O)\"\n[draft]\nnext = \"events\"\n",
    )
    .unwrap();
    let mut s = Screen::start(dir.path(), &[], 80, 24);
    s.wait_for("Resume where I stopped");
    s.session.process_mut().signal(Signal::SIGTERM).unwrap();
    s.wait_for("resume with: qfill fill -o response.toml");
    let screen = s.contents();
    assert_eq!(s.exit_code(), 130, "{screen}");
}

#[test]
fn sighup_while_typing_saves_the_text_and_ends_without_a_word() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("0 words · Ctrl-D finish");
    // Fewer keys than a save point: only the signal handler can save them.
    s.keys("Closed");
    s.wait_for("> Closed");
    s.pump();
    s.session.process_mut().signal(Signal::SIGHUP).unwrap();
    let after = s.session.exp_eof().unwrap_or_default();
    assert_eq!(s.exit_code(), 130);
    let draft = saved(dir.path(), "response.draft.toml");
    assert_eq!(
        draft["draft"]["typed"]["text"].as_str(),
        Some("Closed"),
        "{draft:?}"
    );
    // The terminal is gone: nothing is written to it, nothing is waited for.
    assert!(!after.contains("resume with"), "{after:?}");
}

#[test]
fn killed_during_steady_typing_the_draft_holds_all_but_the_last_keys() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("0 words · Ctrl-D finish");
    let text = "Steady typing at eight keys a second, never a pause of a second, for sixteen seconds or so.";
    // A person typing steadily: one key every eighth of a second, never a pause.
    for c in text.chars() {
        s.keys(&c.to_string());
        std::thread::sleep(Duration::from_millis(125));
    }
    // Every key is on the screen, so the editor has read them all; then the process dies.
    s.wait_for("or so.");
    s.session.process_mut().kill(Signal::SIGKILL).unwrap();
    let draft = saved(dir.path(), "response.draft.toml");
    let kept = draft["draft"]["typed"]["text"].as_str().unwrap_or_default();
    assert!(text.starts_with(kept), "{kept:?}");
    assert!(
        kept.chars().count() + 12 >= text.chars().count(),
        "lost {} characters: {kept:?}",
        text.chars().count() - kept.chars().count()
    );
}

#[test]
fn ctrl_c_in_the_plain_mode_keeps_the_line_being_typed() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start_on(dir.path(), &["--answers", "start.toml"], 80, 24, "dumb");
    s.wait_for("Question 6 of 6");
    s.wait_for("> ");
    s.keys("First paragraph here.\n");
    s.wait_for("(3 words)");
    s.keys("Half a second paragraph\x03");
    s.wait_for("resume with: qfill fill -o response.toml --answers start.toml");
    assert_eq!(s.exit_code(), 130);
    let draft = saved(dir.path(), "response.draft.toml");
    assert_eq!(
        draft["draft"]["typed"]["text"].as_str(),
        Some("First paragraph here.\nHalf a second paragraph"),
        "{draft:?}"
    );
}
