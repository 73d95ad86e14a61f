//! Where a sending run speaks: per-letter lines and notices on stderr
//! (not with -q), JSON events on stdout (with --json), the progress bar on
//! a terminal.

use std::io::IsTerminal;

use std::time::Duration;

use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::FluentValue;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use super::pace;

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

    /// The bar: letters done, letters per minute, and the time left
    /// counting the pace (`interval` between letters, if paced); hidden
    /// unless [`shows_progress`](Self::shows_progress).
    pub(super) fn progress_bar(&self, total: usize, interval: Option<Duration>) -> ProgressBar {
        if !self.shows_progress() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(total as u64);
        let style =
            ProgressStyle::with_template("{bar:30} {done}  {per_minute}  {time_left}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key(
                    "done",
                    |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let total = state.len().unwrap_or(0);
                        let _ = w.write_str(&crate::t!(
                            "send-progress-done",
                            done = state.pos(),
                            total = total
                        ));
                    },
                )
                .with_key(
                    "per_minute",
                    move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let rate = pace::per_minute(state.pos(), state.elapsed(), interval);
                        let _ =
                            w.write_str(&crate::t!("send-progress-rate", rate = one_decimal(rate)));
                    },
                )
                .with_key(
                    "time_left",
                    move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let total = state.len().unwrap_or(0);
                        let _ = match pace::eta(state.pos(), total, state.elapsed(), interval) {
                            Some(left) => w.write_str(&crate::t!(
                                "send-progress-left",
                                duration = pace::spoken(left)
                            )),
                            None => Ok(()),
                        };
                    },
                );
        bar.set_style(style);
        bar
    }
}

/// A number shown with one decimal (`6.0/min`; German `6,0/Min.`): the
/// message files format it, so the decimal mark follows the language.
fn one_decimal(value: f64) -> FluentValue<'static> {
    let options = FluentNumberOptions {
        minimum_fraction_digits: Some(1),
        ..Default::default()
    };
    FluentValue::Number(FluentNumber::new((value * 10.0).round() / 10.0, options))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{message_in, Lang};

    #[test]
    fn the_rate_has_one_decimal_with_the_languages_mark() {
        let rate =
            |lang, value| message_in(lang, "send-progress-rate", &[("rate", one_decimal(value))]);
        assert_eq!(rate(Lang::En, 5.96), "6.0/min");
        assert_eq!(rate(Lang::En, 12.34), "12.3/min");
        assert_eq!(rate(Lang::En, 0.0), "0.0/min");
        assert_eq!(rate(Lang::De, 5.96), "6,0/Min.");
        assert_eq!(rate(Lang::De, 12.34), "12,3/Min.");
    }
}
