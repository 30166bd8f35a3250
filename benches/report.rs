//! Report benchmark: `cargo bench --bench report` (add sizes to choose them, e.g.
//! `cargo bench --bench report -- 200`).
//!
//! Generates the same realistic submissions as the other benchmarks (TOML; about one file in six
//! has an error), then times the release binary's `qfill report DIR -o report.html` (previews
//! included; the best of a few runs, process start included) with its peak memory and the page's
//! size, and — when Chromium is on PATH or in `QFILL_CHROMIUM` — how long headless Chromium takes
//! to open the page and draw its first screen (`--screenshot`, process start included). Prints a
//! Markdown table; the goal is 1,000 responses with previews open in a few seconds.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Format, best, generate, measure, ms};
use qfill::questionnaire::Questionnaire;

fn chromium() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("QFILL_CHROMIUM") {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// Headless Chromium opening `page` and drawing its first screen.
fn open(chromium: &PathBuf, page: &std::path::Path, scratch: &std::path::Path) -> Duration {
    let start = Instant::now();
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--window-size=1280,1600",
    ])
    .arg(format!(
        "--user-data-dir={}",
        scratch.join("profile").display()
    ))
    .arg(format!(
        "--screenshot={}",
        scratch.join("shot.png").display()
    ))
    .arg(format!("file://{}", page.display()))
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    // SAFETY: geteuid cannot fail.
    if rustix::process::geteuid().is_root() {
        cmd.arg("--no-sandbox");
    }
    let status = cmd.status().unwrap();
    assert!(status.success(), "chromium failed");
    start.elapsed()
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_qfill");
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() { vec![1_000] } else { sizes };
    let q = Questionnaire::default_builtin();
    let scratch = tempfile::tempdir().unwrap();
    let browser = chromium();
    println!("release build; best of 3 runs, process start included\n");
    println!("| responses | qfill report | peak | page | Chromium opens it |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for &count in &sizes {
        let dir = scratch.path().join(format!("toml-{count}"));
        generate(&dir, count, Format::Toml, &q);
        let page = scratch.path().join(format!("report-{count}.html"));
        let mut times = Vec::new();
        let mut peak = 0;
        for _ in 0..3 {
            let (time, rss, code) = measure(
                Command::new(bin)
                    .arg("report")
                    .arg(&dir)
                    .arg("-o")
                    .arg(&page)
                    .arg("--force"),
            );
            assert!(code == 0 || code == 1, "qfill exited with {code}");
            times.push(time);
            peak = peak.max(rss);
        }
        let size = std::fs::metadata(&page).unwrap().len();
        let opened = browser.as_ref().map_or("no Chromium".to_string(), |c| {
            ms(best(
                (0..3).map(|_| open(c, &page, scratch.path())).collect(),
            ))
        });
        println!(
            "| {count} | {} | {:.1} MiB | {:.1} MB | {opened} |",
            ms(best(times)),
            peak as f64 / 1024.0,
            size as f64 / 1e6
        );
    }
}
