//! Command-line arguments (clap derive), converted once into the library's request types.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use qfill::batch::{Progress, Silent};
use qfill::commands::compile::CompileRequest;
use qfill::commands::definition::FromTextRequest;
use qfill::commands::diff::DiffRequest;
use qfill::commands::export::ExportRequest;
use qfill::commands::fmt::FmtRequest;
use qfill::commands::import::ImportRequest;
use qfill::commands::migrate::MigrateRequest;
use qfill::commands::show::ShowWhat;
use qfill::commands::validate::{OutputFormat, ValidateRequest};
use qfill::commands::{self, Error, Exit, Streams};
use qfill::compile::{CompileFormat, Keep};
use qfill::document::Format;
use qfill::export::ExportFormat;
use qfill::fill::FillRequest;
use qfill::input::{DEFAULT_MAX_SIZE, Kind, ReadOptions};

mod generate;
mod report;

use report::ReportArgs;

/// Fill in and validate answers to the UN DESA questionnaire on the 2030 Agenda.
#[derive(Debug, Parser)]
#[command(name = "qfill", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Answer the questionnaire in the terminal; every confirmed answer is saved at once
    Fill(FillArgs),
    /// Check answers files against every rule of the questionnaire
    Validate(ValidateArgs),
    /// Write the canonical form of an answers file, or render it as Markdown, legacy text or the
    /// Word form
    Export(ExportArgs),
    /// Read last year's answers (the legacy text layout, or the Word form) into an answers file
    Import(ImportArgs),
    /// Rewrite answers files in canonical form, in place
    Fmt(FmtArgs),
    /// Compile many responses into one workbook, CSV files, JSON, or one question as Markdown or
    /// Word
    Compile(CompileArgs),
    /// One self-contained HTML page of many responses: summary, charts, and a preview of each
    Report(ReportArgs),
    /// Show the questionnaire: questions, fields, rules and how sure each is; or list the editions
    Show(ShowArgs),
    /// Carry an answers file to another edition of the questionnaire (TOML on stdout without -o)
    Migrate(MigrateArgs),
    /// Compare two editions: questions added, removed, renumbered, reworded; limits, fields,
    /// windows
    Diff(DiffArgs),
    /// Make a questionnaire definition from the text of a blank form
    #[command(subcommand)]
    Definition(DefinitionCommand),
    /// Print the JSON Schema of answers files, for editors and other tools
    Schema(QuestionnaireArg),
    /// Print a shell completion script to standard output
    Completions(CompletionsArgs),
    /// Print the man page (roff) to standard output
    Man,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
struct ShowArgs {
    #[command(flatten)]
    questionnaire: QuestionnaireArg,
    /// List the built-in editions: id, title, reporting window, complete or not
    #[arg(long, conflicts_with_all = ["questionnaire", "to"])]
    list: bool,
    /// Print the definition as its blank form, the text `definition from-text` reads
    #[arg(long, value_name = "FORMAT")]
    to: Option<ShowTo>,
}

#[derive(Debug, Args)]
struct MigrateArgs {
    /// The answers file, or `-` for stdin
    #[arg(value_name = "FILE")]
    input: String,
    /// The edition to carry the answers to: a built-in id or a definition file
    #[arg(long, value_name = "ID|PATH")]
    edition: String,
    /// Write here (atomically) instead of to stdout (`-`); `.json` writes JSON
    #[arg(long, short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// Overwrite OUT if it exists
    #[arg(long)]
    force: bool,
    /// The edition the file is read as [default: its `questionnaire` key]
    #[arg(long, short = 'q', value_name = "ID|PATH")]
    questionnaire: Option<String>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The older edition: a built-in id or a definition file
    #[arg(value_name = "A")]
    a: String,
    /// The newer edition
    #[arg(value_name = "B")]
    b: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// For people
    Human,
    /// One JSON document
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ShowTo {
    /// The blank form as text
    Text,
}

#[derive(Debug, Subcommand)]
enum DefinitionCommand {
    /// Read the text of a blank Word form into a definition (TOML on stdout without -o)
    FromText(FromTextArgs),
}

#[derive(Debug, Args)]
struct FromTextArgs {
    /// The blank form: the Word file (`.docx`), or its text copied out of Word, or `-` for stdin
    #[arg(value_name = "FORM")]
    input: String,
    /// Write here (atomically) instead of to stdout (`-`)
    #[arg(long, short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// Overwrite OUT if it exists
    #[arg(long)]
    force: bool,
}

impl From<FromTextArgs> for FromTextRequest {
    fn from(args: FromTextArgs) -> FromTextRequest {
        FromTextRequest {
            input: args.input,
            output: args.output,
            force: args.force,
        }
    }
}

#[derive(Debug, Args)]
struct FillArgs {
    #[command(flatten)]
    questionnaire: QuestionnaireArg,
    /// Start from these answers (TOML or JSON): only what is missing or wrong is asked
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,
    /// Where to write the response (TOML or JSON by extension; a file, not stdout)
    #[arg(long, short = 'o', value_name = "OUT", default_value = "response.toml")]
    output: PathBuf,
    /// Where to keep the draft [default: <stem of OUT>.draft.toml beside OUT]
    #[arg(long, value_name = "PATH")]
    draft: Option<PathBuf>,
    /// Overwrite OUT if it exists
    #[arg(long)]
    force: bool,
    /// Plain numbered lines instead of menus (screen readers, simple terminals; also TERM=dumb)
    #[arg(long)]
    plain: bool,
    /// Also write the filled Word form here whenever the response is saved
    #[arg(long, value_name = "OUT.docx")]
    docx: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct QuestionnaireArg {
    /// Questionnaire: a built-in id (hlpf-2024) or a definition file [default: the answers
    /// file's `questionnaire`, else hlpf-2024]
    #[arg(long, short = 'q', value_name = "ID|PATH")]
    questionnaire: Option<String>,
}

#[derive(Debug, Args)]
struct ReadArgs {
    /// Skip inputs larger than this many bytes (they get `too-large`)
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    max_size: u64,
    /// Read inputs as this format whatever their extension
    #[arg(long, value_name = "FORMAT")]
    input_format: Option<FormatArg>,
}

impl ReadArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            max_size: self.max_size,
            format: self.input_format.map(Kind::from),
        }
    }
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Answers files, folders (walked for .toml, .json and .docx files), glob patterns in quotes
    /// (`'subs/**/*.toml'`), or `-` for stdin
    #[arg(required = true, value_name = "PATH")]
    inputs: Vec<String>,
    #[command(flatten)]
    questionnaire: QuestionnaireArg,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportArg::Human)]
    format: ReportArg,
    /// Treat warnings as errors: a file with warnings is invalid
    #[arg(long)]
    strict: bool,
    /// Print only the totals line (human format), and no progress bar
    #[arg(long)]
    quiet: bool,
    /// Also walk hidden files and folders
    #[arg(long)]
    hidden: bool,
    /// Check files with this many threads [default: one per core]
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Colour the human report: `auto` when standard output is a terminal and `NO_COLOR` is not
    /// set
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    color: ColorArg,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

impl ColorArg {
    /// Whether to colour standard output. `auto` follows the conventions (`NO_COLOR`,
    /// `CLICOLOR_FORCE`, `TERM=dumb`, a terminal) as clap's own help does.
    fn enabled(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The answers file, or `-` for stdin
    #[arg(value_name = "FILE")]
    input: String,
    /// Output format [default: the extension of --output, else the input's format]
    #[arg(long, value_name = "FORMAT")]
    to: Option<ExportArg>,
    /// Write here (atomically) instead of to stdout (`-`)
    #[arg(long, short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// Overwrite OUT if it exists
    #[arg(long)]
    force: bool,
    /// Treat warnings as errors for the exit status
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    questionnaire: QuestionnaireArg,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// Last year's answers in the legacy text layout or a Word form (`.docx`), or `-` for stdin
    #[arg(value_name = "FILE")]
    input: String,
    /// Write here (atomically) instead of TOML to stdout (`-`)
    #[arg(long, short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// Output format [default: the extension of --output, else TOML]
    #[arg(long, value_name = "FORMAT")]
    to: Option<ExportArg>,
    /// Overwrite OUT if it exists
    #[arg(long)]
    force: bool,
    /// Print the findings and write nothing
    #[arg(long)]
    check: bool,
    /// Treat warnings as errors for the exit status
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    questionnaire: QuestionnaireArg,
    /// Skip inputs larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    max_size: u64,
}

#[derive(Debug, Args)]
struct FmtArgs {
    /// Answers files, or folders walked for .toml and .json files
    #[arg(required = true, value_name = "PATH")]
    inputs: Vec<String>,
    /// Change nothing; exit 1 if any file would be reformatted (for CI)
    #[arg(long)]
    check: bool,
    /// Also walk hidden files and folders
    #[arg(long)]
    hidden: bool,
    #[command(flatten)]
    questionnaire: QuestionnaireArg,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Args)]
struct CompileArgs {
    /// Answers files and Word forms, folders, glob patterns in quotes, `-` for stdin; `.txt`
    /// files named here are read as legacy text
    #[arg(required = true, value_name = "PATH")]
    inputs: Vec<String>,
    /// Where to write: `NAME.xlsx`, `NAME.json`, `NAME.md`, `NAME.docx`, a folder for CSV files
    /// (existing, or ending in `/`), or `-` for stdout with `--to` (a workbook or a Word document
    /// only into a pipe)
    #[arg(long, short = 'o', value_name = "OUT")]
    output: String,
    /// Output format [default: OUT's extension, else CSV files in the folder OUT]
    #[arg(long, value_enum, value_name = "FORMAT")]
    to: Option<CompileArg>,
    /// The entities expected to respond: one per line, or CSV with a `name,acronym,aliases` header
    #[arg(long, value_name = "FILE")]
    roster: Option<PathBuf>,
    /// The question the digest (Markdown or Word) shows, entity by entity (e.g.
    /// `recommendations`)
    #[arg(long, value_name = "ID")]
    question: Option<String>,
    /// Of an entity's answers to one edition, count only the latest (by `submitted`, then by
    /// file name); the others are listed as not counted [default: every different answer counts]
    #[arg(long, value_enum, value_name = "WHICH")]
    keep: Option<KeepArg>,
    /// A workbook compiled before, whose `review_status` and `review_note` (on its `responses`
    /// sheet) are carried over to the same entity's answer to the same edition
    #[arg(long, value_name = "XLSX")]
    review: Option<PathBuf>,
    /// Headers are the form's labels instead of ids
    #[arg(long)]
    labels: bool,
    /// CSV for Excel: a BOM, and `'` before cells starting with `=`, `+`, `-`, `@`
    #[arg(long)]
    excel: bool,
    /// The date the `about` sheet says the workbook is as of, `YYYY-MM-DD` [default:
    /// `SOURCE_DATE_EPOCH`, else the latest `submitted` of the responses]
    #[arg(long, value_name = "DATE")]
    as_of: Option<jiff::civil::Date>,
    /// Replace existing output files
    #[arg(long)]
    force: bool,
    /// Edition to check the files against; give it more than once to compile several editions
    /// (each file against the one it names) [default: each file's `questionnaire`]
    #[arg(long, short = 'q', value_name = "ID|PATH")]
    questionnaire: Vec<String>,
    #[command(flatten)]
    batch: BatchArgs,
}

/// How `compile` and `report` find and check their inputs, besides the editions.
#[derive(Debug, Args)]
struct BatchArgs {
    /// Also walk hidden files and folders
    #[arg(long)]
    hidden: bool,
    /// Check files with this many threads [default: one per core]
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[command(flatten)]
    read: ReadArgs,
}

/// `--keep`: which of an entity's answers to one edition count.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KeepArg {
    /// The latest, by `submitted` then by file name
    Latest,
}

/// `--keep` as given, else every different answer.
fn keep(arg: Option<KeepArg>) -> Keep {
    match arg {
        Some(KeepArg::Latest) => Keep::Latest,
        None => Keep::All,
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CompileArg {
    /// An XLSX workbook
    Xlsx,
    /// A folder of CSV files, one per sheet
    Csv,
    /// One JSON document
    Json,
    /// One question's answers, entity by entity (with `--question`)
    Markdown,
    /// The same as a Word document (with `--question`; binary: into a file or a pipe)
    Docx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportArg {
    /// Canonical TOML
    Toml,
    /// Canonical JSON
    Json,
    /// A readable Markdown document
    Markdown,
    /// The legacy text layout that `import` reads
    Text,
    /// The Word form, filled in (binary: into a file or a pipe)
    Docx,
}

impl From<CompileArg> for CompileFormat {
    fn from(f: CompileArg) -> CompileFormat {
        match f {
            CompileArg::Xlsx => CompileFormat::Xlsx,
            CompileArg::Csv => CompileFormat::Csv,
            CompileArg::Json => CompileFormat::Json,
            CompileArg::Markdown => CompileFormat::Markdown,
            CompileArg::Docx => CompileFormat::Docx,
        }
    }
}

impl From<ExportArg> for ExportFormat {
    fn from(f: ExportArg) -> ExportFormat {
        match f {
            ExportArg::Toml => ExportFormat::Toml,
            ExportArg::Json => ExportFormat::Json,
            ExportArg::Markdown => ExportFormat::Markdown,
            ExportArg::Text => ExportFormat::Text,
            ExportArg::Docx => ExportFormat::Docx,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Toml,
    Json,
    // The legacy text layout copied out of the Word form.
    Text,
    // The Word form itself.
    Docx,
}

impl From<FormatArg> for Kind {
    fn from(f: FormatArg) -> Kind {
        match f {
            FormatArg::Toml => Kind::Answers(Format::Toml),
            FormatArg::Json => Kind::Answers(Format::Json),
            FormatArg::Text => Kind::Legacy,
            FormatArg::Docx => Kind::Docx,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportArg {
    /// Findings, a table of files and totals, for people
    Human,
    /// One JSON document
    Json,
    /// JUnit XML: a test case per file
    Junit,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions annotations
    Github,
}

impl From<ReportArg> for OutputFormat {
    fn from(f: ReportArg) -> OutputFormat {
        match f {
            ReportArg::Human => OutputFormat::Human,
            ReportArg::Json => OutputFormat::Json,
            ReportArg::Junit => OutputFormat::Junit,
            ReportArg::Sarif => OutputFormat::Sarif,
            ReportArg::Github => OutputFormat::Github,
        }
    }
}

/// Runs at least this long get a progress bar.
const PROGRESS_MIN_FILES: usize = 50;

/// A progress bar on stderr, drawn only for long runs.
struct Bar(indicatif::ProgressBar);

impl Bar {
    /// A bar for a human report when stderr is a terminal; otherwise nothing is drawn.
    fn for_run(format: ReportArg, quiet: bool) -> Option<Bar> {
        (matches!(format, ReportArg::Human) && !quiet && io::stderr().is_terminal())
            .then(|| Bar(indicatif::ProgressBar::hidden()))
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        if total >= PROGRESS_MIN_FILES {
            self.0.set_length(total as u64);
            self.0.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self) {
        self.0.inc(1);
    }

    fn finish(&self) {
        // Gone before the report is written, which may go to the same terminal.
        self.0.finish_and_clear();
    }
}

impl From<ValidateArgs> for ValidateRequest {
    fn from(args: ValidateArgs) -> ValidateRequest {
        ValidateRequest {
            color: matches!(args.format, ReportArg::Human) && args.color.enabled(),
            inputs: args.inputs,
            questionnaire: args.questionnaire.questionnaire,
            format: args.format.into(),
            strict: args.strict,
            quiet: args.quiet,
            hidden: args.hidden,
            read: args.read.options(),
            jobs: args.jobs.map(usize::from),
        }
    }
}

impl From<ExportArgs> for ExportRequest {
    fn from(args: ExportArgs) -> ExportRequest {
        ExportRequest {
            input: args.input,
            to: args.to.map(ExportFormat::from),
            output: args.output,
            force: args.force,
            strict: args.strict,
            questionnaire: args.questionnaire.questionnaire,
            read: args.read.options(),
        }
    }
}

impl From<ImportArgs> for ImportRequest {
    fn from(args: ImportArgs) -> ImportRequest {
        ImportRequest {
            input: args.input,
            output: args.output,
            to: args.to.map(ExportFormat::from),
            force: args.force,
            check: args.check,
            strict: args.strict,
            questionnaire: args.questionnaire.questionnaire,
            read: ReadOptions {
                max_size: args.max_size,
                format: None,
            },
        }
    }
}

impl From<FmtArgs> for FmtRequest {
    fn from(args: FmtArgs) -> FmtRequest {
        FmtRequest {
            inputs: args.inputs,
            check: args.check,
            questionnaire: args.questionnaire.questionnaire,
            hidden: args.hidden,
            read: args.read.options(),
        }
    }
}

impl From<CompileArgs> for CompileRequest {
    fn from(args: CompileArgs) -> CompileRequest {
        CompileRequest {
            inputs: args.inputs,
            output: args.output,
            to: args.to.map(CompileFormat::from),
            questionnaires: args.questionnaire,
            roster: args.roster,
            question: args.question,
            keep: keep(args.keep),
            review: args.review,
            labels: args.labels,
            excel: args.excel,
            as_of: args.as_of,
            force: args.force,
            hidden: args.batch.hidden,
            read: args.batch.read.options(),
            jobs: args.batch.jobs.map(usize::from),
            created: None,
        }
    }
}

impl From<MigrateArgs> for MigrateRequest {
    fn from(args: MigrateArgs) -> MigrateRequest {
        MigrateRequest {
            input: args.input,
            questionnaire: args.questionnaire,
            edition: args.edition,
            output: args.output,
            force: args.force,
            read: args.read.options(),
        }
    }
}

impl From<DiffArgs> for DiffRequest {
    fn from(args: DiffArgs) -> DiffRequest {
        DiffRequest {
            a: args.a,
            b: args.b,
            json: matches!(args.format, DiffFormat::Json),
        }
    }
}

impl From<FillArgs> for FillRequest {
    fn from(args: FillArgs) -> FillRequest {
        FillRequest {
            questionnaire: args.questionnaire.questionnaire,
            answers: args.answers,
            output: args.output,
            draft: args.draft,
            force: args.force,
            plain: args.plain,
            docx: args.docx,
        }
    }
}

impl ShowArgs {
    fn what(&self) -> ShowWhat {
        match (self.list, self.to) {
            (true, _) => ShowWhat::List,
            (false, Some(ShowTo::Text)) => ShowWhat::Form,
            (false, None) => ShowWhat::Table,
        }
    }
}

impl Cli {
    /// Runs the command with the process's standard streams.
    pub fn run(self) -> Result<Exit, Error> {
        // `fill` talks to the terminal, where a signal handler may write at any time: it holds
        // no lock on the standard streams.
        if let Command::Fill(args) = self.command {
            return crate::tty::fill(&args.into());
        }
        with_std_streams(|io| match self.command {
            Command::Validate(args) => {
                let bar = Bar::for_run(args.format, args.quiet);
                commands::validate::run(&args.into(), io, progress(bar.as_ref()))
            }
            Command::Export(args) => commands::export::run(&args.into(), io),
            Command::Import(args) => commands::import::run(&args.into(), io),
            Command::Fmt(args) => commands::fmt::run(&args.into(), io),
            Command::Compile(args) => {
                let bar = Bar::for_run(ReportArg::Human, false);
                commands::compile::run(&args.into(), io, progress(bar.as_ref()))
            }
            Command::Report(args) => {
                let bar = Bar::for_run(ReportArg::Human, false);
                commands::report::run(&args.into(), io, progress(bar.as_ref()))
            }
            Command::Show(args) => {
                let what = args.what();
                commands::show::run(what, args.questionnaire.questionnaire.as_deref(), io)
            }
            Command::Migrate(args) => commands::migrate::run(&args.into(), io),
            Command::Diff(args) => commands::diff::run(&args.into(), io),
            Command::Definition(DefinitionCommand::FromText(args)) => {
                commands::definition::run(&args.into(), io)
            }
            Command::Schema(args) => commands::schema::run(args.questionnaire.as_deref(), io),
            Command::Completions(args) => generate::completions(Cli::command(), args.shell, io.out),
            Command::Man => generate::man(Cli::command(), io.out),
            // Run above, outside the streams; here only so that the match is whole.
            Command::Fill(args) => crate::tty::fill(&args.into()),
        })
    }
}

/// Runs `f` with the process's standard streams, flushing standard output at the end. Standard
/// output is locked for the run (findings of many files go there); standard error is not, so
/// that a progress bar's thread can write to it.
fn with_std_streams<R>(f: impl FnOnce(&mut Streams<'_>) -> R) -> R {
    let stdout = io::stdout();
    let out_is_terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    let mut err = io::stderr();
    let result = f(&mut Streams {
        out: &mut out,
        err: &mut err,
        out_is_terminal,
    });
    let _ = out.flush();
    result
}

/// The progress bar, if one is drawn; else nothing hears of the files.
fn progress(bar: Option<&Bar>) -> &dyn Progress {
    match bar {
        Some(bar) => bar,
        None => &Silent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
