//! The command line's texts in the interface language. clap has no
//! localisation of its own, so the command built from `cli`'s derive (whose
//! doc comments are the English texts and the fallback) is walked before
//! parsing, and every text a person reads is replaced by the message with
//! the key derived from where it sits in the command tree:
//!
//! | text                              | key                                   |
//! |-----------------------------------|---------------------------------------|
//! | `appeal`'s about / long about     | `cli-about`, `cli-about-long`         |
//! | a command's about / long about    | `cli-send-about`, `cli-send-about-long` |
//! | a command's examples (after help) | `cli-send-after-help`                 |
//! | an argument's help / long help    | `cli-send-arg-dry-run`, `…-long`      |
//! | an argument's value name (`FILE`) | `cli-send-arg-journal-value-name`     |
//! | a value's help (`--format text`)  | `cli-preview-arg-format-value-text`   |
//!
//! A nested command joins the names (`cli-recipients-fetch-arg-api-url`),
//! an argument's id is written with `-` for `_`, global options belong to
//! `appeal` itself (`cli-arg-campaign`). The texts of clap's own
//! (`Usage:`, `Options:`, `[default: …]`, `-h, --help`, the `help` command)
//! have fixed keys (`cli-clap-*`) and are applied in German only, where
//! clap cannot be told the words: English stays clap's, byte for byte.

use std::io::Write as _;

use clap::builder::StyledStr;
use clap::{Arg, Command, CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::i18n::{lang, Lang};

/// `appeal`'s command with every text in the interface language, built
/// (global options propagated, `--help` and the `help` command added):
/// what parsing, `appeal man` and `appeal completions` all use.
pub fn command() -> Command {
    command_for(|cmd| cmd)
}

/// [`command`] with a change made before it is built (`appeal man` leaves
/// out the `help` command).
pub fn command_for(adjust: impl FnOnce(Command) -> Command) -> Command {
    let mut cmd = adjust(with_texts(Cli::command(), &[], &lookup));
    cmd.build();
    if lang() == Lang::De {
        cmd = clap_words_in_german(cmd, true);
    }
    cmd
}

/// The command for `appeal completions` and `appeal man`: like
/// [`command`], but the values of `--format`, `--via` … carry their texts
/// in the interface's language (zsh, fish and the man page show them), and
/// no `[Standard: …]` is added to the flags' texts (the man page says it in
/// its own place). Never used for parsing: the values' parser is a plain
/// list. `adjust` changes the command before it is built.
pub fn document_command(adjust: impl FnOnce(Command) -> Command) -> Command {
    let mut cmd = adjust(with_value_texts(
        with_texts(Cli::command(), &[], &lookup),
        &[],
    ));
    cmd.build();
    if lang() == Lang::De {
        cmd = clap_words_in_german(cmd, false);
    }
    cmd
}

/// The message for a derived key, when the message files have one.
fn lookup(key: &str) -> Option<String> {
    crate::i18n::has(key).then(|| crate::i18n::message(key, &[]))
}

/// `cmd` with each argument's values given their texts from the message
/// files, through a plain list of values in place of the typed parser.
fn with_value_texts(mut cmd: Command, path: &[String]) -> Command {
    let p = prefix(path);
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |arg| {
            let a = arg_prefix(&p, &arg);
            let values: Vec<clap::builder::PossibleValue> = arg.get_possible_values();
            if values.iter().all(|v| v.get_help().is_none()) {
                return arg;
            }
            let values: Vec<clap::builder::PossibleValue> = values
                .into_iter()
                .map(|v| match lookup(&format!("{a}-value-{}", v.get_name())) {
                    Some(text) => v.help(text),
                    None => v,
                })
                .collect();
            arg.value_parser(clap::builder::PossibleValuesParser::new(values))
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(name, |sub| with_value_texts(sub, &sub_path));
    }
    cmd
}

/// The command line of this process, parsed; a usage error, `--help` and
/// `--version` end the program here as clap would (exit 2, 0, 0), in the
/// interface language.
pub fn parse() -> Cli {
    let mut cmd = command();
    let parsed = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => cli,
        Err(err) => exit_with(err.with_cmd(&cmd)),
    }
}

/// Shows clap's error, help or version and exits with clap's code.
fn exit_with(err: clap::Error) -> ! {
    if lang() == Lang::En {
        err.exit();
    }
    match err.kind() {
        clap::error::ErrorKind::DisplayHelp
        | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = german_help(&err.render().ansi().to_string());
            if err.use_stderr() {
                let _ = write!(anstream::stderr(), "{text}");
            } else {
                let _ = write!(anstream::stdout(), "{text}");
            }
            std::process::exit(err.exit_code());
        }
        clap::error::ErrorKind::DisplayVersion => err.exit(),
        _ => err.apply::<crate::cli_errors::German>().exit(),
    }
}

/// Where a text goes in the command tree, and the key it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The message's key, e.g. `cli-send-arg-yes`.
    pub key: String,
    /// The text the derive gives it (the doc comment): the English one.
    pub builtin: String,
}

/// The key prefix of the command at `path` (`cli`, `cli-send`,
/// `cli-recipients-fetch`).
fn prefix(path: &[String]) -> String {
    let mut prefix = String::from("cli");
    for name in path {
        prefix.push('-');
        prefix.push_str(name);
    }
    prefix
}

fn arg_prefix(prefix: &str, arg: &Arg) -> String {
    format!("{prefix}-arg-{}", arg.get_id().as_str().replace('_', "-"))
}

/// Every text of `cmd`'s tree (not yet built) that has a key: what the
/// message files must hold, in both languages.
pub fn texts(cmd: &Command) -> Vec<Text> {
    let mut out = Vec::new();
    collect(cmd, &[], &mut out);
    out
}

fn collect(cmd: &Command, path: &[String], out: &mut Vec<Text>) {
    let p = prefix(path);
    let mut push = |key: String, text: Option<String>| {
        if let Some(builtin) = text {
            out.push(Text { key, builtin });
        }
    };
    push(format!("{p}-about"), cmd.get_about().map(|s| s.to_string()));
    push(
        format!("{p}-about-long"),
        cmd.get_long_about().map(|s| s.to_string()),
    );
    push(
        format!("{p}-after-help"),
        cmd.get_after_help().map(|s| s.to_string()),
    );
    for arg in cmd.get_arguments() {
        let a = arg_prefix(&p, arg);
        push(a.clone(), arg.get_help().map(|s| s.to_string()));
        push(
            format!("{a}-long"),
            arg.get_long_help().map(|s| s.to_string()),
        );
        if arg.get_action().takes_values() {
            push(
                format!("{a}-value-name"),
                arg.get_value_names().map(|names| names.join(" ")),
            );
        }
        for value in arg.get_possible_values() {
            push(
                format!("{a}-value-{}", value.get_name()),
                value.get_help().map(|s| s.to_string()),
            );
        }
    }
    for sub in cmd.get_subcommands() {
        let mut path = path.to_vec();
        path.push(sub.get_name().to_string());
        collect(sub, &path, out);
    }
}

/// `cmd` (at `path`) with every text that `lookup` has a message for
/// replaced by it; the others keep the derive's text.
fn with_texts(
    mut cmd: Command,
    path: &[String],
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Command {
    let p = prefix(path);
    if let Some(text) = lookup(&format!("{p}-about")) {
        cmd = cmd.about(text);
    }
    if let Some(text) = lookup(&format!("{p}-about-long")) {
        cmd = cmd.long_about(text);
    }
    if let Some(text) = lookup(&format!("{p}-after-help")) {
        cmd = cmd.after_help(text);
    }
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |arg| arg_with_texts(arg, &p, lookup));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(name, |sub| with_texts(sub, &sub_path, lookup));
    }
    cmd
}

fn arg_with_texts(mut arg: Arg, p: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Arg {
    let a = arg_prefix(p, &arg);
    if let Some(text) = lookup(&a) {
        arg = arg.help(text);
    }
    if let Some(text) = lookup(&format!("{a}-long")) {
        arg = arg.long_help(text);
    }
    if arg.get_action().takes_values() {
        if let Some(text) = lookup(&format!("{a}-value-name")) {
            arg = arg.value_name(text);
        }
    }
    if let Some(heading) = arg.get_help_heading() {
        if heading == GLOBAL_OPTIONS {
            arg = arg.help_heading(crate::t!("cli-clap-global-options"));
        }
    }
    // The values' own texts ("text: Readable: …") cannot be replaced in
    // clap's parser; in German they are written out by
    // `clap_words_in_german`.
    arg
}

/// The heading `cli` gives the global options.
const GLOBAL_OPTIONS: &str = "Global options"; // i18n: not shown (matched against cli.rs, replaced by cli-clap-global-options)

/// The built command with clap's own words in German: the `--help` and
/// `--version` flags, the `help` command, the `Commands:` heading, the
/// `<COMMAND>` placeholder, and (with `spec_values`) `[default: …]` and
/// `[possible values: …]` written by us (clap's are hidden).
fn clap_words_in_german(cmd: Command, spec_values: bool) -> Command {
    german_command(cmd, &[], spec_values)
}

fn german_command(mut cmd: Command, path: &[String], spec_values: bool) -> Command {
    let p = prefix(path);
    cmd = cmd
        .subcommand_help_heading(crate::t!("cli-clap-commands"))
        .subcommand_value_name(crate::t!("cli-clap-command-placeholder"));
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |arg| german_arg(arg, &p, spec_values));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if name == "help" {
            cmd = cmd.mut_subcommand("help", german_help_command);
            continue;
        }
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(name, |sub| german_command(sub, &sub_path, spec_values));
    }
    cmd
}

/// clap's `help` command: `appeal help send`.
fn german_help_command(mut help: Command) -> Command {
    help = help
        .about(crate::t!("cli-clap-help-command"))
        .subcommand_value_name(crate::t!("cli-clap-command-placeholder"))
        .subcommand_help_heading(crate::t!("cli-clap-commands"));
    let ids: Vec<clap::Id> = help.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        help = help.mut_arg(id, |arg| {
            if arg.get_action().takes_values() {
                arg.value_name(crate::t!("cli-clap-command-placeholder"))
            } else {
                arg
            }
        });
    }
    help
}

fn german_arg(mut arg: Arg, p: &str, spec_values: bool) -> Arg {
    match arg.get_id().as_str() {
        "help" if arg.get_long_help().is_some() => {
            return arg
                .help(crate::t!("cli-clap-help-flag-more"))
                .long_help(crate::t!("cli-clap-help-flag-summary"));
        }
        "help" => return arg.help(crate::t!("cli-clap-help-flag")),
        "version" => return arg.help(crate::t!("cli-clap-version-flag")),
        _ => {}
    }
    if !spec_values || !arg.get_action().takes_values() {
        return arg;
    }
    let mut short = Vec::new();
    let mut long = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let text = crate::t!("cli-clap-default", value = defaults.join(", "));
        short.push(text.clone());
        long.push(text);
        arg = arg.hide_default_value(true);
    }
    if let Some(name) = arg.get_env() {
        if !arg.is_hide_env_set() {
            let text = crate::t!("cli-clap-env", name = name.to_string_lossy().into_owned());
            short.push(text.clone());
            long.push(text);
            arg = arg.hide_env(true);
        }
    }
    let values: Vec<clap::builder::PossibleValue> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let mut value_list = None;
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        short.push(crate::t!(
            "cli-clap-possible-values",
            values = names.join(", ")
        ));
        if values.iter().any(|v| v.get_help().is_some()) {
            value_list = Some(possible_values_list(&arg_prefix(p, &arg), &values));
        } else {
            long.push(crate::t!(
                "cli-clap-possible-values",
                values = names.join(", ")
            ));
        }
        arg = arg.hide_possible_values(true);
    }
    if short.is_empty() && value_list.is_none() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let long_help = arg.get_long_help().map(|h| h.to_string());
    let with = |text: &str, extra: &[String]| {
        let mut out = text.to_string();
        for e in extra {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(e);
        }
        out
    };
    let short_text = with(&help, &short);
    let mut long_text = with(long_help.as_deref().unwrap_or(&help), &long);
    if let Some(list) = value_list {
        long_text.push_str("\n\n");
        long_text.push_str(&list);
        arg = arg.help(short_text).long_help(long_text);
    } else if long_help.is_some() {
        arg = arg.help(short_text).long_help(long_text);
    } else {
        arg = arg.help(short_text);
    }
    arg
}

/// The values of an argument with their texts, as clap lists them in long
/// help: `Mögliche Werte:` and one `- name: text` line each.
fn possible_values_list(a: &str, values: &[clap::builder::PossibleValue]) -> String {
    let width = values.iter().map(|v| v.get_name().len()).max().unwrap_or(0);
    let mut out = crate::t!("cli-clap-possible-values-heading");
    for value in values {
        let name = value.get_name();
        let key = format!("{a}-value-{name}");
        let text = if crate::i18n::has(&key) {
            crate::i18n::message(&key, &[])
        } else {
            value.get_help().map(|h| h.to_string()).unwrap_or_default()
        };
        out.push_str(&format!(
            "\n- {name}:{:pad$} {text}",
            "",
            pad = width - name.len()
        ));
    }
    out
}

/// clap's rendered help with the words clap writes itself in German: the
/// `Usage:` heading, the `Options:` and `Arguments:` headings and the
/// `[OPTIONS]` placeholder (styles, when present, are kept).
pub fn german_help(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let plain = strip_styles(line);
        let trimmed = plain.trim_end();
        let line = if trimmed.is_empty() {
            // Our own value lists leave clap's indentation on blank lines.
            line.trim_start_matches([' ', '\t']).to_string()
        } else if trimmed == "Options:" {
            line.replacen("Options:", &crate::t!("cli-clap-options"), 1)
        } else if trimmed == "Arguments:" {
            line.replacen("Arguments:", &crate::t!("cli-clap-arguments"), 1)
        } else if plain.starts_with("Usage:") {
            line.replacen("Usage:", &crate::t!("cli-clap-usage"), 1)
        } else {
            line.to_string()
        };
        out.push_str(&line.replace("[OPTIONS]", &crate::t!("cli-clap-options-placeholder")));
    }
    out
}

/// `text` without ANSI escape sequences, to compare what is shown.
fn strip_styles(text: &str) -> String {
    let styled = StyledStr::from(text.to_string());
    styled.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_command_tree() {
        let keys: Vec<String> = texts(&Cli::command()).into_iter().map(|t| t.key).collect();
        for key in [
            "cli-about",
            "cli-about-long",
            "cli-after-help",
            "cli-arg-campaign",
            "cli-arg-campaign-value-name",
            "cli-send-about",
            "cli-send-arg-yes",
            "cli-completions-about-long",
            "cli-send-arg-dry-run",
            "cli-recipients-fetch-arg-api-url",
            "cli-preview-arg-format-value-text",
        ] {
            assert!(keys.contains(&key.to_string()), "{key} in {keys:?}");
        }
    }

    #[test]
    fn german_help_names_clap_headings_in_german_and_keeps_styles() {
        let text = "\u{1b}[1m\u{1b}[4mUsage:\u{1b}[0m appeal send [OPTIONS]\n\nOptions:\n  -h\n";
        let german = crate::i18n::message_in(Lang::De, "cli-clap-usage", &[]);
        assert_eq!(german, "Aufruf:");
        // german_help uses the process language; this checks the line logic.
        assert_eq!(
            strip_styles(text).lines().next(),
            Some("Usage: appeal send [OPTIONS]")
        );
    }
}
