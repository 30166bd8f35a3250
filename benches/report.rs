//! Report benchmark: `cargo bench --bench report` (add sizes to choose them, e.g.
//! `cargo bench --bench report -- 200`).
//!
//! Generates the same realistic submissions as the other benchmarks (TOML; about one file in six
//! has an error), then times the release binary on the same folder: `qfill validate --quiet`,
//! `qfill report DIR -o report.html` (previews included) and `--no-previews` (the best of a few
//! runs, process start included), each with its peak memory (`wait4`) and the page's size, and —
//! when Chromium is on PATH or in `QFILL_CHROMIUM` — how long headless Chromium takes to open the
//! page and draw its first screen (`--screenshot`, process start included; up to 2,000
//! responses). Prints a Markdown table; the goals are the page ≤ 10× validate, ≤ 100 MiB for the
//! full page of 1,000 and the bare page of 10,000, ≤ 300 MiB for the full page of 10,000.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Format, best, generate, mib, ms, time};
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
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    let q = Questionnaire::default_builtin();
    let scratch = tempfile::tempdir().unwrap();
    let browser = chromium();
    println!("release build; best of a few runs (one at 10,000), process start included\n");
    println!(
        "| responses | validate | peak | report | peak | page | report / validate | --no-previews | peak | page | Chromium draws the first screen |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for &count in &sizes {
        let dir = scratch.path().join(format!("toml-{count}"));
        generate(&dir, count, Format::Toml, &q);
        let runs = if count <= 2_000 { 3 } else { 1 };
        let (validate, validate_peak) = time(runs, || {
            let mut c = Command::new(bin);
            c.args(["validate", "--quiet"]).arg(&dir);
            c
        });
        let page = scratch.path().join(format!("report-{count}.html"));
        let (full, full_peak) = time(runs, || {
            let mut c = Command::new(bin);
            c.arg("report")
                .arg(&dir)
                .arg("-o")
                .arg(&page)
                .arg("--force");
            c
        });
        let full_size = std::fs::metadata(&page).unwrap().len();
        let bare = scratch.path().join(format!("bare-{count}.html"));
        let (no_previews, bare_peak) = time(runs, || {
            let mut c = Command::new(bin);
            c.arg("report")
                .arg(&dir)
                .arg("-o")
                .arg(&bare)
                .args(["--force", "--no-previews"]);
            c
        });
        let bare_size = std::fs::metadata(&bare).unwrap().len();
        let opened = match &browser {
            None => "no Chromium".to_string(),
            // Chromium on a page of 10,000 previews is not what anyone opens.
            Some(_) if count > 2_000 => "—".to_string(),
            Some(c) => ms(best(
                (0..3).map(|_| open(c, &page, scratch.path())).collect(),
            )),
        };
        println!(
            "| {count} | {} | {} | {} | {} | {:.1} MB | {:.1} | {} | {} | {:.1} MB | {opened} |",
            ms(validate),
            mib(validate_peak),
            ms(full),
            mib(full_peak),
            full_size as f64 / 1e6,
            full.as_secs_f64() / validate.as_secs_f64(),
            ms(no_previews),
            mib(bare_peak),
            bare_size as f64 / 1e6,
        );
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_file(&page).unwrap();
        std::fs::remove_file(&bare).unwrap();
    }
}
