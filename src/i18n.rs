//! The interface's language: every text a person reads comes from the
//! Fluent message files under `i18n/<lang>/*.ftl`, compiled into the binary,
//! so a German activist reads German and everyone else English.
//!
//! The language is chosen once per process ([`lang`]): `APPEAL_LANG=de|en`
//! if set, else the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set
//! and not empty; German when that starts with `de`, English otherwise.
//! What scripts read (`--json`, `status --format json`, the journal, exit
//! codes, flag and command names, config keys) never goes through here.
//!
//! Code asks for a text by its key with [`t!`](crate::t):
//!
//! ```ignore
//! let text = t!("send-summary", letters = 3, recipient = name.as_str());
//! ```
//!
//! Rules that keep the two languages in step (tests/i18n.rs checks them):
//! - keys are string literals at the call (the check finds every key used);
//!   clap's help texts use keys derived from the command tree, see `cli`;
//! - both languages have exactly the same keys;
//! - counts are passed as numbers (Fluent picks the plural and German groups
//!   the digits: `1.234 Briefe`); identifiers that only look like numbers
//!   (ports, years, line numbers, SMTP codes) are passed as strings;
//! - values from files or servers are passed as arguments, never pasted into
//!   a key, and the caller keeps escaping them with `error::visible` where it
//!   did before.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./i18n",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would end up in
        // terminals, files and the tests' expected texts.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            let german = bundle.locales.first().is_some_and(|l| l.language.as_str() == "de");
            if german {
                bundle.set_formatter(Some(german_number));
            }
        },
    };
}

/// The two languages of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English, the default and the fallback for a missing text.
    En,
    /// German, for `de` locales and `APPEAL_LANG=de`.
    De,
}

impl Lang {
    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => "en".parse().expect("en is a language id"), // i18n: not shown (cannot fail)
            Lang::De => "de".parse().expect("de is a language id"), // i18n: not shown (cannot fail)
        }
    }
}

/// The interface language of this process, read from the environment once.
pub fn lang() -> Lang {
    // Unit tests expect English texts whatever the developer's locale; they
    // ask for German explicitly with `message_in`.
    if cfg!(test) {
        return Lang::En;
    }
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| from_env(|name| std::env::var(name).ok()))
}

/// The language the environment asks for: `APPEAL_LANG` first, then the
/// POSIX order `LC_ALL`, `LC_MESSAGES`, `LANG` (the first set and not empty).
pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(choice) = var("APPEAL_LANG").filter(|v| !v.is_empty()) {
        match choice.to_ascii_lowercase().as_str() {
            "de" => return Lang::De,
            "en" => return Lang::En,
            _ => {} // anything else: the locale decides
        }
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()));
    match locale {
        Some(locale) if locale.starts_with("de") => Lang::De,
        _ => Lang::En,
    }
}

/// The text for `key` in the interface language, with `args` filled in.
/// A key missing from the German file falls back to English; a key missing
/// from both is a bug that tests/i18n.rs catches, shown as the key itself.
pub fn message(key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    message_in(lang(), key, args)
}

/// [`message`] in a given language: for tests and for texts that must be
/// in a language other than the interface's.
pub fn message_in(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    let id = lang.id();
    let text = if args.is_empty() {
        LOCALES.try_lookup(&id, key)
    } else {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES.try_lookup_with_args(&id, key, &map)
    };
    text.unwrap_or_else(|| key.to_string())
}

/// Whether a text exists for `key` (clap's help keys are looked up by name
/// and fall back to the built-in text when there is none).
pub fn has(key: &str) -> bool {
    LOCALES.try_lookup(&Lang::En.id(), key).is_some()
}

/// Looks up a text by key with named arguments, in the interface language:
/// `t!("key")`, `t!("key", count = n, path = path.display().to_string())`.
/// Argument values are anything Fluent takes: strings and numbers.
#[macro_export]
macro_rules! t {
    ($key:literal $(,)?) => {
        $crate::i18n::message($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message(
            $key,
            &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),+],
        )
    };
}

/// An operating-system error as the interface's language says it: the
/// system's own English text in English (as always), and for the kinds a
/// person meets with files (missing, no permission, full disk …) a German
/// text with the system's error number, so a German user does not read
/// "No such file or directory".
pub fn io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if lang() == Lang::En {
        return error.to_string();
    }
    let text = match error.kind() {
        ErrorKind::NotFound => crate::t!("io-not-found"),
        ErrorKind::PermissionDenied => crate::t!("io-permission-denied"),
        ErrorKind::AlreadyExists => crate::t!("io-already-exists"),
        ErrorKind::IsADirectory => crate::t!("io-is-a-directory"),
        ErrorKind::NotADirectory => crate::t!("io-not-a-directory"),
        ErrorKind::ReadOnlyFilesystem => crate::t!("io-read-only"),
        ErrorKind::StorageFull => crate::t!("io-storage-full"),
        ErrorKind::FileTooLarge => crate::t!("io-file-too-large"),
        _ => return error.to_string(),
    };
    match error.raw_os_error() {
        Some(code) => crate::t!("io-with-code", text = text, code = code.to_string()),
        None => text,
    }
}

/// The text of an error value passed into a message: an operating-system
/// error through [`io_error`], anything else as it writes itself.
pub fn error_text<E: std::fmt::Display + 'static>(error: &E) -> String {
    let any = error as &dyn std::any::Any;
    match any.downcast_ref::<std::io::Error>() {
        Some(io) => io_error(io),
        None => error.to_string(),
    }
}

/// A date the way the interface's language writes it in prose: German
/// `27. November 2026`, English as the interface always wrote it
/// (`2026-11-27`).
pub fn long_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang() {
        Lang::De => format!(
            "{}. {} {}",
            date.day(),
            GERMAN_MONTHS[date.month0() as usize],
            date.year()
        ),
        Lang::En => date.to_string(),
    }
}

const GERMAN_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// Fluent's number formatter for German: digits grouped by `.` from four
/// digits on (`1.234 Briefe`), `,` before decimals (`1,5`). English keeps
/// Fluent's own formatting, which is what the interface always printed.
fn german_number<M>(value: &FluentValue<'_>, _memoizer: &M) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let plain = number.as_string();
    let (integer, fraction) = match plain.split_once('.') {
        Some((integer, fraction)) => (integer.to_string(), Some(fraction.to_string())),
        None => (plain.to_string(), None),
    };
    let (sign, digits) = match integer.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", integer.as_str()),
    };
    let grouped = if number.options.use_grouping && digits.len() >= 4 {
        group_thousands(digits, '.')
    } else {
        digits.to_string()
    };
    Some(match fraction {
        Some(fraction) => format!("{sign}{grouped},{fraction}"),
        None => format!("{sign}{grouped}"),
    })
}

fn group_thousands(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn the_locale_picks_the_language_in_posix_order() {
        assert_eq!(from_env(env(&[])), Lang::En);
        assert_eq!(from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::De);
        assert_eq!(from_env(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(
            from_env(env(&[
                ("LANG", "de_DE.UTF-8"),
                ("LC_MESSAGES", "en_GB.UTF-8")
            ])),
            Lang::En
        );
        assert_eq!(
            from_env(env(&[("LC_MESSAGES", "en_GB"), ("LC_ALL", "de_AT.UTF-8")])),
            Lang::De
        );
        // An empty variable is not set.
        assert_eq!(
            from_env(env(&[("LC_ALL", ""), ("LANG", "de_CH.UTF-8")])),
            Lang::De
        );
    }

    #[test]
    fn appeal_lang_overrides_the_locale() {
        assert_eq!(
            from_env(env(&[("APPEAL_LANG", "en"), ("LANG", "de_DE.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            from_env(env(&[("APPEAL_LANG", "DE"), ("LANG", "C")])),
            Lang::De
        );
        assert_eq!(
            from_env(env(&[("APPEAL_LANG", "fr"), ("LANG", "de_DE.UTF-8")])),
            Lang::De
        );
    }

    #[test]
    fn german_counts_are_grouped_and_pluralised() {
        let text = |n: u64| {
            message_in(
                Lang::De,
                "i18n-selftest-letters",
                &[("count", FluentValue::from(n))],
            )
        };
        assert_eq!(text(1), "1 Brief");
        assert_eq!(text(2), "2 Briefe");
        assert_eq!(text(1234), "1.234 Briefe");
        assert_eq!(text(1234567), "1.234.567 Briefe");
        let english = message_in(
            Lang::En,
            "i18n-selftest-letters",
            &[("count", FluentValue::from(1234))],
        );
        assert_eq!(english, "1234 letters");
    }

    #[test]
    fn german_decimals_use_a_comma() {
        let text = message_in(
            Lang::De,
            "i18n-selftest-number",
            &[("value", FluentValue::from(1.5))],
        );
        assert_eq!(text, "1,5");
    }

    #[test]
    fn a_missing_key_shows_itself() {
        assert_eq!(message_in(Lang::De, "no-such-key", &[]), "no-such-key");
    }
}
