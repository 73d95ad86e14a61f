//! `appeal man`: the manual page appeal(1), in roff, for `man` and for
//! packagers (the Debian package installs it, see `scripts/deb.sh`).
//!
//! Everything about commands and flags comes from the command-line
//! definition in `cli` through clap_mangen, so a flag added there appears
//! here by itself. One page holds every command (with its own options and
//! examples) so that `man appeal` answers a question without a second
//! page. What clap does not know, the exit status, the environment
//! variables and the files, is written once here, in [`exit_meaning`],
//! [`environment`] and [`files`].
//!
//! The page is in the interface's language: the command's texts come from
//! [`crate::cli_text`], the sections written here from the message files,
//! and in German the section titles clap_mangen writes (`NAME`, `SYNOPSIS`,
//! …) are replaced by German ones ([`german_titles`]).

use std::io::Write;

use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

use crate::error::Exit;
use crate::i18n::{lang, Lang};
use crate::password::PASSWORD_ENV;

/// The exit codes, in the order the README's table lists them; scripts
/// branch on them.
pub const EXIT_CODES: [Exit; 5] = [
    Exit::Success,
    Exit::Failed,
    Exit::Usage,
    Exit::TempFail,
    Exit::Interrupted,
];

/// What an exit code means, as the README's table says it (shorter).
pub fn exit_meaning(exit: Exit) -> String {
    match exit {
        Exit::Success => crate::t!("manual-exit-success"),
        Exit::Failed => crate::t!("manual-exit-failed"),
        Exit::Usage => crate::t!("manual-exit-usage"),
        Exit::TempFail => crate::t!("manual-exit-tempfail"),
        Exit::Interrupted => crate::t!("manual-exit-interrupted"),
    }
}

/// The environment variables appeal reads, and what for.
pub fn environment() -> Vec<(&'static str, String)> {
    vec![
        ("APPEAL_CONFIG", crate::t!("manual-env-config")),
        (PASSWORD_ENV, crate::t!("manual-env-password")),
        ("APPEAL_LANG", crate::t!("manual-env-lang")),
        ("XDG_CONFIG_HOME", crate::t!("manual-env-xdg-config")),
        ("XDG_STATE_HOME", crate::t!("manual-env-xdg-state")),
        ("HOME", crate::t!("manual-env-home")),
        ("VISUAL, EDITOR", crate::t!("manual-env-editor")),
    ]
}

/// The files appeal reads and writes by default, and what is in them.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        (
            "$XDG_CONFIG_HOME/appeal/config.toml",
            crate::t!("manual-file-config"),
        ),
        (
            "$XDG_STATE_HOME/appeal/journal/<campaign>.jsonl",
            crate::t!("manual-file-journal"),
        ),
    ]
}

/// The whole manual page appeal(1), as roff source.
pub fn page() -> Vec<u8> {
    let cmd = crate::cli_text::document_command(|cmd| cmd.disable_help_subcommand(true));
    let man = Man::new(cmd.clone()).manual(crate::t!("manual-title"));

    let mut page = Vec::new();
    page.extend_from_slice(PREAMBLE.as_bytes());
    page.extend(title(&cmd).into_bytes());
    for render in [
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        page.extend(rendered(|w| render(&man, w)));
    }
    page.extend(commands_section(&cmd));
    if let Some(examples) = cmd.get_after_help() {
        let mut roff = Roff::new();
        roff.control("SH", [crate::t!("manual-section-examples").as_str()]);
        let text = examples.to_string();
        // The first line is the heading `Examples:`; the section has its own.
        let body = match text.split_once('\n') {
            Some((heading, body)) if heading.ends_with(':') => body,
            _ => &text,
        };
        preformatted(&mut roff, body);
        page.extend(without_preamble(&roff.render()).into_bytes());
    }
    page.extend(closing_sections().into_bytes());
    page.extend(rendered(|w| man.render_version_section(w)));
    let page = String::from_utf8_lossy(&page).into_owned();
    let page = match lang() {
        Lang::De => german_titles(&page),
        Lang::En => page,
    };
    ascii_roff(&page).into_bytes()
}

/// The page with every character beyond ASCII written as groff's
/// `\[uXXXX]`: German umlauts and `ß` then show with `groff -Tutf8` and
/// any `man`, with or without `preconv`.
fn ascii_roff(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// A line of the page with the words clap_mangen adds to options in
/// German: `[default: …]`, `[possible values: …]`, `Possible values:`.
fn clap_mangen_words_in_german(line: &str) -> String {
    let default = crate::t!("cli-clap-default", value = "");
    let values = crate::t!("cli-clap-possible-values", values = "");
    line.replace("[default: ", default.trim_end_matches(']'))
        .replace("[possible values: ", values.trim_end_matches(']'))
        .replace(
            MANGEN_VALUES_HEADING,
            &crate::t!("cli-clap-possible-values-heading"),
        )
}

/// clap_mangen's heading of a value list, recognised to say it in German.
const MANGEN_VALUES_HEADING: &str = "Possible values:"; // i18n: not shown (replaced in German)

/// The page with clap_mangen's English section titles (`.SH NAME`, …) and
/// the headings of its lists (`Possible values:`) in German.
fn german_titles(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let title = line
            .strip_prefix(".SH ")
            .map(|t| t.trim_end().trim_matches('"'));
        let german = match title {
            Some("NAME") => Some(crate::t!("manual-section-name")),
            Some("SYNOPSIS") => Some(crate::t!("manual-section-synopsis")),
            Some("DESCRIPTION") => Some(crate::t!("manual-section-description")),
            Some("OPTIONS") => Some(crate::t!("manual-section-options")),
            Some("VERSION") => Some(crate::t!("manual-section-version")),
            _ => None,
        };
        match german {
            Some(german) => out.push_str(&format!(".SH \"{german}\"\n")),
            None => out.push_str(&clap_mangen_words_in_german(line)),
        }
    }
    out
}

/// The `.TH` line: name, section, an empty date, the source (name and
/// version) and the manual's title in the header. clap_mangen leaves the
/// date out without holding its place, so `man` took the version for the
/// date and the title for the source, and showed "General Commands Manual"
/// in the header.
fn title(cmd: &clap::Command) -> String {
    let name = cmd.get_name();
    let version = cmd.get_version().unwrap_or_default();
    // Written by hand: the roff crate drops the empty date's quotes.
    format!(
        ".TH {name} 1 \"\" \"{name} {version}\" \"{}\"\n",
        crate::t!("manual-title")
    )
}

/// `appeal man`: prints the page on stdout.
pub fn run() -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    out.write_all(&page())?;
    out.flush()?;
    Ok(Exit::Success)
}

/// The roff preamble clap_mangen's renderer starts every piece with (it
/// defines the apostrophe); the page carries it once.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// What one of clap_mangen's section renderers writes, without its
/// preamble.
fn rendered(render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Vec<u8> {
    let mut buf = Vec::new();
    render(&mut buf).expect("writing to memory cannot fail"); // i18n: not shown (cannot fail)
    without_preamble(&String::from_utf8_lossy(&buf)).into_bytes()
}

fn without_preamble(roff: &str) -> String {
    roff.strip_prefix(PREAMBLE).unwrap_or(roff).to_string()
}

/// COMMANDS: every command and subcommand (depth first, as `--help`
/// lists them) with its synopsis, description, own options and examples;
/// the global options are described once, above.
fn commands_section(top: &clap::Command) -> Vec<u8> {
    let mut roff = Roff::new();
    roff.control("SH", [crate::t!("manual-section-commands").as_str()]);
    let mut page = without_preamble(&roff.render()).into_bytes();
    add_entries(top, &mut page);
    page
}

/// The entries of `parent`'s subcommands, each followed by its own.
fn add_entries(parent: &clap::Command, page: &mut Vec<u8>) {
    for sub in parent.get_subcommands().filter(|s| !s.is_hide_set()) {
        page.extend(command_entry(sub));
        add_entries(sub, page);
    }
}

/// One command's part of COMMANDS: clap_mangen's sections for it, with
/// their `.SH` headings turned into one `.SS` heading.
fn command_entry(sub: &clap::Command) -> Vec<u8> {
    let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
    let own_options = own_options(sub.clone());
    let man = Man::new(own_options.clone());
    let mut parts = String::new();
    parts.push_str(&format!(".SS \"{name}\"\n"));
    let mut sections = vec![
        rendered(|w| man.render_synopsis_section(w)),
        rendered(|w| man.render_description_section(w)),
    ];
    if own_options.get_arguments().any(|a| !a.is_hide_set()) {
        sections.push(rendered(|w| man.render_options_section(w)));
    }
    for section in sections {
        parts.push_str(".PP\n");
        for line in String::from_utf8_lossy(&section).lines() {
            if !line.starts_with(".SH ") {
                parts.push_str(line);
                parts.push('\n');
            }
        }
    }
    if let Some(examples) = sub.get_after_help() {
        let mut roff = Roff::new();
        preformatted(&mut roff, &examples.to_string());
        parts.push_str(&without_preamble(&roff.render()));
    }
    parts.into_bytes()
}

/// `sub` with the global options and `--help` hidden, so that only what
/// belongs to the command is listed under it.
fn own_options(mut sub: clap::Command) -> clap::Command {
    let shared: Vec<clap::Id> = sub
        .get_arguments()
        .filter(|a| a.is_global_set() || a.get_id() == "help")
        .map(|a| a.get_id().clone())
        .collect();
    for id in shared {
        sub = sub.mut_arg(id, |a| a.hide(true));
    }
    sub
}

/// Text shown as written (examples keep their indentation and lines).
fn preformatted(roff: &mut Roff, text: &str) {
    roff.control("PP", []);
    roff.control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}

/// EXIT STATUS, ENVIRONMENT and FILES, from the tables above.
fn closing_sections() -> String {
    let mut roff = Roff::new();
    roff.control("SH", [crate::t!("manual-section-exit-status").as_str()]);
    for exit in EXIT_CODES {
        roff.control("TP", []);
        roff.text([bold(exit.code().to_string())]);
        roff.text([roman(exit_meaning(exit))]);
    }
    roff.control("SH", [crate::t!("manual-section-environment").as_str()]);
    for (name, meaning) in environment() {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(meaning)]);
    }
    roff.control("SH", [crate::t!("manual-section-files").as_str()]);
    for (path, meaning) in files() {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(meaning)]);
    }
    without_preamble(&roff.render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exit_code_is_described_once() {
        let codes: Vec<u8> = EXIT_CODES.iter().map(|e| e.code()).collect();
        assert_eq!(codes, [0, 1, 2, 75, 130]);
    }

    #[test]
    fn characters_beyond_ascii_become_groff_escapes() {
        assert_eq!(
            ascii_roff("Grüße – ok"),
            "Gr\\[u00FC]\\[u00DF]e \\[u2013] ok"
        );
    }

    #[test]
    fn the_page_has_one_preamble_and_starts_with_it() {
        let page = String::from_utf8(page()).unwrap();
        assert!(page.starts_with(PREAMBLE), "{page}");
        assert_eq!(page.matches(".ds Aq").count(), 2, "{page}");
        assert!(page.contains("\n.TH appeal 1 "), "{page}");
    }
}
