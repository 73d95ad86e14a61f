//! An untrusted certificate at the end of `setup` (or in `check`): it is
//! shown, and the user may trust exactly it (`tls_fingerprint`) or name the
//! authority that signed it (`ca_file`); the file is written and checked
//! again.

use std::io::Write;
use std::path::Path;

use crate::config::{self, Config};
use crate::error::Exit;
use crate::prompt::Prompt;

/// `check` as `setup` runs it at the end: an untrusted certificate (Proton
/// Mail Bridge, a home server) can be trusted there and checked again, a
/// few rounds at most.
pub(super) fn check_offering_trust(
    path: &Path,
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    written: &mut Config,
    verbose: bool,
) -> anyhow::Result<Exit> {
    let mut rounds = 0;
    // The password typed for the first check serves the next ones.
    let mut password = None;
    loop {
        let loaded = config::load(Some(path))?;
        let err = match crate::check::run_offering_retries(&loaded, prompt, verbose, &mut password)
        {
            Err(e) if e.is::<crate::check::UntrustedInSetup>() => e,
            other => return other,
        };
        let untrusted = err
            .downcast::<crate::check::UntrustedInSetup>()
            .expect("checked above") // i18n: not shown (cannot fail)
            .0;
        rounds += 1;
        // A server whose certificate changes at every connection is not
        // asked about for ever.
        if rounds > 3 || !offer_trust(prompt, out, path, written, &untrusted)? {
            return Err(crate::check::untrusted_failure(&untrusted).into());
        }
    }
}

/// Shows the certificate the check did not trust and offers to trust
/// exactly it (writes `tls_fingerprint`) or to name the `ca_file` that
/// signed it. True when the configuration changed and is to be checked
/// again.
pub(crate) fn offer_trust(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    path: &Path,
    config: &mut Config,
    untrusted: &crate::transport::Untrusted,
) -> anyhow::Result<bool> {
    writeln!(out, "{untrusted}")?;
    let items = vec![
        crate::t!("setup-choice-trust-certificate"),
        crate::t!("setup-choice-ca-file"),
        crate::t!("setup-choice-stop"),
    ];
    let choice = prompt.select(&crate::t!("setup-ask-trust"), &items, 2)?;
    let Some(smtp) = config.smtp.as_mut() else {
        return Ok(false);
    };
    match choice {
        0 => {
            smtp.tls_fingerprint = crate::config::Pins::One(untrusted.fingerprint.to_string());
            write_smtp_line(path, config, &untrusted.config_line(), &["tls_fingerprint"])?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "setup-wrote-pin",
                    line = untrusted.config_line(),
                    path = path.display().to_string()
                )
            )?;
            Ok(true)
        }
        1 => {
            let file = loop {
                let answer = prompt.input(&crate::t!("setup-ask-ca-file"), None, false)?;
                let file = std::path::PathBuf::from(answer.trim());
                if file.is_file() {
                    // Stored absolute: later runs start in other folders.
                    break std::path::absolute(&file).unwrap_or(file);
                }
                writeln!(
                    out,
                    "{}",
                    crate::t!("setup-not-a-file", path = file.display().to_string())
                )?;
            };
            // i18n: not shown (a line of the configuration file)
            let line = format!(
                "ca_file = {}",
                toml::Value::from(file.display().to_string())
            );
            smtp.ca_file = Some(file);
            // A pin would win over the authority: the choice replaces it.
            smtp.tls_fingerprint = crate::config::Pins::None;
            write_smtp_line(path, config, &line, &["ca_file", "tls_fingerprint"])?;
            writeln!(
                out,
                "{}",
                crate::t!("setup-wrote-ca-file", path = path.display().to_string())
            )?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Writes the configuration with a changed `[smtp]` setting: `line` right
/// under `[smtp]`, and the one-line settings named in `replaced` taken out,
/// so that a file written by hand keeps its comments and layout; if that
/// would not give exactly `config` (a setting over several lines, say),
/// by rewriting the file.
fn write_smtp_line(
    path: &Path,
    config: &Config,
    line: &str,
    replaced: &[&str],
) -> anyhow::Result<()> {
    if let Ok(text) = std::fs::read_to_string(path) {
        if let Some(edited) = insert_under_smtp(&without_smtp_keys(&text, replaced), line) {
            if config::parse(path, &edited).is_ok_and(|parsed| parsed == *config) {
                return config::write_text(path, &edited);
            }
        }
    }
    config::write(path, config)
}

/// `text` without the lines of its `[smtp]` table that set one of `keys`.
fn without_smtp_keys(text: &str, keys: &[&str]) -> String {
    let mut in_smtp = false;
    let mut out = String::with_capacity(text.len());
    for current in text.split_inclusive('\n') {
        let trimmed = current.trim();
        if trimmed.starts_with('[') {
            in_smtp = trimmed == "[smtp]";
        }
        let key = trimmed
            .split_once('=')
            .map(|(key, _)| key.trim().trim_matches(|c| c == '"' || c == '\''));
        if in_smtp && key.is_some_and(|key| keys.contains(&key)) {
            continue;
        }
        out.push_str(current);
    }
    out
}

/// `text` with `line` after its `[smtp]` header; None without one.
fn insert_under_smtp(text: &str, line: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    let mut done = false;
    for current in text.split_inclusive('\n') {
        out.push_str(current);
        if !done && current.trim() == "[smtp]" {
            if !current.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
            done = true;
        }
    }
    done.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_smtp_settings_are_taken_out() {
        let text = "# mine\n[sender]\nca_file = \"x\"\n[smtp]\nhost = \"h\" # pi\n\"ca_file\" = \"/old.pem\"\ntls_fingerprint = \"sha256:00\"\n[other]\ntls_fingerprint = 1\n";
        assert_eq!(
            without_smtp_keys(text, &["ca_file", "tls_fingerprint"]),
            "# mine\n[sender]\nca_file = \"x\"\n[smtp]\nhost = \"h\" # pi\n[other]\ntls_fingerprint = 1\n"
        );
    }
}
