//! `qfill fmt`: answers files rewritten in their canonical form, in place.

use super::{Error, Exit, Streams, answers_files, exit_of};
use crate::document::{self, Format};
use crate::fsio::Target;
use crate::input::{self, Kind, ReadOptions, Source};
use crate::questionnaire;
use crate::report::{FileReport, write_findings};
use crate::validate::Validator;

/// `qfill fmt`.
#[derive(Debug, Clone, Default)]
pub struct FmtRequest {
    /// Files and folders.
    pub inputs: Vec<String>,
    /// `--check`: say which files would change, change none.
    pub check: bool,
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--hidden`.
    pub hidden: bool,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
}

/// Rewrites answers files in canonical form, in place and atomically; TOML comments are kept.
///
/// A file that does not parse is left untouched and reported (exit 1); an unreadable one exits 2.
pub fn run(request: &FmtRequest, streams: &mut Streams<'_>) -> Result<Exit, Error> {
    let flag = questionnaire::from_flag(request.questionnaire.as_deref())?;
    let validator = Validator {
        questionnaire: flag.as_ref(),
        read: request.read,
        editions: None,
    };
    let sources = answers_files(&request.inputs, request.hidden)?;
    let mut exit = Exit::Valid;
    for source in &sources {
        let name = source.name();
        if *source == Source::Stdin {
            return Err(Error::FmtStdin);
        }
        // Neither legacy text nor a Word form is rewritten in place: said as the binary says a
        // failure, and the other files are still formatted.
        let refuse = |what| Error::FmtNotAnswers {
            file: name.clone(),
            what,
        };
        let refused = match Kind::named(source, request.read) {
            Some(Kind::Legacy) => Some(refuse("legacy text")),
            Some(Kind::Docx) => Some(refuse("a Word form")),
            Some(Kind::Answers(_)) | None => None,
        };
        if let Some(refused) = refused {
            let hint = refused.hint().unwrap_or_default();
            writeln!(streams.err, "error: {refused}\n  hint: {hint}").map_err(Error::stderr)?;
            exit = exit.max(Exit::Incomplete);
            continue;
        }
        let text = match input::read(source, request.read) {
            Ok(text) => text,
            Err(finding) => {
                write_findings(streams.err, &name, std::slice::from_ref(&finding))
                    .map_err(Error::stderr)?;
                exit = exit.max(exit_of(&[FileReport::new(name, vec![*finding])], false));
                continue;
            }
        };
        let Kind::Answers(format) = text.kind else {
            // Told by the content: only answers files are sniffed.
            continue;
        };
        let (mut findings, checked) = validator.validate_text(&text.text, format);
        let Some(checked) = checked else {
            document::resolve_positions(&mut findings, &text.text);
            write_findings(streams.err, &name, &findings).map_err(Error::stderr)?;
            exit = exit.max(Exit::Invalid);
            continue;
        };
        let mut canonical = checked.answers.to_text(format);
        if format == Format::Toml {
            canonical = crate::comments::carry(&text.text, &canonical, &|p| Some(p.to_vec()));
        }
        if canonical == text.text {
            continue;
        }
        if request.check {
            exit = exit.max(Exit::Invalid);
            if let Err(e) = writeln!(streams.out, "{name}: would be reformatted") {
                return Error::stdout(e).or_closed_stdout(exit);
            }
            continue;
        }
        let Source::File(path) = source else { continue };
        crate::fsio::write_atomic(path, canonical.as_bytes())
            .map_err(Error::write(Target::File(path.clone())))?;
        writeln!(streams.err, "formatted {name}").map_err(Error::stderr)?;
    }
    Ok(exit)
}
