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
    out.write_all(&script)?;
    Ok(Exit::Valid)
}

/// Writes the man page, in roff, to `out`: `qfill(1)`, then a page per subcommand
/// (`qfill-validate(1)`, ...), which the first one's SUBCOMMANDS section names.
pub fn man(mut command: Command, out: &mut dyn Write) -> Result<Exit, Error> {
    // Built, the subcommands know their full names (`qfill validate`) for their synopses.
    command.build();
    let mut pages = Vec::new();
    let source = format!("qfill {}", command.get_version().unwrap_or_default());
    clap_mangen::Man::new(command.clone()).render(&mut pages)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        clap_mangen::Man::new(sub.clone())
            .source(source.clone())
            .render(&mut pages)?;
    }
    out.write_all(&pages)?;
    Ok(Exit::Valid)
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
    fn a_closed_output_is_an_error_not_a_panic() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let command = crate::cli::Cli::command();
        assert!(completions(command.clone(), Shell::Bash, &mut Closed).is_err());
        assert!(man(command, &mut Closed).is_err());
    }
}
