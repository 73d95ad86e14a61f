//! Exit codes and the one error type that carries a chosen exit code up to
//! `main`.
//!
//! Every module returns `anyhow::Error` with context at its I/O edges; where
//! the exit code matters (bad input is 2, a failed check is 1, …) the error
//! is a [`Failure`]. `main` is the only place that prints an error and exits.

use std::fmt;

/// The process exit codes promised in the contract; scripts branch on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done.
    Success = 0,
    /// Some letters were refused for good or their outcome is uncertain, or
    /// `check` failed.
    Failed = 1,
    /// Bad input, usage or configuration; nothing was sent.
    Usage = 2,
    /// Temporary failures are left: the same command again later finishes.
    TempFail = 75,
    /// Interrupted by Ctrl-C; what was sent is recorded.
    Interrupted = 130,
}

impl Exit {
    /// The numeric code handed to the operating system.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// An error with the exit code it must end the program with, and an
/// optional hint that tells the user what to do about it.
#[derive(Debug)]
pub struct Failure {
    /// The exit code `main` uses for this error.
    pub exit: Exit,
    /// What went wrong, lowercase, offending values in backticks.
    pub message: String,
    /// What to do about it, printed on its own line after the message.
    pub hint: Option<String>,
}

impl Failure {
    /// Bad input, usage or configuration: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Usage,
            message: message.into(),
            hint: None,
        }
    }

    /// Something asked for did not work out: exit 1.
    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Failed,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds the line that says what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Several problems found at once (a recipients file with three bad
/// addresses): shown one per line, so the user can fix them in one go.
#[derive(Debug)]
pub struct Problems(pub Vec<String>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [one] => f.write_str(one),
            many => {
                f.write_str(&crate::t!("problems-found", count = many.len()))?;
                for problem in many {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Problems {}

/// The exit code and text `main` prints for an error chain: the
/// [`Failure`]'s code where there is one, else 2 (bad input or setup).
pub fn report(err: &anyhow::Error) -> (Exit, String) {
    let failure = err.chain().find_map(|e| e.downcast_ref::<Failure>());
    let exit = failure.map_or(Exit::Usage, |f| f.exit);
    let mut text = visible(&format!(
        "{} {}",
        crate::t!("error-prefix"),
        chain_text(err)
    ));
    if let Some(hint) = failure.and_then(|f| f.hint.as_deref()) {
        text.push('\n');
        text.push_str(&crate::t!("hint-prefix"));
        text.push(' ');
        text.push_str(&visible(hint));
    }
    (exit, text)
}

/// The error and its causes joined by `: `, as anyhow's `{:#}` writes
/// them, with the operating system's errors in the interface's language.
fn chain_text(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| match e.downcast_ref::<std::io::Error>() {
            Some(io) => crate::i18n::io_error(io),
            None => e.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_match_the_contract() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::Failed.code(), 1);
        assert_eq!(Exit::Usage.code(), 2);
        assert_eq!(Exit::TempFail.code(), 75);
        assert_eq!(Exit::Interrupted.code(), 130);
    }

    #[test]
    fn report_uses_the_failure_code_and_hint_anywhere_in_the_chain() {
        let err = anyhow::Error::new(Failure::failed("server said no").hint("try later"))
            .context("checking `smtp.example.org`");
        let (exit, text) = report(&err);
        assert_eq!(exit, Exit::Failed);
        assert_eq!(
            text,
            "error: checking `smtp.example.org`: server said no\nhint: try later"
        );
    }

    #[test]
    fn plain_errors_are_bad_input() {
        let (exit, text) = report(&anyhow::anyhow!("no such file"));
        assert_eq!(exit, Exit::Usage);
        assert_eq!(text, "error: no such file");
    }

    #[test]
    fn problems_are_listed_one_per_line() {
        let p = Problems(vec!["a".into(), "b".into()]);
        assert_eq!(p.to_string(), "2 problems found:\n  - a\n  - b");
        assert_eq!(Problems(vec!["only".into()]).to_string(), "only");
    }
}

/// 1-based line and column of a byte offset, for messages that point into a
/// file the user edits by hand.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A TOML parse or schema error as `file:line:column: message`, the form
/// editors and people both understand.
pub fn toml_message(path: &str, source: &str, err: &toml::de::Error) -> String {
    match err.span() {
        Some(span) => {
            let (line, col) = line_col(source, span.start);
            format!("{path}:{line}:{col}: {}", err.message().trim_end())
        }
        None => format!("{path}: {}", err.message().trim_end()),
    }
}

/// `text` with every control character but line breaks and tabs written as
/// `\u{1b}`: values from files (a member's note, a title) must never reach
/// the terminal raw, where an escape sequence could take it over.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod location_tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_and_in_characters() {
        assert_eq!(line_col("ab\nüx", 0), (1, 1));
        assert_eq!(line_col("ab\nüx", 3), (2, 1));
        assert_eq!(line_col("ab\nüx", 5), (2, 2));
    }

    #[test]
    fn visible_escapes_controls_but_keeps_lines_tabs_and_umlauts() {
        assert_eq!(
            visible("Jürgen\u{1b}[31m\u{7}\u{9b}\n\tx"),
            "Jürgen\\u{1b}[31m\\u{7}\\u{9b}\n\tx"
        );
    }
}
