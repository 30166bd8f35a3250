//! The compiled model the page is checked against (`qfill compile --to json` on the same
//! inputs), a fixture folder with hostile answers, and running `qfill report`.

use std::collections::HashSet;
use std::fs;

use scraper::Html;
use serde_json::Value;

use crate::common::{Scratch, qfill, repo};

/// One sheet of the model: column ids and rows of JSON values.
pub struct Sheet {
    pub columns: Vec<String>,
    pub kinds: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Sheet {
    pub fn at(&self, id: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c == id)
            .unwrap_or_else(|| panic!("no column {id} in {:?}", self.columns))
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn sum(&self, id: &str) -> i64 {
        let at = self.at(id);
        self.rows.iter().filter_map(|r| r[at].as_i64()).sum()
    }

    /// Column `out` of the rows whose `column` is `value`.
    pub fn texts_where(&self, column: &str, value: &str, out: &str) -> Vec<String> {
        let (c, o) = (self.at(column), self.at(out));
        self.rows
            .iter()
            .filter(|r| r[c] == value)
            .map(|r| r[o].as_str().unwrap_or("").to_string())
            .collect()
    }
}

/// The whole compiled model.
pub struct Model(Value);

impl Model {
    /// `qfill compile ARGS -o - --to json`.
    pub fn compile(args: &[&str]) -> Model {
        let output = qfill()
            .arg("compile")
            .args(args)
            .args(["-o", "-", "--to", "json"])
            .output()
            .unwrap();
        Model(serde_json::from_slice(&output.stdout).expect("compile gives JSON"))
    }

    pub fn sheet(&self, name: &str) -> Sheet {
        let sheet = self.0["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no sheet {name}"));
        let columns = sheet["columns"].as_array().unwrap();
        Sheet {
            columns: columns
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_string())
                .collect(),
            kinds: columns
                .iter()
                .map(|c| c["kind"].as_str().unwrap().to_string())
                .collect(),
            rows: sheet["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_array().unwrap().clone())
                .collect(),
        }
    }

    /// Every http(s) address in a link column of any sheet.
    pub fn links(&self) -> HashSet<String> {
        let mut out = HashSet::new();
        for sheet in self.0["sheets"].as_array().unwrap() {
            let s = self.sheet(sheet["name"].as_str().unwrap());
            for (i, kind) in s.kinds.iter().enumerate() {
                if kind == "link" {
                    out.extend(
                        s.rows
                            .iter()
                            .filter_map(|r| r[i].as_str())
                            .filter(|v| v.starts_with("http"))
                            .map(str::to_string),
                    );
                }
            }
        }
        out
    }
}

const HOSTILE: &str = r#"questionnaire = "hlpf-2024"
entity = '<script>alert("entity")</script> Agency'

[answers]
governing_body = '<img src=x onerror=alert(1)> and <a href="javascript:alert(2)">click</a> — the Board met.'
recommendations = "</textarea></style><svg onload=alert(3)>"

[[answers.events]]
name = "<b>Bold</b> meeting"
dates = "2020-05-01"
location = { city = "Paris", country = "France" }
sdgs = [4, 5]
description = "A meeting held long before the window."
website = "javascript:alert(1)"

[[answers.events]]
name = "A meeting without a year"
dates = "30 March"
location = { city = "Lima", country = "Peru" }
sdgs = "all"
description = "Its dates have no year."
website = "https://example.org/\"><script>alert(4)</script>"

[[answers.initiatives]]
name = "Partnership <i>italic</i>"
partners = ["A"]
sdgs = [1]
member_states = ["Peru", "France"]
description = "Text."
website = "https://example.org/partnership?a=1&b=<2>"
"#;

/// A folder: the examples, a hostile response (an event outside the window, one without a
/// year, markup everywhere), a text over its limit, and a file that does not parse.
pub fn fixture() -> Scratch {
    let dir = Scratch::new();
    for name in ["response.toml", "response.json", "warnings.toml"] {
        fs::copy(repo(&format!("examples/{name}")), dir.path().join(name)).unwrap();
    }
    fs::write(dir.path().join("hostile.toml"), HOSTILE).unwrap();
    let long = "word ".repeat(820);
    fs::write(
        dir.path().join("long.toml"),
        format!("questionnaire = \"hlpf-2024\"\nentity = \"Long Texts Office (LTO)\"\n\n[answers]\ngoverning_body = \"{long}\"\nevents = []\n"),
    )
    .unwrap();
    fs::write(
        dir.path().join("broken.toml"),
        "questionnaire = \"hlpf-2024\"\nentity = [unclosed\n",
    )
    .unwrap();
    dir
}

/// `qfill report ARGS -o TMP/report.html EXTRA`: the page parsed, its source, the exit code.
pub fn report(args: &[&str], extra: &[&str]) -> (Html, String, Option<i32>) {
    let dir = Scratch::new();
    let out = dir.path().join("report.html");
    let output = qfill()
        .arg("report")
        .args(args)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    let html = fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "no page; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (Html::parse_document(&html), html, output.status.code())
}

/// The parsed page and the exit code.
pub fn page(args: &[&str], extra: &[&str]) -> (Html, Option<i32>) {
    let (doc, _, code) = report(args, extra);
    (doc, code)
}
