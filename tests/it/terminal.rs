//! A process in a pseudo-terminal, as a person at a terminal runs it: its output read the moment
//! it arrives (a waiting test wakes as soon as the text it waits for is there, instead of on a
//! polling tick), keys sent, signals, and how it ended. Used by the `fill` and `batch` groups.

#![cfg(unix)]

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use rexpect::process::PtyProcess;
use rexpect::process::{Signal, WaitStatus};

/// A process in a pseudo-terminal of its own.
pub struct Terminal {
    process: PtyProcess,
    keyboard: File,
    /// Chunks of output as the process writes them; disconnected at the end of its output.
    screen: Receiver<Vec<u8>>,
    /// Output read but not yet consumed by an [`expect`](Terminal::expect).
    unread: Vec<u8>,
    ended: bool,
    timeout: Duration,
}

impl Terminal {
    /// Starts `command` in a new pseudo-terminal; every wait gives up after `timeout`.
    pub fn start(command: Command, timeout: Duration) -> Terminal {
        let mut process = PtyProcess::new(command).expect("a process in a pseudo-terminal");
        // Dropped while it runs, it gets SIGTERM, then SIGKILL after this long.
        process.set_kill_timeout(Some(timeout.as_millis() as u64));
        let mut output = process.get_file_handle().unwrap();
        let keyboard = process.get_file_handle().unwrap();
        let (sender, screen) = channel();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            loop {
                match output.read(&mut chunk) {
                    Ok(0) => return,
                    Ok(n) => {
                        if sender.send(chunk[..n].to_vec()).is_err() {
                            return;
                        }
                    }
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    // EIO: no process holds the terminal open any more.
                    Err(_) => return,
                }
            }
        });
        Terminal {
            process,
            keyboard,
            screen,
            unread: Vec::new(),
            ended: false,
            timeout,
        }
    }

    /// Reads what arrives until `done` says the unread output holds what is awaited, or the
    /// output ends; false if it ended first. Panics after the timeout.
    fn read_until(&mut self, what: &str, done: impl Fn(&[u8]) -> bool) -> bool {
        let deadline = Instant::now() + self.timeout;
        while !done(&self.unread) {
            if self.ended {
                return false;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.screen.recv_timeout(left) {
                Ok(chunk) => self.unread.extend(chunk),
                Err(RecvTimeoutError::Disconnected) => self.ended = true,
                Err(RecvTimeoutError::Timeout) => panic!(
                    "waiting {:?} for {what}; the output since the last match:\n{}",
                    self.timeout,
                    String::from_utf8_lossy(&self.unread)
                ),
            }
        }
        true
    }

    /// Consumes the unread output up to `end` and returns it as text.
    fn take(&mut self, end: usize) -> String {
        let taken: Vec<u8> = self.unread.drain(..end).collect();
        String::from_utf8_lossy(&taken).into_owned()
    }

    /// Waits for `text`; returns what came before it, and consumes both.
    pub fn expect(&mut self, text: &str) -> String {
        let needle = text.as_bytes();
        let found = self.read_until(&format!("{text:?}"), |unread| {
            find(unread, needle).is_some()
        });
        assert!(
            found,
            "the output ended before {text:?}; the output since the last match:\n{}",
            String::from_utf8_lossy(&self.unread)
        );
        let at = find(&self.unread, needle).unwrap();
        let before = self.take(at);
        self.unread.drain(..needle.len());
        before
    }

    /// Waits for the first line (or the end of output, if that comes first) and returns it.
    pub fn first_line(&mut self) -> String {
        self.read_until("a line", |unread| unread.contains(&b'\n'));
        let end = self
            .unread
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.unread.len(), |at| at + 1);
        self.take(end)
    }

    /// Waits for the end of output and returns everything not read yet.
    pub fn rest(&mut self) -> String {
        self.read_until("the end of output", |_| false);
        let end = self.unread.len();
        self.take(end)
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.keyboard.write_all(keys.as_bytes()).unwrap();
        self.keyboard.flush().unwrap();
    }

    /// Types `line` and Enter.
    pub fn send_line(&mut self, line: &str) {
        self.send(&format!("{line}\n"));
    }

    /// Sends `signal` to the process and waits until it has ended.
    pub fn kill(&mut self, signal: Signal) -> WaitStatus {
        self.process.signal(signal).unwrap();
        self.process.wait().unwrap()
    }

    /// Waits for the end of output and of the process; how it ended.
    pub fn wait(&mut self) -> WaitStatus {
        self.rest();
        self.process.wait().unwrap()
    }

    /// Waits for the end of output and of the process; its exit code.
    pub fn exit_code(&mut self) -> i32 {
        match self.wait() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("not exited: {other:?}"),
        }
    }
}

/// Where `needle` starts in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}
