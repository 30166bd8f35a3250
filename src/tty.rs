//! The binary's side of `fill`: the process's terminal and its signal handlers (Ctrl-C, SIGTERM,
//! SIGHUP), which the library never installs. The handlers share an [`Interrupt`] with the fill,
//! so that a signal waits for a write in progress, lets the editor save the text being typed,
//! prints the resume message once, shows the cursor again and exits 130.

use std::io::{self, IsTerminal};
use std::sync::Arc;

use console::Term;
use qfill::commands::{self, Error, Exit};
use qfill::fill::{FillRequest, Interrupt, PlainPrompter, TerminalPrompter};

/// Runs `fill` on the process's terminal: refuses without one, picks the prompter, and makes
/// Ctrl-C save-safe everywhere (menus report it; line reads get SIGINT).
pub fn fill(request: &FillRequest) -> Result<Exit, Error> {
    commands::fill::check(request)?;
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
    #[cfg(unix)]
    stop_on_term_and_hup(Arc::clone(&interrupt), request.interrupted_message(), plain);
    let result = if plain {
        let stdin = io::stdin();
        let mut prompter = PlainPrompter::new(stdin.lock(), io::stderr()).with_editor();
        commands::fill::run(request, &mut prompter, &interrupt)
    } else {
        let mut prompter = TerminalPrompter::default();
        let result = commands::fill::run(request, &mut prompter, &interrupt);
        let _ = Term::stderr().show_cursor();
        result
    };
    // A signal that interrupted a prompt ends the fill as the signal does, whatever the prompt
    // made of it (a menu reads the interruption as Ctrl-C).
    if interrupt.stop_requested() {
        let _guard = interrupt.saving();
        if interrupt.first_report() {
            let _ = Term::stderr().write_line(&format!("\n{}", request.interrupted_message()));
        }
        return Ok(Exit::Interrupted);
    }
    result
}

/// SIGTERM and SIGHUP (a closed terminal) end the fill like Ctrl-C, once the text being typed is
/// in the draft: the editor, which watches for the stop, saves it and ends the walk itself; at a
/// menu, where nothing is being typed, the process ends at once.
#[cfg(unix)]
fn stop_on_term_and_hup(interrupt: Arc<Interrupt>, message: String, plain: bool) {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    use std::time::Duration;
    // The flag is set in the handler itself, so a menu read that the signal interrupts finds
    // the stop requested when it returns; the thread below then ends the process.
    for signal in [SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register(signal, interrupt.stop_flag());
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    // A menu reads keys in raw mode: ended there, the terminal gets its settings back.
    let settings = rustix::termios::tcgetattr(rustix::stdio::stdin()).ok();
    std::thread::spawn(move || {
        if signals.forever().next().is_none() {
            return;
        }
        interrupt.request_stop();
        // The editor looks for the stop every tenth of a second, saves, and ends the walk, and
        // the process ends as after Ctrl-C (terminal restored); this is a generous wait for
        // that, after which the process ends here all the same.
        if interrupt.is_watched() {
            std::thread::sleep(Duration::from_secs(3));
        }
        let _guard = interrupt.saving();
        if let Some(settings) = &settings {
            let _ = rustix::termios::tcsetattr(
                rustix::stdio::stdin(),
                rustix::termios::OptionalActions::Now,
                settings,
            );
        }
        let term = Term::stderr();
        if !plain {
            // The tick menu had bracketed paste on.
            let _ = term.write_str("\x1b[?2004l");
            let _ = term.show_cursor();
        }
        if interrupt.first_report() {
            let _ = term.write_line(&format!("\n{message}"));
        }
        std::process::exit(Exit::Interrupted as i32);
    });
}
