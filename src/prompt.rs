//! Every question `appeal` asks goes through here, behind the [`Prompt`]
//! trait, so that scripts never block and tests can answer.
//!
//! [`Terminal`] asks with dialoguer on stderr, and only when both stdin and
//! stderr are terminals; each question has a flag that makes it unnecessary.
//! Nothing here decides *what* to ask: callers do.

use std::io::IsTerminal;

use anyhow::Context;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Editor, Input, Password, Select};

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
    /// Opens `text` in the user's editor; None when they quit without saving.
    fn edit(&mut self, text: &str) -> anyhow::Result<Option<String>>;
}

/// Questions asked on the terminal with dialoguer.
pub struct Terminal {
    theme: ColorfulTheme,
    interactive: bool,
}

impl Terminal {
    /// A prompt that is interactive when stdin and stderr are terminals.
    pub fn new() -> Terminal {
        Terminal {
            theme: ColorfulTheme::default(),
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
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
        input
            .interact_text()
            .context("reading the answer from the terminal")
    }

    fn password(&mut self, question: &str) -> anyhow::Result<String> {
        Password::with_theme(&self.theme)
            .with_prompt(question)
            .allow_empty_password(false)
            .interact()
            .context("reading the password from the terminal")
    }

    fn confirm(&mut self, question: &str, default: bool) -> anyhow::Result<bool> {
        Confirm::with_theme(&self.theme)
            .with_prompt(question)
            .default(default)
            .interact()
            .context("reading the answer from the terminal")
    }

    fn select(
        &mut self,
        question: &str,
        items: &[String],
        default: usize,
    ) -> anyhow::Result<usize> {
        Select::with_theme(&self.theme)
            .with_prompt(question)
            .items(items)
            .default(default)
            .interact()
            .context("reading the choice from the terminal")
    }

    fn edit(&mut self, text: &str) -> anyhow::Result<Option<String>> {
        Editor::new()
            .extension(".txt")
            .edit(text)
            .context("running the editor (set $EDITOR or $VISUAL)")
    }
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
