//! The fuzz targets' regression cases: every file under `tests/fuzz-regressions/TARGET/` goes
//! through the same code and the same oracle as the cargo-fuzz target TARGET (`fuzz/oracle.rs`,
//! included here), and so does every seed `fuzz/seed.sh` gives the fuzzer. Fuzzing itself is
//! not part of CI; these cases are. See "Fuzz" in CONTRIBUTING.md.

#[path = "../../fuzz/oracle.rs"]
pub mod oracle;

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use qfill::document::Format;

/// What a target runs on one input.
type Oracle = fn(&[u8]);

/// The targets, each with the oracle it runs.
const TARGETS: &[(&str, Oracle)] = &[
    ("answers_toml", |data| oracle::answers(data, Format::Toml)),
    ("answers_json", |data| oracle::answers(data, Format::Json)),
    ("definition", oracle::definition),
    ("legacy_import", oracle::legacy_import),
    ("docx_flatten", oracle::docx_flatten),
    ("definition_from_text", oracle::definition_from_text),
    ("migrate", oracle::migrate),
];

/// Seeds larger than this are left out of the fuzzer's corpus (as in `fuzz/seed.sh`).
const MAX_SEED_BYTES: u64 = 32 * 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Files in a folder, sorted, without READMEs; none if the folder does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

fn with_extension(dir: &str, ext: &str) -> Vec<PathBuf> {
    files(&root().join(dir))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| fs::metadata(p).unwrap().len() <= MAX_SEED_BYTES)
        .collect()
}

/// Runs `oracle` on every file and fails once, naming every file that panicked.
fn run_all(target: &str, oracle: Oracle, inputs: &[PathBuf]) {
    let failed: Vec<String> = inputs
        .iter()
        .filter(|path| {
            let data = fs::read(path).unwrap();
            catch_unwind(AssertUnwindSafe(|| oracle(&data))).is_err()
        })
        .map(|path| {
            path.strip_prefix(root())
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: the oracle fails on {failed:?} (the panic is printed above)"
    );
}

fn oracle_of(target: &str) -> Oracle {
    TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, oracle)| *oracle)
        .unwrap()
}

fn regressions(target: &str) {
    let dir = root().join("tests/fuzz-regressions").join(target);
    run_all(target, oracle_of(target), &files(&dir));
}

#[test]
fn answers_toml_regressions_pass_the_oracle() {
    regressions("answers_toml");
}

#[test]
fn answers_json_regressions_pass_the_oracle() {
    regressions("answers_json");
}

#[test]
fn definition_regressions_pass_the_oracle() {
    regressions("definition");
}

#[test]
fn legacy_import_regressions_pass_the_oracle() {
    regressions("legacy_import");
}

#[test]
fn docx_flatten_regressions() {
    regressions("docx_flatten");
}

#[test]
fn definition_from_text_regressions() {
    regressions("definition_from_text");
}

#[test]
fn migrate_regressions_pass_the_oracle() {
    regressions("migrate");
}

/// A folder for a target that does not exist would be skipped silently.
#[test]
fn every_regression_folder_is_a_target() {
    let dir = root().join("tests/fuzz-regressions");
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(
                TARGETS.iter().any(|(target, _)| *target == name),
                "{} is not a fuzz target",
                path.display()
            );
        }
    }
}

/// The fuzzer's seeds (`fuzz/seed.sh`): the examples, the small bad-input corpus, the test data
/// and the questionnaires, each through the oracle of the target it seeds.
#[test]
fn the_seeds_pass_their_oracles() {
    let seeds: [(&str, Vec<PathBuf>); 7] = [
        (
            "answers_toml",
            [
                with_extension("examples", "toml"),
                with_extension("tests/hostile", "toml"),
            ]
            .concat(),
        ),
        (
            "answers_json",
            [
                with_extension("examples", "json"),
                with_extension("tests/hostile", "json"),
            ]
            .concat(),
        ),
        (
            "definition",
            [
                with_extension("questionnaires", "toml"),
                with_extension("tests/data", "toml"),
            ]
            .concat(),
        ),
        (
            "legacy_import",
            [
                with_extension("tests/data", "txt"),
                with_extension("tests/hostile", "txt"),
            ]
            .concat(),
        ),
        ("docx_flatten", with_extension("tests/data/docx", "xml")),
        (
            "definition_from_text",
            [
                with_extension("tests/data", "txt"),
                with_extension("tests/data/docx", "xml"),
            ]
            .concat(),
        ),
        (
            "migrate",
            [
                with_extension("examples", "toml"),
                with_extension("examples", "json"),
                with_extension("tests/hostile", "toml"),
                vec![root().join("tests/data/focal-point.toml")],
            ]
            .concat(),
        ),
    ];
    for (target, inputs) in &seeds {
        assert!(!inputs.is_empty(), "{target} has no seeds");
        run_all(target, oracle_of(target), inputs);
    }
}
