//! `qfill report` through the binary: the page parsed with an HTML5 parser (scraper) and every
//! section, count and chart value checked against the compiled model (`qfill compile --to
//! json` on the same inputs); nothing loaded from outside, answer text escaped; templates, write
//! rules. The PDF is tested in `report/pdf.rs`, real Chromium in `report/browser.rs`.

mod browser;
mod first_screen;
mod model;
mod pdf;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;

use crate::common::{Scratch, qfill, repo};
use crate::hostile::corpus_dir;
use model::{Model, fixture, page, report};
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn all<'a>(doc: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(s)).collect()
}

fn one<'a>(scope: ElementRef<'a>, s: &str) -> ElementRef<'a> {
    scope
        .select(&sel(s))
        .next()
        .unwrap_or_else(|| panic!("no `{s}` in {}", scope.value().name()))
}

fn int(s: &str) -> i64 {
    s.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// A chart's bars (label → value from the SVG) and its data table (label → value); both must
/// agree, and every chart has a title and a description.
fn chart(doc: &Html, id: &str) -> Vec<(String, i64)> {
    let figure = all(doc, &format!("figure#{id}"))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no chart {id}"));
    assert!(
        !text(one(figure, "figcaption h3")).is_empty(),
        "{id} has a title"
    );
    assert!(
        !text(one(figure, "p.description")).is_empty(),
        "{id} has a description"
    );
    let bars: Vec<(String, i64)> = figure
        .select(&sel("svg g.bar"))
        .map(|g| {
            (
                g.value().attr("data-label").unwrap().to_string(),
                int(g.value().attr("data-value").unwrap()),
            )
        })
        .collect();
    // The number is written on the bar too: colour is never the only carrier.
    for g in figure.select(&sel("svg g.bar")) {
        let value = g.value().attr("data-value").unwrap();
        assert!(
            text(one(g, "text.value")).starts_with(value),
            "{id}: {}",
            text(g)
        );
    }
    let table: Vec<(String, i64)> = figure
        .select(&sel("details.data tbody tr"))
        .map(|tr| (text(one(tr, "th")), int(&text(one(tr, "td")))))
        .collect();
    assert_eq!(bars, table, "{id}: the chart and its table agree");
    bars
}

#[test]
fn every_section_count_and_chart_value_matches_the_compiled_model() {
    let dir = fixture();
    let roster = repo("tests/data/roster.csv");
    let args = [
        dir.path().to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
    ];
    let m = Model::compile(&args);
    let (doc, status) = page(&args, &[]);
    assert_eq!(status, Some(1), "a file with errors makes the run exit 1");
    let responses = m.sheet("responses");

    // Every section is there, in order.
    let ids: Vec<&str> = all(&doc, "main > section")
        .iter()
        .map(|s| s.value().id().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "summary",
            "sdgs",
            "events",
            "member-states",
            "high-impact",
            "resources",
            "limits",
            "findings",
            "previews"
        ]
    );

    // Summary.
    let count = |name: &str| int(&text(all(&doc, &format!("[data-count={name}]"))[0]));
    assert_eq!(count("responses"), responses.len() as i64);
    let valid = responses
        .rows
        .iter()
        .filter(|r| r[responses.at("valid")] == true)
        .count();
    assert_eq!(count("valid"), valid as i64);
    assert_eq!(count("invalid"), (responses.len() - valid) as i64);
    assert_eq!(count("errors"), responses.sum("errors"));
    assert_eq!(count("warnings"), responses.sum("warnings"));
    let roster = m.sheet("roster");
    let missing: Vec<String> = roster.texts_where("status", "not responded", "name");
    assert_eq!(missing, ["Missing Entity Organization"]);
    assert_eq!(count("roster-gaps"), missing.len() as i64);
    assert_eq!(
        all(&doc, "ul.roster-missing li")
            .iter()
            .map(|e| text(*e))
            .collect::<Vec<_>>(),
        missing
    );

    // SDGs: records per goal against the long sheet, the heat map against the matrix.
    let sdgs = m.sheet("sdgs");
    let bars = chart(&doc, "chart-sdgs");
    assert_eq!(bars.len(), 17);
    for (goal, (label, value)) in (1..=17).zip(&bars) {
        assert!(label.starts_with(&format!("SDG {goal}:")), "{label}");
        let records = sdgs
            .rows
            .iter()
            .filter(|r| r[sdgs.at("goal")] == goal)
            .count();
        assert_eq!(*value, records as i64, "SDG {goal}");
    }
    let matrix = m.sheet("sdg_matrix");
    let heat = all(&doc, "table.heatmap tbody tr");
    let per_file: Vec<&Vec<serde_json::Value>> = matrix
        .rows
        .iter()
        .filter(|r| !r[matrix.at("entity_key")].is_null())
        .collect();
    assert_eq!(heat.len(), per_file.len());
    for (tr, row) in heat.iter().zip(&per_file) {
        let cells: Vec<String> = tr.select(&sel("td")).map(text).collect();
        for goal in 1..=17 {
            let want = row[matrix.at(&format!("sdg_{goal}"))]
                .as_i64()
                .map(|n| n.to_string())
                .unwrap_or_default();
            assert_eq!(cells[goal - 1], want, "goal {goal} of {}", text(*tr));
        }
        assert_eq!(int(&cells[17]), row[matrix.at("goals")].as_i64().unwrap());
    }
    let total = matrix
        .rows
        .iter()
        .find(|r| r[matrix.at("entity_key")].is_null())
        .unwrap();
    let foot: Vec<String> = all(&doc, "table.heatmap tfoot td")
        .iter()
        .map(|e| text(*e))
        .collect();
    for goal in 1..=17 {
        assert_eq!(
            int(&foot[goal - 1]),
            total[matrix.at(&format!("sdg_{goal}"))].as_i64().unwrap()
        );
    }

    // Events: every record, the out-of-window ones flagged as the checker found them.
    let events = m.sheet("events");
    let dated = all(&doc, "table.events tbody tr");
    let undated = all(&doc, "ul.undated li");
    assert_eq!(dated.len() + undated.len(), events.len());
    let windows = m
        .sheet("findings")
        .texts_where("code", "date-window", "path");
    assert!(
        !windows.is_empty(),
        "the fixture has an event outside the window"
    );
    assert_eq!(all(&doc, "table.events tr.outside").len(), windows.len());
    let months = chart(&doc, "chart-events");
    assert_eq!(months.iter().map(|b| b.1).sum::<i64>(), dated.len() as i64);
    let starts: Vec<String> = dated.iter().map(|tr| text(one(*tr, "td"))).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "events by date");
    assert!(
        undated.iter().any(|li| text(*li).contains("30 March")),
        "a date without a year is listed apart"
    );
    let by_country: BTreeMap<String, i64> = all(&doc, "table.by-country tbody tr")
        .iter()
        .map(|tr| (text(one(*tr, "th")), int(&text(one(*tr, "td")))))
        .collect();
    assert_eq!(
        by_country.values().sum::<i64>(),
        events
            .rows
            .iter()
            .map(|r| r[events.at("location")]
                .as_str()
                .map_or(0, |l| l.split("; ").count() as i64))
            .sum::<i64>()
    );

    // Member States: one row per country, "all" first, counts as the long sheet has them.
    let states = m.sheet("member_states");
    let rows = all(&doc, "table.states tbody tr");
    // Member States only: a territory or an organisation is listed apart.
    let mut want: BTreeMap<String, i64> = BTreeMap::new();
    for r in states
        .rows
        .iter()
        .filter(|r| r[states.at("kind")] == "member state")
    {
        *want
            .entry(r[states.at("country")].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let others: BTreeSet<String> = all(&doc, "table.other-places tbody th")
        .iter()
        .map(|e| text(*e))
        .collect();
    let want_others: BTreeSet<String> = states
        .rows
        .iter()
        .filter(|r| r[states.at("kind")] != "member state")
        .map(|r| r[states.at("country")].as_str().unwrap().to_string())
        .collect();
    assert_eq!(others, want_others);
    assert!(
        others.contains("Puerto Rico"),
        "a territory is no Member State"
    );
    let got: BTreeMap<String, i64> = rows
        .iter()
        .map(|tr| {
            (
                text(one(*tr, "th"))
                    .trim_end_matches(" (“all”)")
                    .to_string(),
                int(&text(one(*tr, "td"))),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert!(
        text(one(rows[0], "th")).starts_with("All Member States"),
        "\"all\" is its own, first row"
    );
    for (label, value) in chart(&doc, "chart-states") {
        assert_eq!(Some(&value), want.get(&label), "{label}");
    }

    // High-Impact Initiatives: the matrix's marks and the chart's counts.
    let hi = m.sheet("high_impact");
    let names: Vec<String> = all(&doc, "table.matrix thead th.rotate")
        .iter()
        .map(|e| text(*e))
        .collect();
    let matrix_rows = all(&doc, "table.matrix tbody tr");
    assert_eq!(matrix_rows.len(), hi.len());
    for (tr, row) in matrix_rows.iter().zip(&hi.rows) {
        let marks: Vec<bool> = tr
            .select(&sel("td.mark"))
            .map(|td| text(td).starts_with('✓'))
            .collect();
        let want: Vec<bool> = names.iter().map(|n| row[hi.at(n)] == true).collect();
        assert_eq!(marks, want);
    }
    for (label, value) in chart(&doc, "chart-initiatives") {
        // Entities, not files: one entity's two answers name an initiative once.
        let named: HashSet<&serde_json::Value> = hi
            .rows
            .iter()
            .filter(|r| r[hi.at(&label)] == true)
            .map(|r| &r[hi.at("entity_key")])
            .collect();
        assert_eq!(value, named.len() as i64, "{label}");
    }

    // Resources, limits, findings.
    assert_eq!(
        all(&doc, "table.catalogue tbody tr").len(),
        m.sheet("resources").len()
    );
    let texts = m.sheet("texts");
    let limits = all(&doc, "table.limits tbody tr");
    assert_eq!(limits.len(), texts.len());
    for (tr, row) in limits.iter().zip(&texts.rows) {
        let cells: Vec<String> = tr.select(&sel("td")).map(text).collect();
        assert_eq!(int(&cells[2]), row[texts.at("words")].as_i64().unwrap());
    }
    assert!(
        !all(&doc, "table.limits tr.over").is_empty(),
        "the fixture has a text over its limit"
    );
    let findings = m.sheet("findings");
    let listed: usize = all(&doc, "section.file-findings tbody tr").len();
    assert_eq!(listed, findings.len());
    assert_eq!(
        chart(&doc, "chart-findings")
            .iter()
            .map(|b| b.1)
            .sum::<i64>(),
        findings.len() as i64
    );

    // Previews: one per response, every question of the form, in order.
    let previews = all(&doc, "article.preview");
    assert_eq!(previews.len(), responses.len());
    let entities: Vec<String> = previews.iter().map(|p| text(one(*p, "h3"))).collect();
    for (name, row) in entities.iter().zip(&responses.rows) {
        let entity = row[responses.at("entity")].as_str().unwrap_or("");
        if !entity.is_empty() {
            assert_eq!(name, entity);
        }
    }
    let parsed = previews
        .iter()
        .find(|p| text(**p).contains("GWRI"))
        .unwrap();
    let questions: Vec<&str> = parsed
        .select(&sel("section.question"))
        .map(|q| q.value().attr("data-question").unwrap())
        .collect();
    assert_eq!(
        questions,
        [
            "governing_body",
            "events",
            "resources",
            "high_impact",
            "initiatives",
            "recommendations"
        ]
    );
}

#[test]
fn one_response_previews_its_answers_with_its_warnings_marked() {
    let args = [repo("examples/warnings.toml").to_str().unwrap().to_string()];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let m = Model::compile(&args);
    let (doc, status) = page(&args, &[]);
    assert_eq!(status, Some(0));
    let preview = all(&doc, "article.preview")[0];
    // Every warning of the file is shown in the preview, most where it points.
    let flags = preview.select(&sel("li.flag.warning")).count();
    assert_eq!(flags, m.sheet("findings").len());
    let website = preview
        .select(&sel("table.record tr.flagged"))
        .find(|tr| text(one(*tr, "th")) == "Website" && text(*tr).contains("url-bare-domain"))
        .expect("the bare domain is marked on its field");
    assert_eq!(
        text(one(website, "mark")),
        "www.icra.example.org/events/caribbean-ministerial-2023"
    );
    let q1 = preview
        .select(&sel("section.question[data-question=governing_body]"))
        .next()
        .unwrap();
    assert!(text(q1).contains("word-minimum"), "{}", text(q1));
    assert!(text(one(q1, "div.answer")).starts_with("In 2023 the Executive Board of ICRA"));
    let q6 = preview
        .select(&sel("section.question[data-question=recommendations]"))
        .next()
        .unwrap();
    assert!(text(one(q6, "p.not-answered")).contains("Not answered"));
    let record = one(
        preview,
        "section.question[data-question=events] table.record",
    );
    let labels: Vec<String> = record.select(&sel("th")).map(text).collect();
    assert!(labels[0].ends_with("Name"), "{labels:?}");
    assert!(
        labels.iter().any(|l| l.ends_with("Dates")),
        "one row for the start and end: {labels:?}"
    );
}

#[test]
fn nothing_is_loaded_from_outside_and_answer_text_is_escaped() {
    let dir = fixture();
    let hostile = corpus_dir();
    let args = [dir.path().to_str().unwrap(), hostile.to_str().unwrap()];
    // The model and the page side by side: each is a run and a parse of several megabytes.
    let (m, (doc, html, code)) = std::thread::scope(|scope| {
        let model = scope.spawn(|| Model::compile(&args));
        let page = report(&args, &[]);
        (model.join().unwrap(), page)
    });
    assert!(
        matches!(code, Some(1 | 2)),
        "the hostile corpus reports without a crash: {code:?}"
    );
    assert!(all(&doc, "article.preview").len() > 40);
    let links: HashSet<String> = m.links();
    let ids: HashSet<&str> = all(&doc, "[id]")
        .iter()
        .map(|e| e.value().id().unwrap())
        .collect();
    for element in all(&doc, "*") {
        let name = element.value().name();
        assert!(
            ![
                "script",
                "img",
                "iframe",
                "object",
                "embed",
                "link",
                "base",
                "form",
                "input",
                "video",
                "audio",
                "source",
                "image",
                "use",
                "foreignObject"
            ]
            .contains(&name),
            "no <{name}> element"
        );
        for (attr, value) in element.value().attrs() {
            assert!(!attr.starts_with("on"), "no event handler: {attr}={value}");
            assert!(
                ![
                    "src",
                    "srcset",
                    "xlink:href",
                    "action",
                    "formaction",
                    "background",
                    "poster"
                ]
                .contains(&attr),
                "nothing loaded: {attr}={value}"
            );
            if attr == "href" {
                match value.strip_prefix('#') {
                    Some(id) => assert!(ids.contains(id), "a link to nowhere: {value}"),
                    None => {
                        assert!(
                            value.starts_with("https://") || value.starts_with("http://"),
                            "{value}"
                        );
                        assert!(
                            links.contains(value),
                            "only websites found in answers: {value}"
                        );
                    }
                }
            }
            if attr == "style" || value.contains("url(") {
                assert!(
                    value.starts_with("url(#"),
                    "only references inside the page: {attr}={value}"
                );
            }
        }
    }
    for style in all(&doc, "style") {
        let css = text(style).to_lowercase();
        assert!(
            !css.contains("@import") && !css.contains("url("),
            "the CSS loads nothing"
        );
    }
    assert!(
        !all(&doc, "a[href^=http]").is_empty(),
        "answer websites are links"
    );
    // The hostile answers are in the page as text, never as markup.
    let body = text(all(&doc, "body")[0]);
    assert!(
        body.contains("<script>alert(\"entity\")</script> Agency"),
        "the entity is text"
    );
    assert!(
        body.contains("<img src=x onerror=alert(1)>"),
        "the answer is text"
    );
    assert!(body.contains("javascript:alert(1)"), "the link is text");
    assert!(
        !html.contains("<script"),
        "no script tag anywhere in the source"
    );
    assert!(
        !html.contains("<img"),
        "no image tag anywhere in the source"
    );
}

#[test]
fn without_previews_the_page_has_no_previews_and_no_links_to_them() {
    let args = [repo("examples").to_str().unwrap().to_string()];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (doc, status) = page(&args, &["--no-previews"]);
    assert_eq!(status, Some(0));
    assert!(all(&doc, "#previews, article.preview").is_empty());
    assert!(all(&doc, "a[href^='#response']").is_empty());
    assert_eq!(all(&doc, "main > section").len(), 8);
}

#[test]
fn a_template_folder_replaces_templates_by_name_and_a_broken_one_exits_2_naming_its_line() {
    let dir = Scratch::new();
    let templates = dir.path().join("templates");
    fs::create_dir(&templates).unwrap();
    fs::write(
        templates.join("summary.html"),
        "<section id=\"summary\"><h2>Our totals</h2><p class=\"mine\">{{ summary.responses }} files; {{ editions[0].title }}</p></section>\n",
    )
    .unwrap();
    let out = dir.path().join("r.html");
    qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--template",
            templates.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    let doc = Html::parse_document(&fs::read_to_string(&out).unwrap());
    let files = fs::read_dir(repo("examples")).unwrap().count();
    assert!(text(all(&doc, "p.mine")[0]).starts_with(&format!("{files} files; ")));
    assert_eq!(
        all(&doc, "#sdgs").len(),
        1,
        "the other templates are the built-in ones"
    );

    fs::write(templates.join("events.html"), "<section id=\"events\">\n{% for e in events.dated %}\n{{ e.name }\n{% endfor %}</section>\n").unwrap();
    let out2 = dir.path().join("r2.html");
    let assert = qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            out2.to_str().unwrap(),
            "--template",
            templates.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let want = format!("template `{}:3`", templates.join("events.html").display());
    assert!(stderr.contains(&want), "{stderr}");
    assert!(!out2.exists(), "nothing written");

    // An error found only when rendering names its file and line too.
    fs::write(
        templates.join("events.html"),
        "<section id=\"events\">\n\n{{ events.nothing.here }}</section>\n",
    )
    .unwrap();
    let assert = qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            out2.to_str().unwrap(),
            "--template",
            templates.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains(&want), "{stderr}");
    assert!(!out2.exists());
}

#[test]
fn outputs_are_written_as_compile_writes_them() {
    let dir = Scratch::new();
    let out = dir.path().join("r.html");
    fs::write(&out, "keep").unwrap();
    let examples = repo("examples");
    let assert = qfill()
        .args([
            "report",
            examples.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("--force"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "keep");
    qfill()
        .args([
            "report",
            examples.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--force",
        ])
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    // Standard output, and the totals line on stderr.
    let assert = qfill()
        .args(["report", examples.to_str().unwrap(), "-o", "-"])
        .assert()
        .code(0);
    let output = assert.get_output();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("<!DOCTYPE html>"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let files = fs::read_dir(&examples).unwrap().count();
    let totals = stderr.lines().last().unwrap_or_default();
    assert!(
        totals.starts_with(&format!(
            "{files} files: {files} valid, 0 invalid; 0 errors, "
        )) && stderr.ends_with(
            " warnings; 1 duplicate merged, 0 records read from notes, 1 place not a Member State; wrote -\n"
        ),
        "{stderr}"
    );
    // The examples' made-up entities are in neither the roster nor the directory.
    assert!(
        stderr.starts_with("note: 2 entities neither the roster nor the directory of UN system entities knows, counted under the name as written: `Global Water Resilience Institute (GWRI)`"),
        "{stderr}"
    );

    // Two runs, the same bytes.
    let again = dir.path().join("again.html");
    qfill()
        .args([
            "report",
            examples.to_str().unwrap(),
            "-o",
            again.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    assert_eq!(fs::read(&out).unwrap(), fs::read(&again).unwrap());

    // An unreadable input: the page is written, the run exits 2.
    let missing = dir.path().join("missing.toml");
    let partial = dir.path().join("partial.html");
    qfill()
        .args([
            "report",
            examples.to_str().unwrap(),
            missing.to_str().unwrap(),
            "-o",
            partial.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert!(partial.exists());

    // A folder as OUT.
    qfill()
        .args([
            "report",
            examples.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ])
        .assert()
        .code(2);
}
