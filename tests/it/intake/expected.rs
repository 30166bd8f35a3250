//! The figures of the intake, computed here from the answers files themselves and from tables
//! written by hand — never by qfill's own code — for `intake.rs` to compare every output with.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use serde_json::Value;

use crate::common::repo;

/// The intake folder, as the tests name it on the command line (from the checkout's root).
pub const DIR: &str = "tests/data/intake-2024";
/// IOM's legacy text, named on the command line.
pub const IOM: &str = "tests/data/intake-2024/iom.txt";
/// The roster, in DESA's formal names.
pub const ROSTER: &str = "tests/data/intake-2024-roster.csv";
/// ESCWA's 2024 answers, which `ESCWA_2025.toml` carries in its notes (`qfill migrate`).
pub const ESCWA_2024: &str = "tests/data/intake-escwa-2024.toml";
/// The file that holds them.
pub const ESCWA_2025: &str = "ESCWA_2025.toml";

/// Each file's entity key, by the rules applied by hand: the roster's acronym when the
/// roster matches the entity, else the directory's, else a final acronym, else the name.
pub const KEYS: &[(&str, &str)] = &[
    ("CBD.toml", "CBD"),
    ("ECA-2024.toml", "ECA"),
    ("ESCAP 2024 response.toml", "ESCAP"),
    ("ESCWA_2025.toml", "ESCWA"),
    ("FAO.toml", "FAO"),
    ("GWRI.toml", "GWRI"),
    ("ICAO_HLPF.json", "ICAO"),
    ("IFAD.toml", "IFAD"),
    ("ILO response HLPF 2024.toml", "ILO"),
    ("IMO.toml", "IMO"),
    ("ITC.json", "ITC"),
    ("ITU.json", "ITU"),
    ("OCHA input.toml", "OCHA"),
    ("OHCHR.toml", "OHCHR"),
    ("OHRLLS.toml", "UN-OHRLLS"),
    ("OSAA.toml", "OSAA"),
    ("SE4All.json", "SEforALL"),
    ("UN Women.toml", "UN-Women"),
    ("UN-Habitat.toml", "UN-Habitat"),
    ("UNAIDS.toml", "UNAIDS"),
    ("UNCCD.toml", "UNCCD"),
    ("UNCTAD.toml", "UNCTAD"),
    ("UNDESA_2025.toml", "DESA"),
    ("UNDP.toml", "UNDP"),
    ("UNDRR.toml", "UNDRR"),
    ("UNECE_questionnaire_reply.toml", "ECE"),
    ("UNEP.toml", "UNEP"),
    ("UNESCO.json", "UNESCO"),
    ("UNFCCC.toml", "UNFCCC"),
    ("UNFPA.toml", "UNFPA"),
    ("UNHCR.toml", "UNHCR"),
    ("UNICEF.toml", "UNICEF"),
    ("UNIDO.toml", "UNIDO"),
    ("UNITAR.json", "UNITAR"),
    ("UNODC.toml", "UNODC"),
    ("UNOOSA.toml", "UNOOSA"),
    ("UNOPS.toml", "UNOPS"),
    ("UNRISD.toml", "UNRISD"),
    ("UNSSC.toml", "UNSSC"),
    ("UNU.toml", "UNU"),
    ("UNV.toml", "UNV"),
    ("UN_Tourism.toml", "UNWTO"),
    ("United Nations Children's Fund - final.json", "UNICEF"),
    ("WFP-HLPF2024.json", "WFP"),
    ("WFP-HLPF2024.toml", "WFP"),
    ("WHO.toml", "WHO"),
    ("WMO_submission.toml", "WMO"),
    ("WTO.toml", "WTO"),
    ("World Bank Group.toml", "WBG"),
    ("eclac.json", "ECLAC"),
    ("formula.toml", "=SUM(B2:B9)"),
    ("iaea.toml", "IAEA"),
    ("iom.txt", "IOM"),
    ("total.toml", "total (entity)"),
    ("wipo.toml", "WIPO"),
];

/// Roster entries nobody sent anything for.
pub const NOT_RESPONDED: [&str; 3] = [
    "International Monetary Fund",
    "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
    "Universal Postal Union",
];

/// Roster entries whose only file does not parse: WMO's (its `entity` line read) and ITU's
/// (cut off before any entity: its file name read).
pub const UNREADABLE: [&str; 2] = [
    "International Telecommunication Union",
    "World Meteorological Organization",
];

/// Roster entries with two files in one edition.
pub const TWICE: [&str; 2] = ["United Nations Children's Fund", "World Food Programme"];

/// How four entities that answered under their own name are matched: (roster name, how).
pub const SELF_NAMED: [(&str, &str); 6] = [
    ("World Tourism Organization", "directory"),
    ("Economic Commission for Europe", "directory"),
    (
        "United Nations Framework Convention on Climate Change",
        "acronym",
    ),
    ("Convention on Biological Diversity", "directory"),
    ("Department of Economic and Social Affairs", "alias"),
    ("Sustainable Energy for All", "alias"),
];

/// Responses whose entity is not on the roster, in input order: (name, key).
pub const NOT_IN_ROSTER: [(&str, &str); 4] = [
    ("Global Water Resilience Institute (GWRI)", "GWRI"),
    ("UN Volunteers (UNV)", "UNV"),
    ("=SUM(B2:B9)", "=SUM(B2:B9)"),
    ("total", "total (entity)"),
];

/// The entities neither the roster nor the directory knows.
pub const UNKNOWN: [&str; 3] = [
    "Global Water Resilience Institute (GWRI)",
    "=SUM(B2:B9)",
    "total",
];

/// One input of the intake.
pub struct File {
    /// Its name as `compile` shows it: `tests/data/intake-2024/NAME`.
    pub name: String,
    /// The file as a JSON value (TOML converted); `None` for the legacy text and files that do
    /// not parse.
    pub doc: Option<Value>,
}

impl File {
    /// The file name alone.
    pub fn base(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    /// Its `questionnaire` key.
    pub fn edition(&self) -> Option<&str> {
        self.doc.as_ref()?.get("questionnaire")?.as_str()
    }
}

/// Every input, in the order `compile` reads them: the folder's `.toml` and `.json` files sorted
/// by their bytes, then IOM's legacy text.
pub fn files() -> Vec<File> {
    let mut names: Vec<String> = fs::read_dir(repo(DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| matches!(extension(n).as_deref(), Some("toml" | "json")))
        .collect();
    names.sort();
    let mut out: Vec<File> = names
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(repo(&format!("{DIR}/{name}"))).unwrap();
            let doc = if extension(&name).as_deref() == Some("json") {
                serde_json::from_str(&text).ok()
            } else {
                text.parse::<toml::Table>()
                    .ok()
                    .map(|t| serde_json::to_value(t).unwrap())
            };
            File {
                name: format!("{DIR}/{name}"),
                doc,
            }
        })
        .collect();
    out.push(File {
        name: IOM.to_string(),
        doc: None,
    });
    out
}

/// A file name's extension, lowercase.
fn extension(name: &str) -> Option<String> {
    std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// The key of a file, from [`KEYS`].
pub fn key_of(base: &str) -> &'static str {
    KEYS.iter()
        .find(|(f, _)| *f == base)
        .unwrap_or_else(|| panic!("no key for {base}"))
        .1
}

impl File {
    /// Its answers table.
    pub fn answers(&self) -> Option<&Value> {
        self.doc.as_ref()?.get("answers")
    }

    /// Its `submitted` date, as written.
    pub fn submitted(&self) -> Option<&str> {
        self.doc.as_ref()?.get("submitted")?.as_str()
    }

    /// The records of a question, as written.
    pub fn records(&self, question: &str) -> &[Value] {
        self.answers()
            .and_then(|a| a.get(question))
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
}

/// The goals an SDG value names, read the plain way: a text holding `all` is every goal;
/// otherwise every number in it, once each, 1 to 17 only.
pub fn goals(value: &Value) -> BTreeSet<u8> {
    let mut out = BTreeSet::new();
    match value {
        Value::Array(items) => {
            for item in items {
                out.extend(goals(item));
            }
        }
        Value::Number(n) => out.extend(n.as_u64().and_then(|n| u8::try_from(n).ok())),
        Value::String(s) if s.to_lowercase().contains("all") => out.extend(1..=17),
        Value::String(s) => {
            for run in s.split(|c: char| !c.is_ascii_digit()) {
                out.extend(run.parse::<u8>().ok());
            }
        }
        _ => {}
    }
    out.retain(|g| (1..=17).contains(g));
    out
}

/// Records naming each goal, in every record question of a file: index 0 is SDG 1.
pub fn goal_counts(file: &File) -> [i64; 17] {
    let mut counts = [0; 17];
    for question in ["events", "resources", "initiatives"] {
        for record in file.records(question) {
            for goal in goals(&record["sdgs"]) {
                counts[usize::from(goal) - 1] += 1;
            }
        }
    }
    counts
}

/// What counts of each file, by the rules applied here: among the files of one entity
/// key and edition, a file with the same answers table as an earlier one is a copy of it;
/// with `latest`, every file but the one with the latest `submitted` (then the latest file
/// name) is left out. Gives, per file, the index of the file counted instead.
pub fn counted_instead(files: &[File], latest: bool) -> Vec<Option<usize>> {
    let mut out = vec![None; files.len()];
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if let (Some(edition), Some(_)) = (f.edition(), f.answers()) {
            groups
                .entry((key_of(f.base()).to_string(), edition.to_string()))
                .or_default()
                .push(i);
        }
    }
    for members in groups.values() {
        if latest {
            let keep = *members
                .iter()
                .max_by_key(|i| (files[**i].submitted(), files[**i].base()))
                .unwrap();
            for &m in members.iter().filter(|m| **m != keep) {
                out[m] = Some(keep);
            }
        } else {
            for (n, &m) in members.iter().enumerate() {
                out[m] = members[..n]
                    .iter()
                    .copied()
                    .find(|o| files[*o].answers() == files[m].answers() && out[*o].is_none());
            }
        }
    }
    out
}

/// Names of one place that hold `and`: a list is never split inside them.
const AND_NAMES: [&str; 6] = [
    "Trinidad and Tobago",
    "Antigua and Barbuda",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Turks and Caicos Islands",
    "Sao Tome and Principe",
];

/// How the intake writes places that are not a Member State's UN name, by hand: (as written,
/// the reference name, what it is).
pub const PLACES: [(&str, &str, &str); 13] = [
    (
        "Venezuela",
        "Venezuela (Bolivarian Republic of)",
        "member state",
    ),
    (
        "Bolivia",
        "Bolivia (Plurinational State of)",
        "member state",
    ),
    ("African Union", "African Union", "organisation"),
    (
        "Economic Community of West African States",
        "Economic Community of West African States",
        "organisation",
    ),
    (
        "Intergovernmental Authority on Development",
        "Intergovernmental Authority on Development",
        "organisation",
    ),
    ("European Union", "European Union", "organisation"),
    ("Aruba", "Aruba", "territory"),
    ("Curaçao", "Curaçao", "territory"),
    ("Montserrat", "Montserrat", "territory"),
    (
        "Turks and Caicos Islands",
        "Turks and Caicos Islands",
        "territory",
    ),
    ("Puerto Rico", "Puerto Rico", "territory"),
    ("Sahel countries", "Sahel countries", "unknown"),
    ("State of Palestine", "State of Palestine", "observer state"),
];

/// A list written as text split the plain way: at commas, and the last entry at its `and`
/// unless it is (or ends with) a name that holds one.
pub fn split(list: &str) -> Vec<String> {
    let mut items: Vec<String> = list.split(", ").map(str::to_string).collect();
    if let Some(last) = items.pop() {
        let and_name = AND_NAMES.iter().find(|n| last.ends_with(*n));
        match and_name {
            Some(name) if last == *name => items.push(last),
            Some(name) => {
                let head = last[..last.len() - name.len()].trim_end();
                items.push(head.trim_end_matches(" and").to_string());
                items.push((*name).to_string());
            }
            None => match last.split_once(" and ") {
                Some((a, b)) => items.extend([a.to_string(), b.to_string()]),
                None => items.push(last),
            },
        }
    }
    items
}

/// A place as the sheets show it: its reference name and what it is.
pub fn place(written: &str) -> (String, &'static str) {
    PLACES
        .iter()
        .find(|(w, _, _)| *w == written)
        .map_or((written.to_string(), "member state"), |(_, name, kind)| {
            ((*name).to_string(), *kind)
        })
}

/// The places one Member States value names, each once: `None` for all Member States.
pub fn places(value: &Value) -> Option<Vec<(String, &'static str)>> {
    let written: Vec<String> = match value {
        Value::String(s) if s == "All Member States" || s == "all" => return None,
        Value::String(s) => split(s),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for w in written {
        let p = place(&w);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Some(out)
}

/// IOM's two lists of beneficiaries, as its legacy text writes them.
pub fn iom_lists() -> Vec<String> {
    let text = fs::read_to_string(repo(IOM)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0] == "Member States benefiting from it |")
        .map(|w| w[1].trim_end_matches(" |").to_string())
        .collect()
}

/// The records of IOM's legacy text, read the plain way: (question, SDGs as written), in order.
pub fn iom_records() -> Vec<(&'static str, String)> {
    let text = fs::read_to_string(repo(IOM)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut question = "";
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("2. ") {
            question = "events";
        } else if line.starts_with("3. ") {
            question = "resources";
        } else if line.starts_with("5. ") {
            question = "initiatives";
        }
        if line.starts_with("Relevant SDGs") {
            out.push((question, lines[i + 1].trim_end_matches(" |").to_string()));
        }
    }
    out
}

/// One counted record: (file, entity key, question, number from 1, goals, dates as written).
pub struct Record {
    pub file: String,
    pub key: String,
    pub question: &'static str,
    pub number: usize,
    pub goals: BTreeSet<u8>,
    pub all: bool,
    pub dates: Option<Value>,
}

/// ESCWA's 2024 answers, as the notes of its 2025 file hold them.
pub fn escwa_2024() -> File {
    let text = fs::read_to_string(repo(ESCWA_2024)).unwrap();
    File {
        name: format!("{DIR}/{ESCWA_2025}"),
        doc: Some(serde_json::to_value(text.parse::<toml::Table>().unwrap()).unwrap()),
    }
}

/// Every record the counted responses hold in their answers or (ESCWA's) in their notes, with
/// its goals.
pub fn counted_records(files: &[File]) -> Vec<Record> {
    let instead = counted_instead(files, false);
    let mut out = Vec::new();
    for (file, instead) in files.iter().zip(&instead) {
        if instead.is_some() {
            continue;
        }
        let key = key_of(file.base()).to_string();
        let file = if file.base() == ESCWA_2025 {
            &escwa_2024()
        } else {
            file
        };
        if file.base() == "iom.txt" {
            let mut numbers: BTreeMap<&str, usize> = BTreeMap::new();
            for (question, sdgs) in iom_records() {
                let n = numbers.entry(question).or_default();
                *n += 1;
                let value = Value::String(sdgs.clone());
                out.push(Record {
                    file: file.name.clone(),
                    key: key.clone(),
                    question,
                    number: *n,
                    goals: goals(&value),
                    all: sdgs == "all",
                    dates: None,
                });
            }
            continue;
        }
        for question in ["events", "resources", "initiatives"] {
            for (i, record) in file.records(question).iter().enumerate() {
                out.push(Record {
                    file: file.name.clone(),
                    key: key.clone(),
                    question,
                    number: i + 1,
                    goals: goals(&record["sdgs"]),
                    all: record["sdgs"] == "all",
                    dates: record.get("dates").cloned(),
                });
            }
        }
    }
    out
}
