//! The commands, as library functions: each takes a request and writers and returns the exit
//! status, so that the binary only parses arguments and maps the result.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::batch::{self, Progress};
use crate::document::Format;
use crate::error::{Error, Exit, Target};
use crate::export::ExportFormat;
use crate::incomplete;
use crate::input::{self, ReadOptions, Source};
use crate::questionnaire::{self, Questionnaire};
use crate::report::{self, FileReport, Github, Human, Json, Junit, Report, Sarif};
use crate::validate::Validator;

/// Output formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// For people.
    #[default]
    Human,
    /// One JSON document.
    Json,
    /// JUnit XML: a test case per file.
    Junit,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// `qfill validate`.
#[derive(Debug, Clone, Default)]
pub struct ValidateRequest {
    /// Files, folders, glob patterns and `-`.
    pub inputs: Vec<String>,
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--format`.
    pub format: OutputFormat,
    /// `--strict`.
    pub strict: bool,
    /// `--quiet`.
    pub quiet: bool,
    /// `--hidden`.
    pub hidden: bool,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
    /// `--jobs`: threads to check files with; all cores when `None`.
    pub jobs: Option<usize>,
    /// Colour the human report (`--color`, resolved by the caller).
    pub color: bool,
}

/// Expands inputs into answers files; finding none at all is an error (exit 2).
fn answers_files(inputs: &[String], hidden: bool) -> Result<Vec<Source>, Error> {
    let sources = input::expand(inputs, hidden);
    if sources.is_empty() {
        return Err(Error::NoAnswersFiles {
            inputs: inputs.to_vec(),
        });
    }
    Ok(sources)
}

/// Validates every input, in parallel, and writes the report; `progress` hears of each file.
pub fn validate(
    request: &ValidateRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let questionnaire = questionnaire::from_flag(request.questionnaire.as_deref())?;
    let sources = answers_files(&request.inputs, request.hidden)?;
    let validator = Validator {
        questionnaire: questionnaire.as_ref(),
        read: request.read,
    };
    let reports: Vec<FileReport> = batch::run(&validator, &sources, request.jobs, progress);
    let renderer: Box<dyn Report> = match request.format {
        OutputFormat::Human => Box::new(Human {
            quiet: request.quiet,
            color: request.color,
        }),
        OutputFormat::Json => Box::new(Json),
        OutputFormat::Junit => Box::new(Junit),
        OutputFormat::Sarif => Box::new(Sarif),
        OutputFormat::Github => Box::new(Github),
    };
    let exit = Exit::of(&reports, request.strict);
    if let Err(e) = renderer.write(out, &reports, request.strict) {
        return Error::stdout(e).or_closed_stdout(exit);
    }
    for notice in incomplete::notices(&reports, questionnaire.as_ref()) {
        writeln!(err, "{notice}").map_err(Error::stderr)?;
    }
    Ok(exit)
}

/// `qfill export`.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// The answers file, or `-`.
    pub input: String,
    /// `--to`; by default the extension of `-o`, else the input's format.
    pub to: Option<ExportFormat>,
    /// `-o`; stdout without it.
    pub output: Option<PathBuf>,
    /// `--force`.
    pub force: bool,
    /// `--strict`.
    pub strict: bool,
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
}

/// Writes the canonical form of an answers file; findings go to `err`.
pub fn export(
    request: &ExportRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let questionnaire = questionnaire::from_flag(request.questionnaire.as_deref())?;
    check_overwrite(request.output.as_deref(), request.force)?;
    let source = source_of(&request.input);
    let validator = Validator {
        questionnaire: questionnaire.as_ref(),
        read: request.read,
    };
    let validated = validator.validate(&source);
    let report = &validated.report;
    report::write_findings(err, &report.file, &report.findings).map_err(Error::stderr)?;
    let exit = Exit::of(std::slice::from_ref(report), request.strict);
    let (Some(checked), Some(read_as)) = (&validated.checked, validated.format) else {
        // Unreadable, unparsable, or for an unknown questionnaire: nothing to write.
        return Ok(exit);
    };
    let format = output_format(request.to, request.output.as_deref(), read_as.into());
    let named = checked.answers.questionnaire.as_deref();
    let Some(q) = questionnaire::applicable(questionnaire.as_ref(), named).questionnaire() else {
        // Not reached: a file naming an unknown questionnaire is not checked.
        return Ok(exit);
    };
    let text = format.write(&checked.answers, q);
    write_output(request.output.as_deref(), &text, out, exit).or_else(|e| e.or_closed_stdout(exit))
}

/// `--to`, else the extension of OUT, else `fallback`.
fn output_format(
    to: Option<ExportFormat>,
    output: Option<&Path>,
    fallback: ExportFormat,
) -> ExportFormat {
    to.or_else(|| output.and_then(|o| ExportFormat::from_extension(&o.to_string_lossy())))
        .unwrap_or(fallback)
}

/// Refuses to replace an existing OUT unless forced.
fn check_overwrite(output: Option<&Path>, force: bool) -> Result<(), Error> {
    match output {
        Some(path) if path.exists() && !force => Err(Error::OutputExists {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// Writes to OUT atomically, or to `out` (standard output); returns `exit` when done.
fn write_output(
    output: Option<&Path>,
    text: &str,
    out: &mut dyn Write,
    exit: Exit,
) -> Result<Exit, Error> {
    match output {
        Some(path) => crate::fsio::write_atomic(path, text.as_bytes())
            .map_err(Error::write(Target::File(path.to_path_buf())))?,
        None => out.write_all(text.as_bytes()).map_err(Error::stdout)?,
    }
    Ok(exit)
}

fn source_of(name: &str) -> Source {
    if name == "-" {
        Source::Stdin
    } else {
        Source::File(PathBuf::from(name))
    }
}

/// `qfill import`.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The legacy text file, or `-`.
    pub input: String,
    /// `-o`; TOML on stdout without it.
    pub output: Option<PathBuf>,
    /// `--to`; by default the extension of `-o`, else TOML.
    pub to: Option<ExportFormat>,
    /// `--force`.
    pub force: bool,
    /// `--check`: findings only, nothing written.
    pub check: bool,
    /// `--strict`.
    pub strict: bool,
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--max-size`.
    pub read: ReadOptions,
}

/// Imports last year's answers from the legacy text layout; findings go to `err`.
pub fn import(
    request: &ImportRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let flag = questionnaire::from_flag(request.questionnaire.as_deref())?;
    if !request.check {
        check_overwrite(request.output.as_deref(), request.force)?;
    }
    let q = questionnaire::flag_or_default(flag.as_ref());
    let source = source_of(&request.input);
    let read = ReadOptions {
        format: Some(Format::Toml),
        ..request.read
    };
    let text = match input::read(&source, read) {
        Ok(text) => text.text,
        Err(finding) => {
            let report = FileReport::new(source.name(), vec![*finding]);
            report::write_findings(err, &report.file, &report.findings).map_err(Error::stderr)?;
            return Ok(Exit::of(&[report], request.strict));
        }
    };
    let result = crate::import::import(&text, q);
    let report = FileReport::new(source.name(), result.findings);
    report::write_findings(err, &report.file, &report.findings).map_err(Error::stderr)?;
    let exit = Exit::of(std::slice::from_ref(&report), request.strict);
    if request.check {
        return Ok(exit);
    }
    let format = output_format(request.to, request.output.as_deref(), ExportFormat::Toml);
    write_output(
        request.output.as_deref(),
        &format.write(&result.answers, q),
        out,
        exit,
    )
    .or_else(|e| e.or_closed_stdout(exit))
}

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

/// Rewrites answers files in canonical form, in place and atomically.
///
/// A file that does not parse is left untouched and reported (exit 1); an unreadable one exits 2.
pub fn fmt(request: &FmtRequest, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    let flag = questionnaire::from_flag(request.questionnaire.as_deref())?;
    let validator = Validator {
        questionnaire: flag.as_ref(),
        read: request.read,
    };
    let sources = answers_files(&request.inputs, request.hidden)?;
    let mut exit = Exit::Valid;
    for source in &sources {
        let name = source.name();
        if *source == Source::Stdin {
            return Err(Error::FmtStdin);
        }
        let text = match input::read(source, request.read) {
            Ok(text) => text,
            Err(finding) => {
                report::write_findings(err, &name, std::slice::from_ref(&finding))
                    .map_err(Error::stderr)?;
                exit = exit.max(Exit::of(&[FileReport::new(name, vec![*finding])], false));
                continue;
            }
        };
        let (mut findings, checked) = validator.validate_text(&text.text, text.format);
        let Some(checked) = checked else {
            crate::validate::resolve_positions(&mut findings, &text.text);
            report::write_findings(err, &name, &findings).map_err(Error::stderr)?;
            exit = exit.max(Exit::Invalid);
            continue;
        };
        let mut canonical = checked.answers.to_text(text.format);
        if text.format == Format::Toml {
            canonical = crate::comments::carry(&text.text, &canonical, &|p| Some(p.to_vec()));
        }
        if canonical == text.text {
            continue;
        }
        if request.check {
            exit = exit.max(Exit::Invalid);
            if let Err(e) = writeln!(out, "{name}: would be reformatted") {
                return Error::stdout(e).or_closed_stdout(exit);
            }
            continue;
        }
        let Source::File(path) = source else { continue };
        crate::fsio::write_atomic(path, canonical.as_bytes())
            .map_err(Error::write(Target::File(path.clone())))?;
        writeln!(err, "formatted {name}").map_err(Error::stderr)?;
    }
    Ok(exit)
}

/// `qfill schema`: the JSON Schema of answers files for a questionnaire.
pub fn schema(questionnaire: Option<&str>, out: &mut dyn Write) -> Result<Exit, Error> {
    let q = match questionnaire {
        Some(flag) => Questionnaire::resolve(flag)?,
        None => Questionnaire::default_builtin(),
    };
    serde_json::to_writer_pretty(&mut *out, &crate::schema::answers_schema(&q))
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .map_err(Error::stdout)
        .map_or_else(|e| e.or_closed_stdout(Exit::Valid), |()| Ok(Exit::Valid))
}

/// `qfill show`: the questionnaire as a person reads it, each item with its status.
pub fn show(questionnaire: Option<&str>, out: &mut dyn Write) -> Result<Exit, Error> {
    let q = match questionnaire {
        Some(flag) => Questionnaire::resolve(flag)?,
        None => Questionnaire::default_builtin(),
    };
    crate::show::table(&q, out)
        .map_err(Error::stdout)
        .map_or_else(|e| e.or_closed_stdout(Exit::Valid), |()| Ok(Exit::Valid))
}

/// `qfill show --list`: the built-in editions.
pub fn show_list(out: &mut dyn Write) -> Result<Exit, Error> {
    crate::show::list(out)
        .map_err(Error::stdout)
        .map_or_else(|e| e.or_closed_stdout(Exit::Valid), |()| Ok(Exit::Valid))
}

/// `qfill show --to text`: the questionnaire as its blank form.
pub fn show_form(questionnaire: Option<&str>, out: &mut dyn Write) -> Result<Exit, Error> {
    let q = match questionnaire {
        Some(flag) => Questionnaire::resolve(flag)?,
        None => Questionnaire::default_builtin(),
    };
    out.write_all(crate::definition::to_text::blank_form(&q).as_bytes())
        .map_err(Error::stdout)
        .map_or_else(|e| e.or_closed_stdout(Exit::Valid), |()| Ok(Exit::Valid))
}
