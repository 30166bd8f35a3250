//! Batch validation benchmark: `cargo bench --bench batch` (add sizes to choose them, e.g.
//! `cargo bench --bench batch -- 1 500`).
//!
//! Generates realistic submissions for the built-in questionnaire (descriptions of 80 to 150
//! words, 0-6 events, 0-3 resources, 0-8 initiatives; about one file in six has an error), as
//! TOML and as JSON, then for each size times the release `qfill validate --quiet` binary (the
//! best wall time of several runs, process start included, and its peak memory from `wait4`)
//! against a floor: reading and parsing the same files into generic values with `toml` /
//! `serde_json`, in parallel, in this process. Prints a Markdown table.
//!
//! `-- --keep DIR` writes the files into DIR and leaves them there, to profile qfill on them.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Format, best, generate, measure, ms, rate};
use qfill::questionnaire::Questionnaire;
use rayon::prelude::*;
use serde_json::Value;

/// Reading and parsing the files into generic values, in parallel: what any checker pays.
fn floor(dir: &Path) -> Duration {
    let start = Instant::now();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    let parsed = files
        .par_iter()
        .filter(|path| {
            let text = fs::read_to_string(path).unwrap();
            match path.extension().and_then(|e| e.to_str()) {
                Some("json") => serde_json::from_str::<Value>(&text).is_ok(),
                _ => toml::from_str::<toml::Table>(&text).is_ok(),
            }
        })
        .count();
    assert_eq!(parsed, files.len());
    start.elapsed()
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_qfill");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1, 1_000, 10_000]
    } else {
        sizes
    };
    let q = Questionnaire::default_builtin();
    let scratch = tempfile::tempdir().unwrap();
    let root = keep.as_deref().unwrap_or(scratch.path());
    let threads = rayon::current_num_threads();
    println!(
        "qfill validate --quiet, release build, {threads} threads; floor: read + parse in parallel\n"
    );
    println!(
        "| format | files | invalid | qfill | files/s | peak memory | floor | floor files/s | qfill / floor |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for format in [Format::Toml, Format::Json] {
        for &count in &sizes {
            let dir = root.join(format!("{}-{count}", format.name()));
            let invalid = generate(&dir, count, format, &q);
            // Enough runs for a stable best time, fewer for the big folders.
            let runs = match count {
                0..=10 => 21,
                11..=2_000 => 7,
                _ => 3,
            };
            floor(&dir); // warms the page cache for both
            let mut times = Vec::new();
            let mut peak = 0;
            for _ in 0..runs {
                let (time, rss, code) =
                    measure(Command::new(bin).args(["validate", "--quiet"]).arg(&dir));
                assert!(code == 0 || code == 1, "qfill exited with {code}");
                assert_eq!(
                    code == 1,
                    invalid > 0,
                    "exit {code} with {invalid} invalid files"
                );
                times.push(time);
                peak = peak.max(rss);
            }
            let time = best(times);
            let floor_time = best((0..runs).map(|_| floor(&dir)).collect());
            println!(
                "| {} | {count} | {invalid} | {} | {} | {:.1} MiB | {} | {} | {:.2} |",
                format.name(),
                ms(time),
                rate(count, time),
                peak as f64 / 1024.0,
                ms(floor_time),
                rate(count, floor_time),
                time.as_secs_f64() / floor_time.as_secs_f64(),
            );
            if keep.is_none() {
                fs::remove_dir_all(&dir).unwrap();
            }
        }
    }
}
