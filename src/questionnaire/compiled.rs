//! The built-in editions, compiled: `compiled.jsonl` holds each built-in definition as qfill
//! reads it, one JSON line per entry of `BUILTIN`, in its order. A run reads its edition from
//! that line instead of parsing and checking the TOML definition, which took a third of the
//! instructions of validating one file.
//!
//! The TOML files stay the source. Each line carries a fingerprint of the text it was compiled
//! from, and a line whose fingerprint is not the built-in text's is not used: the TOML is parsed
//! instead, so an edited definition is never read stale, only slower until the test
//! `compiled_builtins_are_current` rewrites the file (it fails when it does; review the new file
//! and commit it with the change to the definition).

use serde::{Deserialize, Serialize};

use super::{BUILTIN, DefinitionError, Questionnaire, parse_definition};

/// One line of `compiled.jsonl`.
#[derive(Serialize, Deserialize)]
struct Compiled {
    /// [`fingerprint`] of the TOML text the line was compiled from.
    fingerprint: u64,
    questionnaire: Questionnaire,
}

/// The built-in definition at `index` of `BUILTIN`: its compiled line, or its TOML parsed when
/// the line is missing or was compiled from another text.
pub(super) fn builtin(index: usize) -> Result<Questionnaire, DefinitionError> {
    let (_, file, text) = BUILTIN[index];
    let line = include_str!("compiled.jsonl").lines().nth(index);
    read(line, file, text)
}

/// The definition `text` (from `file`): from `line` if it was compiled from that text, else
/// parsed.
fn read(line: Option<&str>, file: &str, text: &str) -> Result<Questionnaire, DefinitionError> {
    let compiled = line
        .and_then(|line| serde_json::from_str::<Compiled>(line).ok())
        .filter(|compiled| compiled.fingerprint == fingerprint(text));
    match compiled {
        Some(compiled) => Ok(compiled.questionnaire),
        None => parse_definition(text, file),
    }
}

/// FNV-1a of the text: enough to tell an edited definition from the one a line was compiled from.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `compiled.jsonl` must hold: each built-in TOML definition, parsed and checked.
    fn compiled() -> String {
        BUILTIN
            .iter()
            .map(|(_, file, text)| {
                let compiled = Compiled {
                    fingerprint: fingerprint(text),
                    questionnaire: parse_definition(text, file).expect("built-ins are valid"),
                };
                serde_json::to_string(&compiled).unwrap() + "\n"
            })
            .collect()
    }

    #[test]
    fn compiled_builtins_are_current() {
        crate::generated::ensure_current(&[("src/questionnaire/compiled.jsonl", compiled())]);
    }

    #[test]
    fn a_compiled_builtin_is_its_definition() {
        let lines: Vec<&str> = include_str!("compiled.jsonl").lines().collect();
        assert_eq!(lines.len(), BUILTIN.len());
        for (index, (_, file, text)) in BUILTIN.iter().enumerate() {
            let line: Compiled = serde_json::from_str(lines[index]).unwrap();
            assert_eq!(line.fingerprint, fingerprint(text), "{file}");
            assert_eq!(
                line.questionnaire,
                parse_definition(text, file).unwrap(),
                "{file}"
            );
            assert_eq!(builtin(index).unwrap(), line.questionnaire, "{file}");
        }
    }

    #[test]
    fn an_edited_definition_is_not_read_stale() {
        assert_ne!(fingerprint("id = \"a\""), fingerprint("id = \"b\""));
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        let (_, file, text) = BUILTIN[0];
        let line = include_str!("compiled.jsonl").lines().next();
        let mut stale: Compiled = serde_json::from_str(line.unwrap()).unwrap();
        // A line compiled from the text as it was, before an edit that the TOML now holds.
        stale.questionnaire.title = "Before the edit".to_string();
        let stale = serde_json::to_string(&stale).unwrap();
        let edited = text.replacen("title = ", "title = \"Edited\"\n# was: ", 1);
        assert_eq!(read(Some(&stale), file, &edited).unwrap().title, "Edited");
        // Up to date, the line is what is read; missing or unreadable, the TOML.
        assert_eq!(
            read(Some(&stale), file, text).unwrap().title,
            "Before the edit"
        );
        let parsed = parse_definition(text, file).unwrap();
        assert_eq!(read(None, file, text).unwrap(), parsed);
        assert_eq!(read(Some("{not json"), file, text).unwrap(), parsed);
    }
}
