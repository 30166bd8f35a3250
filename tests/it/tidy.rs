//! The layer rules ARCHITECTURE.md writes down, checked on the source: which module may import
//! which, and where the process's streams and exit live. A rule broken on purpose fails here,
//! naming the file and line.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{Scratch, repo};

/// The binary's side: the only files that may use `commands`, print, or end the process.
const BINARY: &[&str] = &["src/main.rs", "src/cli.rs", "src/cli/", "src/tty.rs"];

/// One rule: files under `in_paths` (but not under `except`) must not hold `needle` in code.
struct Rule {
    what: &'static str,
    in_paths: &'static [&'static str],
    except: &'static [&'static str],
    needles: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule {
        what: "`commands` is used only by the binary and by `commands/` itself",
        in_paths: &["src/"],
        except: &[
            "src/commands/",
            "src/main.rs",
            "src/cli.rs",
            "src/cli/",
            "src/tty.rs",
        ],
        needles: &["crate::commands", "qfill::commands"],
    },
    Rule {
        what: "the exit code is the commands' business: no engine sees `Exit`",
        in_paths: &["src/"],
        except: &[
            "src/commands/",
            "src/exit.rs",
            "src/main.rs",
            "src/cli.rs",
            "src/cli/",
            "src/tty.rs",
            "src/lib.rs",
        ],
        needles: &["crate::exit", "Exit::"],
    },
    Rule {
        what: "`rules/` reads values and never imports the checker",
        in_paths: &["src/rules/"],
        except: &[],
        needles: &["crate::check", "super::check", "super::super::check"],
    },
    Rule {
        what: "`refdata` holds data and imports nothing but the `text` leaf",
        in_paths: &["src/refdata/"],
        except: &[],
        needles: &[
            "crate::check",
            "crate::rules",
            "crate::questionnaire",
            "crate::answers",
            "crate::document",
            "crate::finding",
            "crate::input",
            "crate::report",
        ],
    },
    Rule {
        what: "the leaves (`text`, `exit`) import nothing of the crate",
        in_paths: &["src/text/", "src/exit.rs"],
        except: &[],
        needles: &["crate::"],
    },
    Rule {
        what: "the library never prints: output goes through the writers it is given",
        in_paths: &["src/"],
        // The terminal prompter draws on the terminal (standard error) when the binary picks it.
        except: &[
            "src/main.rs",
            "src/cli.rs",
            "src/cli/",
            "src/tty.rs",
            "src/fill/terminal.rs",
            "src/fill/screen/",
        ],
        needles: &[
            "println!",
            "eprintln!",
            "print!(",
            "eprint!(",
            "dbg!(",
            "std::io::stdout()",
            "io::stdout()",
            "std::io::stderr()",
            "io::stderr()",
        ],
    },
    Rule {
        what: "the library never ends the process or installs a signal handler",
        in_paths: &["src/"],
        except: BINARY,
        needles: &["process::exit", "signal_hook::", "ctrlc::"],
    },
];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The code of a line: what comes before a `//` comment (strings holding `//` are rare enough in
/// `use` lines and macro calls not to matter here).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    }
}

/// Where `rule` is broken in the tree at `root`: `file:line: text`.
fn breaches(root: &Path, rule: &Rule) -> Vec<String> {
    let mut found = Vec::new();
    for path in rust_files(&root.join("src")) {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let under = |prefixes: &[&str]| prefixes.iter().any(|p| relative.starts_with(p));
        if !under(rule.in_paths) || under(rule.except) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = code(line);
            if rule.needles.iter().any(|n| code.contains(n)) {
                found.push(format!("{relative}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    found
}

fn check(root: &Path) -> Vec<String> {
    RULES
        .iter()
        .flat_map(|rule| {
            breaches(root, rule)
                .into_iter()
                .map(move |b| format!("{}: {b}", rule.what))
        })
        .collect()
}

#[test]
fn the_source_keeps_the_layer_rules_architecture_md_states() {
    let broken = check(&repo(""));
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn a_rule_broken_on_purpose_is_named_with_its_file_and_line() {
    let dir = Scratch::new();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("src/rules/sdgs.rs", "use crate::check::Cursor;\n");
    write(
        "src/compile/mod.rs",
        "// crate::commands in a comment is fine\nuse crate::commands::Error;\n",
    );
    write("src/page/view.rs", "fn f() { println!(\"x\"); }\n");
    write("src/text/mod.rs", "use crate::finding::Code;\n");
    write("src/fill/mod.rs", "fn f() -> Exit { Exit::Valid }\n");
    write(
        "src/cli.rs",
        "use qfill::commands; fn f() { println!(\"ok here\"); }\n",
    );
    let broken = check(dir.path());
    let expected = [
        "`commands` is used only by the binary and by `commands/` itself: src/compile/mod.rs:2: use crate::commands::Error;",
        "the exit code is the commands' business: no engine sees `Exit`: src/fill/mod.rs:1: fn f() -> Exit { Exit::Valid }",
        "`rules/` reads values and never imports the checker: src/rules/sdgs.rs:1: use crate::check::Cursor;",
        "the leaves (`text`, `exit`) import nothing of the crate: src/text/mod.rs:1: use crate::finding::Code;",
        "the library never prints: output goes through the writers it is given: src/page/view.rs:1: fn f() { println!(\"x\"); }",
    ];
    assert_eq!(broken, expected);
}
