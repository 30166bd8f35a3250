//! `qfill fill` driven through a real pseudo-terminal, in plain and rich mode.

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use rexpect::process::{Signal, WaitStatus};

use crate::common::{Scratch, command, on_threads, qfill, repo};
use crate::hostile::cases;
use crate::terminal::Terminal;

const TIMEOUT: Duration = Duration::from_secs(15);
const DOWN: &str = "\x1b[B";

/// A `qfill fill` process in a pseudo-terminal, in a scratch folder.
struct Fill {
    terminal: Terminal,
}

impl Fill {
    fn start(dir: &Path, args: &[&str], plain: bool) -> Fill {
        Fill::start_with_editor(dir, args, plain, None)
    }

    fn start_with_editor(dir: &Path, args: &[&str], plain: bool, editor: Option<&Path>) -> Fill {
        let mut command = command();
        command
            .arg("fill")
            .args(args)
            .current_dir(dir)
            .env("TERM", if plain { "dumb" } else { "xterm-256color" })
            .env_remove("VISUAL");
        match editor {
            Some(editor) => command.env("EDITOR", editor),
            None => command.env_remove("EDITOR"),
        };
        Fill {
            terminal: Terminal::start(command, TIMEOUT),
        }
    }

    /// Waits for `text` on the screen; returns what was shown before it.
    fn expect(&mut self, text: &str) -> String {
        self.terminal.expect(text)
    }

    /// Waits for `prompt`, then types `line` and Enter.
    fn answer(&mut self, prompt: &str, line: &str) {
        self.expect(prompt);
        self.terminal.send_line(line);
    }

    fn keys(&mut self, keys: &str) {
        self.terminal.send(keys);
    }

    fn exit_code(mut self) -> i32 {
        self.terminal.exit_code()
    }
}

fn words(n: usize) -> String {
    (0..n)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn validate(path: &Path) -> (i32, String) {
    let output = qfill()
        .args(["validate", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

fn plain_resource(f: &mut Fill, name: &str) {
    f.answer("Resource Name: ", name);
    f.answer("[none]: ", "11, 13");
    f.answer("Publishing entity/entities", "OFT, UNEP");
    f.answer("Target audience: ", "Planners");
    f.expect("Description (max 150 words)");
    f.answer("> ", "A handbook.");
    f.answer("> ", ".");
    f.answer("Language(s)", "English, fr");
    f.answer("Website (if applicable)", "");
}

#[test]
fn a_complete_fill_in_plain_mode_with_refused_answers() {
    let dir = Scratch::new();
    let mut f = Fill::start(dir.path(), &["--plain"], true);
    f.answer("Entity (name and acronym", "Office for Testing (OFT)");
    // Q1: too long first, refused, then corrected.
    f.expect("Question 1 of 6");
    f.text(801);
    f.expect("801 / 800 words");
    f.expect("1 over");
    // In the form's terms, with a hint in words.
    f.expect("error: Question 1: 801 words, the limit is 800");
    f.expect("shorten it by 1 word");
    f.text(250);
    f.expect("250 words");
    // Q2: one event, with a description over the limit refused first.
    f.answer("choose 1-3 [1]: ", "1");
    f.answer("Event Name: ", "Forum One");
    f.answer("Event Dates", "February 30 2023");
    f.expect("error: Event 1 ");
    f.expect(" Event Dates: ");
    f.answer("Event Dates", "30-31 March 2023");
    f.answer("Event Location", "Apia, Samoa");
    f.answer("[none]: ", "19");
    f.expect("19 is not a goal (they are 1 to 17)");
    f.answer("[none]: ", "13, 14");
    f.expect("Description (max 150 words)");
    f.text(151);
    f.expect("151 / 150 words");
    f.expect("error: Event 1 ");
    f.expect(" Description: 151 words, the limit is 150");
    f.text(150);
    f.answer("Website (if applicable)", "https://example.org/forum");
    f.answer("Add another event? [y/N]: ", "n");
    // Q3: three resources, then no fourth is offered.
    f.answer("choose 1-3 [1]: ", "1");
    plain_resource(&mut f, "Handbook A");
    f.answer("Add another resource? [y/N]: ", "y");
    plain_resource(&mut f, "Handbook B");
    f.answer("Add another resource? [y/N]: ", "y");
    plain_resource(&mut f, "Handbook C");
    f.expect("Question 3 allows at most 3 resources");
    // Q4: two initiatives and text.
    f.answer("[none]: ", "11, 8");
    f.expect("How do you contribute?");
    f.answer("> ", "We share tide-gauge data.");
    f.answer("> ", ".");
    // Q5: none to report; Q6: skipped.
    f.answer("choose 1-3 [1]: ", "2");
    f.expect("Question 6 of 6");
    f.answer("> ", "");
    f.answer("Leave question 6 unanswered? [Y/n]: ", "y");
    // Review, then save.
    f.expect("Review your answers");
    f.answer("choose 1-", "1");
    f.expect("saved response.toml");
    assert_eq!(f.exit_code(), 0);

    let out = dir.path().join("response.toml");
    let text = fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("entity = \"Office for Testing (OFT)\""),
        "{text}"
    );
    assert!(
        text.contains("dates = { start = \"2023-03-30\", end = \"2023-03-31\" }"),
        "{text}"
    );
    assert!(
        text.contains("initiatives = []"),
        "none is written as an empty list: {text}"
    );
    assert!(
        text.contains("initiatives = [\"Power of Data\", \"Early Warnings for All\"]"),
        "{text}"
    );
    assert!(text.contains("languages = [\"en\", \"fr\"]"), "{text}");
    assert!(
        !text.contains("recommendations"),
        "a skipped question is not written: {text}"
    );
    assert!(!text.contains("[draft]"), "{text}");
    assert!(
        !dir.path().join("response.draft.toml").exists(),
        "the draft is removed once saved"
    );
    let (code, report) = validate(&out);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("\"not-answered\""), "{report}");
}

#[test]
fn a_fill_killed_with_sigkill_resumes_with_every_confirmed_answer() {
    let dir = Scratch::new();
    let mut f = Fill::start(dir.path(), &["--plain", "-o", "out.json"], true);
    f.answer("Entity (name and acronym", "Office for Testing (OFT)");
    f.expect("Question 1 of 6");
    f.text(210);
    f.answer("choose 1-3 [1]: ", "1");
    f.answer("Event Name: ", "Forum One");
    f.answer("Event Dates", "2023-05-10");
    // Typed but not confirmed when the process dies: this one may be lost.
    f.expect("Event Location");
    f.keys("Apia, Sa");
    std::thread::sleep(std::time::Duration::from_millis(200));
    f.terminal.kill(Signal::SIGKILL);

    let draft = dir.path().join("out.draft.toml");
    let text = fs::read_to_string(&draft).unwrap();
    assert!(
        text.contains("entity = \"Office for Testing (OFT)\""),
        "{text}"
    );
    assert!(text.contains("name = \"Forum One\""), "{text}");
    assert!(text.contains("dates = \"2023-05-10\""), "{text}");
    assert!(text.contains("next = \"events\""), "{text}");
    // The draft is an ordinary answers file.
    let (code, report) = validate(&draft);
    assert_eq!(
        code, 1,
        "the unfinished event lacks required fields: {report}"
    );
    assert!(report.contains("\"draft\""), "{report}");

    let mut f = Fill::start(dir.path(), &["--plain", "-o", "out.json"], true);
    f.answer("choose 1-2 [1]: ", "1");
    f.expect("starting from out.draft.toml");
    // Only the missing fields of the event are asked, then the walk goes on.
    f.answer("Event Location", "Apia, Samoa");
    f.answer("[none]: ", "13");
    f.expect("Description");
    f.answer("> ", "A forum.");
    f.answer("> ", ".");
    // The optional field of the record it stopped in is asked too.
    f.answer("Website (if applicable)", "https://example.org/forum");
    f.answer("Add another event? [y/N]: ", "n");
    f.answer("choose 1-3 [1]: ", "2");
    f.answer("[none]: ", "");
    f.answer("> ", "");
    f.answer("Leave question 4 unanswered? [Y/n]: ", "y");
    f.answer("choose 1-3 [1]: ", "2");
    f.answer("> ", "Use more data.");
    f.answer("> ", ".");
    f.answer("choose 1-", "1");
    f.expect("saved out.json");
    assert_eq!(f.exit_code(), 0);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(json["entity"], "Office for Testing (OFT)");
    let q1 = json["answers"]["governing_body"].as_str().unwrap();
    assert_eq!(
        q1.replace('\n', " "),
        words(210),
        "typed lines are kept as lines"
    );
    assert_eq!(json["answers"]["events"][0]["name"], "Forum One");
    assert_eq!(json["answers"]["events"][0]["dates"], "2023-05-10");
    assert_eq!(
        json["answers"]["events"][0]["sdgs"],
        serde_json::json!([13])
    );
    assert_eq!(
        json["answers"]["events"][0]["website"],
        "https://example.org/forum"
    );
    assert_eq!(json["answers"]["resources"], serde_json::json!([]));
    assert!(json["answers"].get("high_impact").is_none());
}

#[test]
fn ctrl_c_saves_restores_the_terminal_and_resumes() {
    let dir = Scratch::new();
    let mut f = Fill::start(dir.path(), &[], false);
    f.answer("Entity", "Office for Testing (OFT)");
    f.expect("Question 1 of 6");
    f.text(220);
    // A menu is showing (cursor hidden) when Ctrl-C arrives.
    f.expect("No events to report");
    f.keys("\x03");
    let rest = f.expect("resume with: qfill fill -o response.toml");
    assert!(rest.contains("interrupted: every confirmed answer is saved in response.draft.toml"));
    let tail = f.terminal.rest();
    assert!(
        format!("{rest}{tail}").contains("\x1b[?25h"),
        "the cursor is shown again: {rest:?}{tail:?}"
    );
    match f.terminal.wait() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    let draft = fs::read_to_string(dir.path().join("response.draft.toml")).unwrap();
    assert!(
        draft.contains("word0 ") && draft.contains(" word219"),
        "{draft}"
    );

    // Resume in the rich mode: Enter picks "Resume", the walk starts at question 2.
    let mut f = Fill::start(dir.path(), &[], false);
    f.expect("Resume where I stopped");
    f.keys("\r");
    f.expect("Question 2 of 6");
    // "No events to report" is the second item.
    f.expect("Skip question 2");
    f.keys(&format!("{DOWN}\r"));
    f.expect("Question 3 of 6");
    f.expect("Skip question 3");
    f.keys(&format!("{DOWN}{DOWN}\r"));
    f.expect("Question 4 of 6");
    // Tick the first initiative with space, confirm with Enter.
    f.expect("SDG Stimulus");
    f.keys(" \r");
    f.expect("How do you contribute?");
    f.answer("> ", "Through schools.");
    f.answer("> ", ".");
    f.expect("Question 5 of 6");
    f.expect("Skip question 5");
    f.keys(&format!("{DOWN}\r"));
    f.expect("Question 6 of 6");
    f.answer("> ", "More data.");
    f.answer("> ", ".");
    f.expect("Review your answers");
    f.expect("Q6 Recommendations");
    f.keys("\r");
    f.expect("saved response.toml");
    assert_eq!(f.exit_code(), 0);
    let text = fs::read_to_string(dir.path().join("response.toml")).unwrap();
    assert!(
        text.contains("initiatives = [\"Transforming Education\"]"),
        "{text}"
    );
    assert!(
        !text.contains("resources"),
        "question 3 was skipped: {text}"
    );
    assert!(text.contains("events = []"), "{text}");
    let (code, report) = validate(&dir.path().join("response.toml"));
    assert_eq!(code, 0, "{report}");
}

#[test]
fn prefilled_answers_ask_only_what_is_missing_or_wrong() {
    let dir = Scratch::new();
    let example = fs::read_to_string(repo("examples/response.toml")).unwrap();
    // SDG 18 in the first event, Q6 left out.
    let start = dir.path().join("start.toml");
    let broken = example.replace("sdgs = [2, 6, 13, 17]", "sdgs = [2, 6, 13, 18]");
    let cut = broken.find("recommendations = \"\"\"").unwrap();
    let body = cut + "recommendations = \"\"\"".len();
    let end = broken[body..].find("\"\"\"\n").unwrap() + body + 4;
    let broken = format!("{}{}", &broken[..cut], &broken[end..]);
    fs::write(&start, &broken).unwrap();
    let (code, _) = validate(&start);
    assert_eq!(code, 1);

    let mut f = Fill::start(dir.path(), &["--plain", "--answers", "start.toml"], true);
    f.expect("starting from start.toml: 5 questions answered");
    // Straight to the broken field, with the rest of the record kept and its valid goals ticked.
    f.expect("18 is not a goal");
    let before = f.answer_and_capture("[2, 6, 13]: ", "2, 6, 13, 17");
    assert!(!before.contains("Entity"), "the entity is kept: {before}");
    assert!(
        !before.contains("Question 1 of 6"),
        "valid answers are not asked: {before}"
    );
    f.expect("Question 6 of 6");
    f.answer("> ", "Our recommendation.");
    f.answer("> ", ".");
    f.answer("choose 1-", "1");
    f.expect("saved response.toml");
    assert_eq!(f.exit_code(), 0);
    let text = fs::read_to_string(dir.path().join("response.toml")).unwrap();
    assert!(text.contains("sdgs = [2, 6, 13, 17]"), "{text}");
    assert!(
        text.contains("recommendations = \"Our recommendation.\""),
        "{text}"
    );
    assert!(text.contains("Regional Forum on Water Security"), "{text}");
}

impl Fill {
    /// At a numbered plain menu, picks the item that shows `item`.
    fn choose(&mut self, item: &str) {
        let menu = self.expect("choose 1-");
        let number = menu
            .lines()
            .find(|l| l.contains(item))
            .and_then(|l| l.trim().split(')').next())
            .unwrap_or_else(|| panic!("no `{item}` in {menu}"))
            .trim()
            .to_string();
        self.terminal.send_line(&number);
    }

    /// Answers a prompt and returns what was shown before it.
    fn answer_and_capture(&mut self, prompt: &str, line: &str) -> String {
        let before = self.expect(prompt);
        self.terminal.send_line(line);
        before
    }
}

#[test]
fn the_review_removes_a_fourth_resource() {
    let dir = Scratch::new();
    let example = fs::read_to_string(repo("examples/response.toml")).unwrap();
    // A fourth resource: a copy of the first under another name.
    let first = example.find("[[answers.resources]]").unwrap();
    let second = example[first + 1..].find("[[answers.resources]]").unwrap() + first + 1;
    let copy = example[first..second].replace("name = \"", "name = \"Copy of ");
    let four = format!("{}{}{}", &example[..second], copy, &example[second..]);
    fs::write(dir.path().join("start.toml"), &four).unwrap();

    let mut f = Fill::start(dir.path(), &["--plain", "--answers", "start.toml"], true);
    // The review, the error among its rows.
    f.expect("Review your answers: 1 error");
    f.expect("error: Question 3: 4 resources, at most 3 are allowed");
    // Items: 1 save, 2 entity, 3 Q1, 4 Q2, 5 Q3.
    f.answer("choose 1-", "5");
    f.choose("Remove resource 4");
    f.answer("? [y/N]: ", "y");
    f.choose("Back to the review");
    f.expect("Review your answers");
    f.answer("choose 1-", "1");
    f.expect("saved response.toml");
    assert_eq!(f.exit_code(), 0);
    let (code, report) = validate(&dir.path().join("response.toml"));
    assert_eq!(code, 0, "{report}");
}

#[test]
fn without_a_terminal_fill_refuses_at_once() {
    let dir = Scratch::new();
    let output = command()
        .arg("fill")
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("qfill validate"), "{stderr}");
    assert!(!dir.path().join("response.draft.toml").exists());
}

#[test]
fn an_existing_output_is_not_overwritten_without_force() {
    let dir = Scratch::new();
    fs::write(dir.path().join("response.toml"), "keep me").unwrap();
    let mut f = Fill::start(dir.path(), &["--plain"], true);
    f.expect("use `--force`");
    assert_eq!(f.exit_code(), 2);
    assert_eq!(
        fs::read_to_string(dir.path().join("response.toml")).unwrap(),
        "keep me"
    );
}

impl Fill {
    /// Types a text of `n` words at a `> ` prompt, 40 words a line (a terminal line has a
    /// length limit), and ends it with `.`.
    fn text(&mut self, n: usize) {
        let all = words(n);
        let all: Vec<&str> = all.split(' ').collect();
        for chunk in all.chunks(40) {
            self.answer("> ", &chunk.join(" "));
        }
        self.answer("> ", ".");
    }
}

/// Every file of the bad-input corpus given to `fill --answers`: a clean refusal for what does
/// not parse, a calm start (and Ctrl-C) for the rest; never a panic, never a raw escape. The
/// files run side by side: each fill mostly waits for its terminal.
#[test]
fn every_hostile_file_starts_a_fill_calmly_or_is_refused_with_exit_2() {
    on_threads(cases(), 8, |case| {
        let file = case.path();
        let dir = Scratch::new();
        let mut f = Fill::start(dir.path(), &["--plain", "--answers", &file], true);
        // `--answers` says first either where the fill starts from or why it cannot.
        let seen = f.terminal.first_line();
        assert!(!seen.contains("panicked"), "{file}: {seen}");
        assert!(!seen.contains('\u{1b}'), "{file}: a raw escape: {seen:?}");
        if seen.contains("cannot start from") {
            assert_eq!(f.exit_code(), 2, "{file}");
            return;
        }
        f.keys("\x03");
        let rest = f.terminal.rest();
        assert!(!rest.contains("panicked"), "{file}: {rest}");
        match f.terminal.wait() {
            WaitStatus::Exited(_, code) => assert_eq!(code, 130, "{file}: {seen}{rest}"),
            other => panic!("{file}: {other:?}"),
        }
    });
}

#[test]
fn not_answered_values_are_asked_and_an_unwritable_output_is_refused_at_once() {
    let dir = Scratch::new();
    let start = dir.path().join("start.toml");
    fs::write(
        &start,
        "questionnaire = \"hlpf-2024\"\nentity = \"Office X (OX)\"\n[answers]\ngoverning_body = \"N/A\"\nevents = []\nresources = []\nhigh_impact = \"Not at this time.\"\ninitiatives = []\nrecommendations = \"No response\"\n",
    )
    .unwrap();
    let mut f = Fill::start(dir.path(), &["--plain", "--answers", "start.toml"], true);
    f.expect("starting from start.toml: 4 questions answered");
    f.expect("Question 1 of 6");
    f.answer("> ", "");
    f.answer("Leave question 1 unanswered? [Y/n]: ", "y");
    f.expect("Question 6 of 6");
    f.answer("> ", "Share data.");
    f.answer("> ", ".");
    f.answer("choose 1-", "1");
    f.expect("saved response.toml");
    assert_eq!(f.exit_code(), 0);
    let text = fs::read_to_string(dir.path().join("response.toml")).unwrap();
    assert!(text.contains("recommendations = \"Share data.\""), "{text}");
    assert!(!text.contains("governing_body"), "skipped: {text}");

    fs::create_dir(dir.path().join("folder.toml")).unwrap();
    let mut f = Fill::start(
        dir.path(),
        &["--plain", "-o", "folder.toml", "--force"],
        true,
    );
    f.expect("cannot write `folder.toml`: is a folder");
    assert_eq!(f.exit_code(), 2);
}

/// `:e` hands the text to `$EDITOR` (here a script that writes 210 words) in both modes.
#[test]
fn a_long_text_can_be_written_in_the_editor() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new();
    let editor = dir.path().join("editor.sh");
    fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '%s' '{}' > \"$1\"\n", words(210)),
    )
    .unwrap();
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    for plain in [true, false] {
        let out = if plain { "plain.toml" } else { "rich.toml" };
        let mut args = vec!["-o", out];
        if plain {
            args.push("--plain");
        }
        let mut f = Fill::start_with_editor(dir.path(), &args, plain, Some(&editor));
        f.answer("Entity", "Office for Testing (OFT)");
        f.expect("Question 1 of 6");
        f.answer("> ", ":e");
        f.expect("210 words");
        f.expect("Question 2 of 6");
        f.keys("\x03");
        f.terminal.rest();
        let draft =
            fs::read_to_string(dir.path().join(out.replace(".toml", ".draft.toml"))).unwrap();
        assert!(
            draft.contains(&format!("governing_body = \"{}\"", words(210))),
            "{draft}"
        );
    }
}
