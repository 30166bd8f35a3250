//! The figures of the intake, computed here from the answers files themselves and from tables
//! written by hand — never by qfill's own code — for `intake.rs` to compare every output with.

use std::fs;

use serde_json::Value;

use crate::common::repo;

/// The intake folder, as the tests name it on the command line (from the checkout's root).
pub const DIR: &str = "tests/data/intake-2024";
/// IOM's legacy text, named on the command line.
pub const IOM: &str = "tests/data/intake-2024/iom.txt";
/// The roster, in DESA's formal names.
pub const ROSTER: &str = "tests/data/intake-2024-roster.csv";

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
