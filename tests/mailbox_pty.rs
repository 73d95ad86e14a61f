//! Issue 12 on a pseudo-terminal: `appeal setup` meeting a certificate
//! this computer does not trust (item 4) — the server presents a
//! self-signed `CA:TRUE` certificate as Proton Mail Bridge does; the wizard
//! shows it, the person chooses to trust exactly it, the wizard writes
//! `tls_fingerprint` and its second check logs in; the Outlook.com preset
//! offering OAuth2, the Proton Mail Bridge preset, the choice for people
//! without SMTP; and `send --via mail-program` asking after each letter
//! whether it was sent (item 3). Questions that take y/n get Enter too, so
//! the tests hold whether or not such a question waits for Enter.

#![cfg(unix)]

mod support;

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use support::certs::{fingerprint, make_certs, make_self_signed_ca_cert, write_ca};
use support::smtp::{self, ServerOptions};

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const USER: &str = "erika@example.org";
const PASSWORD: &str = "Bridge-Pa55";

fn appeal(home: &Path) -> Command {
    let mut cmd = Command::new(cargo_bin("appeal"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env_remove("APPEAL_CONFIG")
        .env_remove("APPEAL_SMTP_PASSWORD")
        .env_remove("APPEAL_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    cmd
}

fn keys(p: &mut rexpect::session::PtySession, text: &str) -> Result<(), rexpect::error::Error> {
    p.send(text)?;
    p.flush()
}

#[test]
fn setup_offers_to_trust_exactly_the_untrusted_certificate_and_writes_its_fingerprint(
) -> Result<(), rexpect::error::Error> {
    let certs = make_self_signed_ca_cert();
    let fp = fingerprint(&certs.cert_pem);
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join(".config/appeal/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        format!(
            "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\nusername = \"{USER}\"\n",
            server.port()
        ),
    )
    .unwrap();

    let mut cmd = appeal(home.path());
    cmd.arg("setup");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    // Every answer its default: the same server as before.
    for question in [
        "Your name",
        "Your email address",
        "Your town",
        "Which server sends your mail?",
        "SMTP server",
        "How is the connection encrypted?",
        "Port",
        "Login name",
        "ask me each time",
    ] {
        p.exp_string(question)?;
        keys(&mut p, ENTER)?;
    }
    p.exp_string("already says this; nothing changed")?;
    // The default answer is yes.
    p.exp_string("Test the account now with `appeal check`?")?;
    keys(&mut p, ENTER)?;
    p.exp_string(&format!("Password for `{USER}`"))?;
    keys(&mut p, &format!("{PASSWORD}{ENTER}"))?;
    p.exp_string(&format!(
        "the certificate of `127.0.0.1:{}` is not trusted: it is self-signed, so no authority this computer trusts vouches for it",
        server.port()
    ))?;
    p.exp_string("subject:     CN=localhost")?;
    p.exp_string(&format!("fingerprint: {fp}"))?;
    // The choices: trust it, name a ca_file, stop here (the default).
    // Down from the last wraps round to the first.
    p.exp_string("stop here")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, ENTER)?;
    p.exp_string(&format!("wrote `tls_fingerprint = \"{fp}\"` to `"))?;
    // The password typed before serves the check after trusting: no second
    // question (one would wait here for an answer that never comes).
    p.exp_string(&format!(
        "certificate is the one pinned by `tls_fingerprint` ({fp})"
    ))?;
    p.exp_string(&format!("ok: logged in as `{USER}`"))?;
    p.exp_string("nothing was sent")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );

    let file: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        file["smtp"]["tls_fingerprint"].as_str(),
        Some(fp.as_str()),
        "{file:#?}"
    );
    // The first connection ended before AUTH; the second logged in.
    let transcript = server.transcript();
    assert!(
        transcript
            .iter()
            .filter(|l| l.contains("AUTH"))
            .all(|l| !l.starts_with("1: ")),
        "{transcript:#?}"
    );
    assert!(server.messages().is_empty());
    Ok(())
}

/// `send --via mail-program` on a terminal asks after each letter whether
/// it was sent: "yes" is recorded as handed over, "not yet" stays to send.
#[test]
fn the_mail_program_way_asks_after_each_letter_whether_it_was_sent(
) -> Result<(), rexpect::error::Error> {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/appeal/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!("[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n"),
    )
    .unwrap();
    let campaign = home.path().join("kampagne");
    std::fs::create_dir_all(campaign.join("templates")).unwrap();
    std::fs::write(
        campaign.join("recipients.toml"),
        "[campaign]\nid = \"kurz\"\ntitle = \"Kurz\"\ntemplate = \"brief.hbs\"\n\n\
         [[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna@example.org\"\n\n\
         [[recipient]]\nname = \"Bernd Beispiel\"\nemail = \"bernd@example.org\"\n",
    )
    .unwrap();
    std::fs::write(
        campaign.join("templates/brief.hbs"),
        "Subject: Hallo\n\n{{greeting}}\nText.\n",
    )
    .unwrap();
    let calls = home.path().join("calls.txt");
    let opener = home.path().join("opener.sh");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            calls.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut cmd = appeal(home.path());
    cmd.args(["send", "--via", "mail-program", "--yes", "--campaign"])
        .arg(&campaign)
        .env("APPEAL_OPENER", &opener);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    // The choices: yes (the default), not yet.
    p.exp_string("Did you send the letter to Anna Beispiel?")?;
    p.exp_string("not yet")?;
    keys(&mut p, ENTER)?;
    p.exp_string("Did you send the letter to Bernd Beispiel?")?;
    p.exp_string("not yet")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, ENTER)?;
    p.exp_string("not recorded: the letter to Bernd Beispiel <bernd@example.org> stays to send")?;
    p.exp_string("1 letter handed over to your mail program; sending it is up to you")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );
    let calls = std::fs::read_to_string(&calls).unwrap();
    assert_eq!(calls.lines().count(), 2, "{calls}");
    let journal =
        std::fs::read_to_string(home.path().join(".local/state/appeal/journal/kurz.jsonl"))
            .unwrap();
    let records: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1, "{journal}");
    assert_eq!(records[0]["event"], "handed_over");
    assert_eq!(records[0]["recipient"], "anna@example.org");
    Ok(())
}

/// Runs `appeal setup` in a fresh home up to the server question, with
/// the given address; returns the session and the config path.
fn setup_for(
    home: &Path,
    email: &str,
) -> Result<(rexpect::session::PtySession, std::path::PathBuf), rexpect::error::Error> {
    let mut cmd = appeal(home);
    cmd.arg("setup");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    p.exp_string("Your name")?;
    keys(&mut p, &format!("Erika Mustermann{ENTER}"))?;
    p.exp_string("Your email address")?;
    keys(&mut p, &format!("{email}{ENTER}"))?;
    p.exp_string("Your town")?;
    keys(&mut p, ENTER)?;
    Ok((p, home.join(".config/appeal/config.toml")))
}

/// Says no to the last question, the test of the account (no network):
/// `n` and Enter, as a question that waits for Enter takes it.
fn no_check_then_exit_0(p: &mut rexpect::session::PtySession) -> Result<(), rexpect::error::Error> {
    p.exp_string("Test the account now with `appeal check`?")?;
    keys(p, &format!("n{ENTER}"))?;
    p.exp_string("run `appeal check` when you are ready")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );
    Ok(())
}

#[test]
fn setup_offers_oauth2_for_outlook_and_names_the_token_helpers() -> Result<(), rexpect::error::Error>
{
    let home = tempfile::tempdir().unwrap();
    let (mut p, path) = setup_for(home.path(), "erika@outlook.com")?;
    p.exp_string("Use Outlook.com's server smtp-mail.outlook.com:587 (STARTTLS)?")?;
    keys(&mut p, ENTER)?;
    // The choices: OAuth2 (the default), an app password.
    p.exp_string("How does appeal log in to Outlook.com?")?;
    p.exp_string("with an app password")?;
    keys(&mut p, ENTER)?;
    p.exp_string("Set up a helper first: `oama`")?;
    p.exp_string("`mutt_oauth2.py`")?;
    p.exp_string("Command that prints a fresh access token")?;
    keys(&mut p, ENTER)?;
    p.exp_string("wrote `")?;
    no_check_then_exit_0(&mut p)?;
    let file: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let expected: toml::Table = toml::from_str(
        r#"
[sender]
name = "Erika Mustermann"
email = "erika@outlook.com"

[smtp]
host = "smtp-mail.outlook.com"
port = 587
security = "starttls"
username = "erika@outlook.com"
auth = "xoauth2"
token_command = "oama access erika@outlook.com"
"#,
    )
    .unwrap();
    assert_eq!(file, expected);
    Ok(())
}

#[test]
fn setup_knows_proton_mail_bridge() -> Result<(), rexpect::error::Error> {
    let home = tempfile::tempdir().unwrap();
    let (mut p, path) = setup_for(home.path(), "erika@proton.me")?;
    p.exp_string("Use Proton Mail (Bridge)'s server 127.0.0.1:1025 (STARTTLS)?")?;
    keys(&mut p, ENTER)?;
    p.exp_string("note: Proton Mail sends through Proton Mail Bridge")?;
    p.exp_string("ask me each time")?;
    keys(&mut p, ENTER)?;
    p.exp_string("wrote `")?;
    no_check_then_exit_0(&mut p)?;
    let file: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(file["smtp"]["host"].as_str(), Some("127.0.0.1"));
    assert_eq!(file["smtp"]["port"].as_integer(), Some(1025));
    assert_eq!(file["smtp"]["security"].as_str(), Some("starttls"));
    assert_eq!(file["smtp"]["username"].as_str(), Some("erika@proton.me"));
    Ok(())
}

#[test]
fn setup_without_smtp_access_names_the_mail_program_way() -> Result<(), rexpect::error::Error> {
    const UP: &str = "\x1b[A";
    let home = tempfile::tempdir().unwrap();
    let (mut p, path) = setup_for(home.path(), "erika@tuta.com")?;
    // The last choice; up from the first wraps round to it.
    p.exp_string("I have no SMTP access (e.g. Tuta)")?;
    keys(&mut p, UP)?;
    keys(&mut p, ENTER)?;
    p.exp_string("wrote `")?;
    p.exp_string("`appeal send --via mail-program` opens each letter in your mail program")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );
    let file: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(!file.contains_key("smtp"), "{file:#?}");
    assert_eq!(file["sender"]["email"].as_str(), Some("erika@tuta.com"));
    Ok(())
}

#[test]
fn check_on_a_terminal_offers_to_trust_the_certificate_and_keeps_the_files_comments(
) -> Result<(), rexpect::error::Error> {
    let certs = make_self_signed_ca_cert();
    let fp = fingerprint(&certs.cert_pem);
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join(".config/appeal/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let before = format!(
        "# Erikas Heimserver\n[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"  # der Raspberry Pi\nport = {}\nsecurity = \"tls\"\nusername = \"{USER}\"\n",
        server.port()
    );
    std::fs::write(&path, &before).unwrap();

    let mut cmd = appeal(home.path());
    cmd.arg("check").env("APPEAL_SMTP_PASSWORD", PASSWORD);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    p.exp_string("is not trusted: it is self-signed")?;
    p.exp_string(&format!("fingerprint: {fp}"))?;
    p.exp_string("stop here")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, ENTER)?;
    p.exp_string(&format!("wrote `tls_fingerprint = \"{fp}\"` to `"))?;
    p.exp_string(&format!(
        "ok: encrypted with implicit TLS (TLS 1.2 or newer required), certificate is the one pinned by `tls_fingerprint` ({fp})"
    ))?;
    p.exp_string(&format!("ok: logged in as `{USER}`"))?;
    p.exp_string("nothing was sent")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before.replace("[smtp]\n", &format!("[smtp]\ntls_fingerprint = \"{fp}\"\n"))
    );
    Ok(())
}

/// A pin that no longer matches, and the person names the authority's
/// certificate instead (typed relative to where they are): the pin goes,
/// `ca_file` is written as an absolute path, and the second check logs in.
#[test]
fn check_naming_a_ca_file_replaces_a_pin_that_does_not_match() -> Result<(), rexpect::error::Error>
{
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let home = tempfile::tempdir().unwrap();
    let ca = write_ca(home.path(), &certs);
    let path = home.path().join(".config/appeal/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let stale = format!("sha256:{}", "00".repeat(32));
    let before = format!(
        "# Erikas Heimserver\n[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"  # der Raspberry Pi\nport = {}\nsecurity = \"starttls\"\nusername = \"{USER}\"\ntls_fingerprint = \"{stale}\"\n",
        server.port()
    );
    std::fs::write(&path, &before).unwrap();

    let mut cmd = appeal(home.path());
    cmd.arg("check")
        .current_dir(home.path())
        .env("APPEAL_SMTP_PASSWORD", PASSWORD);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    p.exp_string("stop here")?;
    // From the default (stop here) down twice: the `ca_file` choice.
    keys(&mut p, DOWN)?;
    keys(&mut p, DOWN)?;
    keys(&mut p, ENTER)?;
    p.exp_string("File with the authority's certificate (PEM)")?;
    keys(&mut p, &format!("test-ca.pem{ENTER}"))?;
    p.exp_string("wrote `ca_file` to `")?;
    p.exp_string(&format!("ok: logged in as `{USER}`"))?;
    p.exp_string("nothing was sent")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );
    let file: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        file["smtp"]["ca_file"].as_str(),
        Some(ca.to_str().unwrap()),
        "{file:?}"
    );
    assert!(file["smtp"].get("tls_fingerprint").is_none(), "{file:?}");
    // The rest of the file as it was: its comments, and no header claiming
    // things about it.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before
            .replace(&format!("tls_fingerprint = \"{stale}\"\n"), "")
            .replace(
                "[smtp]\n",
                &format!("[smtp]\nca_file = \"{}\"\n", ca.to_str().unwrap())
            )
    );
    Ok(())
}
