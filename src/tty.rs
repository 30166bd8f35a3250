//! The binary's side of `fill`: the process's terminal and its signal handlers (Ctrl-C, SIGTERM,
//! SIGHUP), which the library never installs. The handlers share an [`Interrupt`] with the fill,
//! so that a signal waits for a write in progress, saves the text being typed at once, prints the
//! resume message once (unless the terminal is gone), shows the cursor again and exits 130.

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
        #[cfg(unix)]
        let _ctrl_c = CtrlCEndsTheLine::set();
        let stdin = io::stdin();
        let width = Term::stderr()
            .is_term()
            .then(|| Term::stderr().size().1)
            .map(usize::from)
            .filter(|w| *w >= 20);
        let mut prompter = PlainPrompter::new(stdin.lock(), io::stderr())
            .with_editor()
            .with_width(width);
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

/// In the plain mode, Ctrl-C is no signal but ends the line being typed (as Enter does), with
/// the character at its end: the prompter keeps what was typed before it stops. The line
/// discipline still edits the line (Backspace, Ctrl-U, Ctrl-W) and echoes it; the terminal's own
/// settings come back when this is dropped.
#[cfg(unix)]
struct CtrlCEndsTheLine(Option<rustix::termios::Termios>);

#[cfg(unix)]
impl CtrlCEndsTheLine {
    fn set() -> CtrlCEndsTheLine {
        use rustix::termios::{OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr};
        let stdin = rustix::stdio::stdin();
        let Ok(before) = tcgetattr(stdin) else {
            return CtrlCEndsTheLine(None);
        };
        let mut changed = before.clone();
        // 0 is `_POSIX_VDISABLE`: no character sends SIGINT.
        changed.special_codes[SpecialCodeIndex::VINTR] = 0;
        changed.special_codes[SpecialCodeIndex::VEOL] = 0x03;
        match tcsetattr(stdin, OptionalActions::Now, &changed) {
            Ok(()) => CtrlCEndsTheLine(Some(before)),
            Err(_) => CtrlCEndsTheLine(None),
        }
    }
}

#[cfg(unix)]
impl Drop for CtrlCEndsTheLine {
    fn drop(&mut self) {
        if let Some(before) = &self.0 {
            let _ = rustix::termios::tcsetattr(
                rustix::stdio::stdin(),
                rustix::termios::OptionalActions::Now,
                before,
            );
        }
    }
}

/// Ctrl-C, SIGTERM and SIGHUP (a closed terminal) end the fill, on a thread of their own.
///
/// Each first saves the text being typed, which the prompt keeps staged in the [`Interrupt`]
/// (waiting for a draft write in progress): every confirmed answer and every typed character up
/// to the signal are in the draft. SIGHUP then ends the process at once: the terminal is gone, and
/// nothing is written to it. Ctrl-C in a line read (cooked mode, where it is SIGINT) and SIGTERM
/// give the terminal its settings back, say how to resume and exit 130. (In a menu or the editor,
/// Ctrl-C is a key, which the prompter reports; in the plain mode it ends the line.)
#[cfg(unix)]
fn handle_signals(interrupt: Arc<Interrupt>, message: String, plain: bool) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // The flag is set in the handler itself, so a menu read that the signal interrupts finds
    // the stop requested when it returns, and does not take it for a key.
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
        }
        // Before anything touches the terminal, which may be gone.
        interrupt.save_staged();
        let _guard = interrupt.saving();
        if signal == SIGHUP {
            std::process::exit(i32::from(Exit::Interrupted.code()));
        }
        if let Some(settings) = &settings {
            let _ = rustix::termios::tcsetattr(
                rustix::stdio::stdin(),
                rustix::termios::OptionalActions::Now,
                settings,
            );
        }
        let term = Term::stderr();
        if !plain {
            // The editor and the menus had bracketed paste on.
            let _ = term.write_str("\x1b[?2004l");
            let _ = term.show_cursor();
        }
        if interrupt.first_report() {
            let _ = term.write_line(&format!("\n{message}"));
        }
        std::process::exit(i32::from(Exit::Interrupted.code()));
    });
}
