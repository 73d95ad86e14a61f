//! Where a sending run speaks: per-letter lines and notices on stderr
//! (not with -q), JSON events on stdout (with --json), the progress bar on
//! a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Where messages for people and scripts go.
pub(super) struct Output {
    pub(super) json: bool,
    pub(super) quiet: bool,
    terminal: bool,
}

impl Output {
    pub(super) fn new(json: bool, quiet: bool) -> Output {
        Output {
            json,
            quiet,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// A per-letter or informational line (stderr; not with -q).
    pub(super) fn line(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// The final summary: always shown.
    pub(super) fn summary(&self, text: &str) {
        eprintln!("{text}");
    }

    /// One JSON event on stdout, with --json.
    pub(super) fn event(&self, value: impl FnOnce() -> serde_json::Value) {
        if self.json {
            let value = value();
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = serde_json::to_writer(&mut out, &value);
            let _ = out.write_all(b"\n");
            let _ = out.flush();
        }
    }

    /// Whether a progress bar is drawn: on a terminal, unless -q.
    pub(super) fn shows_progress(&self) -> bool {
        self.terminal && !self.quiet
    }

    pub(super) fn progress_bar(&self, total: usize) -> ProgressBar {
        if !self.shows_progress() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(total as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} letters  {per_sec}  eta {eta}  {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    }
}
