//! `qfill fill`: the questionnaire answered in the terminal. The binary picks the terminal and
//! the prompter and owns the signals; this is the command around the walk.

use super::{Error, Exit};
use crate::fill::{self, FillRequest, Filled, Interrupt, Prompter};
use crate::questionnaire;

/// The output check, before anything else: the response goes to a file, which is replaced
/// only with `--force`.
pub fn check(request: &FillRequest) -> Result<(), Error> {
    if request.output.as_os_str() == "-" {
        return Err(Error::NotForStdout {
            what: "the response",
            hint: "name the response file, e.g. `-o response.toml`; `qfill export FILE` prints a saved response",
        });
    }
    if request.output.exists() && !request.force {
        return Err(Error::ResponseExists {
            path: request.output.clone(),
        });
    }
    if let Some(docx) = &request.docx {
        // `fill` holds the terminal, and a Word form is binary: it only ever goes to a file.
        if docx.as_os_str() == "-" {
            return Err(Error::FormToTerminal);
        }
        if docx.exists() && !request.force {
            return Err(Error::OutputExists { path: docx.clone() });
        }
    }
    Ok(())
}

/// Runs the fill with `prompter`: the output check, `--questionnaire`, the walk, the exit code.
pub fn run(
    request: &FillRequest,
    prompter: &mut dyn Prompter,
    interrupt: &Interrupt,
) -> Result<Exit, Error> {
    check(request)?;
    let flag = questionnaire::from_flag(request.questionnaire.as_deref())?;
    Ok(
        match fill::run(request, flag.as_ref(), prompter, interrupt)? {
            Filled::Saved { valid: true } => Exit::Valid,
            Filled::Saved { valid: false } => Exit::Invalid,
            Filled::Interrupted => Exit::Interrupted,
        },
    )
}
