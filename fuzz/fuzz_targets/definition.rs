//! A questionnaire definition: load it, then check, import and write the examples against it.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../oracle.rs"]
#[allow(dead_code)]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::definition(data));
