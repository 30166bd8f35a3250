//! The binary's side of `fill`: the process's terminal and its Ctrl-C handler, which the library
//! never installs. The handler shares an [`Interrupt`] with the fill, so that Ctrl-C waits for a
//! write in progress, prints the resume message once, shows the cursor again and exits 130.

use std::io::{self, IsTerminal};
use std::sync::Arc;

use console::Term;
use qfill::error::{Error, Exit};
use qfill::fill::{self, FillRequest, Interrupt, PlainPrompter, TerminalPrompter};

/// Runs `fill` on the process's terminal: refuses without one, picks the prompter, and makes
/// Ctrl-C save-safe everywhere (menus report it; line reads get SIGINT).
pub fn fill(request: &FillRequest) -> Result<Exit, Error> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Error::NoTerminal);
    }
    // Plain mode writes no terminal control sequences, not even on Ctrl-C.
    let plain = request.plain || std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let interrupt = Arc::new(Interrupt::default());
    let handler = Arc::clone(&interrupt);
    let message = request.interrupted_message();
    // Line prompts read in cooked mode, where Ctrl-C is SIGINT: answer it like a menu would.
    let _ = ctrlc::set_handler(move || {
        let _guard = handler.saving();
        let term = Term::stderr();
        if !plain {
            let _ = term.show_cursor();
        }
        if handler.first_report() {
            let _ = term.write_line(&format!("\n{message}"));
        }
        std::process::exit(Exit::Interrupted as i32);
    });
    if plain {
        let stdin = io::stdin();
        let mut prompter = PlainPrompter::new(stdin.lock(), io::stderr()).with_editor();
        fill::run(request, &mut prompter, &interrupt)
    } else {
        let mut prompter = TerminalPrompter::default();
        let result = fill::run(request, &mut prompter, &interrupt);
        let _ = Term::stderr().show_cursor();
        result
    }
}
