//! The `qfill` binary: parses arguments, runs the command, maps the result to an exit code.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let code = match cli.run() {
        Ok(exit) => exit as u8,
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {error}");
            if let Some(hint) = error.hint() {
                let _ = writeln!(stderr, "  hint: {hint}");
            }
            qfill::commands::Exit::Incomplete as u8
        }
    };
    ExitCode::from(code)
}
