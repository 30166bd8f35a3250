//! Legacy text from the Word form: import it, then write the answers in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../oracle.rs"]
#[allow(dead_code)]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::legacy_import(data));
