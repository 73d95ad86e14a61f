//! Ctrl-C in one place. The operating system allows one handler per
//! process, and what a press means depends on what `appeal` is doing:
//! at a question (or between questions) it ends the program at once with
//! exit 130, after putting the terminal back as it was (cursor shown, echo
//! on), so nothing more is written; while letters are sent, `send` decides
//! (it stops after the letter in flight); while an editor runs, it is the
//! editor's.
//!
//! A question in raw mode sees Ctrl-C as a key, and the terminal library
//! then raises SIGINT itself: both the question and the handler end up in
//! [`stop_at_question`], which runs once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once, OnceLock};

use crate::error::{Exit, Failure};

/// What a press does while letters are sent; unset before.
static SENDING: OnceLock<fn()> = OnceLock::new();

/// An editor runs in the foreground: Ctrl-C is the editor's to handle
/// (vim uses it), so `appeal` must not end and leave it behind.
static EDITING: AtomicBool = AtomicBool::new(false);

/// The handler is registered once per process.
static INSTALLED: Once = Once::new();

/// Taken by whoever ends the program at a question, so it ends once.
static STOPPING: Mutex<()> = Mutex::new(());

/// The terminal's settings before the first question, to restore.
#[cfg(unix)]
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Called before questions are asked on a terminal: remembers the
/// terminal's settings and makes Ctrl-C restore them and exit 130.
pub fn watch_questions() {
    save_terminal();
    install();
}

/// Called when sending starts: from now on a press calls `on_press`.
pub fn while_sending(on_press: fn()) {
    let _ = SENDING.set(on_press);
    install();
}

/// Runs `editor` (which waits for the user's editor) with Ctrl-C left to
/// the editor, as git does: the terminal sends it to both.
pub fn while_editing<T>(editor: impl FnOnce() -> T) -> T {
    EDITING.store(true, Ordering::SeqCst);
    let result = editor();
    EDITING.store(false, Ordering::SeqCst);
    result
}

fn install() {
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| match SENDING.get() {
            Some(on_press) => on_press(),
            None if EDITING.load(Ordering::SeqCst) => {}
            None => stop_at_question(),
        });
    });
}

/// Ends the program after Ctrl-C at a question: shows the cursor, restores
/// the terminal's settings, says so and exits 130. Runs once, whoever calls
/// it first (the question that read the key or the signal handler).
pub fn stop_at_question() -> ! {
    let _once = STOPPING.lock().unwrap_or_else(|e| e.into_inner());
    restore_terminal();
    let (exit, text) = crate::error::report(&anyhow::Error::new(Failure {
        exit: Exit::Interrupted,
        message: crate::t!("interrupt-stopped"),
        hint: None,
    }));
    eprintln!("\n{text}");
    std::process::exit(i32::from(exit.code()));
}

/// Shows the cursor (dialoguer hides it during a question) and puts back
/// the settings saved before the first question (a password question turns
/// echo off).
fn restore_terminal() {
    let _ = console::Term::stderr().show_cursor();
    #[cfg(unix)]
    if let Some(saved) = *SAVED.lock().unwrap_or_else(|e| e.into_inner()) {
        // SAFETY: a plain call with a valid termios for stdin.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &saved);
        }
    }
}

#[cfg(unix)]
fn save_terminal() {
    let mut slot = SAVED.lock().unwrap_or_else(|e| e.into_inner());
    if slot.is_some() {
        return;
    }
    let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: tcgetattr fills the struct when it returns 0.
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, termios.as_mut_ptr()) } == 0 {
        *slot = Some(unsafe { termios.assume_init() });
    }
}

#[cfg(not(unix))]
fn save_terminal() {}
