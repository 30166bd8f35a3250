//! The browser tier: with `QFILL_TEST_BROWSER=1` (set by `.ci/run`, which installs Debian's
//! `chromium` and `poppler-utils`), headless Chromium opens the report of the examples and of 50
//! generated responses (`--dump-dom`, `--screenshot`), and `qfill report --pdf` prints it
//! (`--print-to-pdf`), whose text (`pdftotext`) holds every entity's name. With the variable
//! set, a missing tool fails the test; without it the tier is skipped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

use super::model::Model;
use crate::common::{Scratch, qfill, repo};

fn enabled() -> bool {
    std::env::var("QFILL_TEST_BROWSER").is_ok_and(|v| v == "1")
}

/// The first of `names` on PATH; a missing tool fails the test.
fn tool(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "QFILL_TEST_BROWSER=1 but none of {names:?} is on PATH; install chromium and poppler-utils"
    );
}

fn chromium() -> PathBuf {
    tool(&[
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ])
}

/// Headless Chromium with a throwaway profile, as `qfill report --pdf` runs it.
fn browser(profile: &Path) -> Command {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-extensions",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    // SAFETY: geteuid cannot fail.
    if rustix::process::geteuid().as_raw() == 0 {
        cmd.arg("--no-sandbox");
    }
    cmd
}

const SECTIONS: &[&str] = &[
    "summary",
    "sdgs",
    "events",
    "member-states",
    "high-impact",
    "resources",
    "limits",
    "findings",
    "previews",
];

/// Reports `inputs`, opens the page in Chromium, prints it, and checks what a reader gets.
fn open_in_chromium(inputs: &[&str]) {
    let dir = Scratch::new();
    let page = dir.path().join("report.html");
    let pdf = dir.path().join("report.pdf");
    let output = qfill()
        .arg("report")
        .args(inputs)
        .arg("-o")
        .arg(&page)
        .arg("--pdf")
        .arg(&pdf)
        .env("QFILL_CHROMIUM", chromium())
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let url = format!("file://{}", page.display());

    // The DOM as Chromium builds it has every section and every preview.
    let dom = browser(&dir.path().join("p1"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let doc = Html::parse_document(&String::from_utf8_lossy(&dom.stdout));
    for id in SECTIONS {
        let found = doc
            .select(&Selector::parse(&format!("section#{id}")).unwrap())
            .count();
        assert_eq!(found, 1, "section {id} in the rendered DOM");
    }
    let model = Model::compile(inputs);
    let responses = model.sheet("responses");
    let previews = doc
        .select(&Selector::parse("article.preview").unwrap())
        .count();
    assert_eq!(previews, responses.len());

    // It renders to an image.
    let shot = dir.path().join("shot.png");
    let status = browser(&dir.path().join("p2"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,1600")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(
        fs::read(&shot).unwrap().starts_with(b"\x89PNG"),
        "a PNG screenshot"
    );

    // The PDF holds every entity's name.
    let text = Command::new(tool(&["pdftotext"]))
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        text.status.success(),
        "{}",
        String::from_utf8_lossy(&text.stderr)
    );
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let at = responses.at("entity");
    for row in &responses.rows {
        if let Some(entity) = row[at].as_str() {
            let entity = entity.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(&entity), "`{entity}` in the PDF");
        }
    }
}

#[test]
fn chromium_opens_and_prints_the_report_of_the_examples() {
    if !enabled() {
        return;
    }
    open_in_chromium(&[repo("examples").to_str().unwrap()]);
}

#[test]
fn chromium_opens_and_prints_the_report_of_50_generated_responses() {
    if !enabled() {
        return;
    }
    let dir = Scratch::new();
    let q = qfill::questionnaire::Questionnaire::default_builtin();
    crate::generator::generate(dir.path(), 50, crate::generator::Format::Toml, &q);
    open_in_chromium(&[dir.path().to_str().unwrap()]);
}
