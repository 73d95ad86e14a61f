//! Usage errors (an unknown flag, a missing or invalid value) in German:
//! clap writes its errors in English only, so a German user's error is
//! formatted here from its kind and context, with the same exit code 2.
//! English errors stay clap's own ([`crate::cli_text::parse`] uses this
//! formatter only in German).

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};

/// clap's error formatter for German: the error line, the values or the
/// similar names that fit, a tip, the usage line and where to read more.
pub struct German;

impl ErrorFormatter for German {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let styles = clap::builder::Styles::default();
        let error_style = styles.get_error();
        let valid = styles.get_valid();
        let mut out = String::new();
        let _ = write!(
            out,
            "{error_style}{}{error_style:#} ",
            crate::t!("error-prefix")
        );
        out.push_str(&message(error));
        let mut tips = Vec::new();
        for (kind, what) in [
            (ContextKind::SuggestedSubcommand, "command"),
            (ContextKind::SuggestedArg, "argument"),
            (ContextKind::SuggestedValue, "value"),
        ] {
            if let Some(names) = strings(error.get(kind)) {
                let count = names.len();
                let names = quoted(&names);
                tips.push(match what {
                    "command" => {
                        crate::t!("cli-error-similar-command", count = count, names = names)
                    }
                    "argument" => {
                        crate::t!("cli-error-similar-argument", count = count, names = names)
                    }
                    _ => crate::t!("cli-error-similar-value", count = count, names = names),
                });
            }
        }
        if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
            tips.extend(suggestions.iter().map(|s| tip(&s.to_string())));
        }
        if !tips.is_empty() {
            out.push('\n');
        }
        for tip in tips {
            let _ = write!(
                out,
                "\n  {valid}{}{valid:#} {tip}",
                crate::t!("cli-error-tip")
            );
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            out.push_str("\n\n");
            out.push_str(&crate::cli_text::german_help(&usage.ansi().to_string()));
        }
        out.push_str("\n\n");
        out.push_str(&crate::t!("cli-error-more", flag = "--help"));
        out.push('\n');
        StyledStr::from(out)
    }
}

/// The error's first line, after `Fehler:`.
fn message(error: &clap::error::Error<German>) -> String {
    let arg = string(error.get(ContextKind::InvalidArg));
    let value = string(error.get(ContextKind::InvalidValue));
    match error.kind() {
        ErrorKind::UnknownArgument => match arg {
            Some(arg) => crate::t!("cli-error-unknown-argument", arg = arg),
            None => crate::t!("cli-error-usage"),
        },
        ErrorKind::InvalidSubcommand => match string(error.get(ContextKind::InvalidSubcommand)) {
            Some(command) => crate::t!("cli-error-unknown-command", command = command),
            None => crate::t!("cli-error-usage"),
        },
        ErrorKind::InvalidValue => match (arg, value) {
            (Some(arg), Some(value)) if value.is_empty() => {
                crate::t!("cli-error-value-missing", arg = arg)
                    + &values_list(error.get(ContextKind::ValidValue))
            }
            (Some(arg), Some(value)) => {
                crate::t!("cli-error-value-invalid", arg = arg, value = value)
                    + &values_list(error.get(ContextKind::ValidValue))
            }
            _ => crate::t!("cli-error-usage"),
        },
        ErrorKind::ValueValidation => match (arg, value) {
            (Some(arg), Some(value)) => {
                let reason = std::error::Error::source(error)
                    .map(validation_reason)
                    .unwrap_or_default();
                crate::t!(
                    "cli-error-value-rejected",
                    arg = arg,
                    value = value,
                    reason = reason
                )
            }
            _ => crate::t!("cli-error-usage"),
        },
        ErrorKind::MissingRequiredArgument => match strings(error.get(ContextKind::InvalidArg)) {
            Some(args) => {
                let mut text = crate::t!("cli-error-missing-arguments", count = args.len());
                for a in args {
                    text.push_str("\n  ");
                    text.push_str(&a);
                }
                text
            }
            None => crate::t!("cli-error-usage"),
        },
        ErrorKind::MissingSubcommand => match string(error.get(ContextKind::InvalidSubcommand)) {
            Some(command) => {
                let mut text = crate::t!("cli-error-command-missing", command = command);
                if let Some(names) = strings(error.get(ContextKind::ValidSubcommand)) {
                    text.push_str("\n  ");
                    text.push_str(&crate::t!("cli-error-commands", names = names.join(", ")));
                }
                text
            }
            None => crate::t!("cli-error-usage"),
        },
        ErrorKind::ArgumentConflict => conflict(error),
        ErrorKind::NoEquals => match arg {
            Some(arg) => crate::t!("cli-error-no-equals", arg = arg),
            None => crate::t!("cli-error-usage"),
        },
        ErrorKind::TooManyValues => match (arg, value) {
            (Some(arg), Some(value)) => {
                crate::t!("cli-error-too-many-values", arg = arg, value = value)
            }
            _ => crate::t!("cli-error-usage"),
        },
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => match arg {
            Some(arg) => crate::t!("cli-error-wrong-number-of-values", arg = arg),
            None => crate::t!("cli-error-usage"),
        },
        ErrorKind::InvalidUtf8 => crate::t!("cli-error-invalid-utf8"),
        _ => crate::t!("cli-error-usage"),
    }
}

/// `--note` with `--note-file`, or a flag given twice.
fn conflict(error: &clap::error::Error<German>) -> String {
    let prior = error.get(ContextKind::PriorArg);
    let Some(arg) = string(error.get(ContextKind::InvalidArg))
        .or_else(|| string(error.get(ContextKind::InvalidSubcommand)))
    else {
        return crate::t!("cli-error-usage");
    };
    match prior {
        Some(ContextValue::String(other)) if *other == arg => {
            crate::t!("cli-error-given-twice", arg = arg)
        }
        Some(ContextValue::String(other)) => {
            crate::t!("cli-error-conflict", arg = arg, other = other.as_str())
        }
        Some(ContextValue::Strings(others)) => {
            let mut text = crate::t!("cli-error-conflict-with-these", arg = arg);
            for other in others {
                text.push_str("\n  ");
                text.push_str(other);
            }
            text
        }
        _ => crate::t!("cli-error-conflict-with-others", arg = arg),
    }
}

/// Why a value was refused: our own parsers' reasons are already in the
/// interface language; clap's range check and Rust's number parsing are
/// said again in German.
fn validation_reason(source: &(dyn std::error::Error + 'static)) -> String {
    if source.downcast_ref::<std::num::ParseIntError>().is_some()
        || source.downcast_ref::<std::num::ParseFloatError>().is_some()
    {
        return crate::t!("cli-error-not-a-number");
    }
    let text = source.to_string();
    // i18n: not shown (clap's English, recognised to say it in German)
    if let Some((value, range)) = text.split_once(" is not in ") {
        return crate::t!("cli-error-out-of-range", value = value, range = range);
    }
    text
}

/// A tip clap suggests, recognised by its form, in German.
fn tip(english: &str) -> String {
    let quoted: Vec<&str> = english.split('\'').skip(1).step_by(2).collect();
    match quoted.as_slice() {
        // i18n: not shown (clap's English, recognised to say it in German)
        [arg, instead] if english.starts_with("to pass ") => {
            crate::t!("cli-error-tip-as-value", arg = *arg, instead = *instead)
        }
        [command, ..] if english.starts_with("subcommand ") => {
            crate::t!("cli-error-tip-remove-dashes", command = *command)
        }
        [usage] if english.ends_with(" exists") => {
            crate::t!("cli-error-tip-exists", usage = *usage)
        }
        _ => english.to_string(),
    }
}

/// `  [mögliche Werte: a, b]` on its own line, when clap knows them.
fn values_list(values: Option<&ContextValue>) -> String {
    match strings(values) {
        Some(values) if !values.is_empty() => format!(
            "\n  {}",
            crate::t!("cli-clap-possible-values", values = values.join(", "))
        ),
        _ => String::new(),
    }
}

fn string(value: Option<&ContextValue>) -> Option<String> {
    match value {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn strings(value: Option<&ContextValue>) -> Option<Vec<String>> {
    match value {
        Some(ContextValue::Strings(s)) => Some(s.clone()),
        Some(ContextValue::String(s)) => Some(vec![s.clone()]),
        _ => None,
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
