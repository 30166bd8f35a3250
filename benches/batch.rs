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
//!
//! Besides the folders, it times process start (`qfill --version`), on its own and in the same
//! rounds as one file (the ratio of the two is taken within those rounds), and one file of 20,000
//! keys in each format (the cost of placing many findings and finding duplicate keys).
//!
//! `QFILL_BENCH_BIN=before=/tmp/qfill-old,after=target/release/qfill` times several builds side
//! by side, their runs interleaved with each other's and the floor's so that a busy machine slows
//! them alike; without it, the release binary built for the bench is timed.
//!
//! `-- --floor DIR` only does the floor's work on DIR, in one thread: what
//! `benches/instructions.sh` counts the instructions of.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Format, best, generate, measure, ms, rate};
use qfill::questionnaire::Questionnaire;
use rayon::prelude::*;
use serde_json::{Map, Value, json};

/// Reading and parsing the files into generic values, in parallel: what any checker pays.
fn floor(dir: &Path) -> Duration {
    let start = Instant::now();
    let files = files_in(dir);
    let parsed = files.par_iter().filter(|path| parses(path)).count();
    assert_eq!(parsed, files.len());
    start.elapsed()
}

/// The files below `dir`, sorted.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

/// The floor's work on one file: read it and parse it into a generic value.
fn parses(path: &Path) -> bool {
    let text = fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str::<Value>(&text).is_ok(),
        _ => toml::from_str::<toml::Table>(&text).is_ok(),
    }
}

/// The binaries to time: `QFILL_BENCH_BIN` (`label=path`, comma-separated), or the one built.
fn binaries() -> Vec<(String, PathBuf)> {
    match std::env::var("QFILL_BENCH_BIN") {
        Ok(list) if !list.trim().is_empty() => list
            .split(',')
            .map(|item| match item.split_once('=') {
                Some((label, path)) => (label.trim().to_string(), PathBuf::from(path.trim())),
                None => ("qfill".to_string(), PathBuf::from(item.trim())),
            })
            .collect(),
        _ => vec![(
            "qfill".to_string(),
            PathBuf::from(env!("CARGO_BIN_EXE_qfill")),
        )],
    }
}

/// For each binary, the best time and the peak memory of `runs` runs of `args`, the binaries
/// taking turns; every exit code must be one of `codes`.
fn race(
    bins: &[(String, PathBuf)],
    args: &[&std::ffi::OsStr],
    runs: usize,
    codes: &[i32],
) -> Vec<(Duration, u64)> {
    let mut results = vec![(Duration::MAX, 0); bins.len()];
    for _ in 0..runs {
        for ((_, bin), result) in bins.iter().zip(&mut results) {
            let (time, rss, code) = measure(Command::new(bin).args(args));
            assert!(
                codes.contains(&code),
                "{} exited with {code}",
                bin.display()
            );
            result.0 = result.0.min(time);
            result.1 = result.1.max(rss);
        }
    }
    results
}

/// One file with `keys` extra top-level keys (each an `unknown-key` finding), besides the
/// questionnaire and entity.
fn many_keys(dir: &Path, keys: usize, format: Format) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let mut doc = Map::new();
    doc.insert("questionnaire".into(), json!("hlpf-2024"));
    doc.insert("entity".into(), json!("Entity (E)"));
    for i in 0..keys {
        doc.insert(format!("extra_key_{i:05}"), json!(format!("value {i}")));
    }
    let doc = Value::Object(doc);
    let path = dir.join(format!("keys.{}", format.name()));
    let text = match format {
        Format::Toml => toml::to_string(&doc).unwrap(),
        Format::Json => serde_json::to_string_pretty(&doc).unwrap(),
    };
    fs::write(&path, text).unwrap();
    path
}

/// `--floor DIR`: the floor's work on DIR in this one thread, and nothing else, for an
/// instruction count (`benches/instructions.sh`).
fn floor_alone(dir: &Path) {
    for path in files_in(dir) {
        assert!(parses(&path), "{}", path.display());
    }
}

/// The keys of the one large file timed after the batches.
const KEYS: usize = 20_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--floor") {
        floor_alone(Path::new(args.get(at + 1).expect("--floor DIR")));
        return;
    }
    let bins = binaries();
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
    let labels: Vec<&str> = bins.iter().map(|(l, _)| l.as_str()).collect();
    println!(
        "qfill validate --quiet, release build, {threads} threads; floor: read + parse in parallel; binaries: {}\n",
        labels.join(", ")
    );

    let version = race(&bins, &["--version".as_ref()], 21, &[0]);
    println!("| binary | process start (`qfill --version`) |");
    println!("| --- | ---: |");
    for ((label, _), (time, _)) in bins.iter().zip(&version) {
        println!("| {label} | {} |", ms(*time));
    }
    println!();

    println!(
        "| format | files | invalid | binary | qfill | files/s | peak memory | floor | floor files/s | qfill / floor |"
    );
    println!("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut one_file = Vec::new();
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
            let want = if invalid > 0 { 1 } else { 0 };
            // The floor takes its turn in every round too, so that a busy moment slows it as
            // much as the binaries and the ratios stay fair.
            let mut timed = vec![(Duration::MAX, 0); bins.len()];
            // One file is compared with process start timed in the same rounds, so that both
            // see the machine in the same state.
            let mut starts = vec![Duration::MAX; bins.len()];
            let mut floor_times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let round = race(
                    &bins,
                    &["validate".as_ref(), "--quiet".as_ref(), dir.as_os_str()],
                    1,
                    &[want],
                );
                for (best, (time, peak)) in timed.iter_mut().zip(round) {
                    *best = (best.0.min(time), best.1.max(peak));
                }
                if count == 1 {
                    let round = race(&bins, &["--version".as_ref()], 1, &[0]);
                    for (best, (time, _)) in starts.iter_mut().zip(round) {
                        *best = (*best).min(time);
                    }
                }
                floor_times.push(floor(&dir));
            }
            let floor_time = best(floor_times);
            for ((label, _), (time, peak)) in bins.iter().zip(&timed) {
                println!(
                    "| {} | {count} | {invalid} | {label} | {} | {} | {:.1} MiB | {} | {} | {:.2} |",
                    format.name(),
                    ms(*time),
                    rate(count, *time),
                    *peak as f64 / 1024.0,
                    ms(floor_time),
                    rate(count, floor_time),
                    time.as_secs_f64() / floor_time.as_secs_f64(),
                );
            }
            if count == 1 {
                one_file.push((format, timed, starts));
            }
            if keep.is_none() {
                fs::remove_dir_all(&dir).unwrap();
            }
        }
    }
    if !one_file.is_empty() {
        println!(
            "\n| format | binary | one file | process start, same rounds | one file / process start |"
        );
        println!("| --- | --- | ---: | ---: | ---: |");
        for (format, timed, starts) in &one_file {
            for (((label, _), (time, _)), start) in bins.iter().zip(timed).zip(starts) {
                println!(
                    "| {} | {label} | {} | {} | {:.2} |",
                    format.name(),
                    ms(*time),
                    ms(*start),
                    time.as_secs_f64() / start.as_secs_f64()
                );
            }
        }
    }

    println!("\n| format | one file of {KEYS} keys | binary | qfill | peak memory |");
    println!("| --- | ---: | --- | ---: | ---: |");
    for format in [Format::Toml, Format::Json] {
        let dir = root.join(format!("keys-{}", format.name()));
        let path = many_keys(&dir, KEYS, format);
        let size = fs::metadata(&path).unwrap().len();
        let timed = race(
            &bins,
            &["validate".as_ref(), "--quiet".as_ref(), path.as_os_str()],
            3,
            &[0, 1],
        );
        for ((label, _), (time, peak)) in bins.iter().zip(&timed) {
            println!(
                "| {} | {} KiB | {label} | {} | {:.1} MiB |",
                format.name(),
                size / 1024,
                ms(*time),
                *peak as f64 / 1024.0
            );
        }
        if keep.is_none() {
            fs::remove_dir_all(&dir).unwrap();
        }
    }
}
