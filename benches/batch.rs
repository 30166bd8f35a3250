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
//! Besides the folders, it times process start (`qfill --version`) and one file of 20,000 keys in
//! each format (the cost of placing many findings and finding duplicate keys).
//!
//! `QFILL_BENCH_BIN=before=/tmp/qfill-old,after=target/release/qfill` times several builds side
//! by side, their runs interleaved so that a busy machine slows them alike; without it, the
//! release binary built for the bench is timed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qfill::questionnaire::{Field, FieldKind, QuestionKind, Questionnaire};
use rayon::prelude::*;
use serde_json::{Map, Value, json};

const WORDS: &[&str] = &[
    "sustainable",
    "development",
    "national",
    "regional",
    "partners",
    "support",
    "capacity",
    "climate",
    "water",
    "resilience",
    "data",
    "policy",
    "countries",
    "communities",
    "women",
    "youth",
    "finance",
    "health",
    "education",
    "energy",
    "food",
    "systems",
    "local",
    "government",
    "the",
    "and",
    "of",
    "to",
    "in",
    "for",
    "with",
    "on",
    "by",
    "its",
    "their",
    "programme",
    "strategy",
    "implementation",
    "agenda",
    "progress",
    "review",
    "report",
    "technical",
    "assistance",
    "knowledge",
    "sharing",
    "platform",
    "network",
    "dialogue",
    "ministerial",
    "forum",
    "action",
    "plans",
    "targets",
    "indicators",
    "monitoring",
    "statistics",
    "evidence",
    "guidance",
    "toolkit",
    "training",
    "workshops",
    "2023",
    "2024",
    "launched",
    "adopted",
    "strengthened",
    "coordinated",
    "mobilized",
    "delivered",
    "expanded",
    "inclusive",
    "equitable",
    "poverty",
    "hunger",
    "oceans",
    "forests",
    "cities",
    "jobs",
    "innovation",
    "digital",
    "infrastructure",
    "disaster",
    "risk",
    "reduction",
    "early",
    "warning",
    "protection",
    "social",
    "gender",
    "equality",
    "UN-Habitat's",
    "(UNDP),",
];

const PLACES: &[(&str, &str)] = &[
    ("Nairobi", "Kenya"),
    ("Geneva", "Switzerland"),
    ("Bangkok", "Thailand"),
    ("Apia", "Samoa"),
    ("Santiago", "Chile"),
    ("New York", "United States of America"),
    ("Addis Ababa", "Ethiopia"),
    ("Dakar", "Senegal"),
    ("Bridgetown", "Barbados"),
    ("Istanbul", "Türkiye"),
];

const LANGUAGES: &[&str] = &["en", "fr", "es", "ar", "zh", "ru", "English", "Français"];
const ORGANISATIONS: &[&str] = &["UNDP", "UNEP", "FAO", "WHO", "UNICEF", "UN-Habitat", "ILO"];
const COUNTRIES: &[&str] = &[
    "Senegal",
    "Gambia",
    "Ghana",
    "Kenya",
    "Chile",
    "Peru",
    "India",
    "Nepal",
    "Fiji",
    "Samoa",
    "Türkiye",
    "Brazil",
    "Jordan",
    "Morocco",
    "Viet Nam",
    "Côte d'Ivoire",
    "USA",
];

/// A small deterministic generator (xorshift64*), so that every run checks the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }

    fn some<'a>(&mut self, items: &[&'a str], max: usize) -> Vec<&'a str> {
        let mut chosen: Vec<&str> = Vec::new();
        for _ in 0..self.range(1, max) {
            let item = self.pick(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen
    }

    fn words(&mut self, low: usize, high: usize) -> String {
        let n = self.range(low, high);
        let mut text = String::new();
        for i in 0..n {
            if i > 0 {
                text.push_str(if i % 60 == 0 { "\n\n" } else { " " });
            }
            text.push_str(self.pick(WORDS));
        }
        text
    }
}

/// One submission for `q` as a JSON value; `invalid` plants one error in it.
fn submission(q: &Questionnaire, rng: &mut Rng, index: usize, invalid: bool) -> Value {
    let mut answers = Map::new();
    for question in &q.questions {
        let value = match &question.kind {
            QuestionKind::Text(words) => {
                let low = words.min.unwrap_or(50);
                rng_words(rng, low, words.max.unwrap_or(low + 300).min(low + 300))
            }
            QuestionKind::Records(records) => {
                let max = match question.id.as_str() {
                    "events" => 6,
                    "initiatives" => 8,
                    _ => records.max_records.unwrap_or(4),
                };
                let count = rng.range(0, max);
                let list: Vec<Value> = (0..count)
                    .map(|_| {
                        let mut fields = Map::new();
                        for f in &records.fields {
                            if f.required || rng.chance(80) {
                                fields.insert(f.id.clone(), field(f, q, rng));
                            }
                        }
                        Value::Object(fields)
                    })
                    .collect();
                Value::Array(list)
            }
            QuestionKind::ChoicesText(choices) => {
                let names: Vec<&str> = choices.choices.iter().map(String::as_str).collect();
                let low = choices.words.min.unwrap_or(30);
                json!({
                    (choices.choices_key.clone()): rng.some(&names, 3),
                    (choices.text_key.clone()): rng_words(rng, low, choices.words.max.unwrap_or(low + 200)),
                })
            }
        };
        answers.insert(question.id.clone(), value);
    }
    let mut doc = json!({
        "questionnaire": q.id,
        "entity": format!("Entity number {index} (E{index})"),
        "contact": { "name": "Focal Point", "email": format!("focal{index}@example.org") },
        "answers": answers,
    });
    if invalid {
        plant_error(&mut doc, rng);
    }
    doc
}

fn rng_words(rng: &mut Rng, low: usize, high: usize) -> Value {
    Value::String(rng.words(low, high.max(low)))
}

fn field(field: &Field, q: &Questionnaire, rng: &mut Rng) -> Value {
    match field.kind {
        FieldKind::Line => Value::String(rng.words(2, 7)),
        // Descriptions of 80 to 150 words, within a 150-word limit.
        FieldKind::Paragraphs => {
            let high = field.words.max.unwrap_or(150).min(150);
            rng_words(rng, field.words.min.unwrap_or(80).min(high), high)
        }
        FieldKind::Sdgs if rng.chance(5) => json!("all"),
        FieldKind::Sdgs => {
            let mut goals: Vec<u64> = (0..rng.range(1, 4))
                .map(|_| rng.range(1, 17) as u64)
                .collect();
            goals.sort_unstable();
            goals.dedup();
            json!(goals)
        }
        FieldKind::Dates => {
            let (start, end) = match q.reporting_window {
                Some(w) => (w.start, w.end),
                None => ("2023-01-01".parse().unwrap(), "2023-12-31".parse().unwrap()),
            };
            let span = (end - start).get_days().max(1) as usize;
            let first = start + jiff::Span::new().days(rng.range(0, span - 1) as i64);
            if rng.chance(50) {
                json!(first.to_string())
            } else {
                let last = (first + jiff::Span::new().days(rng.range(1, 3) as i64)).min(end);
                json!({ "start": first.to_string(), "end": last.to_string() })
            }
        }
        FieldKind::Places => {
            let (city, country) = PLACES[rng.range(0, PLACES.len() - 1)];
            json!({ "city": city, "country": country })
        }
        FieldKind::Url => json!(format!(
            "https://www.example.org/item/{}",
            rng.next() % 10_000
        )),
        FieldKind::Languages => json!(rng.some(LANGUAGES, 3)),
        FieldKind::Organisations => json!(rng.some(ORGANISATIONS, 4)),
        FieldKind::Countries if field.allow_all && rng.chance(10) => json!("all"),
        FieldKind::Countries => json!(rng.some(COUNTRIES, 5)),
    }
}

/// One error of a kind people make: a goal out of range, a description over its limit, a
/// misspelt key.
fn plant_error(doc: &mut Value, rng: &mut Rng) {
    let records: Vec<&mut Value> = doc["answers"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .filter_map(|v| v.as_array_mut())
        .flatten()
        .collect();
    match (rng.range(0, 2), records.into_iter().next()) {
        (0, Some(record)) if record.get("sdgs").is_some() => record["sdgs"] = json!([3, 18]),
        (1, Some(record)) if record.get("description").is_some() => {
            record["description"] = Value::String(rng.words(151, 160));
        }
        _ => {
            doc.as_object_mut()
                .unwrap()
                .insert("entitty".to_string(), json!("misspelt"));
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Toml,
    Json,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
        }
    }
}

/// Writes `count` submissions into `dir`; returns how many were made invalid.
fn generate(dir: &Path, count: usize, format: Format, q: &Questionnaire) -> usize {
    fs::create_dir_all(dir).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ count as u64);
    let mut invalid = 0;
    for i in 0..count {
        let bad = rng.chance(16);
        invalid += usize::from(bad);
        let doc = submission(q, &mut rng, i, bad);
        let text = match format {
            Format::Toml => toml::to_string(&doc).unwrap(),
            Format::Json => serde_json::to_string_pretty(&doc).unwrap(),
        };
        fs::write(dir.join(format!("{i:05}.{}", format.name())), text).unwrap();
    }
    invalid
}

/// Runs the command to its end; returns the wall time, its peak resident memory in KiB and the
/// exit code.
fn measure(command: &mut Command) -> (Duration, u64, i32) {
    let start = Instant::now();
    #[allow(clippy::zombie_processes, reason = "`wait4` below reaps it")]
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: plain data that `wait4` fills in; all-zero is a valid `rusage`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `child` is our own child, not yet waited for; `wait4` reaps it exactly once and
    // `Child` never waits by itself when dropped.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert!(pid > 0, "wait4 failed");
    // `ru_maxrss` is in KiB on Linux.
    (elapsed, usage.ru_maxrss as u64, libc::WEXITSTATUS(status))
}

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

/// The fastest of several runs: what the code costs, with the least interference from whatever
/// else the machine is doing.
fn best(times: Vec<Duration>) -> Duration {
    times.into_iter().min().unwrap_or_default()
}

fn rate(count: usize, time: Duration) -> String {
    format!("{:.0}", count as f64 / time.as_secs_f64())
}

fn ms(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
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

fn main() {
    let bins = binaries();
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
            let timed = race(
                &bins,
                &["validate".as_ref(), "--quiet".as_ref(), dir.as_os_str()],
                runs,
                &[want],
            );
            let floor_time = best((0..runs).map(|_| floor(&dir)).collect());
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
                one_file.push((format, timed));
            }
            if keep.is_none() {
                fs::remove_dir_all(&dir).unwrap();
            }
        }
    }
    if !one_file.is_empty() {
        println!("\n| format | binary | one file / process start |");
        println!("| --- | --- | ---: |");
        for (format, timed) in &one_file {
            for (((label, _), (time, _)), (start, _)) in bins.iter().zip(timed).zip(&version) {
                println!(
                    "| {} | {label} | {:.2} |",
                    format.name(),
                    time.as_secs_f64() / start.as_secs_f64()
                );
            }
        }
    }

    const KEYS: usize = 20_000;
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
