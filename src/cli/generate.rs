//! Files generated from the command-line definition itself: shell completion scripts
//! (clap_complete) and the man page (clap_mangen), so that neither can drift from the real flags.

use std::io::Write;

use clap::Command;
use clap_complete::Shell;
use qfill::commands::{Error, Exit};

/// Writes the completion script for `shell` to `out`.
pub fn completions(mut command: Command, shell: Shell, out: &mut dyn Write) -> Result<Exit, Error> {
    // clap_complete panics when its writer fails (a closed pipe), so it writes to memory first.
    let mut script = Vec::new();
    let name = command.get_name().to_string();
    clap_complete::generate(shell, &mut command, name, &mut script);
    emit(&script, out)
}

/// Writes the man page, in roff, to `out`: `qfill(1)`, then a page per subcommand
/// (`qfill-validate(1)`, ...), which the first one's SUBCOMMANDS section names.
pub fn man(mut command: Command, out: &mut dyn Write) -> Result<Exit, Error> {
    // Built, the subcommands know their full names (`qfill validate`) for their synopses.
    command.build();
    let mut pages = Vec::new();
    let source = format!("qfill {}", command.get_version().unwrap_or_default());
    // Rendering goes to memory, where writing cannot fail.
    let _ = clap_mangen::Man::new(command.clone()).render(&mut pages);
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let _ = clap_mangen::Man::new(sub.clone())
            .source(source.clone())
            .render(&mut pages);
    }
    emit(&pages, out)
}

/// Writes a rendered text to standard output; a reader that went away ends the run quietly.
fn emit(text: &[u8], out: &mut dyn Write) -> Result<Exit, Error> {
    out.write_all(text)
        .map_err(Error::stdout)
        .map_or_else(|e| e.or_closed_stdout(Exit::Valid), |()| Ok(Exit::Valid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::io;

    /// What `write` writes, checking that it succeeds.
    fn rendered(write: impl FnOnce(&mut dyn Write) -> Result<Exit, Error>) -> String {
        let mut out = Vec::new();
        assert!(matches!(write(&mut out), Ok(Exit::Valid)));
        String::from_utf8(out).unwrap()
    }

    fn subcommands() -> Vec<String> {
        crate::cli::Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect()
    }

    #[test]
    fn every_shell_gets_a_script_naming_every_subcommand() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = rendered(|out| completions(crate::cli::Cli::command(), shell, out));
            for name in subcommands() {
                assert!(script.contains(&name), "{shell}: no `{name}`");
            }
        }
    }

    #[test]
    fn the_man_page_is_roff_naming_every_subcommand() {
        let page = rendered(|out| man(crate::cli::Cli::command(), out));
        // roff's own string definitions may come first; the page itself starts with `.TH`.
        let first = page
            .lines()
            .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
            .unwrap();
        assert!(first.starts_with(".TH qfill 1 "), "{first}");
        for name in subcommands() {
            assert!(
                page.contains(&format!("qfill\\-{name}(1)")),
                "no `{name}`: {page}"
            );
            assert!(
                page.contains(&format!(".TH qfill-{name} 1 ")),
                "no page for `{name}`"
            );
        }
    }

    #[test]
    fn a_failing_output_is_an_error_and_a_closed_one_ends_quietly() {
        struct Failing(io::ErrorKind);
        impl Write for Failing {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(self.0.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let command = crate::cli::Cli::command();
        let full = || Failing(io::ErrorKind::StorageFull);
        assert!(completions(command.clone(), Shell::Bash, &mut full()).is_err());
        assert!(man(command.clone(), &mut full()).is_err());
        let closed = || Failing(io::ErrorKind::BrokenPipe);
        assert!(matches!(
            completions(command.clone(), Shell::Bash, &mut closed()),
            Ok(Exit::Valid)
        ));
        assert!(matches!(man(command, &mut closed()), Ok(Exit::Valid)));
    }
}
