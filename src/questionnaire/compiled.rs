//! The built-in editions, compiled: `compiled.postcard` holds each built-in definition as qfill
//! reads it, one entry per entry of `BUILTIN`, in its order. A run reads its edition from that
//! entry instead of parsing and checking the TOML definition, which took a third of the
//! instructions of validating one file.
//!
//! The entries are in postcard, serde's compact binary form: reading one costs a quarter of what
//! reading the same definition as JSON did, and no person reads the file. The TOML files stay the
//! source, and what to review in a change. Each entry carries a fingerprint of the text it was
//! compiled from, and an entry whose fingerprint is not the built-in text's is not used: the TOML
//! is parsed instead, so an edited definition is never read stale, only slower until the test
//! `compiled_builtins_are_current` rewrites the file (it fails when it does; commit the new file
//! with the change to the definition).

use serde::{Deserialize, Serialize};

use super::{BUILTIN, DefinitionError, Questionnaire, parse_definition};

/// The compiled file: a postcard list of entries, each a postcard [`Compiled`], so that one is
/// read without reading those before it.
const COMPILED: &[u8] = include_bytes!("compiled.postcard");

/// The fingerprint of each built-in's TOML text, computed when qfill is built.
const FINGERPRINTS: [u64; BUILTIN.len()] = {
    let mut prints = [0; BUILTIN.len()];
    let mut index = 0;
    while index < BUILTIN.len() {
        prints[index] = fingerprint(BUILTIN[index].2);
        index += 1;
    }
    prints
};

/// One entry of `compiled.postcard`.
#[derive(Serialize, Deserialize)]
struct Compiled {
    /// [`fingerprint`] of the TOML text the entry was compiled from.
    fingerprint: u64,
    questionnaire: Questionnaire,
}

/// The built-in definition at `index` of `BUILTIN`: its compiled entry, or its TOML parsed when
/// the entry is missing or was compiled from another text.
pub(super) fn builtin(index: usize) -> Result<Questionnaire, DefinitionError> {
    let (_, file, text) = BUILTIN[index];
    let entry = postcard::from_bytes::<Vec<&[u8]>>(COMPILED)
        .ok()
        .and_then(|entries| entries.get(index).copied());
    read(entry, FINGERPRINTS[index], file, text)
}

/// The definition `text` (from `file`, with fingerprint `print`): from `entry` if it was compiled
/// from that text, else parsed.
fn read(
    entry: Option<&[u8]>,
    print: u64,
    file: &str,
    text: &str,
) -> Result<Questionnaire, DefinitionError> {
    let compiled = entry
        .and_then(|entry| postcard::from_bytes::<Compiled>(entry).ok())
        .filter(|compiled| compiled.fingerprint == print);
    match compiled {
        Some(compiled) => Ok(compiled.questionnaire),
        None => parse_definition(text, file),
    }
}

/// FNV-1a of the text: enough to tell an edited definition from the one an entry was compiled
/// from. A `const fn`, so that the built-ins' fingerprints cost nothing when qfill runs.
const fn fingerprint(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut at = 0;
    while at < bytes.len() {
        hash = (hash ^ bytes[at] as u64).wrapping_mul(0x0100_0000_01b3);
        at += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `compiled.postcard` must hold: each built-in TOML definition, parsed and checked.
    fn compiled() -> Vec<u8> {
        let entries: Vec<Vec<u8>> = BUILTIN
            .iter()
            .map(|(_, file, text)| {
                let compiled = Compiled {
                    fingerprint: fingerprint(text),
                    questionnaire: parse_definition(text, file).expect("built-ins are valid"),
                };
                postcard::to_allocvec(&compiled).unwrap()
            })
            .collect();
        let entries: Vec<&[u8]> = entries.iter().map(Vec::as_slice).collect();
        postcard::to_allocvec(&entries).unwrap()
    }

    #[test]
    fn compiled_builtins_are_current() {
        crate::generated::ensure_current(&[("src/questionnaire/compiled.postcard", compiled())]);
    }

    fn entries() -> Vec<&'static [u8]> {
        postcard::from_bytes(COMPILED).unwrap()
    }

    #[test]
    fn a_compiled_builtin_is_its_definition() {
        let entries = entries();
        assert_eq!(entries.len(), BUILTIN.len());
        for (index, (_, file, text)) in BUILTIN.iter().enumerate() {
            let entry: Compiled = postcard::from_bytes(entries[index]).unwrap();
            assert_eq!(entry.fingerprint, fingerprint(text), "{file}");
            assert_eq!(FINGERPRINTS[index], fingerprint(text), "{file}");
            assert_eq!(
                entry.questionnaire,
                parse_definition(text, file).unwrap(),
                "{file}"
            );
            assert_eq!(builtin(index).unwrap(), entry.questionnaire, "{file}");
        }
    }

    #[test]
    fn an_edited_definition_is_not_read_stale() {
        assert_ne!(fingerprint("id = \"a\""), fingerprint("id = \"b\""));
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        // FNV-1a's published value for "a".
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
        let (_, file, text) = BUILTIN[0];
        let mut stale: Compiled = postcard::from_bytes(entries()[0]).unwrap();
        // An entry compiled from the text as it was, before an edit that the TOML now holds.
        stale.questionnaire.title = "Before the edit".to_string();
        let stale = postcard::to_allocvec(&stale).unwrap();
        let edited = text.replacen("title = ", "title = \"Edited\"\n# was: ", 1);
        let read_edited = read(Some(&stale), fingerprint(&edited), file, &edited).unwrap();
        assert_eq!(read_edited.title, "Edited");
        // Up to date, the entry is what is read; missing or unreadable, the TOML.
        let print = fingerprint(text);
        assert_eq!(
            read(Some(&stale), print, file, text).unwrap().title,
            "Before the edit"
        );
        let parsed = parse_definition(text, file).unwrap();
        assert_eq!(read(None, print, file, text).unwrap(), parsed);
        assert_eq!(read(Some(b"\xff\xff"), print, file, text).unwrap(), parsed);
        assert_eq!(read(Some(&stale[..3]), print, file, text).unwrap(), parsed);
    }
}
