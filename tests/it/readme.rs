//! The docs promise what the code does and lead where they say: the reference's table of finding
//! codes is exactly `qfill::finding::Code::ALL`, in order, with each code's severity; the README
//! stays a landing page; and every relative link between the pages points at a file, and a
//! heading, that exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use qfill::finding::Code;
use url::Url;

/// The `| code | severity | when |` rows of the reference's table of finding codes.
fn reference_codes() -> Vec<(String, String)> {
    let reference = std::fs::read_to_string(crate::common::repo("docs/reference.md")).unwrap();
    let table = reference
        .split("\n| code | severity | when |\n")
        .nth(1)
        .expect("docs/reference.md has a table of finding codes");
    table
        .lines()
        .skip(1) // the `| --- |` line
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells[1].trim_matches('`').to_string();
            // "error (run exits 2)" is an error with a note.
            let severity = cells[2].split_whitespace().next().unwrap_or("").to_string();
            (code, severity)
        })
        .collect()
}

#[test]
fn the_reference_lists_every_code_with_its_severity() {
    let code: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.severity().as_str().to_string()))
        .collect();
    assert_eq!(reference_codes(), code);
}

/// The most lines the README holds: a landing page, with the rest in the guides and the reference.
const README_LINES: usize = 300;

#[test]
fn the_readme_stays_a_landing_page() {
    let readme = std::fs::read_to_string(crate::common::repo("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= README_LINES,
        "README.md has {lines} lines, at most {README_LINES} are expected: move the details to docs/"
    );
}

/// The pages whose links are checked: the ones at the root, the journal, and every page in `docs/`.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = [
        "README.md",
        "CONTRIBUTING.md",
        "ARCHITECTURE.md",
        "benches/README.md",
    ]
    .iter()
    .map(|page| crate::common::repo(page))
    .collect();
    let docs = std::fs::read_dir(crate::common::repo("docs")).unwrap();
    let mut guides: Vec<PathBuf> = docs
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    guides.sort();
    pages.extend(guides);
    pages
}

/// What a Markdown page holds that links depend on: the destinations of its links and images,
/// each with its 1-based line, and the anchors of its headings.
#[derive(Debug, Default, PartialEq)]
struct Page {
    links: Vec<(usize, String)>,
    anchors: BTreeSet<String>,
}

/// Reads a page as GitHub renders it: code blocks and inline code hold no links or headings.
fn read_page(text: &str) -> Page {
    let mut page = Page::default();
    let mut heading: Option<String> = None;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let slug = github_slug(&heading.take().unwrap_or_default());
                // GitHub numbers a repeated heading's anchor: `x`, `x-1`, `x-2`.
                let count = seen.entry(slug.clone()).or_insert(0);
                let anchor = match *count {
                    0 => slug,
                    n => format!("{slug}-{n}"),
                };
                *count += 1;
                page.anchors.insert(anchor);
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let line = text[..range.start].matches('\n').count() + 1;
                page.links.push((line, dest_url.to_string()));
            }
            _ => {}
        }
    }
    page
}

/// The anchor GitHub gives a heading: lowercase, each space a `-`, and every character that is
/// neither a letter, a digit, `-` nor `_` dropped.
fn github_slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// What is wrong with one link of `page`, if anything; `None` for a link that leaves the
/// repository (it has a scheme: `https:`, `mailto:`).
fn broken_link(page: &Path, destination: &str) -> Option<String> {
    if Url::parse(destination).is_ok() {
        return None;
    }
    let (path, anchor) = match destination.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (destination, None),
    };
    let target = if path.is_empty() {
        page.to_path_buf()
    } else {
        // Resolved as a browser resolves it, so `./`, `../` and `%20` mean what GitHub makes of them.
        let base = Url::from_file_path(page).unwrap();
        match base.join(path).ok().and_then(|url| url.to_file_path().ok()) {
            Some(target) => target,
            None => return Some("is not a path".to_string()),
        }
    };
    if !target.exists() {
        return Some(format!("`{}` does not exist", shown(&target)));
    }
    let anchor = anchor.filter(|anchor| !anchor.is_empty())?;
    if target.extension().is_none_or(|ext| ext != "md") {
        // An anchor into another kind of file (`#L10` in source) is GitHub's to resolve.
        return None;
    }
    let text = std::fs::read_to_string(&target).unwrap();
    if read_page(&text).anchors.contains(anchor) {
        None
    } else {
        Some(format!("`{}` has no heading `#{anchor}`", shown(&target)))
    }
}

/// A path as the repository names it.
fn shown(path: &Path) -> String {
    let root = crate::common::repo("");
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_relative_link_in_the_docs_points_at_a_file_and_heading_that_exist() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for (line, destination) in read_page(&text).links {
            if let Some(problem) = broken_link(&page, &destination) {
                broken.push(format!(
                    "{}:{line}: `{destination}`: {problem}",
                    shown(&page)
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn a_heading_gets_githubs_anchor() {
    let cases = [
        ("Set-up", "set-up"),
        (
            "Answer the survey: `qfill fill`",
            "answer-the-survey-qfill-fill",
        ),
        ("Import last year's answers", "import-last-years-answers"),
        ("The `[draft]` table", "the-draft-table"),
        ("Severities and `--strict`", "severities-and---strict"),
        ("snake_case stays", "snake_case-stays"),
        ("Données ouvertes", "données-ouvertes"),
        ("A → B, ★ and 2.1", "a--b--and-21"),
    ];
    for (heading, anchor) in cases {
        assert_eq!(github_slug(heading), anchor, "{heading}");
    }
}

#[test]
fn links_and_headings_are_read_as_github_renders_them() {
    let text = "# Title\n\
                See [a](a.md#x) and ![b](b.png).\n\
                \n\
                ```sh\n\
                # a shell comment, not a heading [c](c.md)\n\
                ```\n\
                \n\
                `[d](d.md)` is code. | [e](e.md) | in a table |\n\
                \n\
                ## Title\n";
    let page = read_page(text);
    assert_eq!(
        page.links,
        [
            (2, "a.md#x".to_string()),
            (2, "b.png".to_string()),
            (8, "e.md".to_string())
        ]
    );
    assert_eq!(
        page.anchors,
        BTreeSet::from(["title".to_string(), "title-1".to_string()])
    );
}

#[test]
fn a_link_is_broken_when_its_file_or_heading_is_missing() {
    let page = crate::common::repo("README.md");
    let cases = [
        ("https://example.org/missing.md", false),
        ("mailto:desa@example.org", false),
        ("docs/reference.md", false),
        ("docs/reference.md#finding-codes", false),
        ("./docs/../docs/reference.md#exit-codes", false),
        ("#set-up", false),
        ("src/finding.rs#L40", false),
        ("docs/missing.md", true),
        ("docs/reference.md#no-such-heading", true),
        ("#no-such-heading", true),
    ];
    for (destination, is_broken) in cases {
        assert_eq!(
            broken_link(&page, destination).is_some(),
            is_broken,
            "{destination}"
        );
    }
}
