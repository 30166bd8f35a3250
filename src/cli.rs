//! Command-line arguments (clap derive), converted once into the library's request types.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use qfill::commands::{self, Error, Exit, ExportRequest, OutputFormat, ValidateRequest};
use qfill::document::Format;
use qfill::input::{DEFAULT_MAX_SIZE, ReadOptions};

/// Fill in and validate answers to the UN DESA questionnaire on the 2030 Agenda.
#[derive(Debug, Parser)]
#[command(name = "qfill", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check answers files against every rule of the questionnaire
    Validate(ValidateArgs),
    /// Write the canonical form of an answers file (normalised values, questionnaire order)
    Export(ExportArgs),
    /// Show the questionnaire: questions, fields and rules
    Show(QuestionnaireArg),
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
            format: self.input_format.map(Format::from),
        }
    }
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Answers files, folders (walked for .toml and .json files), or `-` for stdin
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
    /// Print only the totals line (human format)
    #[arg(long)]
    quiet: bool,
    /// Also walk hidden files and folders
    #[arg(long)]
    hidden: bool,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The answers file, or `-` for stdin
    #[arg(value_name = "FILE")]
    input: String,
    /// Output format [default: the extension of --output, else the input's format]
    #[arg(long, value_name = "FORMAT")]
    to: Option<FormatArg>,
    /// Write here (atomically) instead of to stdout
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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Toml,
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Toml => Format::Toml,
            FormatArg::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportArg {
    Human,
    Json,
}

impl Cli {
    /// Runs the command with the process's standard streams.
    pub fn run(self) -> Result<Exit, Error> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        let result = match self.command {
            Command::Validate(args) => commands::validate(
                &ValidateRequest {
                    inputs: args.inputs,
                    questionnaire: args.questionnaire.questionnaire,
                    format: match args.format {
                        ReportArg::Human => OutputFormat::Human,
                        ReportArg::Json => OutputFormat::Json,
                    },
                    strict: args.strict,
                    quiet: args.quiet,
                    hidden: args.hidden,
                    read: args.read.options(),
                },
                &mut out,
            ),
            Command::Export(args) => commands::export(
                &ExportRequest {
                    input: args.input,
                    to: args.to.map(Format::from),
                    output: args.output,
                    force: args.force,
                    strict: args.strict,
                    questionnaire: args.questionnaire.questionnaire,
                    read: args.read.options(),
                },
                &mut out,
                &mut io::stderr().lock(),
            ),
            Command::Show(args) => commands::show(args.questionnaire.as_deref(), &mut out),
        };
        // A closed pipe (`qfill validate . | head`) is not an error worth a message.
        match result {
            Err(Error::Write { ref reason, .. })
                if reason.contains("broken pipe") || reason.contains("Broken pipe") =>
            {
                Ok(Exit::Incomplete)
            }
            other => {
                let _ = out.flush();
                other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
