//! An answers file carried by `migrate` to every other built-in edition and back: the canonical
//! original, or every value that did not come back kept in a note with a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../oracle.rs"]
#[allow(dead_code)]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::migrate(data));
