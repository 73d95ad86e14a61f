//! `appeal man`: the manual page appeal(1), in roff, for `man` and for
//! packagers (the Debian package installs it, see `scripts/deb.sh`).
//!
//! Everything about commands and flags comes from the command-line
//! definition in `cli` through clap_mangen, so a flag added there appears
//! here by itself. One page holds every command (with its own options and
//! examples) so that `man appeal` answers a question without a second
//! page. What clap does not know, the exit status, the environment
//! variables and the files, is written once here, in [`EXIT_STATUS`],
//! [`ENVIRONMENT`] and [`FILES`].

use std::io::Write;

use clap::CommandFactory;
use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

use crate::cli::Cli;
use crate::error::Exit;
use crate::password::PASSWORD_ENV;

/// The exit codes and what each means, as the README's table says it
/// (shorter); scripts branch on them.
pub const EXIT_STATUS: &[(Exit, &str)] = &[
    (Exit::Success, "Everything asked for was done."),
    (
        Exit::Failed,
        "Some letters were refused for good or their outcome is uncertain; or check, the \
         login or TLS failed; or the server settings do not fit the server (a host that does \
         not resolve, a port that refuses the first connection or does not speak SMTP, a \
         security mode that does not fit the port). Running again would not help: the hint \
         names the setting to fix.",
    ),
    (
        Exit::Usage,
        "Bad input, usage or configuration (including a password_command that fails or runs \
         past password_timeout); nothing was sent.",
    ),
    (
        Exit::TempFail,
        "Stopped with letters left to send: --max was reached, or temporary failures are left \
         (a 4xx reply, a connection lost, no answer within the timeout, another send holding \
         the journal). Run the same command again later.",
    ),
    (
        Exit::Interrupted,
        "Interrupted (Ctrl-C); what was sent is recorded in the journal.",
    ),
];

/// The environment variables appeal reads, and what for.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "APPEAL_CONFIG",
        "The configuration file to read when --config is not given.",
    ),
    (
        PASSWORD_ENV,
        "The mail account's password. It wins over password_command and the prompt; appeal \
         never prints or stores it.",
    ),
    (
        "XDG_CONFIG_HOME",
        "The folder the configuration is in (default: ~/.config). A relative path counts as \
         unset.",
    ),
    (
        "XDG_STATE_HOME",
        "The folder the send journals are in (default: ~/.local/state). A relative path \
         counts as unset.",
    ),
    (
        "HOME",
        "Where ~/.config and ~/.local/state are, when the XDG variables are not set.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor send --edit opens: $VISUAL, else $EDITOR, else vi.",
    ),
];

/// The files appeal reads and writes by default, and what is in them.
pub const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/appeal/config.toml",
        "The sender and the mail account (~/.config/appeal/config.toml by default), written \
         by appeal setup; $APPEAL_CONFIG or --config name another. A password key in it is \
         refused unless the file is private (mode 0600).",
    ),
    (
        "$XDG_STATE_HOME/appeal/journal/<campaign>.jsonl",
        "A campaign's send journal (~/.local/state/appeal/journal/ by default): every letter \
         sent, refused or uncertain, so that nothing goes out twice; appeal status summarises \
         it, --journal names another. Private to the user (mode 0600).",
    ),
];

/// The whole manual page appeal(1), as roff source.
pub fn page() -> Vec<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = Man::new(cmd.clone()).manual("User Commands");

    let mut page = Vec::new();
    page.extend_from_slice(PREAMBLE.as_bytes());
    for render in [
        Man::render_title,
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
        roff.control("SH", ["EXAMPLES"]);
        let text = examples.to_string();
        preformatted(&mut roff, text.strip_prefix("Examples:\n").unwrap_or(&text));
        page.extend(without_preamble(&roff.render()).into_bytes());
    }
    page.extend(closing_sections().into_bytes());
    page.extend(rendered(|w| man.render_version_section(w)));
    page
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
    render(&mut buf).expect("writing to memory cannot fail");
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
    roff.control("SH", ["COMMANDS"]);
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
    roff.control("SH", ["EXIT STATUS"]);
    for (exit, meaning) in EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(exit.code().to_string())]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["FILES"]);
    for (path, meaning) in FILES {
        roff.control("TP", []);
        roff.text([italic(*path)]);
        roff.text([roman(*meaning)]);
    }
    without_preamble(&roff.render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exit_code_is_described_once() {
        let codes: Vec<u8> = EXIT_STATUS.iter().map(|(e, _)| e.code()).collect();
        assert_eq!(codes, [0, 1, 2, 75, 130]);
    }

    #[test]
    fn the_page_has_one_preamble_and_starts_with_it() {
        let page = String::from_utf8(page()).unwrap();
        assert!(page.starts_with(PREAMBLE), "{page}");
        assert_eq!(page.matches(".ds Aq").count(), 2, "{page}");
        assert!(page.contains("\n.TH appeal 1 "), "{page}");
    }
}
