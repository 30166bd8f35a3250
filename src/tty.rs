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
    #[cfg(unix)]
    handle_signals(Arc::clone(&interrupt), request.interrupted_message(), plain);
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

/// Ctrl-C, SIGTERM and SIGHUP (a closed terminal) end the fill, on a thread of their own.
///
/// Ctrl-C in a line read (cooked mode, where it is SIGINT) ends it at once, once a draft write in
/// progress is done: every confirmed answer is in the draft. SIGTERM and SIGHUP end it once the
/// text being typed is in the draft too: the editor, which watches for the stop, saves it and ends
/// the walk itself; at a menu, where nothing is being typed, the process ends at once. (In a menu
/// or the editor, Ctrl-C is a key, which the prompter reports.)
#[cfg(unix)]
fn handle_signals(interrupt: Arc<Interrupt>, message: String, plain: bool) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use std::time::Duration;
    // The flag is set in the handler itself, so a menu read that the signal interrupts finds
    // the stop requested when it returns; the thread below then ends the process.
    for signal in [SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register(signal, interrupt.stop_flag());
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    // A menu reads keys in raw mode: ended there, the terminal gets its settings back.
    let settings = rustix::termios::tcgetattr(rustix::stdio::stdin()).ok();
    std::thread::spawn(move || {
        let Some(signal) = signals.forever().next() else {
            return;
        };
        if signal != SIGINT {
            interrupt.request_stop();
            // The editor looks for the stop every tenth of a second, saves, and ends the walk,
            // and the process ends as after Ctrl-C (terminal restored); this is a generous wait
            // for that, after which the process ends here all the same.
            if interrupt.is_watched() {
                std::thread::sleep(Duration::from_secs(3));
            }
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
        std::process::exit(i32::from(Exit::Interrupted.code()));
    });
}
