//! Every question `appeal` asks goes through here, behind the [`Prompt`]
//! trait, so that scripts never block and tests can answer.
//!
//! [`Terminal`] asks with dialoguer on stderr, and only when both stdin and
//! stderr are terminals; each question has a flag that makes it unnecessary.
//! Nothing here decides *what* to ask: callers do. Every answer, y/n
//! included, ends with Enter, so a key meant for one question never answers
//! the next; Ctrl-C at a question restores the terminal and exits 130
//! (see [`crate::interrupt`]).
//!
//! Yes/no questions in English are dialoguer's (`(y/n)`, the keys `y` and
//! `n`). In German they show `[j/N]` (the capital letter is what Enter
//! answers) and take `j`, `ja`, `n` and `nein`, and also `y`, `yes` and
//! `no` for people used to English tools: dialoguer's confirm knows only
//! `y` and `n`, so German questions are read as a line ([`yes_or_no`]).

use std::io::IsTerminal;

use anyhow::Context;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Password, Select};

use crate::error::Failure;

/// The questions a command may ask a person.
pub trait Prompt {
    /// Whether a person can answer (a terminal is attached).
    fn interactive(&self) -> bool;
    /// A line of text; `default` is shown and taken on Enter. With
    /// `allow_empty`, an empty answer is returned as "".
    fn input(
        &mut self,
        question: &str,
        default: Option<&str>,
        allow_empty: bool,
    ) -> anyhow::Result<String>;
    /// A secret: not echoed.
    fn password(&mut self, question: &str) -> anyhow::Result<String>;
    /// Yes or no.
    fn confirm(&mut self, question: &str, default: bool) -> anyhow::Result<bool>;
    /// One of `items`, by index.
    fn select(&mut self, question: &str, items: &[String], default: usize)
        -> anyhow::Result<usize>;
    /// Opens `text` in the user's editor; None when they quit without
    /// saving. An editor that fails (`:cq` in vim) is an error: the user
    /// gave up, so nothing may be sent.
    fn edit(&mut self, text: &str) -> anyhow::Result<Option<String>>;
    /// Several of `items` (a checklist, all ticked at first), by index.
    /// Without a terminal there is nobody to ask: everything stays chosen.
    fn choose(&mut self, _question: &str, items: &[String]) -> anyhow::Result<Vec<usize>> {
        Ok((0..items.len()).collect())
    }
}

/// Questions asked on the terminal with dialoguer.
pub struct Terminal {
    theme: ColorfulTheme,
    interactive: bool,
}

impl Terminal {
    /// A prompt that is interactive when stdin and stderr are terminals.
    pub fn new() -> Terminal {
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if interactive {
            crate::interrupt::watch_questions();
        }
        Terminal {
            theme: ColorfulTheme::default(),
            interactive,
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

impl Prompt for Terminal {
    fn interactive(&self) -> bool {
        self.interactive
    }

    fn input(
        &mut self,
        question: &str,
        default: Option<&str>,
        allow_empty: bool,
    ) -> anyhow::Result<String> {
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(question)
            .allow_empty(allow_empty);
        if let Some(default) = default {
            input = input.default(default.to_string());
        }
        answered(input.interact_text(), crate::t!("prompt-reading-answer"))
    }

    fn password(&mut self, question: &str) -> anyhow::Result<String> {
        answered(
            Password::with_theme(&self.theme)
                .with_prompt(question)
                .allow_empty_password(false)
                .interact(),
            crate::t!("prompt-reading-password"),
        )
    }

    fn confirm(&mut self, question: &str, default: bool) -> anyhow::Result<bool> {
        if crate::i18n::lang() == crate::i18n::Lang::De {
            return self.confirm_in_german(question, default);
        }
        answered(
            Confirm::with_theme(&self.theme)
                .with_prompt(question)
                .default(default)
                .wait_for_newline(true)
                .interact(),
            crate::t!("prompt-reading-answer"),
        )
    }

    fn select(
        &mut self,
        question: &str,
        items: &[String],
        default: usize,
    ) -> anyhow::Result<usize> {
        answered(
            Select::with_theme(&self.theme)
                .with_prompt(question)
                .items(items)
                .default(default)
                .interact(),
            crate::t!("prompt-reading-choice"),
        )
    }

    fn edit(&mut self, text: &str) -> anyhow::Result<Option<String>> {
        edit_in_editor(text)
    }

    fn choose(&mut self, question: &str, items: &[String]) -> anyhow::Result<Vec<usize>> {
        let ticked = vec![true; items.len()];
        MultiSelect::with_theme(&self.theme)
            .with_prompt(question)
            .items(items)
            .defaults(&ticked)
            .interact()
            .context(crate::t!("prompt-reading-choice"))
    }
}

impl Terminal {
    /// A yes/no question in German, read as a line: `[j/N]`, answered with
    /// `j`/`ja`/`n`/`nein` (or `y`/`yes`/`no`); Enter takes the default.
    fn confirm_in_german(&mut self, question: &str, default: bool) -> anyhow::Result<bool> {
        let hint = if default {
            crate::t!("prompt-yes-no-default-yes")
        } else {
            crate::t!("prompt-yes-no-default-no")
        };
        let answer = answered(
            Input::<String>::with_theme(&self.theme)
                .with_prompt(format!("{question} {hint}"))
                .allow_empty(true)
                .validate_with(|answer: &String| match yes_or_no(answer) {
                    Some(_) => Ok(()),
                    None => Err(crate::t!("prompt-yes-or-no")),
                })
                .interact_text(),
            crate::t!("prompt-reading-answer"),
        )?;
        Ok(yes_or_no(&answer).flatten().unwrap_or(default))
    }
}

/// A typed yes/no answer: `Some(Some(true))` for yes (`j`, `ja`, `y`,
/// `yes`), `Some(Some(false))` for no (`n`, `nein`, `no`), `Some(None)`
/// for nothing (Enter: the default), `None` for anything else.
pub fn yes_or_no(answer: &str) -> Option<Option<bool>> {
    match answer.trim().to_lowercase().as_str() {
        "" => Some(None),
        "j" | "ja" | "y" | "yes" => Some(Some(true)),
        "n" | "nein" | "no" => Some(Some(false)),
        _ => None,
    }
}

/// A question's answer; Ctrl-C (a key in raw mode, which dialoguer
/// reports as an interrupted read) ends the program with exit 130.
fn answered<T>(result: dialoguer::Result<T>, reading: String) -> anyhow::Result<T> {
    match result {
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            crate::interrupt::stop_at_question()
        }
        other => other.context(reading),
    }
}

/// The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`, split as a
/// shell would (`code --wait`).
fn editor_command() -> anyhow::Result<(String, Vec<String>)> {
    let configured = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let mut words = shell_words::split(&configured)
        .ok()
        .filter(|w| !w.is_empty())
        .ok_or_else(|| {
            Failure::usage(crate::t!(
                "prompt-editor-unreadable",
                command = configured.as_str()
            ))
            .hint(editor_hint(&configured))
        })?;
    let program = words.remove(0);
    Ok((program, words))
}

/// What to do about an editor that cannot be used: another one, never the
/// one that just failed.
fn editor_hint(failed: &str) -> String {
    let name = std::path::Path::new(failed.trim())
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let other = if name == "nano" { "vi" } else { "nano" };
    crate::t!("prompt-editor-hint", other = other)
}

/// Why the editor did not start, in the interface's language for the two
/// usual reasons (a wrong path, a file that is not executable).
fn start_failure(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => crate::t!("prompt-editor-not-found"),
        std::io::ErrorKind::PermissionDenied => crate::t!("prompt-editor-not-allowed"),
        _ => err.to_string(),
    }
}

/// Writes `text` to a private temporary file, opens it in the user's
/// editor and reads it back. dialoguer's editor ignores the editor's exit
/// status, so a deliberate abort would have sent the letter anyway.
fn edit_in_editor(text: &str) -> anyhow::Result<Option<String>> {
    let (program, args) = editor_command()?;
    let file = tempfile::Builder::new()
        .prefix("appeal-")
        .suffix(".txt")
        .tempfile()
        .with_context(|| crate::t!("prompt-editor-temp-create"))?;
    std::fs::write(file.path(), text).with_context(|| crate::t!("prompt-editor-temp-write"))?;
    let status = crate::interrupt::while_editing(|| {
        std::process::Command::new(&program)
            .args(&args)
            .arg(file.path())
            .status()
    })
    .map_err(|e| {
        Failure::usage(crate::t!(
            "prompt-editor-cannot-start",
            program = program.as_str(),
            reason = start_failure(&e)
        ))
        .hint(editor_hint(&program))
    })?;
    if !status.success() {
        let message = match status.code() {
            Some(code) => crate::t!(
                "prompt-editor-gave-up",
                program = program.as_str(),
                code = code.to_string()
            ),
            // Ended by a signal: the system's words for it.
            None => crate::t!(
                "prompt-editor-stopped",
                program = program.as_str(),
                status = status.to_string()
            ),
        };
        return Err(Failure::usage(message)
            .hint(crate::t!("prompt-editor-gave-up-hint"))
            .into());
    }
    let edited = std::fs::read_to_string(file.path())
        .with_context(|| crate::t!("prompt-editor-read-back"))?;
    // Unchanged (quit without saving): compared by content, since a quick
    // editor can save within the file system's timestamp resolution.
    Ok((edited != text).then_some(edited))
}

/// Answers given in advance, in order: for tests of the logic that asks.
#[cfg(test)]
pub struct Scripted {
    /// The answers, consumed front to back; a question with none left fails.
    pub answers: std::collections::VecDeque<String>,
    /// Every question asked, for assertions.
    pub asked: Vec<String>,
}

#[cfg(test)]
impl Scripted {
    /// A prompt that answers with `answers` in order.
    pub fn new(answers: &[&str]) -> Scripted {
        Scripted {
            answers: answers.iter().map(|a| a.to_string()).collect(),
            asked: Vec::new(),
        }
    }

    fn next(&mut self, question: &str) -> anyhow::Result<String> {
        self.asked.push(question.to_string());
        self.answers
            .pop_front()
            .ok_or_else(|| anyhow::anyhow!("no scripted answer for `{question}`"))
    }
}

#[cfg(test)]
impl Prompt for Scripted {
    fn interactive(&self) -> bool {
        true
    }
    fn input(&mut self, q: &str, default: Option<&str>, _: bool) -> anyhow::Result<String> {
        let a = self.next(q)?;
        Ok(if a.is_empty() {
            default.unwrap_or("").to_string()
        } else {
            a
        })
    }
    fn password(&mut self, q: &str) -> anyhow::Result<String> {
        self.next(q)
    }
    fn confirm(&mut self, q: &str, default: bool) -> anyhow::Result<bool> {
        let a = self.next(q)?;
        Ok(match a.as_str() {
            "" => default,
            a => a.starts_with('y'),
        })
    }
    fn select(&mut self, q: &str, items: &[String], default: usize) -> anyhow::Result<usize> {
        let a = self.next(q)?;
        if a.is_empty() {
            return Ok(default);
        }
        items
            .iter()
            .position(|i| i.starts_with(&a))
            .ok_or_else(|| anyhow::anyhow!("no item `{a}` in {items:?}"))
    }
    fn edit(&mut self, _text: &str) -> anyhow::Result<Option<String>> {
        let a = self.next("editor")?;
        Ok(if a.is_empty() { None } else { Some(a) })
    }
}

#[cfg(test)]
mod yes_or_no_tests {
    use super::yes_or_no;

    #[test]
    fn german_and_english_answers_are_understood() {
        for yes in ["j", "J", "ja", "Ja", " ja ", "y", "yes", "YES"] {
            assert_eq!(yes_or_no(yes), Some(Some(true)), "{yes}");
        }
        for no in ["n", "N", "nein", "Nein", "no"] {
            assert_eq!(yes_or_no(no), Some(Some(false)), "{no}");
        }
        assert_eq!(yes_or_no(""), Some(None));
        assert_eq!(yes_or_no("  "), Some(None));
        for other in ["vielleicht", "jein", "nee", "x"] {
            assert_eq!(yes_or_no(other), None, "{other}");
        }
    }
}
