//! Why a fill could not start or go on, and how to pick it up again.

use std::io;
use std::path::PathBuf;

use crate::fsio::WriteError;
use crate::text::io_reason;

/// How to pick up a `fill` that stopped: where its answers are and the command that resumes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// The draft holding every confirmed answer.
    pub draft: PathBuf,
    /// The command that resumes the fill.
    pub command: String,
}

/// A fill that could not start, or stopped before the response was saved.
#[derive(Debug, thiserror::Error)]
pub enum FillError {
    /// The terminal, the draft or the response could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The draft or `--answers` file cannot be read or parsed.
    #[error("cannot start from `{}`: {reason}", .path.display())]
    CannotStart {
        /// The file.
        path: PathBuf,
        /// Its first finding, with its place, or why it cannot be read.
        reason: String,
    },
    /// Stopped (Ctrl-C, end of input) at the first prompt.
    #[error("stopped before the first question")]
    StoppedBeforeStart,
    /// The input ended mid-walk.
    #[error("the input ended; every confirmed answer is saved in {}", .resume.draft.display())]
    InputEnded {
        /// How to go on.
        resume: Resume,
    },
    /// The draft or the response could not be saved mid-walk.
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

impl FillError {
    /// How to go on, if there is something to say.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            FillError::CannotStart { .. } => {
                "fix the file (see `qfill validate`), or start without it".into()
            }
            FillError::InputEnded { resume } => format!("resume with: {}", resume.command),
            FillError::Unsaved { resume, .. } => format!(
                "every answer confirmed before is in {}; resume with: {}",
                resume.draft.display(),
                resume.command
            ),
            FillError::Write(_) | FillError::StoppedBeforeStart => return None,
        })
    }
}
