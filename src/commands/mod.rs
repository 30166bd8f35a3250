//! The commands, one file each: a request type, and one `run` that takes the request and the
//! process's streams and returns the exit status, or the [`Error`] that stopped it.
//!
//! A command owns what only a command does: resolving `-q`, the output check, notices and the
//! totals line, and the exit code. The engines below (`validate`, `compile`, `page`, `fill`,
//! `migrate`, `definition`, `diff`) return their own error types and never see [`Exit`] or
//! [`Error`]; this module is imported only by the binary.

pub mod compile;
pub mod definition;
pub mod diff;
pub mod error;
pub mod export;
pub mod fill;
pub mod fmt;
pub mod import;
pub mod migrate;
pub mod report;
pub mod schema;
pub mod show;
pub mod validate;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::exit::Exit;
pub use error::Error;

use crate::fsio::Target;
use crate::input::{self, Source};
use crate::report::{FileReport, write_findings};

/// The streams a command writes to.
pub struct Streams<'a> {
    /// Standard output: the output itself, when it goes there.
    pub out: &'a mut dyn Write,
    /// Standard error: findings, notices, the totals line.
    pub err: &'a mut dyn Write,
    /// Whether standard output is a terminal, where binary outputs are refused.
    pub out_is_terminal: bool,
}

/// Where a command's one output goes: `-o FILE`, or standard output (`-o -`, or no `-o`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output.
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

impl Output {
    /// `-o VALUE`: `-` is standard output; a file really named `-` is written as `./-`.
    pub fn from_arg(value: &Path) -> Output {
        if value.as_os_str() == "-" {
            Output::Stdout
        } else {
            Output::File(value.to_path_buf())
        }
    }

    /// An optional `-o`: standard output without it.
    pub fn from_option(value: Option<&Path>) -> Output {
        value.map_or(Output::Stdout, Output::from_arg)
    }

    /// The file, if the output is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Output::Stdout => None,
            Output::File(path) => Some(path),
        }
    }

    /// The name findings and the totals line give it: the path, or `-`.
    pub fn name(&self) -> String {
        match self {
            Output::Stdout => "-".to_string(),
            Output::File(path) => path.display().to_string(),
        }
    }

    /// What a failure to write it names.
    pub fn target(&self) -> Target {
        match self {
            Output::Stdout => Target::Stdout,
            Output::File(path) => Target::File(path.clone()),
        }
    }

    /// The output check, before any work: an existing file is replaced only with `--force`.
    pub fn check(&self, force: bool) -> Result<(), Error> {
        match self {
            Output::File(path) if !force && path.exists() => {
                Err(Error::OutputExists { path: path.clone() })
            }
            _ => Ok(()),
        }
    }

    /// Refuses a binary output (`what`: `the workbook`) to standard output when it is a
    /// terminal; into a pipe or a file it is written.
    pub fn check_binary(&self, what: &'static str, streams: &Streams<'_>) -> Result<(), Error> {
        match self {
            Output::Stdout if streams.out_is_terminal => Err(Error::BinaryToTerminal { what }),
            _ => Ok(()),
        }
    }

    /// Writes `bytes`: atomically to the file, or to standard output. A reader of standard
    /// output that went away ends the run with `exit`, quietly.
    pub fn write(&self, bytes: &[u8], out: &mut dyn Write, exit: Exit) -> Result<Exit, Error> {
        let written = match self {
            Output::File(path) => crate::fsio::write_atomic(path, bytes)
                .map_err(Error::write(Target::File(path.clone()))),
            Output::Stdout => out
                .write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(Error::stdout),
        };
        match written {
            Ok(()) => Ok(exit),
            Err(e) => e.or_closed_stdout(exit),
        }
    }
}

/// An input named on the command line: `-` is standard input.
pub fn source_of(name: &str) -> Source {
    if name == "-" {
        Source::Stdin
    } else {
        Source::File(PathBuf::from(name))
    }
}

/// Expands inputs into answers files; finding none at all is an error (exit 2).
pub fn answers_files(inputs: &[String], hidden: bool) -> Result<Vec<Source>, Error> {
    let sources = input::expand(inputs, hidden);
    if sources.is_empty() {
        return Err(Error::NoAnswersFiles {
            inputs: inputs.to_vec(),
        });
    }
    Ok(sources)
}

/// The exit status of a set of reports: 2 (an input could not be read) wins over 1.
pub fn exit_of(reports: &[FileReport], strict: bool) -> Exit {
    if reports.iter().any(FileReport::unreadable) {
        Exit::Incomplete
    } else if reports.iter().any(|r| !r.valid(strict)) {
        Exit::Invalid
    } else {
        Exit::Valid
    }
}

/// Writes one file's findings to standard error and says how the run ends for them.
pub fn tell_findings(
    err: &mut dyn Write,
    report: &FileReport,
    strict: bool,
) -> Result<Exit, Error> {
    write_findings(err, &report.file, &report.findings).map_err(Error::stderr)?;
    Ok(exit_of(std::slice::from_ref(report), strict))
}

/// Standard output written by a command that writes nothing else: a reader that went away ends
/// the run as a success.
fn printed(written: std::io::Result<()>) -> Result<Exit, Error> {
    written
        .map_err(Error::stdout)
        .map_or_else(|e| e.or_closed_stdout(Exit::Valid), |()| Ok(Exit::Valid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_output_and_dot_slash_dash_a_file() {
        assert_eq!(Output::from_arg(Path::new("-")), Output::Stdout);
        assert_eq!(
            Output::from_arg(Path::new("./-")),
            Output::File(PathBuf::from("./-"))
        );
        assert_eq!(Output::from_option(None), Output::Stdout);
        assert_eq!(Output::Stdout.name(), "-");
    }

    #[test]
    fn binary_output_is_refused_only_on_a_terminal() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut streams = Streams {
            out: &mut out,
            err: &mut err,
            out_is_terminal: true,
        };
        assert!(matches!(
            Output::Stdout.check_binary("the workbook", &streams),
            Err(Error::BinaryToTerminal { .. })
        ));
        assert!(
            Output::File("a.xlsx".into())
                .check_binary("the workbook", &streams)
                .is_ok()
        );
        streams.out_is_terminal = false;
        assert!(
            Output::Stdout
                .check_binary("the workbook", &streams)
                .is_ok()
        );
    }

    #[test]
    fn a_closed_stdout_ends_the_write_quietly() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let exit = Output::Stdout.write(b"x", &mut Closed, Exit::Invalid);
        assert_eq!(exit.unwrap(), Exit::Invalid);
    }
}
