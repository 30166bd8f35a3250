//! `qfill fill`'s rich editor and menus through a real pseudo-terminal, checked on the SCREEN: the
//! output is rendered by a terminal emulator (vt100) and the tests compare what a person sees
//! with what is stored.

mod carried;
mod docx;
mod driver;
mod menus;
mod resume;
mod review;
mod screen;

use std::fs;
use std::path::Path;

use screen::Screen;

use crate::common;
const CTRL_D: &str = "\x04";
const ESC: &str = "\x1b";
const LEFT: &str = "\x1b[D";
const DOWN: &str = "\x1b[B";
const BACKSPACE: &str = "\x7f";

/// The example response without question 6, so that `--answers` goes straight to it.
fn without_question_6(dir: &Path) {
    let example = fs::read_to_string(common::repo("examples/response.toml")).unwrap();
    let cut = example.find("recommendations = \"\"\"").unwrap();
    let body = cut + "recommendations = \"\"\"".len();
    let end = example[body..].find("\"\"\"\n").unwrap() + body + 4;
    fs::write(
        dir.join("start.toml"),
        format!("{}{}", &example[..cut], &example[end..]),
    )
    .unwrap();
}

fn saved(dir: &Path, file: &str) -> toml::Table {
    toml::from_str(&fs::read_to_string(dir.join(file)).unwrap()).unwrap()
}

/// Enter on the review, the exit code it gives, and the response it saves in `dir`.
fn saved_after_review(mut s: Screen, dir: &Path) -> toml::Table {
    s.wait_for("Review your answers");
    s.keys("\r");
    s.wait_for("saved response.toml");
    assert_eq!(s.exit_code(), 0);
    saved(dir, "response.toml")
}

/// Ctrl-C, the exit code it gives, and the draft it leaves in `dir`.
fn interrupted_draft(mut s: Screen, dir: &Path) -> toml::Table {
    s.keys("\x03");
    assert_eq!(s.exit_code(), 130);
    saved(dir, "response.draft.toml")
}

fn answer<'a>(table: &'a toml::Table, key: &str) -> &'a toml::Value {
    &table["answers"][key]
}

/// Five paragraphs of 400 words, separated by two blank lines.
fn long_text() -> String {
    (0..5)
        .map(|p| {
            (0..400)
                .map(|i| format!("p{p}w{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n\n")
}

#[test]
fn a_pasted_text_with_double_blank_lines_is_stored_whole() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 100, 30);
    s.wait_for("Question 6 of 6 · Your answer:");
    s.wait_for("0 words · Ctrl-D finish · Esc back · F1 help");
    let text = long_text();
    s.paste(&text);
    s.wait_for("2000 words · Ctrl-D finish");
    // The editor scrolls within the screen and says where it is.
    let screen = s.contents();
    assert!(screen.contains("p4w399"), "{screen}");
    assert!(screen.contains(" of "), "a scroll position: {screen}");
    assert_eq!(s.rows().len(), 30);
    s.keys(CTRL_D);
    // The next prompt is the review, with nothing chosen in it by the paste.
    s.wait_for("Review your answers");
    s.settle();
    let screen = s.contents();
    assert!(screen.contains("❯ Save the response"), "{screen}");
    assert!(screen.contains("2000 words"), "{screen}");
    s.keys("\r");
    s.wait_for("saved response.toml");
    assert_eq!(s.exit_code(), 0);
    let response = saved(dir.path(), "response.toml");
    assert_eq!(answer(&response, "recommendations").as_str(), Some(&*text));
}

#[test]
fn the_rest_of_a_paste_never_answers_a_confirmation() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("0 words · Ctrl-D finish");
    // Enter on an empty text asks whether to leave the question; the "n" that came with it
    // must not answer that.
    s.keys("\rn\r");
    s.wait_for("Leave question 6 unanswered?");
    s.settle();
    assert!(
        !s.contents().contains("Review your answers"),
        "{}",
        s.contents()
    );
    s.keys("y\r");
    let response = saved_after_review(s, dir.path());
    assert!(
        response["answers"].get("recommendations").is_none(),
        "{response:?}"
    );
}

#[test]
fn cjk_and_combining_marks_are_edited_by_screen_cell() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 40, 20);
    s.wait_for("0 words");
    s.keys("漢字のテキスト");
    s.wait_for("> 漢字のテキスト");
    let (row, col) = s.cursor();
    assert_eq!(col, 2 + 14, "seven wide characters and the gutter");
    s.keys(&LEFT.repeat(3));
    s.keys("X");
    s.wait_for("> 漢字のテXキスト");
    assert_eq!(s.cursor(), (row, 2 + 8 + 1));
    s.keys(BACKSPACE);
    s.wait_for("> 漢字のテキスト");
    // A combining accent takes no cell; `é` is one step for the cursor.
    s.keys("\u{1b}[F e\u{301}");
    s.wait_for("キスト e\u{301}");
    assert_eq!(s.cursor(), (row, 2 + 14 + 2));
    s.keys(LEFT);
    s.keys(BACKSPACE);
    s.wait_for("キストe\u{301}");
    // 20 more wide characters wrap at the width: 37 cells hold 18 of them.
    s.keys("\u{1b}[F");
    s.keys(&"字".repeat(20));
    s.wait_for(&format!("\n  {}", "字".repeat(9)));
    let rows = s.rows();
    let first = rows.iter().position(|r| r.starts_with("> 漢字")).unwrap();
    assert!(rows[first + 1].starts_with("  字"), "{rows:#?}");
    for r in &rows[first..] {
        assert!(unicode_cells(r) <= 39, "{r:?} is wider than the screen");
    }
    s.keys(CTRL_D);
    s.wait_for("❯ Save the response");
    s.keys("\r");
    s.wait_for("saved response.toml");
    assert_eq!(s.exit_code(), 0);
    let response = saved(dir.path(), "response.toml");
    assert_eq!(
        answer(&response, "recommendations").as_str(),
        Some(format!("漢字のテキストe\u{301}{}", "字".repeat(20)).as_str())
    );
}

/// Cells a row takes.
fn unicode_cells(row: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(row)
}

#[test]
fn after_a_resize_the_text_is_wrapped_to_the_new_width() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("0 words");
    let typed: Vec<String> = (0..40).map(|i| format!("word{i}")).collect();
    s.keys(&typed.join(" "));
    s.wait_for("word39");
    for (cols, rows) in [(30, 20), (60, 12), (100, 30)] {
        s.resize(cols, rows);
        // The redraw comes when the program has handled SIGWINCH: wait for a layout that is
        // this width's (a stale one of another width also gives the text back).
        let started = std::time::Instant::now();
        let (screen, start, shown) = loop {
            let screen = s.rows();
            if let Some((start, shown)) = wrapped_at(&screen, &typed, cols as usize) {
                break (screen, start, shown);
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "at {cols}×{rows}: {screen:#?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        s.settle();
        let (row, col) = s.cursor();
        assert_eq!(row as usize, start + shown.len() - 1, "{screen:#?}");
        assert_eq!(col as usize, 2 + shown.last().unwrap().chars().count());
    }
    s.keys(CTRL_D);
    let response = saved_after_review(s, dir.path());
    assert_eq!(
        answer(&response, "recommendations").as_str(),
        Some(&*typed.join(" "))
    );
}

/// The editor's rows on `screen`, if they hold `words` wrapped greedily at `cols` (as wide as
/// they can be, none past the edge): the first row and the rows' texts without the gutter.
fn wrapped_at(screen: &[String], words: &[String], cols: usize) -> Option<(usize, Vec<String>)> {
    let start = screen.iter().position(|r| r.starts_with("> word0"))?;
    let shown: Vec<String> = screen[start..]
        .iter()
        .take_while(|r| r.starts_with("> ") || r.starts_with("  "))
        .map(|r| r[2..].to_string())
        .collect();
    if shown.join(" ") != words.join(" ") {
        return None;
    }
    let width = cols - 3;
    let mut next = 0;
    for (i, row) in shown.iter().enumerate() {
        next += row.split(' ').count();
        let fits_more = words
            .get(next)
            .is_some_and(|w| row.len() + 1 + w.len() <= width);
        if row.len() > width || (i + 1 < shown.len() && fits_more) {
            return None;
        }
    }
    Some((start, shown))
}

/// Waits for `text` on the screen, broken over rows or not, and checks that nothing shown is cut.
fn whole(s: &mut Screen, text: &str) {
    s.wait_for_words(text);
    s.settle();
    let screen = s.contents();
    assert!(!screen.contains('…'), "something is cut:\n{screen}");
    let (_, cols) = s.parser.screen().size();
    for row in screen.lines() {
        assert!(unicode_cells(row) < usize::from(cols.get()), "{row:?}");
    }
}

#[test]
fn nothing_is_cut_at_80_or_60_columns() {
    for cols in [80, 60] {
        let dir = common::Scratch::new();
        let mut s = Screen::start(dir.path(), &[], cols, 24);
        whole(
            &mut s,
            "Entity (name and acronym, e.g. \"International Organization for Migration (IOM)\")",
        );
        s.keys("Office for Testing (OFT)\r");
        whole(&mut s, "Question 1 of 6 · Your answer:");
        s.keys("\r");
        whole(&mut s, "Leave question 1 unanswered? (y/n) › yes");
        s.keys("\r");
        whole(&mut s, "Add an event?");
        s.keys("\r");
        whole(&mut s, "Question 2 of 6 · Event 1 · Event Name");
        s.keys("Forum\r");
        whole(
            &mut s,
            "Event 1 · Event Dates (e.g. 2023-03-30, or 30-31 March 2023)",
        );
        s.keys("2024-05-10\r");
        whole(
            &mut s,
            "Event 1 · Event Location (City, Country) (several separated by `;`)",
        );
        s.keys("Apia, Samoa\r");
        whole(
            &mut s,
            "Type goal numbers or names like `10, 16 and 17`, `all` or `none`, or move with ↑↓ and tick with Space · Enter confirms · Esc back",
        );
        s.keys("13\r");
        whole(
            &mut s,
            "Event 1 · Description (max 150 words): please include a short summary of the event's mandate and contributions to the SDGs, including its main outcome(s)",
        );
        whole(&mut s, "0 / 150 words · Ctrl-D finish · Esc back · F1 help");
        s.keys("A forum.\x04");
        whole(
            &mut s,
            "Event 1 · Website (if applicable) (an https:// address; Enter for none)",
        );
        s.keys("\r");
        whole(&mut s, "Add another event? (y/n) › no");
        s.keys("\r");
        whole(&mut s, "Skip question 3 (leave it unanswered)");
        s.keys(&format!("{DOWN}{DOWN}\r"));
        whole(
            &mut s,
            "Global Accelerator on Jobs and Social Protection for Just Transitions",
        );
        s.keys("8\r");
        whole(&mut s, "How do you contribute? (optional)");
        s.keys("\r");
        whole(&mut s, "Add an initiative?");
        s.keys("\r");
        whole(&mut s, "Initiative 1 · Initiative/Partnership Name");
        s.keys("Partnership\r");
        whole(
            &mut s,
            "Initiative 1 · Partners (please list all partners) (separated by commas, or `all`)",
        );
        s.keys("all\r");
        s.wait_for("type:");
        s.keys("13\r");
        whole(
            &mut s,
            "Initiative 1 · Member States benefiting from it (separated by commas, or `all`)",
        );
        // Tab on a start that several names share lists them.
        s.keys("Kenya, Gui\t");
        whole(
            &mut s,
            "! it may be Guinea, Guinea-Bissau: type more, then Tab",
        );
        s.keys("\x15Kenya, Moldov\r");
        // The confirmation names in full what it will take.
        whole(
            &mut s,
            "`Moldov`: did you mean Republic of Moldova? (y/n) › yes",
        );
        s.keys("\x03");
        assert_eq!(s.exit_code(), 130, "at {cols} columns");
    }
}

/// Outside the editor too: a finding at the prompt and the lines of the save break between
/// words at 60 columns, never inside one.
#[test]
fn findings_and_the_save_break_between_words_at_60_columns() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let start = fs::read_to_string(dir.path().join("start.toml")).unwrap();
    let at = start.find("governing_body = \"\"\"").unwrap();
    let end = start[at + 20..].find("\"\"\"\n").unwrap() + at + 24;
    fs::write(
        dir.path().join("start.toml"),
        format!("{}{}", &start[..at], &start[end..]),
    )
    .unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 60, 24);
    whole(&mut s, "Question 1 of 6 · Your answer:");
    s.keys("The Assembly adopted a new strategy in 2023.");
    s.keys(CTRL_D);
    whole(
        &mut s,
        "warning: Question 1: 8 words, at least 200 are expected — add 192 words or more",
    );
    s.settle();
    s.keys("\r");
    whole(&mut s, "Question 6 of 6 · Your answer:");
    s.keys("Share the data.");
    s.keys(CTRL_D);
    whole(&mut s, "Review your answers");
    s.keys("\r");
    whole(
        &mut s,
        "every finding, any time: qfill validate response.toml",
    );
    whole(
        &mut s,
        "a document to read or share: qfill export response.toml --to markdown",
    );
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn the_plain_mode_keeps_pastes_whole_and_has_back_and_help() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start_on(dir.path(), &["--answers", "start.toml"], 100, 30, "dumb");
    s.wait_for("Question 6 of 6");
    s.wait_for("> ");
    s.keys(":help\n");
    s.wait_for("only a line with only `.` ends it");
    s.keys(":back\n");
    // Question 5's records, numbered; going on comes back to question 6.
    s.wait_for("choose 1-");
    let screen = s.contents();
    let number = screen
        .lines()
        .find(|l| l.contains("Go on to the next question"))
        .and_then(|l| l.trim().split(')').next())
        .unwrap_or_else(|| panic!("{screen}"))
        .to_string();
    s.keys(&format!("{number}\n"));
    s.wait_for("Question 6 of 6");
    // Lines as a paste brings them, blank lines included: only `.` ends the text.
    let text = "First paragraph here.\n\n\nSecond one, after two blank lines.\n\n\nThird.";
    s.keys(&format!("{text}\n"));
    s.wait_for("(9 words)");
    s.keys(".\n");
    s.wait_for("Review your answers");
    s.wait_for("choose 1-");
    s.keys("1\n");
    s.wait_for("saved response.toml");
    s.pump();
    assert!(!s.raw.contains(&0x1b), "no escape in the plain mode");
    assert_eq!(s.exit_code(), 0);
    let response = saved(dir.path(), "response.toml");
    assert_eq!(answer(&response, "recommendations").as_str(), Some(text));
}

/// The fixture filled from scratch, as a focal point would; the counts go to the test's output.
#[test]
fn filling_the_fixture_from_scratch() {
    let binary = std::env::var_os("QFILL_BIN")
        .map_or_else(|| common::bin().to_path_buf(), std::path::PathBuf::from);
    let fixture: toml::Table =
        toml::from_str(&fs::read_to_string(common::repo("tests/data/focal-point.toml")).unwrap())
            .unwrap();
    for size in [(120, 40), (80, 24)] {
        let (counts, saved) = driver::fill_fixture(&binary, size);
        println!("{} at {}×{}: {counts}", binary.display(), size.0, size.1);
        assert_eq!(saved["entity"], fixture["entity"]);
        assert_eq!(saved["answers"], fixture["answers"]);
    }
}

/// The fixture migrated to hlpf-2026, then filled; the counts go to the test's output.
#[test]
fn filling_the_fixture_migrated_to_2026() {
    let (counts, saved) = driver::migrate_then_fill(common::bin(), (80, 24));
    println!("migrate to hlpf-2026, then fill at 80×24: {counts}");
    assert!(
        saved.get("draft").is_none(),
        "every carried answer looked at: {saved:?}"
    );
    assert_eq!(saved["answers"]["events"].as_array().unwrap().len(), 2);
    assert_eq!(saved["notes"].as_array().unwrap().len(), 4);
    assert!(saved["answers"]["coordination"].as_str().is_some());
}

#[test]
fn a_long_list_of_countries_with_completion_shows_what_is_stored() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let start = fs::read_to_string(dir.path().join("start.toml")).unwrap();
    let start = start.replace(
        "member_states = [\"Kenya\", \"Uganda\", \"United Republic of Tanzania\", \"Rwanda\", \"Burundi\"]\n",
        "",
    );
    fs::write(dir.path().join("start.toml"), start).unwrap();
    let fixture: toml::Table =
        toml::from_str(&fs::read_to_string(common::repo("tests/data/focal-point.toml")).unwrap())
            .unwrap();
    let states: Vec<&str> = answer(&fixture, "initiatives").as_array().unwrap()[2]["member_states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    // The prompt itself, not the heading above it: keys typed before it shows are dropped.
    s.wait_for("Tab completes a name");
    let typed = states[..29].join(", ");
    s.keys(&format!("{typed}, Trinidad and Tob"));
    s.keys("\t");
    s.wait_for("Tobago");
    s.settle();
    // What the screen shows of the answer is the whole list, once.
    let screen = s.contents();
    let shown: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    let want = states.join(", ");
    assert_eq!(shown.matches("Antigua and Barbuda").count(), 1, "{screen}");
    assert!(shown.contains(&want), "{screen}");
    s.keys("\r");
    s.wait_for("Question 6 of 6");
    s.keys("\x03");
    let _ = s.exit_code();
    let draft = saved(dir.path(), "response.draft.toml");
    let stored: Vec<&str> = answer(&draft, "initiatives").as_array().unwrap()[1]["member_states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(stored, states);
}

#[test]
fn a_missing_editor_is_one_line_and_the_question_stays() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start_binary(
        common::bin(),
        dir.path(),
        &["--answers", "start.toml"],
        (80, 24),
        "xterm-256color",
        &[("EDITOR", "/nonexistent/editor")],
    );
    s.wait_for("0 words · Ctrl-D finish");
    s.keys(":e\r");
    s.wait_for("could not open an editor");
    s.wait_for("0 words · Ctrl-D finish");
    // Ctrl-O in the editor: the same line, in the footer, and the text stays.
    s.keys("Typed before.\x0f");
    s.wait_for("! could not open an editor");
    s.keys(CTRL_D);
    s.wait_for("Review your answers");
    let draft = interrupted_draft(s, dir.path());
    assert_eq!(
        answer(&draft, "recommendations").as_str(),
        Some("Typed before.")
    );
}

#[test]
fn a_refused_text_comes_back_in_the_editor_and_ctrl_c_restores_the_terminal() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let start = fs::read_to_string(dir.path().join("start.toml")).unwrap();
    // The first resource loses its description: the walk asks for it.
    let first = start.find("[[answers.resources]]").unwrap();
    let at = start[first..].find("description = \"\"\"").unwrap() + first;
    let end = start[at + 20..].find("\"\"\"\n").unwrap() + at + 24;
    fs::write(
        dir.path().join("start.toml"),
        format!("{}{}", &start[..at], &start[end..]),
    )
    .unwrap();
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("Question 3 of 6 · Resource 1 · Description");
    let words: Vec<String> = (0..151).map(|i| format!("w{i}")).collect();
    s.paste(&words.join(" "));
    s.wait_for("! 151 / 150 words — 1 over");
    s.keys(CTRL_D);
    s.wait_for_words(
        "error: Resource 1 · Description: 151 words, the limit is 150 — shorten it by 1 word",
    );
    // Back in the editor with the text: one word less is enough.
    s.wait_for("! 151 / 150 words — 1 over · Ctrl-D finish");
    s.wait_for("it has an error: correct it, or F2 keeps it as it is for now");
    s.keys("\x17");
    s.wait_for("150 / 150 words · Ctrl-D finish");
    s.keys(CTRL_D);
    s.wait_for("Question 6 of 6 · Your answer:");
    s.wait_for("0 words · Ctrl-D finish");
    s.keys("Half typed");
    s.wait_for("> Half typed");
    s.keys("\x03");
    s.wait_for("resume with: qfill fill -o response.toml");
    s.pump();
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let tail = &raw[raw.rfind("Half typed").unwrap()..];
    assert!(
        tail.contains("\x1b[?2004l"),
        "bracketed paste is off again: {tail:?}"
    );
    assert!(tail.contains("\x1b[?25h"), "the cursor is shown: {tail:?}");
    assert_eq!(s.exit_code(), 130);
    let draft = saved(dir.path(), "response.draft.toml");
    let description = answer(&draft, "resources").as_array().unwrap()[0]["description"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(description, words[..150].join(" "));
    // What was being typed when Ctrl-C came is kept, to be offered back.
    assert_eq!(
        draft["draft"]["typed"]["text"].as_str(),
        Some("Half typed"),
        "{draft:?}"
    );
}

#[test]
fn f2_keeps_a_refused_text_for_now() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("0 words · Ctrl-D finish");
    // Question 6 has no limit: Esc back to question 5, whose first initiative is edited.
    s.keys(ESC);
    s.wait_for("❯ Go on to the next question");
    s.keys(&format!("{}\r", DOWN.repeat(3)));
    s.wait_for("Question 5 of 6 · Initiative 1 · Initiative/Partnership Name");
    for field in ["Partners (", "Relevant SDGs", "Member States"] {
        s.keys("\r");
        s.wait_for(&format!("Initiative 1 · {field}"));
    }
    s.keys("\r");
    s.wait_for("Initiative 1 · Description");
    let words: Vec<String> = (0..160).map(|i| format!("w{i}")).collect();
    // Added to the description already there: well over 150 words.
    s.paste(&words.join(" "));
    s.keys(CTRL_D);
    s.wait_for("it has an error: correct it, or F2 keeps it as it is for now");
    s.keys("\x1bOQ");
    s.wait_for("kept as it is for now");
    // Keys typed before a prompt is shown are dropped (so a paste cannot answer it): wait.
    s.wait_for("Initiative 1 · Website");
    s.keys("\r");
    s.wait_for("Go on to the next question");
    let draft = interrupted_draft(s, dir.path());
    let kept = answer(&draft, "initiatives").as_array().unwrap()[0]["description"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(kept.contains(&words.join(" ")), "{kept}");
    assert!(kept.starts_with("The Partnership helps"), "{kept}");
}

#[test]
fn a_paste_right_after_a_key_lands_whole() {
    let dir = common::Scratch::new();
    without_question_6(dir.path());
    let mut s = Screen::start(dir.path(), &["--answers", "start.toml"], 80, 24);
    s.wait_for("0 words · Ctrl-D finish");
    s.keys("abc");
    s.wait_for("> abc");
    let words: Vec<String> = (0..150).map(|i| format!("word{i}")).collect();
    s.keys("\x18");
    s.paste(&words.join(" "));
    s.keys(CTRL_D);
    s.wait_for("Review your answers");
    let draft = interrupted_draft(s, dir.path());
    assert_eq!(
        answer(&draft, "recommendations").as_str(),
        Some(&*words.join(" "))
    );
}
