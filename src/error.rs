//! The failures that stop a command, each with its cause, and how a run ends (its exit code).

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::questionnaire::DefinitionError;
use crate::report::FileReport;
use crate::text::io_reason;

/// How a run ended; the process exits with the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every file valid.
    Valid = 0,
    /// Some file has errors (or warnings with `--strict`).
    Invalid = 1,
    /// The tool could not do its whole job.
    Incomplete = 2,
    /// Interrupted by Ctrl-C.
    Interrupted = 130,
}

impl Exit {
    /// The exit status of a set of reports: 2 wins over 1.
    pub fn of(reports: &[FileReport], strict: bool) -> Exit {
        if reports.iter().any(FileReport::unreadable) {
            Exit::Incomplete
        } else if reports.iter().any(|r| !r.valid(strict)) {
            Exit::Invalid
        } else {
            Exit::Valid
        }
    }
}

/// Where output was going when it could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// Standard error (findings, notes).
    Stderr,
    /// The terminal `fill` talks to.
    Terminal,
    /// A file.
    File(PathBuf),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Stdout => f.write_str("standard output"),
            Target::Stderr => f.write_str("standard error"),
            Target::Terminal => f.write_str("the terminal"),
            Target::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// How to pick up a `fill` that stopped: where its answers are and the command that resumes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// The draft holding every confirmed answer.
    pub draft: PathBuf,
    /// The command that resumes the fill.
    pub command: String,
}

/// Why a command could not start, or could not finish its job. Every one exits 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A questionnaire definition is broken or missing.
    #[error(transparent)]
    Definition(#[from] DefinitionError),
    /// The inputs name no answers file at all.
    #[error("no answers files (.toml, .json) found in {}", crate::text::backticked(.inputs))]
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
    /// `fmt` was asked to format standard input.
    #[error("`qfill fmt` rewrites files in place and cannot format stdin")]
    FmtStdin,
    /// Output could not be written.
    #[error("cannot write `{target}`: {}", io_reason(.source))]
    Write {
        /// Where it was going.
        target: Target,
        /// Why it failed.
        #[source]
        source: io::Error,
    },
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
    /// The migrated answers do not read back: a bug in `migrate`.
    #[error("the migrated answers do not read back ({reason}); please report this")]
    MigratedUnreadable {
        /// The parser's message.
        reason: String,
    },
    /// `compile` cannot start.
    #[error(transparent)]
    Compile(#[from] crate::compile::CompileError),
    /// `report` could not do its whole job.
    #[error(transparent)]
    Report(#[from] crate::html::ReportError),
    /// `fill` was run without a terminal.
    #[error("`qfill fill` needs a terminal: its stdin and stdout are not one")]
    NoTerminal,
    /// `fill` cannot start from a draft or `--answers` file.
    #[error("cannot start from `{}`: {reason}", .path.display())]
    CannotStart {
        /// The file.
        path: PathBuf,
        /// Its first finding, with its place, or why it cannot be read.
        reason: String,
    },
    /// `fill` was stopped (Ctrl-C, end of input) at its first prompt.
    #[error("stopped before the first question")]
    StoppedBeforeStart,
    /// `fill`'s input ended mid-walk.
    #[error("the input ended; every confirmed answer is saved in {}", .resume.draft.display())]
    InputEnded {
        /// How to go on.
        resume: Resume,
    },
    /// `fill` could not save the draft or the response mid-walk.
    #[error("cannot write `{}`: {}", .path.display(), io_reason(.source))]
    Unsaved {
        /// The draft or the response.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
        /// How to go on.
        resume: Resume,
    },
}

impl Error {
    /// A failure to write to `target`.
    pub fn write(target: Target) -> impl FnOnce(io::Error) -> Error {
        move |source| Error::Write { target, source }
    }

    /// A failure to write to standard output, for `map_err`.
    pub fn stdout(source: io::Error) -> Error {
        Error::Write {
            target: Target::Stdout,
            source,
        }
    }

    /// A failure to write to standard error, for `map_err`.
    pub fn stderr(source: io::Error) -> Error {
        Error::Write {
            target: Target::Stderr,
            source,
        }
    }

    /// The reader of standard output went away (`qfill validate dir | head -1`): not a failure
    /// worth a message, and the run ends with the exit code of the work done so far.
    pub fn is_closed_stdout(&self) -> bool {
        matches!(self, Error::Write { target: Target::Stdout, source }
            if source.kind() == io::ErrorKind::BrokenPipe)
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
            Error::FmtStdin => {
                "use `qfill export -` to write the canonical form to stdout".into()
            }
            Error::NoTerminal => "from a script, write the answers in a TOML or JSON file, check it with `qfill validate FILE` and clean it with `qfill export FILE`".into(),
            Error::CannotStart { .. } => {
                "fix the file (see `qfill validate`), or start without it".into()
            }
            Error::InputEnded { resume } => format!("resume with: {}", resume.command),
            Error::Unsaved { resume, .. } => format!(
                "every answer confirmed before is in {}; resume with: {}",
                resume.draft.display(),
                resume.command
            ),
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
            Error::Compile(e) => e.hint(),
            Error::Report(e) => e.hint(),
            Error::Definition(_)
            | Error::Write { .. }
            | Error::StoppedBeforeStart
            | Error::FormNotLoaded { .. }
            | Error::MigratedUnreadable { .. } => return None,
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

    #[test]
    fn a_write_failure_names_its_target_and_keeps_its_cause() {
        let error = Error::write(Target::File("out/r.toml".into()))(io::Error::from(
            io::ErrorKind::PermissionDenied,
        ));
        assert_eq!(
            error.to_string(),
            "cannot write `out/r.toml`: permission denied"
        );
        let source = std::error::Error::source(&error).expect("the io::Error is kept");
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
