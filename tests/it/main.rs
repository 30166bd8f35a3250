//! The integration tests, as one binary: each module below was a test binary of its own, and one
//! binary links once instead of nine times. Run one group with `cargo test --test it GROUP::`
//! (e.g. `cargo test --test it cli::`). A new group is a file `tests/it/NAME.rs` named here;
//! helpers shared by several groups go in `common.rs`.

mod batch;
mod cli;
mod cmd;
mod common;
mod compile;
mod convert;
mod docx;
mod docx_write;
mod dropped;
mod editions;
mod fill;
#[cfg(unix)]
mod fill_editor;
mod fuzz_regressions;
// The benchmarks' generator of realistic responses (`report`'s browser tier opens 50 of them).
#[path = "../../benches/common/mod.rs"]
mod generator;
mod hostile;
mod intake;
mod readme;
mod report;
mod roundtrip;
mod schema;
// A process in a pseudo-terminal, for the `fill` and `batch` groups.
#[cfg(unix)]
mod terminal;
mod tidy;
