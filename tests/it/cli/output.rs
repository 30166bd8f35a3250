//! Where output goes, for every command: when the reader of standard output goes away (`qfill
//! validate dir | head -1`), qfill stops quietly with the exit code of the work done so far; any
//! other failure to write is still an error that names where the output was going. Real pipes.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{Scratch, command, repo};

/// The built binary in `dir`, reading nothing.
fn qfill(dir: &Path) -> Command {
    let mut cmd = command();
    cmd.current_dir(dir).stdin(Stdio::null());
    cmd
}

/// Runs with a standard output whose reader is gone before qfill starts: every write to it fails.
fn with_closed_stdout(mut cmd: Command) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd.stdout(writer).stderr(Stdio::piped()).output().unwrap()
}

/// Reads the first line of standard output and closes it, as `head -1` does; returns the line
/// and how the run ended.
fn first_line_then_close(mut cmd: Command) -> (String, Output) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The reader is dropped here: the rest of the report has nowhere to go.
    (line, child.wait_with_output().unwrap())
}

fn example() -> String {
    fs::read_to_string(repo("examples/response.toml")).unwrap()
}

/// A folder of `n` answers files: valid ones, or each with one error (an SDG out of range).
fn folder(n: usize, with_error: bool) -> Scratch {
    let dir = Scratch::new();
    let mut text = example();
    if with_error {
        text = text.replace("sdgs = [2, 6, 13, 17]", "sdgs = [2, 6, 13, 18]");
        assert!(text.contains("18]"), "the example changed");
    }
    for i in 0..n {
        fs::write(dir.path().join(format!("response-{i:04}.toml")), &text).unwrap();
    }
    dir
}

fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("exited, not killed by a signal")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What a pipe holds before its writer has to wait: 64 KiB on Linux, less elsewhere.
const PIPE_CAPACITY: usize = 64 * 1024;

/// A folder of `n` copies of the example with a finding in each of its seven SDG lists: a goal
/// out of range (an error each) or the list written as text (a warning each: still valid).
fn folder_of_findings(n: usize, with_error: bool) -> Scratch {
    let mut text = String::new();
    let mut rest = example();
    while let Some(at) = rest.find("sdgs = [") {
        let end = at + rest[at..].find(']').unwrap();
        let goals = &rest[at + "sdgs = [".len()..end];
        text.push_str(&rest[..at]);
        text.push_str(&if with_error {
            format!("sdgs = [{goals}, 18]")
        } else {
            format!("sdgs = \"{goals}\"")
        });
        rest = rest[end + 1..].to_string();
    }
    text.push_str(&rest);
    assert_eq!(text.matches("sdgs = ").count(), 7, "the example changed");
    let dir = Scratch::new();
    for i in 0..n {
        dir.file(&format!("response-{i:04}.toml"), &text);
    }
    dir
}

/// One file's share of what `validate ARGS` prints for the folder: what a second file adds.
fn one_files_output(dir: &Path, args: &[&str]) -> usize {
    let printed = |files: &[&str]| {
        let output = qfill(dir)
            .arg("validate")
            .args(args)
            .args(files)
            .output()
            .unwrap();
        output.stdout.len()
    };
    let one = printed(&["response-0000.toml"]);
    printed(&["response-0000.toml", "response-0001.toml"]) - one
}

#[test]
fn validate_of_a_folder_piped_into_head_stops_quietly_with_the_files_exit_code() {
    // Each file's findings and its row in the table: far more than a pipe holds, so the writes
    // after the first line meet a closed pipe.
    let files = 200;
    let dir = folder_of_findings(files, true);
    assert!(files * one_files_output(dir.path(), &[]) > 2 * PIPE_CAPACITY);
    let mut cmd = qfill(dir.path());
    cmd.args(["validate", "--jobs", "2", "."]);
    let (line, output) = first_line_then_close(cmd);
    assert!(line.starts_with("error[sdg-range]: "), "{line}");
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 1);

    let dir = folder_of_findings(files, false);
    let json = ["--format", "json"];
    assert!(files * one_files_output(dir.path(), &json) > 2 * PIPE_CAPACITY);
    let mut cmd = qfill(dir.path());
    cmd.args(["validate", "--jobs", "2"]).args(json).arg(".");
    let (line, output) = first_line_then_close(cmd);
    assert_eq!(line.trim(), "{");
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 0, "never 2 for a closed pipe alone");
}

#[test]
fn validate_with_stdout_closed_exits_as_its_files_warrant_in_every_format() {
    let invalid = folder(30, true);
    let valid = folder(30, false);
    for format in ["human", "json", "junit", "sarif", "github"] {
        for (dir, want) in [(&invalid, 1), (&valid, 0)] {
            let mut cmd = qfill(dir.path());
            cmd.args(["validate", "--format", format, "."]);
            let output = with_closed_stdout(cmd);
            assert_eq!(stderr(&output), "", "{format}");
            assert_eq!(code(&output), want, "{format}");
        }
    }
    // An unreadable input warrants 2 on its own, closed pipe or not.
    let mut cmd = qfill(valid.path());
    cmd.args(["validate", ".", "missing.toml"]);
    let output = with_closed_stdout(cmd);
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 2);
}

#[test]
fn export_import_show_schema_and_fmt_stop_quietly_when_stdout_closes() {
    let dir = folder(1, false);
    let file = "response-0000.toml";
    let broken = "broken.toml";
    fs::write(
        dir.path().join(broken),
        example().replace("sdgs = [2, 6, 13, 17]", "sdgs = [2, 6, 13, 18]"),
    )
    .unwrap();
    let legacy = repo("tests/data/legacy-example.txt");
    let legacy = legacy.to_str().unwrap();
    let cases: &[(&[&str], i32)] = &[
        (&["export", file], 0),
        (&["export", "--to", "markdown", file], 0),
        (&["export", "--to", "json", file], 0),
        (&["show"], 0),
        (&["schema"], 0),
    ];
    for (args, want) in cases {
        let mut cmd = qfill(dir.path());
        cmd.args(*args);
        let output = with_closed_stdout(cmd);
        assert_eq!(stderr(&output), "", "{args:?}");
        assert_eq!(code(&output), *want, "{args:?}");
    }
    // Findings still go to stderr, and the exit code is the file's.
    let mut cmd = qfill(dir.path());
    cmd.args(["export", broken]);
    let output = with_closed_stdout(cmd);
    assert!(
        stderr(&output).starts_with("error[sdg-range]: broken.toml:"),
        "{}",
        stderr(&output)
    );
    assert_eq!(code(&output), 1);
    let mut cmd = qfill(dir.path());
    cmd.args(["import", legacy]);
    let output = with_closed_stdout(cmd);
    assert!(
        stderr(&output).contains("error[sdg-range]"),
        "{}",
        stderr(&output)
    );
    assert!(
        !stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    assert_eq!(code(&output), 1);

    // `fmt --check` says which files would change on stdout.
    fs::write(dir.path().join("messy.toml"), "entity =   \"E\"\n").unwrap();
    let mut cmd = qfill(dir.path());
    cmd.args(["fmt", "--check", "messy.toml"]);
    let output = with_closed_stdout(cmd);
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("messy.toml")).unwrap(),
        "entity =   \"E\"\n"
    );
}

#[test]
fn show_piped_into_head_stops_quietly() {
    let dir = Scratch::new();
    let mut cmd = qfill(dir.path());
    cmd.arg("show");
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 0);
}

/// Only a closed pipe is quiet: a full disk on stdout is an error that says where it was writing.
#[cfg(target_os = "linux")]
#[test]
fn any_other_failure_to_write_stdout_is_an_error_naming_standard_output() {
    let dir = folder(1, true);
    let mut cmd = qfill(dir.path());
    cmd.args(["validate", "."]).stdout(
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    );
    let output = cmd.stderr(Stdio::piped()).output().unwrap();
    assert_eq!(
        stderr(&output),
        "error: cannot write `standard output`: no space left on device\n"
    );
    assert_eq!(code(&output), 2);
}

/// A file that cannot be written is named, with its cause; standard output is not blamed.
#[test]
fn a_failed_write_names_the_file() {
    let dir = folder(1, false);
    let out = dir.path().join("no-such-folder").join("out.toml");
    let mut cmd = qfill(dir.path());
    cmd.args(["export", "response-0000.toml", "-o"]).arg(&out);
    let output = cmd.stderr(Stdio::piped()).output().unwrap();
    assert_eq!(
        stderr(&output),
        format!(
            "error: cannot write `{}`: no such file or folder\n",
            out.display()
        )
    );
    assert_eq!(code(&output), 2);
}

/// `-o -` is standard output for every command that writes one output, and a reader that goes
/// away ends each quietly with the exit code its work warrants.
#[test]
fn every_one_output_command_writes_to_stdout_with_a_dash_and_stops_quietly_when_it_closes() {
    let dir = folder(2, false);
    let file = "response-0000.toml";
    let legacy = repo("tests/data/legacy-example.txt");
    let legacy = legacy.to_str().unwrap();
    let form = dir.file("form.txt", "1. What did you do?\n");
    let cases: &[(&[&str], &str, i32)] = &[
        (&["export", file, "-o", "-"], "questionnaire = ", 0),
        (&["import", legacy, "-o", "-"], "questionnaire = ", 1),
        (
            &["migrate", file, "--edition", "hlpf-2026", "-o", "-"],
            "questionnaire = \"hlpf-2026\"",
            1,
        ),
        (
            &["definition", "from-text", &form, "-o", "-"],
            "# Made by `qfill definition from-text`",
            0,
        ),
        (&["compile", ".", "--to", "json", "-o", "-"], "{", 0),
        (
            &[
                "compile",
                ".",
                "--to",
                "markdown",
                "--question",
                "recommendations",
                "-o",
                "-",
            ],
            "# ",
            0,
        ),
        (
            &["compile", ".", "--to", "xlsx", "-o", "-"],
            "PK\u{3}\u{4}",
            0,
        ),
        (&["report", ".", "-o", "-"], "<!DOCTYPE html>", 0),
    ];
    for (args, starts, want) in cases {
        let mut cmd = qfill(dir.path());
        cmd.args(*args);
        let output = cmd.output().unwrap();
        assert_eq!(code(&output), *want, "{args:?}: {}", stderr(&output));
        assert!(
            output.stdout.starts_with(starts.as_bytes()),
            "{args:?}: {:?}",
            String::from_utf8_lossy(&output.stdout[..output.stdout.len().min(60)])
        );
        assert!(
            !dir.path().join("-").exists(),
            "{args:?} wrote a file named `-`"
        );
        let mut cmd = qfill(dir.path());
        cmd.args(*args);
        let closed = with_closed_stdout(cmd);
        assert_eq!(code(&closed), *want, "{args:?} closed: {}", stderr(&closed));
        assert!(
            !stderr(&closed).contains("cannot write"),
            "{args:?}: {}",
            stderr(&closed)
        );
    }
}

/// A binary output to a terminal is refused with a hint; the same command into a pipe writes it.
#[cfg(unix)]
#[test]
fn a_binary_output_to_a_terminal_is_refused() {
    let dir = folder(1, false);
    let mut cmd = qfill(dir.path());
    cmd.args(["compile", ".", "--to", "xlsx", "-o", "-"]);
    let mut terminal = crate::terminal::Terminal::start(cmd, std::time::Duration::from_secs(30));
    terminal.expect("error: the workbook is binary and standard output is a terminal");
    terminal.expect("hint: name a file with `-o`, or pipe standard output");
    assert_eq!(terminal.exit_code(), 2);
}
