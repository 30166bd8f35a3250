//! A `qfill fill` process in a pseudo-terminal whose output a terminal emulator (vt100) renders,
//! so that tests read the screen a person sees.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

// Generous: on a loaded 2-core machine a screen state can take seconds; it only bounds a failure.
const TIMEOUT: Duration = Duration::from_secs(60);
const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

/// `qfill fill` in a pseudo-terminal of a given size, its output rendered as a screen.
pub struct Screen {
    pub session: PtySession,
    pub parser: vt100::Parser,
    /// Every byte written, as written.
    pub raw: Vec<u8>,
}

impl Screen {
    pub fn start(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Screen {
        Screen::start_on(dir, args, cols, rows, "xterm-256color")
    }

    pub fn start_on(dir: &Path, args: &[&str], cols: u16, rows: u16, term: &str) -> Screen {
        Screen::start_binary(crate::common::bin(), dir, args, (cols, rows), term, &[])
    }

    /// Runs `binary` (another build of qfill, say) instead of this one.
    pub fn start_binary(
        binary: &Path,
        dir: &Path,
        args: &[&str],
        (cols, rows): (u16, u16),
        term: &str,
        env: &[(&str, &str)],
    ) -> Screen {
        // `stty` sets the size before qfill starts, so that no prompt is drawn at another one.
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "stty cols {cols} rows {rows} && exec \"$0\" fill \"$@\""
            ))
            .arg(binary)
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("TERM", term)
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .envs(env.iter().copied());
        Screen {
            session: spawn_command(command, Some(TIMEOUT.as_millis() as u64)).unwrap(),
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            raw: Vec::new(),
        }
    }

    /// Renders everything the program wrote so far.
    pub fn pump(&mut self) {
        // rexpect hands the output over byte by byte, each byte as a `char`.
        while let Some(c) = self.session.try_read() {
            self.raw.push(c as u32 as u8);
            self.parser.process(&[c as u32 as u8]);
        }
    }

    pub fn contents(&mut self) -> String {
        self.pump();
        self.parser.screen().contents()
    }

    /// The rows of the screen, without trailing blanks.
    pub fn rows(&mut self) -> Vec<String> {
        self.pump();
        let (_, cols) = self.parser.screen().size();
        self.parser
            .screen()
            .rows(0, cols.get())
            .map(|r| r.trim_end().to_string())
            .collect()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            if self.contents().contains(text) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("waiting for {text:?}; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The screen's text with every run of whitespace made one space: what a person reads,
    /// whatever rows the lines were broken over.
    pub fn words(&mut self) -> String {
        self.contents()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Waits until the screen shows `text`, broken over rows or not.
    pub fn wait_for_words(&mut self, text: &str) {
        let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let start = Instant::now();
        loop {
            if self.words().contains(&want) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("waiting for {text:?}; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything written so far as text a person read, escape sequences taken out and every
    /// run of whitespace made one space: what scrolled off the screen too.
    pub fn read_so_far(&mut self) -> String {
        self.pump();
        let raw = String::from_utf8_lossy(&self.raw).into_owned();
        let mut text = String::with_capacity(raw.len());
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\x1b' {
                text.push(c);
                continue;
            }
            // CSI: parameters and intermediates, then one final character; else one character.
            if chars.next_if_eq(&'[').is_some() {
                while chars.next_if(|c| ('\x20'..='\x3f').contains(c)).is_some() {}
                chars.next();
            } else {
                chars.next();
            }
            // A sequence that moves the cursor parts words, as the screen shows them.
            text.push(' ');
        }
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Waits until `text` was written at some point, whether it is still on the screen or not.
    pub fn wait_for_written(&mut self, text: &str) {
        let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let start = Instant::now();
        loop {
            if self.read_so_far().contains(&want) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "waiting for {text:?} to be written; the screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen has settled (nothing new for a moment).
    pub fn settle(&mut self) {
        let mut last = self.contents();
        loop {
            std::thread::sleep(Duration::from_millis(150));
            let now = self.contents();
            if now == last {
                return;
            }
            last = now;
        }
    }

    pub fn keys(&mut self, keys: &str) {
        // `send` writes what the pty takes at once: the rest is sent as it is read.
        let mut rest = keys.as_bytes();
        while !rest.is_empty() {
            let cut = (1..=rest.len().min(1024))
                .rev()
                .find(|&n| std::str::from_utf8(&rest[..n]).is_ok())
                .unwrap_or(rest.len());
            let sent = self
                .session
                .send(std::str::from_utf8(&rest[..cut]).unwrap())
                .unwrap();
            self.session.flush().unwrap();
            rest = &rest[sent..];
            self.pump();
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.keys(&format!("{PASTE_START}{text}{PASTE_END}"));
    }

    /// The cursor's row and column.
    pub fn cursor(&mut self) -> (u16, u16) {
        self.pump();
        self.parser.screen().cursor_position()
    }

    /// Gives the terminal a new size, as a window manager does (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator takes the new size first: what the program draws for it must not be
        // rendered at the old one.
        self.pump();
        self.parser.set_size(nonzero(rows), nonzero(cols));
        let pty = self.session.process().get_file_handle().unwrap();
        let size = rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(pty, size).expect("TIOCSWINSZ");
    }

    pub fn exit_code(mut self) -> i32 {
        let _ = self.session.exp_eof();
        match self.session.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("not exited: {other:?}"),
        }
    }
}

pub fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}
