//! The bad-input corpus (`tests/hostile/`): every case through `validate`, `export`, `fmt` and
//! `import` (and `fill --answers`, in `fill.rs`), asserting the documented exit code, the finding
//! codes pinned in `cases.toml`, a message that names the file, and never a panic. Large and
//! filesystem cases are generated here.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde::Deserialize;

use crate::common::{Scratch, command, repo};

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    file: String,
    /// The exit code of `validate` (and `export`).
    validate: i32,
    /// The set of codes `validate` and `export` give.
    codes: BTreeSet<String>,
    /// The set of codes `import` gives, reading the file as legacy text.
    import: BTreeSet<String>,
    what: String,
}

/// The finding codes each command gave for one file, one entry per finding, sorted.
struct Found {
    validate: Vec<String>,
    import: Vec<String>,
}

impl Found {
    fn set(codes: &[String]) -> BTreeSet<String> {
        codes.iter().cloned().collect()
    }
}

fn corpus_dir() -> PathBuf {
    repo("tests/hostile")
}

/// Runs `qfill ARGS` with backtraces on, so that a panic cannot pass for a message.
fn qfill(args: &[&str]) -> Output {
    command()
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// No panic, no backtrace, whatever the input.
fn assert_calm(output: &Output, what: &str) {
    let all = text(output);
    assert!(!all.contains("panicked"), "{what}: {all}");
    assert!(!all.contains("stack backtrace"), "{what}: {all}");
    assert!(output.status.code().is_some(), "{what}: killed by a signal");
}

/// Codes in a `validate --format json` document.
fn codes(output: &Output) -> Vec<String> {
    let doc: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(output)));
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .map(|f| f["code"].as_str().unwrap().to_string())
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

/// Runs one file through every command, checking what holds for any file, and returns the codes
/// found for the caller to compare with what it expects.
fn check_file(path: &Path, want: i32, what: &str) -> Found {
    let name = path.to_str().unwrap();
    // validate: the documented code, the file named, terminal-safe output.
    let human = qfill(&["validate", name]);
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
    let json = qfill(&["validate", "--format", "json", name]);
    assert_calm(&json, what);
    let mut found = codes(&json);
    found.sort();

    // export: the same status; a canonical file that validates, or nothing at all.
    let dir = Scratch::new();
    let exported = dir.path().join("out.toml");
    let export = qfill(&["export", name, "-o", exported.to_str().unwrap()]);
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
    if exported.exists() {
        let again = qfill(&["validate", "--format", "json", exported.to_str().unwrap()]);
        assert!(!fatal(&codes(&again)), "{what}: the export reads back");
    }

    // fmt, on a copy: formats what parses, leaves the rest untouched, and is idempotent.
    let copy = dir.path().join(path.file_name().unwrap());
    fs::copy(path, &copy).unwrap();
    let before = fs::read(&copy).unwrap();
    let fmt = qfill(&["fmt", copy.to_str().unwrap()]);
    assert_calm(&fmt, what);
    if fatal(&found) {
        assert_eq!(fmt.status.code(), Some(1), "fmt {what}: {}", text(&fmt));
        assert_eq!(
            fs::read(&copy).unwrap(),
            before,
            "fmt {what} leaves a broken file alone"
        );
    } else {
        assert_eq!(fmt.status.code(), Some(0), "fmt {what}: {}", text(&fmt));
        let check = qfill(&["fmt", "--check", copy.to_str().unwrap()]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "fmt {what} is idempotent: {}",
            text(&check)
        );
    }

    // import: any file is text; it never panics and exits as validate would.
    let import = qfill(&["import", name, "--check"]);
    assert_calm(&import, what);
    assert!(
        matches!(import.status.code(), Some(0..=2)),
        "import {what}: {}",
        text(&import)
    );
    Found {
        validate: found,
        import: stderr_codes(&import),
    }
}

#[test]
fn the_corpus() {
    let corpus: Corpus =
        toml::from_str(&fs::read_to_string(corpus_dir().join("cases.toml")).unwrap()).unwrap();
    assert!(corpus.case.len() >= 40, "at least 40 cases");
    for case in &corpus.case {
        let found = check_file(&corpus_dir().join(&case.file), case.validate, &case.what);
        assert_eq!(
            Found::set(&found.validate),
            case.codes,
            "validate {}: {}",
            case.file,
            case.what
        );
        assert_eq!(
            Found::set(&found.import),
            case.import,
            "import {}: {}",
            case.file,
            case.what
        );
    }
}

#[test]
fn large_inputs() {
    let dir = Scratch::new();
    let example = fs::read_to_string(repo("examples/response.toml")).unwrap();
    // 50 MiB: too large, not read.
    let big = dir.path().join("fifty-mib.toml");
    let mut content = example.clone().into_bytes();
    content.resize(50 * 1024 * 1024, b' ');
    fs::write(&big, &content).unwrap();
    let out = qfill(&["validate", "--format", "json", big.to_str().unwrap()]);
    assert_calm(&out, "50 MiB");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(codes(&out), ["too-large"]);
    // 1 MB in a single answer: read, checked, over the word limit.
    let one_mb = dir.path().join("one-mb.toml");
    let answer = "word ".repeat(200_000);
    fs::write(
        &one_mb,
        example.replace(
            "recommendations = \"\"\"",
            &format!("recommendations = \"\"\"{answer}"),
        ),
    )
    .unwrap();
    check_file(&one_mb, 0, "1 MB in one answer");
    // 10,000 records.
    let many = dir.path().join("many-records.toml");
    let record = "[[answers.events]]\nname = \"E\"\ndates = \"2023-01-01\"\nlocation = \"Apia, Samoa\"\nsdgs = [1]\ndescription = \"D\"\n";
    fs::write(
        &many,
        format!(
            "questionnaire = \"hlpf-2024\"\nentity = \"E\"\n{}",
            record.repeat(10_000)
        ),
    )
    .unwrap();
    check_file(&many, 0, "10,000 records");
}

#[test]
fn files_that_cannot_be_read() {
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
        if unsafe { libc::geteuid() } != 0 {
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
                let out = qfill(&args);
                assert_calm(&out, name);
                assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
                assert!(
                    text(&out).contains("no answers files"),
                    "{args:?}: {}",
                    text(&out)
                );
                continue;
            }
            let out = qfill(&args);
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
    let out = qfill(&[
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
fn broken_definitions() {
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
        let def = dir.path().join(name);
        fs::write(&def, content).unwrap();
        for command in ["validate", "export", "show", "fill"] {
            let mut args = vec![command, "--questionnaire", def.to_str().unwrap()];
            if command != "show" && command != "fill" {
                args.push(example.to_str().unwrap());
            }
            let out = qfill(&args);
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
    let input = dir.path().join("big.toml");
    fs::write(
        &input,
        format!(
            "questionnaire = \"hlpf-2024\"\nentity = \"E\"\n{}",
            record.repeat(5_000)
        ),
    )
    .unwrap();
    let target = dir.path().join("out.json");
    let old = "{\"old\": true}\n";
    let new = {
        let out = qfill(&["export", input.to_str().unwrap(), "--to", "json"]);
        String::from_utf8(out.stdout).unwrap()
    };
    for delay_ms in [0u64, 1, 2, 5, 10, 20, 40, 80] {
        fs::write(&target, old).unwrap();
        let mut child = command()
            .args([
                "export",
                input.to_str().unwrap(),
                "--to",
                "json",
                "--force",
                "-o",
            ])
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
