//! The bad-input corpus (`tests/hostile/`, each file pinned in `cases.toml`) and the harness that
//! runs it: every case through `validate`, `export`, `fmt` and `import` here, and through
//! `compile`, `report`, `migrate`, `diff`, `definition from-text` and `fill --answers` in their
//! groups with the helpers below, asserting the documented exit code, the finding codes pinned
//! in `cases.toml`, a message that names the file, and never a panic. Large and filesystem cases
//! are generated here.
//!
//! A file's exit code, messages and written files come from a run of its own (several files at
//! a time); what is checked of every file alike (its codes in the JSON report, that its export
//! reads back, that its formatted copy stays formatted) comes from one run over all of them.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::common::{Scratch, command, on_threads, repo};

/// One file of the corpus and what every command must make of it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The file's name in `tests/hostile/`.
    pub file: String,
    /// The exit code of `validate` (and `export`).
    pub validate: i32,
    /// The set of codes `validate` and `export` give.
    codes: BTreeSet<String>,
    /// The set of codes `import` gives, reading the file as legacy text.
    import: BTreeSet<String>,
    /// What the file is, for messages.
    pub what: String,
}

impl Case {
    /// The file's path, as an argument for `qfill`.
    pub fn path(&self) -> String {
        corpus_dir().join(&self.file).display().to_string()
    }
}

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

/// The corpus folder, `tests/hostile/`.
pub fn corpus_dir() -> PathBuf {
    repo("tests/hostile")
}

/// Every case of `cases.toml`, in its order, read once for the whole test binary.
pub fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let text = fs::read_to_string(corpus_dir().join("cases.toml")).unwrap();
        let corpus: Corpus = toml::from_str(&text).expect("tests/hostile/cases.toml");
        assert!(corpus.case.len() >= 40, "at least 40 cases");
        corpus.case
    })
}

/// Runs `qfill ARGS` with backtraces on, so that a panic cannot pass for a message.
pub fn run(args: &[&str]) -> Output {
    command()
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Standard output and standard error, as text.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// No panic, no backtrace, whatever the input.
pub fn assert_calm(output: &Output, what: &str) {
    let all = text(output);
    assert!(!all.contains("panicked"), "{what}: {all}");
    assert!(!all.contains("stack backtrace"), "{what}: {all}");
    assert!(output.status.code().is_some(), "{what}: killed by a signal");
}

/// The finding codes of each file of a `validate --format json` report, sorted, by file name.
fn codes_by_file(output: &Output) -> HashMap<String, Vec<String>> {
    let doc: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(output)));
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            let mut codes: Vec<String> = file["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["code"].as_str().unwrap().to_string())
                .collect();
            codes.sort();
            (file["file"].as_str().unwrap().to_string(), codes)
        })
        .collect()
}

/// Codes of the findings a command printed on stderr in the human format, sorted.
fn stderr_codes(output: &Output) -> Vec<String> {
    let mut codes: Vec<String> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("error[")
                .or_else(|| line.strip_prefix("warning["))?;
            Some(rest.split(']').next()?.to_string())
        })
        .collect();
    codes.sort();
    codes
}

/// Findings that leave nothing to write: the file was not read as answers.
fn fatal(codes: &[String]) -> bool {
    codes.iter().any(|c| {
        matches!(
            c.as_str(),
            "parse-error" | "too-large" | "questionnaire-unknown"
        )
    })
}

/// An answers file to run through `validate`, `export`, `fmt` and `import`.
struct Input {
    path: String,
    /// The exit code of `validate` and `export`.
    want: i32,
    what: String,
}

/// What the commands made of one file.
struct Found {
    /// The codes of `validate` (and `export`), one entry per finding, sorted.
    validate: Vec<String>,
    /// The codes of `import`, one entry per finding, sorted.
    import: Vec<String>,
    /// What `export` wrote, if anything.
    exported: Option<String>,
    /// The copy `fmt` formatted, if it parsed.
    formatted: Option<String>,
}

/// Runs every input through `validate` (human and JSON), `export`, `fmt` on a copy and `import`,
/// checking what holds for any file, and returns the codes found, in the order of `inputs`, for
/// the caller to compare with what it expects.
fn check_files(inputs: &[Input]) -> Vec<Found> {
    let scratch = Scratch::new();
    // validate --format json: every file's codes from one report.
    let mut args = vec!["validate", "--format", "json"];
    args.extend(inputs.iter().map(|i| i.path.as_str()));
    let json = run(&args);
    assert_calm(&json, "validate --format json");
    let worst = inputs.iter().map(|i| i.want).max().unwrap_or(0);
    assert_eq!(
        json.status.code(),
        Some(worst),
        "validate --format json exits as its worst file: {}",
        String::from_utf8_lossy(&json.stderr)
    );
    let mut reported = codes_by_file(&json);
    let reported: Vec<Vec<String>> = inputs
        .iter()
        .map(|i| {
            reported
                .remove(&i.path)
                .unwrap_or_else(|| panic!("{} is in the JSON report", i.path))
        })
        .collect();

    // Per file: exit codes, what is written, what is printed.
    let numbered: Vec<usize> = (0..inputs.len()).collect();
    let found = on_threads(&numbered, 2, |&n| {
        let folder = scratch.path().join(n.to_string());
        fs::create_dir(&folder).unwrap();
        check_file(&inputs[n], reported[n].clone(), &folder)
    });

    // Every export reads back as answers.
    let exported: Vec<(&Input, &str)> = inputs
        .iter()
        .zip(&found)
        .filter_map(|(input, f)| Some((input, f.exported.as_deref()?)))
        .collect();
    if !exported.is_empty() {
        let mut args = vec!["validate", "--format", "json"];
        args.extend(exported.iter().map(|(_, path)| *path));
        let mut again = codes_by_file(&run(&args));
        for (input, path) in &exported {
            let codes = again.remove(*path).expect("each export is in the report");
            assert!(
                !fatal(&codes),
                "{}: the export reads back: {codes:?}",
                input.what
            );
        }
    }
    // Every formatted copy is left as `fmt` wants it: formatting is idempotent.
    let formatted: Vec<&str> = found
        .iter()
        .filter_map(|f| f.formatted.as_deref())
        .collect();
    if !formatted.is_empty() {
        let mut args = vec!["fmt", "--check"];
        args.extend(formatted.iter().copied());
        let check = run(&args);
        assert_calm(&check, "fmt --check");
        assert_eq!(
            check.status.code(),
            Some(0),
            "fmt is idempotent: {}",
            text(&check)
        );
    }
    found
}

/// One file through the commands whose exit code, output or written file is its own.
fn check_file(input: &Input, found: Vec<String>, folder: &Path) -> Found {
    let (name, want, what) = (input.path.as_str(), input.want, input.what.as_str());
    // validate: the documented code, the file named, terminal-safe output.
    let human = run(&["validate", name]);
    assert_calm(&human, what);
    assert_eq!(
        human.status.code(),
        Some(want),
        "validate {what}: {}",
        text(&human)
    );
    let out = text(&human);
    assert!(out.contains(name), "validate {what} names the file: {out}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
        "{what}: raw control characters reach the terminal: {out:?}"
    );
    for line in out
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
    {
        assert!(
            line.contains(name),
            "{what}: every finding names the file: {line}"
        );
    }

    // export: the same status; a canonical file (read back by the caller), or nothing at all.
    let exported = folder.join("out.toml");
    let export = run(&["export", name, "-o", exported.to_str().unwrap()]);
    assert_calm(&export, what);
    assert_eq!(
        export.status.code(),
        Some(want),
        "export {what}: {}",
        text(&export)
    );
    assert_eq!(
        exported.exists(),
        !fatal(&found),
        "export {what} writes only what parsed"
    );
    assert_eq!(
        stderr_codes(&export),
        found,
        "export {what} reports what validate finds"
    );

    // fmt, on a copy: formats what parses (checked again by the caller), leaves the rest alone.
    let copy = folder.join(Path::new(name).file_name().unwrap());
    fs::copy(name, &copy).unwrap();
    let before = fs::read(&copy).unwrap();
    let fmt = run(&["fmt", copy.to_str().unwrap()]);
    assert_calm(&fmt, what);
    // Legacy text is read by every command but rewritten by none: fmt refuses it, with a hint.
    let legacy = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    if legacy {
        assert_eq!(fmt.status.code(), Some(2), "fmt {what}: {}", text(&fmt));
        assert!(
            text(&fmt).contains("hint: write its answers to an answers file"),
            "fmt {what}: {}",
            text(&fmt)
        );
        assert_eq!(
            fs::read(&copy).unwrap(),
            before,
            "fmt {what} leaves it alone"
        );
    } else if fatal(&found) {
        assert_eq!(fmt.status.code(), Some(1), "fmt {what}: {}", text(&fmt));
        assert_eq!(
            fs::read(&copy).unwrap(),
            before,
            "fmt {what} leaves a broken file alone"
        );
    } else {
        assert_eq!(fmt.status.code(), Some(0), "fmt {what}: {}", text(&fmt));
    }

    // import: any file is text; it never panics and exits as validate would.
    let import = run(&["import", name, "--check"]);
    assert_calm(&import, what);
    assert!(
        matches!(import.status.code(), Some(0..=2)),
        "import {what}: {}",
        text(&import)
    );
    Found {
        formatted: (!fatal(&found) && !legacy).then(|| copy.display().to_string()),
        exported: exported.exists().then(|| exported.display().to_string()),
        validate: found,
        import: stderr_codes(&import),
    }
}

#[test]
fn every_hostile_file_gets_its_exit_code_and_codes_from_validate_export_fmt_and_import() {
    let inputs: Vec<Input> = cases()
        .iter()
        .map(|case| Input {
            path: case.path(),
            want: case.validate,
            what: case.what.clone(),
        })
        .collect();
    let found = check_files(&inputs);
    for (case, found) in cases().iter().zip(found) {
        let set = |codes: Vec<String>| -> BTreeSet<String> { codes.into_iter().collect() };
        assert_eq!(
            set(found.validate),
            case.codes,
            "validate {}: {}",
            case.file,
            case.what
        );
        assert_eq!(
            set(found.import),
            case.import,
            "import {}: {}",
            case.file,
            case.what
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_not_read_and_large_answers_and_many_records_are() {
    let dir = Scratch::new();
    let example = fs::read_to_string(repo("examples/response.toml")).unwrap();
    // One byte over the default `--max-size` of 10 MiB: too large, not read.
    let big = dir.path().join("over-the-limit.toml");
    let mut content = example.clone().into_bytes();
    content.resize(10 * 1024 * 1024 + 1, b' ');
    fs::write(&big, &content).unwrap();
    let out = run(&["validate", "--format", "json", big.to_str().unwrap()]);
    assert_calm(&out, "10 MiB and a byte");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        codes_by_file(&out).remove(big.to_str().unwrap()),
        Some(vec!["too-large".to_string()])
    );
    // 1 MB in a single answer (question 6 has no word limit): read, checked, valid.
    let answer = "word ".repeat(200_000);
    let one_mb = dir.file(
        "one-mb.toml",
        example.replace(
            "recommendations = \"\"\"",
            &format!("recommendations = \"\"\"{answer}"),
        ),
    );
    // Many records: far more than any question's form has room for, and no limit in the way.
    let record = "[[answers.events]]\nname = \"E\"\ndates = \"2023-01-01\"\nlocation = \"Apia, Samoa\"\nsdgs = [1]\ndescription = \"D\"\n";
    let many = dir.file(
        "many-records.toml",
        format!(
            "questionnaire = \"hlpf-2024\"\nentity = \"E\"\n{}",
            record.repeat(1_000)
        ),
    );
    check_files(&[
        Input {
            path: one_mb,
            want: 0,
            what: "1 MB in one answer".to_string(),
        },
        Input {
            path: many,
            want: 0,
            what: "1,000 records".to_string(),
        },
    ]);
}

#[test]
fn missing_folder_looped_and_locked_files_are_unreadable_in_one_line() {
    let dir = Scratch::new();
    let folder = dir.path().join("folder.toml");
    fs::create_dir(&folder).unwrap();
    let missing = dir.path().join("missing.toml");
    let mut unreadable = vec![folder.clone(), missing];
    #[cfg(unix)]
    {
        let a = dir.path().join("loop-a.json");
        let b = dir.path().join("loop-b.json");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        unreadable.push(a);
        // Permissions do not bind root, so the case only means something for other users.
        if rustix::process::geteuid().as_raw() != 0 {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.path().join("locked.toml");
            fs::write(&locked, "entity = \"x\"").unwrap();
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
            unreadable.push(locked);
        }
    }
    for path in &unreadable {
        let name = path.to_str().unwrap();
        for args in [
            vec!["validate", name],
            vec!["export", name],
            vec!["fmt", name],
            vec!["import", name],
        ] {
            if path.is_dir() && matches!(args[0], "validate" | "fmt") {
                // These walk folders: an empty one holds no answers file at all.
                let out = run(&args);
                assert_calm(&out, name);
                assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
                assert!(
                    text(&out).contains("no answers files"),
                    "{args:?}: {}",
                    text(&out)
                );
                continue;
            }
            let out = run(&args);
            assert_calm(&out, name);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
            let all = text(&out);
            assert!(
                all.contains("unreadable") && all.contains(name),
                "{args:?}: {all}"
            );
            assert_eq!(
                all.lines().filter(|l| l.starts_with("error[")).count(),
                1,
                "one line: {all}"
            );
        }
    }
    // A missing file beside a good one: reported, and the good one is still checked.
    let good = repo("examples/response.toml");
    let missing = dir.path().join("missing.toml");
    let out = run(&[
        "validate",
        "--format",
        "json",
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["files"][1]["valid"], true);
    assert_eq!(doc["summary"]["files"], 2);
}

#[test]
fn a_broken_definition_exits_2_in_every_command_and_its_place_is_named() {
    let dir = Scratch::new();
    let example = repo("examples/response.toml");
    let cases = [
        (
            "contradictory.toml",
            "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"text\"\nmin_words = 100\nmax_words = 10\n",
            "contradictory.toml:9:13",
        ),
        (
            "unknown-kind.toml",
            "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"records\"\n[[questions.fields]]\nid = \"f\"\nlabel = \"F\"\nkind = \"hologram\"\n",
            "unknown-kind.toml:11:8",
        ),
        ("not-toml.toml", "id = [", "not-toml.toml:1:"),
        ("binary.toml", "\u{0}\u{1}\u{2}", "binary.toml"),
    ];
    for (name, content, place) in cases {
        let def = dir.file(name, content);
        for command in ["validate", "export", "show", "fill"] {
            let mut args = vec![command, "--questionnaire", &def];
            if command != "show" && command != "fill" {
                args.push(example.to_str().unwrap());
            }
            let out = run(&args);
            assert_calm(&out, name);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{command} {name}: {}",
                text(&out)
            );
            if command != "fill" {
                assert!(
                    text(&out).contains(place),
                    "{command} {name}: {}",
                    text(&out)
                );
            }
        }
    }
}

/// Killing `export -o` at any moment leaves the target whole: the old file or the new one.
#[cfg(unix)]
#[test]
fn a_write_killed_midway_leaves_the_old_or_the_new_file() {
    let dir = Scratch::new();
    let record = "[[answers.events]]\nname = \"E\"\ndates = \"2023-01-01\"\nlocation = \"Apia, Samoa\"\nsdgs = \"1, 2\"\ndescription = \"D\"\n";
    let input = dir.file(
        "big.toml",
        format!(
            "questionnaire = \"hlpf-2024\"\nentity = \"E\"\n{}",
            record.repeat(5_000)
        ),
    );
    let target = dir.path().join("out.json");
    let old = "{\"old\": true}\n";
    let new = String::from_utf8(run(&["export", &input, "--to", "json"]).stdout).unwrap();
    for delay_ms in [0u64, 1, 2, 5, 10, 20, 40, 80] {
        fs::write(&target, old).unwrap();
        let mut child = command()
            .args(["export", &input, "--to", "json", "--force", "-o"])
            .arg(&target)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read_to_string(&target).unwrap();
        assert!(
            now == old || now == new,
            "after {delay_ms} ms: a mix of {} bytes",
            now.len()
        );
    }
}
