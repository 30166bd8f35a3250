//! The aggregate error: what stops a command, from any engine or from the command itself. It sits
//! on top of the engines (each returns its own error type) and picks the exit code; no engine
//! sees it.

use std::path::PathBuf;

use crate::compile::CompileError;
use crate::exit::Exit;
use crate::fill::FillError;
use crate::fsio::{Target, WriteError};
use crate::migrate::MigrateError;
use crate::page::PageError;
use crate::questionnaire::DefinitionError;
use crate::text::backticked;

/// Why a command could not start, or could not finish its job. Every one exits 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A questionnaire definition is broken or missing.
    #[error(transparent)]
    Definition(#[from] DefinitionError),
    /// Output could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// `compile` cannot start.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// `report` could not do its whole job.
    #[error(transparent)]
    Page(#[from] PageError),
    /// `fill` could not start or go on.
    #[error(transparent)]
    Fill(#[from] FillError),
    /// `migrate` could not carry the answers.
    #[error(transparent)]
    Migrate(#[from] MigrateError),
    /// The inputs name no answers file at all.
    #[error("no answers files (.toml, .json) found in {}", backticked(.inputs))]
    NoAnswersFiles {
        /// The inputs as given.
        inputs: Vec<String>,
    },
    /// `-o` names an existing file and `--force` was not given.
    #[error("`{}` exists already", .path.display())]
    OutputExists {
        /// The output.
        path: PathBuf,
    },
    /// `fill -o` names an existing response and `--force` was not given.
    #[error("`{}` exists already", .path.display())]
    ResponseExists {
        /// The response.
        path: PathBuf,
    },
    /// `-o -` where standard output cannot take the output.
    #[error("{what} cannot go to standard output (`-o -`)")]
    NotForStdout {
        /// What was to be written, e.g. `the response`.
        what: &'static str,
        /// How to do it instead.
        hint: &'static str,
    },
    /// A binary output to standard output while it is a terminal.
    #[error("{what} is binary and standard output is a terminal")]
    BinaryToTerminal {
        /// What was to be written, e.g. `the workbook`.
        what: &'static str,
    },
    /// `fill --docx -`: the Word form is binary, and `fill` holds the terminal.
    #[error("the Word form cannot go to standard output (`--docx -`): it is binary")]
    FormToTerminal,
    /// `fmt` was named a file it does not rewrite in place (legacy text, a Word form).
    #[error(
        "{file}: {what} is not rewritten in place; `qfill fmt` formats TOML and JSON answers files"
    )]
    FmtNotAnswers {
        /// The file as named.
        file: String,
        /// What it is: `legacy text`.
        what: &'static str,
    },
    /// `fmt` was asked to format standard input.
    #[error("`qfill fmt` rewrites files in place and cannot format stdin")]
    FmtStdin,
    /// `definition from-text` cannot read its form.
    #[error("{file}: {reason}")]
    FormUnreadable {
        /// The form as named.
        file: String,
        /// Why it cannot be read.
        reason: String,
    },
    /// `definition from-text` finds no question in its form.
    #[error("{file}: no question found")]
    NoQuestion {
        /// The form as named.
        file: String,
    },
    /// The definition made from a form does not load: a bug in `definition from-text`.
    #[error("the definition made from `{file}` does not load ({reason}); please report this")]
    FormNotLoaded {
        /// The form as named.
        file: String,
        /// The loader's message.
        reason: String,
    },
    /// `diff` was given an answers file where an edition belongs.
    #[error(
        "`{path}` is an answers file, not a questionnaire definition: `qfill diff` compares two editions"
    )]
    NotAnEdition {
        /// The file as named.
        path: String,
    },
    /// `migrate -o` names a file that is not TOML or JSON.
    #[error("`qfill migrate` writes answers files, TOML or JSON, not `{}`", .path.display())]
    MigrateFormat {
        /// The output.
        path: PathBuf,
    },
    /// `fill` was run without a terminal.
    #[error("`qfill fill` needs a terminal: its stdin and stdout are not one")]
    NoTerminal,
}

impl Error {
    /// A failure to write to `target`, for `map_err`.
    pub fn write(target: Target) -> impl FnOnce(std::io::Error) -> Error {
        move |source| Error::Write(WriteError { target, source })
    }

    /// A failure to write to standard output, for `map_err`.
    pub fn stdout(source: std::io::Error) -> Error {
        Error::Write(WriteError::stdout(source))
    }

    /// A failure to write to standard error, for `map_err`.
    pub fn stderr(source: std::io::Error) -> Error {
        Error::Write(WriteError::stderr(source))
    }

    /// The reader of standard output went away (`qfill validate dir | head -1`), whichever part
    /// of the run was writing: not a failure worth a message.
    pub fn is_closed_stdout(&self) -> bool {
        let (Error::Write(write)
        | Error::Compile(CompileError::Write(write))
        | Error::Page(PageError::Write(write))) = self
        else {
            return false;
        };
        write.is_closed_stdout()
    }

    /// The exit code this failure warrants.
    pub fn exit(&self) -> Exit {
        Exit::Incomplete
    }

    /// How to fix it, if there is something to say.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Error::NoAnswersFiles { .. } => "name answers files or folders that hold them".into(),
            Error::OutputExists { .. } => "use `--force` to overwrite it".into(),
            Error::ResponseExists { path } => format!(
                "use `--force` to replace it, `-o` to write elsewhere, or `--answers {}` to start from it",
                path.display()
            ),
            Error::NotForStdout { hint, .. } => (*hint).into(),
            Error::BinaryToTerminal { .. } => {
                "name a file with `-o`, or pipe standard output into a file or program".into()
            }
            Error::FormToTerminal => "name the Word file, e.g. `--docx response.docx`".into(),
            Error::FmtNotAnswers { file, .. } => {
                format!("write its answers to an answers file with `qfill export {file} -o FILE.toml`")
            }
            Error::FmtStdin => {
                "use `qfill export -` to write the canonical form to stdout".into()
            }
            Error::NoTerminal => "from a script, write the answers in a TOML or JSON file, check it with `qfill validate FILE` and clean it with `qfill export FILE`".into(),
            Error::FormUnreadable { .. } => {
                "give the text of a blank form, copied out of Word as plain text".into()
            }
            Error::NoQuestion { .. } => {
                "a blank form has question lines such as `1. Question text`".into()
            }
            Error::NotAnEdition { path } => format!(
                "to carry these answers to another edition, use `qfill migrate {path} --edition ID`"
            ),
            Error::MigrateFormat { .. } => {
                "name OUT `.toml` or `.json`; `qfill export` renders Markdown and text".into()
            }
            Error::Compile(e) => return e.hint(),
            Error::Page(e) => return e.hint(),
            Error::Fill(e) => return e.hint(),
            Error::Definition(_)
            | Error::Write(_)
            | Error::Migrate(_)
            | Error::FormNotLoaded { .. } => return None,
        })
    }

    /// Turns a closed standard output into the end of the run with `so_far`; other failures stay.
    pub fn or_closed_stdout(self, so_far: Exit) -> Result<Exit, Error> {
        if self.is_closed_stdout() {
            Ok(so_far)
        } else {
            Err(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn a_write_failure_names_its_target_and_keeps_its_cause() {
        let error = Error::write(Target::File("out/r.toml".into()))(io::Error::from(
            io::ErrorKind::PermissionDenied,
        ));
        assert_eq!(
            error.to_string(),
            "cannot write `out/r.toml`: permission denied"
        );
        let Error::Write(write) = &error else {
            panic!("a write error")
        };
        let source = std::error::Error::source(write).expect("the io::Error is kept");
        assert_eq!(
            source.downcast_ref::<io::Error>().map(io::Error::kind),
            Some(io::ErrorKind::PermissionDenied)
        );
        assert_eq!(
            Error::stderr(io::Error::from(io::ErrorKind::Other))
                .to_string()
                .split(':')
                .next(),
            Some("cannot write `standard error`")
        );
    }

    #[test]
    fn only_a_closed_stdout_is_quiet() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(Error::stdout(pipe()).is_closed_stdout());
        assert!(Error::Compile(CompileError::Write(WriteError::stdout(pipe()))).is_closed_stdout());
        assert!(!Error::stderr(pipe()).is_closed_stdout());
        assert!(!Error::write(Target::File("f".into()))(pipe()).is_closed_stdout());
        assert!(!Error::stdout(io::Error::from(io::ErrorKind::StorageFull)).is_closed_stdout());
        assert_eq!(
            Error::stdout(pipe())
                .or_closed_stdout(Exit::Invalid)
                .unwrap(),
            Exit::Invalid
        );
        assert!(Error::FmtStdin.or_closed_stdout(Exit::Valid).is_err());
    }
}
