//! The `qfill` binary: parses arguments, runs the command, maps the result to an exit code.

mod cli;
mod tty;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let exit = cli::Cli::parse().run().unwrap_or_else(|error| {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "error: {error}");
        if let Some(hint) = error.hint() {
            let _ = writeln!(stderr, "  hint: {hint}");
        }
        error.exit()
    });
    ExitCode::from(exit.code())
}
