//! Shared by the benchmarks: realistic generated submissions, and timing a command with its peak
//! memory.

// Each benchmark uses only some of it.
#![allow(dead_code)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qfill::questionnaire::{Field, FieldKind, QuestionKind, Questionnaire};
use serde_json::{Map, Value, json};

pub const WORDS: &[&str] = &[
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

pub const PLACES: &[(&str, &str)] = &[
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

pub const LANGUAGES: &[&str] = &["en", "fr", "es", "ar", "zh", "ru", "English", "Français"];
pub const ORGANISATIONS: &[&str] = &["UNDP", "UNEP", "FAO", "WHO", "UNICEF", "UN-Habitat", "ILO"];
pub const COUNTRIES: &[&str] = &[
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
pub struct Rng(u64);

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
pub fn submission(q: &Questionnaire, rng: &mut Rng, index: usize, invalid: bool) -> Value {
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

pub fn rng_words(rng: &mut Rng, low: usize, high: usize) -> Value {
    Value::String(rng.words(low, high.max(low)))
}

pub fn field(field: &Field, q: &Questionnaire, rng: &mut Rng) -> Value {
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
pub fn plant_error(doc: &mut Value, rng: &mut Rng) {
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
pub enum Format {
    Toml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
        }
    }
}

/// Writes `count` submissions into `dir`; returns how many were made invalid.
pub fn generate(dir: &Path, count: usize, format: Format, q: &Questionnaire) -> usize {
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
#[allow(unsafe_code, reason = "wait4 and its rusage: rustix offers no rusage")]
pub fn measure(command: &mut Command) -> (Duration, u64, i32) {
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

/// The fastest of several runs: what the code costs, with the least interference from whatever
/// else the machine is doing.
pub fn best(times: Vec<Duration>) -> Duration {
    times.into_iter().min().unwrap_or_default()
}

pub fn rate(count: usize, time: Duration) -> String {
    format!("{:.0}", count as f64 / time.as_secs_f64())
}

pub fn ms(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
}

/// The best time and the highest peak memory (KiB) of `runs` runs of a command that exits 0 or 1.
pub fn time(runs: usize, command: impl Fn() -> Command) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let (time, rss, code) = measure(&mut command());
        assert!(code == 0 || code == 1, "qfill exited with {code}");
        times.push(time);
        peak = peak.max(rss);
    }
    (best(times), peak)
}

/// A size in KiB as MiB, one decimal.
pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
