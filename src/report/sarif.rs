//! The SARIF 2.1.0 report, which code-scanning tools read (GitHub code scanning, Azure DevOps,
//! IDE viewers): one run of the `qfill` tool, one rule per finding code used, one result per
//! finding.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Report};
use crate::finding::{Code, Finding};

/// `--format sarif`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sarif;

/// The JSON Schema the document declares.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    /// Our columns count characters, not the UTF-16 code units SARIF assumes by default.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text<String>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    /// False when an input could not be read: the run did not do its whole job.
    execution_successful: bool,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<&'a str>,
    locations: [Location; 1],
    properties: Properties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    /// A Word form's paragraph or table row, which has no line to be a region.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    /// `table 14, row 5` or `paragraph 41`.
    name: String,
    /// With where it is on the questionnaire: `question 5, initiative 3 (table 14, row 5)`.
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

/// What SARIF has no place for: the answer path, the hint, and a Word form's table and row or
/// paragraph, as the JSON report gives them.
#[derive(Serialize)]
struct Properties<'a> {
    path: &'a str,
    #[serde(flatten)]
    place: Option<&'a crate::finding::Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
}

impl Report for Sarif {
    fn write(&self, out: &mut dyn Write, files: &[FileReport], _strict: bool) -> io::Result<()> {
        // Rules in the order of the code list, so that a rule's index is stable within a run.
        let used: Vec<Code> = Code::ALL
            .iter()
            .copied()
            .filter(|code| {
                files
                    .iter()
                    .any(|r| r.findings.iter().any(|f| f.code == *code))
            })
            .collect();
        let mut results = Vec::new();
        for report in files {
            let uri = uri(&report.file);
            for finding in &report.findings {
                results.push(result(finding, &uri, &used));
            }
        }
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "qfill",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        rules: used
                            .iter()
                            .map(|code| Rule {
                                id: code.as_str(),
                                short_description: Text {
                                    text: code.description().to_string(),
                                },
                                default_configuration: Configuration {
                                    level: code.severity().as_str(),
                                },
                            })
                            .collect(),
                    },
                },
                invocations: [Invocation {
                    execution_successful: !files.iter().any(FileReport::unreadable),
                }],
                column_kind: "unicodeCodePoints",
                results,
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

fn result<'a>(finding: &'a Finding, uri: &str, rules: &[Code]) -> SarifResult<'a> {
    let region = match (finding.line, finding.column) {
        (Some(line), Some(column)) => Some(Region {
            start_line: line,
            start_column: column,
        }),
        _ => None,
    };
    SarifResult {
        rule_id: finding.code.as_str(),
        rule_index: rules.iter().position(|c| *c == finding.code).unwrap_or(0),
        // Severities are the same words in SARIF.
        level: finding.severity.as_str(),
        message: Text {
            text: &finding.message,
        },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri.to_string(),
                },
                region,
            },
            logical_locations: finding
                .place
                .iter()
                .map(|place| LogicalLocation {
                    name: place.spot.to_string(),
                    fully_qualified_name: place.to_string(),
                    kind: "element",
                })
                .collect(),
        }],
        properties: Properties {
            path: &finding.path,
            place: finding.place.as_ref(),
            hint: finding.hint.as_deref(),
        },
    }
}

/// The file as a URI reference: a relative path stays relative (code-scanning tools resolve it
/// against the checkout), an absolute one becomes a `file://` URI, stdin is `stdin`.
fn uri(file: &str) -> String {
    if file == "-" {
        return "stdin".to_string();
    }
    let mut out = String::with_capacity(file.len() + 8);
    if file.starts_with('/') {
        out.push_str("file://");
    }
    for byte in file.bytes() {
        // Everything but unreserved characters and `/` is percent-encoded; `:` too, so that a
        // relative path is never read as a scheme.
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        let cases = [
            ("-", "stdin"),
            ("subs/a.toml", "subs/a.toml"),
            ("./my subs/é#1.json", "./my%20subs/%C3%A9%231.json"),
            ("c:x.toml", "c%3Ax.toml"),
            ("/tmp/a b.toml", "file:///tmp/a%20b.toml"),
        ];
        for (file, want) in cases {
            assert_eq!(uri(file), want, "{file}");
        }
    }
    #[test]
    fn a_word_forms_place_is_a_logical_location() {
        use crate::finding::{Place, Spot};
        let finding = Finding::new(Code::Pending, "initiatives[2].website", "m").at_place(Place {
            spot: Spot::Row { table: 14, row: 5 },
            within: Some("question 5, initiative 3".into()),
        });
        let json = serde_json::to_value(result(&finding, "f.docx", &[Code::Pending])).unwrap();
        let location = &json["locations"][0];
        assert!(location["physicalLocation"].get("region").is_none());
        let logical = &location["logicalLocations"][0];
        assert_eq!(logical["name"], "table 14, row 5");
        assert_eq!(
            logical["fullyQualifiedName"],
            "question 5, initiative 3 (table 14, row 5)"
        );
        assert_eq!(json["properties"]["table"], 14);
        assert_eq!(json["properties"]["row"], 5);
        let plain = Finding::new(Code::Pending, "", "m").at_position(1, 1);
        let json = serde_json::to_value(result(&plain, "f.toml", &[Code::Pending])).unwrap();
        assert!(json["locations"][0].get("logicalLocations").is_none());
        assert!(json["properties"].get("table").is_none());
    }
}
