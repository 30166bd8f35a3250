//! The arguments of `qfill report` and their request.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use qfill::commands::report::ReportRequest;
use qfill::page::Paper;

use super::{BatchArgs, KeepArg, keep};

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Answers files and Word forms, folders, glob patterns in quotes, `-` for stdin; `.txt`
    /// files named here are read as legacy text
    #[arg(required = true, value_name = "PATH")]
    inputs: Vec<String>,
    /// Where to write the HTML page, or `-` for stdout
    #[arg(long, short = 'o', value_name = "OUT")]
    output: String,
    /// The entities expected to respond: one per line, or CSV with a `name,acronym,aliases` header
    #[arg(long, value_name = "FILE")]
    roster: Option<PathBuf>,
    /// Also print the page to this PDF file with headless Chromium, or `-` for stdout (into a
    /// pipe)
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// The Chromium that prints the PDF [default: `QFILL_CHROMIUM`, else `chromium`,
    /// `chromium-browser`, `google-chrome` or `google-chrome-stable` on PATH]
    #[arg(long, value_name = "PATH")]
    chromium: Option<PathBuf>,
    /// A folder of templates that replace the built-in ones by file name
    #[arg(long, value_name = "DIR")]
    template: Option<PathBuf>,
    /// Of an entity's answers to one edition, count only the latest (by `submitted`, then by
    /// file name); the others are listed as not counted [default: every different answer counts]
    #[arg(long, value_enum, value_name = "WHICH")]
    keep: Option<KeepArg>,
    /// Leave out the preview of each response
    #[arg(long)]
    no_previews: bool,
    /// The paper the page prints on (`--pdf` and the browser's print)
    #[arg(long, value_enum, value_name = "PAPER", default_value_t = PaperArg::A4)]
    paper: PaperArg,
    /// The date the page speaks as of, `YYYY-MM-DD` [default: `SOURCE_DATE_EPOCH`, else the
    /// latest `submitted` of the responses]
    #[arg(long, value_name = "DATE")]
    as_of: Option<jiff::civil::Date>,
    /// Replace existing output files
    #[arg(long)]
    force: bool,
    /// Edition to check the files against; give it more than once for several editions
    /// [default: each file's `questionnaire`]
    #[arg(long, short = 'q', value_name = "ID|PATH")]
    questionnaire: Vec<String>,
    #[command(flatten)]
    batch: BatchArgs,
}

/// `--paper`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum PaperArg {
    /// A4 portrait
    A4,
    /// US Letter portrait
    Letter,
}

impl From<ReportArgs> for ReportRequest {
    fn from(args: ReportArgs) -> ReportRequest {
        ReportRequest {
            inputs: args.inputs,
            output: args.output.into(),
            questionnaires: args.questionnaire,
            roster: args.roster,
            pdf: args.pdf,
            chromium: args.chromium,
            templates: args.template,
            keep: keep(args.keep),
            previews: !args.no_previews,
            paper: match args.paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::Letter => Paper::Letter,
            },
            as_of: args.as_of,
            force: args.force,
            hidden: args.batch.hidden,
            read: args.batch.read.options(),
            jobs: args.batch.jobs.map(usize::from),
        }
    }
}
