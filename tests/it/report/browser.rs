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

/// Width and height of the first page, in points, and the number of pages (`pdfinfo`).
fn pdf_pages(pdf: &Path) -> (f64, f64, usize) {
    let info = Command::new(tool(&["pdfinfo"])).arg(pdf).output().unwrap();
    assert!(info.status.success());
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {info}"))
            .trim()
            .to_string()
    };
    let size = field("Page size:");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1], field("Pages:").parse().unwrap())
}

/// The text of pages `from` to `to` (`pdftotext`), spaces folded.
fn pdf_text(pdf: &Path, from: usize, to: usize) -> String {
    let out = Command::new(tool(&["pdftotext"]))
        .args(["-f", &from.to_string(), "-l", &to.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `qfill report` of the year's intake with its roster.
fn report_intake() -> std::process::Command {
    let mut cmd = crate::common::command();
    cmd.arg("report")
        .arg(repo("tests/data/intake-2024"))
        .arg(repo("tests/data/intake-2024/iom.txt"))
        .arg("--roster")
        .arg(repo("tests/data/intake-2024-roster.csv"));
    cmd
}

#[test]
fn the_intake_prints_on_a4_with_its_title_date_and_page_numbers_in_the_margins() {
    if !enabled() {
        return;
    }
    let dir = Scratch::new();
    for (paper, (width, height)) in [("a4", (595.3, 841.9)), ("letter", (612.0, 792.0))] {
        let page = dir.path().join(format!("{paper}.html"));
        let pdf = dir.path().join(format!("{paper}.pdf"));
        let output = report_intake()
            .arg("-o")
            .arg(&page)
            .args([
                "--force",
                "--paper",
                paper,
                "--as-of",
                "2024-12-07",
                "--pdf",
            ])
            .arg(&pdf)
            .env("QFILL_CHROMIUM", chromium())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let (w, h, pages) = pdf_pages(&pdf);
        assert!(
            (w - width).abs() < 1.5 && (h - height).abs() < 1.5,
            "{paper}: {w} x {h}"
        );
        let first = pdf_text(&pdf, 1, 1);
        for want in [
            "HLPF 2024 questionnaire — 49 of 52 entities responded (94%)".to_string(),
            "As of 7 December 2024".to_string(),
            format!("Page 1 of {pages}"),
        ] {
            assert!(first.contains(&want), "{paper}: `{want}` on page 1");
        }
        let last = pdf_text(&pdf, pages, pages);
        assert!(
            last.contains(&format!("Page {pages} of {pages}")),
            "{paper}: the last page numbered"
        );
    }
}

/// Reads a PNG's width and height from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn on_a_390_px_screen_the_first_screen_leads_and_chart_labels_stay_readable() {
    if !enabled() {
        return;
    }
    let dir = Scratch::new();
    let page = dir.path().join("report.html");
    let output = report_intake().arg("-o").arg(&page).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    // A copy of the page with a script that writes down, on each chart, how wide Chromium drew
    // it and the font size of its labels; the page itself has no script.
    let html = fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script"));
    let measured = dir.path().join("measured.html");
    fs::write(
        &measured,
        html.replace(
            "</body>",
            "<script>for (const s of document.querySelectorAll('svg.bars')) { \
             const t = s.querySelector('text.label'); \
             s.setAttribute('data-drawn-width', s.getBoundingClientRect().width); \
             s.setAttribute('data-label-size', parseFloat(getComputedStyle(t).fontSize)); }</script></body>",
        ),
    )
    .unwrap();
    let dom = browser(&dir.path().join("p1"))
        .args(["--window-size=390,844", "--dump-dom"])
        .arg(format!("file://{}", measured.display()))
        .output()
        .unwrap();
    assert!(dom.status.success());
    let doc = Html::parse_document(&String::from_utf8_lossy(&dom.stdout));
    let charts: Vec<_> = doc.select(&Selector::parse("svg.bars").unwrap()).collect();
    assert!(charts.len() >= 4, "{} charts", charts.len());
    for svg in charts {
        let attr = |name: &str| -> f64 {
            svg.value()
                .attr(name)
                .unwrap_or_else(|| panic!("no {name}"))
                .parse()
                .unwrap()
        };
        let view_width: f64 = svg
            .value()
            .attr("viewBox")
            .unwrap()
            .split_whitespace()
            .nth(2)
            .unwrap()
            .parse()
            .unwrap();
        let label = attr("data-label-size") * attr("data-drawn-width") / view_width;
        assert!(
            label >= 11.0,
            "labels of {:?} drawn at {label:.1} px",
            svg.value().attr("aria-labelledby")
        );
    }
    // The first screen: the title with the response rate, then the as-of date.
    let h1: Vec<String> = doc
        .select(&Selector::parse("h1").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        h1,
        ["HLPF 2024 questionnaire — 49 of 52 entities responded (94%)"]
    );
    // And it renders at the phone's size.
    let shot = dir.path().join("phone.png");
    let status = browser(&dir.path().join("p2"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=390,844")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(status.status.success());
    assert_eq!(png_size(&fs::read(&shot).unwrap()), (390, 844));
}
