//! Batch validation through the built binary: inputs of every kind in one run, the size limit,
//! each output format read back by a real parser, the flags, and results that do not depend on
//! the number of threads.

use crate::common::{Scratch, command, qfill, repo};
#[cfg(unix)]
use crate::terminal::Terminal;

use std::fs;
use std::path::Path;
use std::process::Output;
#[cfg(unix)]
use std::time::Duration;

use assert_cmd::Command;
use qfill::finding::Code;
use serde_json::Value;

/// `qfill` in `dir`, with colour left to each test.
fn qfill_in(dir: &Path) -> Command {
    let mut cmd = qfill();
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn complete() -> String {
    fs::read_to_string(repo("examples/response.toml")).unwrap()
}

/// A valid file with one warning (SDGs written as text).
fn with_warning() -> String {
    complete().replace("sdgs = [2, 6, 13, 17]", "sdgs = \"2, 6, 13 and 17\"")
}

/// A file with one error (an SDG out of range) and nothing else.
fn with_error() -> String {
    complete().replace("sdgs = [2, 6, 13, 17]", "sdgs = [2, 6, 13, 18]")
}

/// Runs `qfill validate ARGS` in the scratch folder.
fn validate(s: &Scratch, args: &[&str]) -> Output {
    qfill_in(s.path())
        .arg("validate")
        .args(args)
        .output()
        .unwrap()
}

/// A folder `subs` of valid, warned and invalid files, TOML and JSON.
fn mixed(s: &Scratch, count: usize) {
    let json = fs::read_to_string(repo("examples/response.json")).unwrap();
    for i in 0..count {
        match i % 5 {
            0 => s.file(&format!("subs/{i:03}-valid.toml"), complete()),
            1 => s.file(&format!("subs/{i:03}-warn.toml"), with_warning()),
            2 => s.file(&format!("subs/{i:03}-error.toml"), with_error()),
            3 => s.file(&format!("subs/{i:03}-valid.json"), &json),
            _ => s.file(&format!("subs/{i:03}-broken.json"), "{\"entity\": "),
        };
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            stdout(output),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn files_of(doc: &Value) -> Vec<String> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn files_folders_globs_and_stdin_in_one_run_in_a_stable_order() {
    let s = Scratch::new();
    s.file("single.toml", complete());
    s.file("dir/b.toml", with_warning());
    s.file(
        "dir/a.json",
        fs::read_to_string(repo("examples/response.json")).unwrap(),
    );
    s.file("dir/sub/c.toml", with_error());
    s.file("dir/notes.txt", "not an answers file");
    s.file("globbed/x2.toml", complete());
    s.file("globbed/x1.toml", complete());
    s.file("globbed/deeper/x3.toml", complete());
    s.file("globbed/.x0.toml", complete());
    s.file("globbed/x4.txt", complete());
    let output = qfill_in(s.path())
        .args(["validate", "--format", "json", "single.toml", "dir"])
        .args(["globbed/*.toml", "-", "globbed/**/x3.toml"])
        .write_stdin(complete())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let doc = json(&output);
    assert_eq!(
        files_of(&doc),
        [
            "single.toml",
            "dir/a.json",
            "dir/b.toml",
            "dir/sub/c.toml",
            // `*` does not cross folders and skips hidden files; `.txt` is not an answers file.
            "globbed/x1.toml",
            "globbed/x2.toml",
            "-",
            "globbed/deeper/x3.toml",
        ]
    );
    let codes: Vec<&str> = doc["files"][3]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["sdg-range"]);
    // `**` crosses folders, `--hidden` takes hidden files too.
    let doc = json(&validate(
        &s,
        &["--format", "json", "--hidden", "globbed/**/*.toml"],
    ));
    assert_eq!(
        files_of(&doc),
        [
            "globbed/.x0.toml",
            "globbed/deeper/x3.toml",
            "globbed/x1.toml",
            "globbed/x2.toml"
        ]
    );
    // A pattern with no directory part matches in the current folder.
    let doc = json(&validate(&s, &["--format", "json", "*.toml"]));
    assert_eq!(files_of(&doc), ["single.toml"]);
}

#[test]
fn a_glob_that_matches_nothing_is_reported_and_the_run_exits_2() {
    let s = Scratch::new();
    s.file("a.toml", complete());
    s.file("subs/readme.txt", "");
    for pattern in ["subs/*.toml", "nowhere/**/*.json", "[unclosed*"] {
        let output = validate(&s, &["--format", "json", "a.toml", pattern]);
        assert_eq!(output.status.code(), Some(2), "{pattern}");
        let doc = json(&output);
        assert_eq!(files_of(&doc), ["a.toml", pattern]);
        let finding = &doc["files"][1]["findings"][0];
        assert_eq!(finding["code"], "unreadable");
        let message = finding["message"].as_str().unwrap();
        let want = if pattern.starts_with('[') {
            format!("`{pattern}` is not a valid glob pattern")
        } else {
            format!("no file matches `{pattern}`")
        };
        assert!(message.starts_with(&want), "{message}");
        assert_eq!(doc["files"][0]["valid"], true);
    }
    // The human report says it too.
    let output = validate(&s, &["subs/*.toml"]);
    assert!(
        stdout(&output).contains("error[unreadable]: subs/*.toml: no file matches `subs/*.toml`"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn files_over_the_size_limit_are_not_read() {
    let s = Scratch::new();
    s.file(
        "small.toml",
        "questionnaire = \"hlpf-2024\"\nentity = \"E (E)\"\n",
    );
    s.file("big.toml", complete());
    let output = validate(
        &s,
        &[
            "--format",
            "json",
            "--max-size",
            "200",
            "small.toml",
            "big.toml",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let doc = json(&output);
    assert_eq!(doc["files"][0]["valid"], true);
    let finding = &doc["files"][1]["findings"][0];
    assert_eq!(finding["code"], "too-large");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("larger than the limit of 200 bytes"),
        "{finding}"
    );
    assert_eq!(doc["files"][1]["findings"].as_array().unwrap().len(), 1);
    // From stdin as well.
    let output = qfill_in(s.path())
        .args(["validate", "--format", "json", "--max-size", "200", "-"])
        .write_stdin(complete())
        .output()
        .unwrap();
    assert_eq!(
        json(&output)["files"][0]["findings"][0]["code"],
        "too-large"
    );
}

/// The text of an element's children, for XML elements holding text.
fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.text().unwrap_or("").to_string()
}

#[test]
fn junit_is_xml_with_a_test_case_per_file() {
    let s = Scratch::new();
    s.file("a-valid.toml", complete());
    s.file("b-warn.toml", with_warning());
    s.file("c-error.toml", with_error());
    // A hostile control character in a value must not break the XML.
    s.file(
        "d-hostile.toml",
        complete().replace("sdgs = [2, 6, 13, 17]", "sdgs = \"2 \\u001b[2J & <b>\""),
    );
    for strict in [false, true] {
        let mut args = vec!["--format", "junit", "."];
        if strict {
            args.push("--strict");
        }
        let output = validate(&s, &args);
        assert_eq!(output.status.code(), Some(1));
        let xml = stdout(&output);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let suites: Vec<_> = root
            .children()
            .filter(roxmltree::Node::is_element)
            .collect();
        assert_eq!(suites.len(), 1, "one test suite per run");
        let suite = suites[0];
        assert_eq!(suite.tag_name().name(), "testsuite");
        let failures = if strict { "3" } else { "2" };
        for node in [root, suite] {
            assert_eq!(node.attribute("tests"), Some("4"));
            assert_eq!(node.attribute("failures"), Some(failures));
        }
        let cases: Vec<_> = suite
            .children()
            .filter(roxmltree::Node::is_element)
            .collect();
        let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
        assert_eq!(
            names,
            [
                "./a-valid.toml",
                "./b-warn.toml",
                "./c-error.toml",
                "./d-hostile.toml"
            ]
        );
        let failure = |i: usize| {
            let found: Vec<_> = cases[i]
                .children()
                .filter(|n| n.has_tag_name("failure"))
                .collect();
            assert!(found.len() <= 1, "one failure element per file");
            found.first().copied()
        };
        assert!(
            cases[0].children().all(|n| !n.is_element()),
            "a valid file has no children"
        );
        let error = failure(2).expect("the file with an error fails");
        assert_eq!(error.attribute("type"), Some("sdg-range"));
        assert_eq!(error.attribute("message"), Some("1 error"));
        let text = text_of(error);
        assert!(
            text.starts_with(
                "error[sdg-range]: ./c-error.toml:27:8: events[0].sdgs has `18` outside 1-17"
            ),
            "{text}"
        );
        let hostile = text_of(failure(3).expect("the hostile file has an error"));
        assert!(hostile.contains("\\u{1b}[2J & <b>"), "{hostile}");
        match failure(1) {
            Some(warned) if strict => {
                assert_eq!(warned.attribute("message"), Some("0 errors, 1 warning"));
                assert!(text_of(warned).starts_with("warning[non-canonical]: ./b-warn.toml:27:8:"));
            }
            None if !strict => {
                let out = cases[1]
                    .children()
                    .find(|n| n.has_tag_name("system-out"))
                    .expect("warnings go to system-out");
                assert!(text_of(out).starts_with("warning[non-canonical]: ./b-warn.toml:27:8:"));
            }
            other => panic!("strict {strict}: {other:?}"),
        }
    }
}

#[test]
fn sarif_has_the_structure_code_scanning_needs() {
    let s = Scratch::new();
    mixed(&s, 10);
    s.file("subs/with space.toml", with_error());
    let output = qfill_in(s.path())
        .args(["validate", "--format", "sarif", "subs", "-"])
        .write_stdin("{\"questionnaire\": 1}")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let sarif = json(&output);
    let reference = json(
        &qfill_in(s.path())
            .args(["validate", "--format", "json", "subs", "-"])
            .write_stdin("{\"questionnaire\": 1}")
            .output()
            .unwrap(),
    );
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-schema-2.1.0.json")
    );
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "qfill");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for rule in rules {
        let code = Code::ALL
            .iter()
            .find(|c| c.as_str() == rule["id"])
            .expect("rule ids are finding codes");
        assert_eq!(rule["shortDescription"]["text"], code.description());
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            code.severity().as_str()
        );
    }
    // Every finding of the JSON report is a result, in the same order, and nothing else is.
    let findings: Vec<(String, &Value)> = reference["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let file = f["file"].as_str().unwrap().to_string();
            f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |x| (file.clone(), x))
        })
        .collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert!(results.len() > 5);
    let mut used: Vec<&str> = Vec::new();
    for (result, (file, finding)) in results.iter().zip(&findings) {
        let rule_id = result["ruleId"].as_str().unwrap();
        assert_eq!(rule_id, finding["code"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rule_ids[index], rule_id);
        assert_eq!(result["level"], finding["severity"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        let want = match file.as_str() {
            "-" => "stdin".to_string(),
            name => name.replace(' ', "%20"),
        };
        assert_eq!(uri, want);
        match finding["line"].as_u64() {
            Some(line) => {
                assert_eq!(location["region"]["startLine"].as_u64(), Some(line));
                assert_eq!(location["region"]["startColumn"], finding["column"]);
                assert!(line >= 1);
            }
            None => assert!(location.get("region").is_none(), "{result}"),
        }
        if !used.contains(&rule_id) {
            used.push(rule_id);
        }
    }
    used.sort_unstable();
    let mut listed = rule_ids.clone();
    listed.sort_unstable();
    assert_eq!(used, listed, "rules are exactly the codes used");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

/// A GitHub workflow command split into its parts, without regular expressions:
/// `::error file=F,line=L::message` → ("error", [("file", "F"), ("line", "L")], "message").
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("a command starts with `::`");
    let (head, message) = rest.split_once("::").expect("`::` ends the properties");
    let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (key, value) = p.split_once('=').expect("key=value");
            (key.to_string(), unescape(value))
        })
        .collect();
    (command.to_string(), properties, unescape(message))
}

fn unescape(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_name_file_line_column_and_code() {
    let s = Scratch::new();
    s.file("a,b: 100%.toml", with_error());
    s.file("warn.toml", with_warning());
    s.file("valid.toml", complete());
    let output = validate(&s, &["--format", "github", "."]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let (command, properties, message) = parse_command(lines[0]);
    assert_eq!(command, "error");
    let get = |key: &str| {
        properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("file"), Some("./a,b: 100%.toml"));
    assert_eq!(get("line"), Some("27"));
    assert_eq!(get("col"), Some("8"));
    assert_eq!(get("title"), Some("sdg-range"));
    assert_eq!(
        message,
        "events[0].sdgs has `18` outside 1-17\nhint: SDGs are numbered 1 to 17"
    );
    let (command, properties, _) = parse_command(lines[1]);
    assert_eq!(command, "warning");
    assert!(properties.contains(&("title".into(), "non-canonical".into())));
    assert!(properties.contains(&("file".into(), "./warn.toml".into())));
    assert_eq!(lines[2], "3 files: 2 valid, 1 invalid; 1 error, 1 warning");
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn strict_makes_warnings_count_in_every_format() {
    let s = Scratch::new();
    s.file("warn.toml", with_warning());
    s.file("valid.toml", complete());
    assert_eq!(
        validate(&s, &["warn.toml", "valid.toml"]).status.code(),
        Some(0)
    );
    let output = validate(&s, &["--strict", "warn.toml", "valid.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).ends_with(
        "2 files: 1 valid, 1 invalid; 0 errors, 1 warning (strict: warnings count as errors)\n"
    ));
    let doc = json(&validate(
        &s,
        &["--strict", "--format", "json", "warn.toml", "valid.toml"],
    ));
    assert_eq!(doc["files"][0]["valid"], false);
    assert_eq!(doc["files"][0]["findings"][0]["severity"], "warning");
    assert_eq!(doc["summary"]["invalid"], 1);
    // Findings keep their severity.
    let sarif = json(&validate(
        &s,
        &["--strict", "--format", "sarif", "warn.toml"],
    ));
    assert_eq!(sarif["runs"][0]["results"][0]["level"], "warning");
    let github = stdout(&validate(
        &s,
        &["--strict", "--format", "github", "warn.toml"],
    ));
    assert!(github.starts_with("::warning "), "{github}");
}

#[test]
fn quiet_prints_the_totals_line_only() {
    let s = Scratch::new();
    mixed(&s, 10);
    let output = validate(&s, &["--quiet", "subs"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "10 files: 6 valid, 4 invalid; 4 errors, 2 warnings\n"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let s = Scratch::new();
    s.file("e.toml", with_error());
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = qfill_in(s.path());
        cmd.arg("validate").args(args).arg("e.toml");
        for (k, v) in env {
            cmd.env(k, v);
        }
        stdout(&cmd.output().unwrap())
    };
    let red = "\u{1b}[1m\u{1b}[31merror\u{1b}[0m[sdg-range]";
    let always = run(&["--color", "always"], &[]);
    assert!(always.contains(red), "{always:?}");
    // An explicit `--color always` wins over NO_COLOR.
    assert!(run(&["--color", "always"], &[("NO_COLOR", "1")]).contains(red));
    // Piped, `auto` has no colour; CLICOLOR_FORCE asks for it, NO_COLOR wins over that.
    assert!(!run(&[], &[]).contains('\u{1b}'));
    assert!(run(&[], &[("CLICOLOR_FORCE", "1")]).contains(red));
    let no_color = run(
        &["--color", "auto"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!no_color.contains('\u{1b}'), "{no_color:?}");
    assert!(no_color.contains("error[sdg-range]"));
    assert!(!run(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).contains('\u{1b}'));
    // Machine formats are never coloured.
    for format in ["json", "junit", "sarif", "github"] {
        assert!(!run(&["--color", "always", "--format", format], &[]).contains('\u{1b}'));
    }
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let s = Scratch::new();
    mixed(&s, 60);
    for format in ["json", "human", "junit", "sarif", "github"] {
        let one = validate(&s, &["--jobs", "1", "--format", format, "subs"]);
        let two = validate(&s, &["--jobs", "2", "--format", format, "subs"]);
        let all = validate(&s, &["--format", format, "subs"]);
        assert_eq!(one.status.code(), Some(1), "{format}");
        for other in [&two, &all] {
            assert_eq!(stdout(&one), stdout(other), "{format}");
            assert_eq!(one.status.code(), other.status.code(), "{format}");
        }
        // Not a terminal: no progress bar, even for a long run.
        assert!(one.stderr.is_empty() && all.stderr.is_empty(), "{format}");
    }
    let doc = json(&validate(&s, &["--format", "json", "-j", "2", "subs"]));
    assert_eq!(doc["summary"]["files"], 60);
    assert_eq!(doc["summary"]["invalid"], 24);
    let output = validate(&s, &["--jobs", "0", "subs"]);
    assert_eq!(output.status.code(), Some(2));
}

/// Runs `qfill validate ARGS` in a pseudo-terminal (stdout and stderr both) and returns all it
/// printed.
#[cfg(unix)]
fn on_terminal(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = command();
    command
        .arg("validate")
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color");
    for (key, value) in env {
        command.env(key, value);
    }
    let mut terminal = Terminal::start(command, Duration::from_secs(30));
    let seen = terminal.rest();
    terminal.wait();
    seen
}

#[cfg(unix)]
#[test]
fn on_a_terminal_long_runs_show_progress_and_findings_are_coloured() {
    let s = Scratch::new();
    mixed(&s, 60);
    let red = "\u{1b}[1m\u{1b}[31merror\u{1b}[0m[sdg-range]";
    let seen = on_terminal(s.path(), &["subs"], &[]);
    assert!(seen.contains("/60 files"), "a progress bar: {seen:?}");
    assert!(seen.contains(red), "auto colours a terminal: {seen:?}");
    assert!(seen.contains("60 files: 36 valid, 24 invalid"), "{seen:?}");
    let seen = on_terminal(s.path(), &["subs"], &[("NO_COLOR", "1")]);
    assert!(
        !seen.contains(red) && seen.contains("error[sdg-range]"),
        "{seen:?}"
    );
    // Short runs, --quiet and machine formats have no bar.
    for args in [
        &["subs/000-valid.toml", "subs/002-error.toml"][..],
        &["--quiet", "subs"],
        &["--format", "json", "subs"],
    ] {
        let seen = on_terminal(s.path(), args, &[]);
        assert!(!seen.contains(" files, "), "{args:?}: {seen:?}");
    }
}
