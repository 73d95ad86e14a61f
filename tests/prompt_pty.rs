//! The name question on a real terminal: with no `--name` and no
//! configuration, `appeal preview` asks on a pseudo-terminal (dialoguer)
//! and signs the letter with the answer.

#![cfg(unix)]

mod support;

use rexpect::process::wait::WaitStatus;
use rexpect::session::{spawn_command, PtySession};

use support::cli::TestEnv;

/// What the terminal showed, as text. rexpect 0.6 turns each byte it reads
/// into one `char` (Latin-1), so UTF-8 such as `Grüßen` arrives as
/// `GrÃ¼Ã\u{9f}en`: put the bytes back together. The terminal's `\r\n`
/// becomes `\n`.
fn screen(raw: &str) -> String {
    let bytes: Vec<u8> = raw.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
}

/// Types `text`. rexpect's writer is buffered and dialoguer reads key by
/// key, so flush every time.
fn keys(p: &mut PtySession, text: &str) -> Result<(), rexpect::error::Error> {
    p.send(text)?;
    p.flush()
}

#[test]
fn preview_asks_for_the_name_on_a_terminal() -> Result<(), rexpect::error::Error> {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd(&["preview", "--to", "barley"]);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(20_000))?;

    p.exp_string("Your name")?;
    keys(&mut p, "Erika Mustermann\r")?;
    p.exp_string("Sehr geehrte Frau Dr. Barley,")?;
    let rest = screen(&p.exp_eof()?);
    assert!(
        rest.contains("\nMit freundlichen Grüßen\nErika Mustermann\n"),
        "the letter is signed with the answer:\n{rest}"
    );
    let status = p.process().wait()?;
    assert_eq!(status, WaitStatus::Exited(p.process().child_pid, 0));
    // Nothing was written: no configuration, no journal.
    assert!(!env.config_file().exists());
    assert!(!env.state_dir().exists());
    assert!(env.listing("work").is_empty());
    Ok(())
}

#[test]
fn a_configured_name_is_not_asked_for_on_a_terminal() -> Result<(), rexpect::error::Error> {
    let env = TestEnv::new();
    env.write_config("[sender]\nname = \"Erika Mustermann\"\n");
    let mut cmd = env.std_cmd(&["preview", "--to", "sonneborn"]);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(20_000))?;
    let all = screen(&p.exp_eof()?);
    assert!(!all.contains("Your name"), "{all}");
    assert!(all.contains("Sehr geehrter Herr Sonneborn,"), "{all}");
    assert!(all.contains("Erika Mustermann"), "{all}");
    let status = p.process().wait()?;
    assert_eq!(status, WaitStatus::Exited(p.process().child_pid, 0));
    Ok(())
}

#[test]
fn on_a_terminal_the_text_preview_wraps_at_spaces_and_piped_it_does_not(
) -> Result<(), rexpect::error::Error> {
    let env = TestEnv::new();
    let args = ["preview", "--name", "Erika Mustermann", "--to", "barley"];
    let piped = env.cmd(&args).output().unwrap();
    assert_eq!(piped.status.code(), Some(0));
    let piped = String::from_utf8(piped.stdout).unwrap();
    let letter = |shown: &str| -> String {
        let body = shown.split_once("Sehr geehrte").expect("the salutation").1;
        format!("Sehr geehrte{body}")
    };
    let piped_body = letter(&piped);
    assert!(
        piped_body.lines().any(|l| l.chars().count() > 200),
        "piped, paragraphs stay single lines: {piped_body}"
    );

    // A terminal 60 columns wide.
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("stty cols 60 rows 40; exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("appeal"))
        .args(args)
        .envs(
            env.std_cmd(&[])
                .get_envs()
                .filter_map(|(k, v)| Some((k, v?))),
        )
        .current_dir(env.work_dir())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(20_000))?;
    let shown = screen(&p.exp_eof()?);
    let status = p.process().wait()?;
    assert_eq!(status, WaitStatus::Exited(p.process().child_pid, 0));
    let shown_body = letter(&shown);
    for line in shown_body.lines() {
        assert!(
            line.chars().count() <= 60 || !line.contains(' '),
            "longer than the terminal: {line:?}\n{shown_body}"
        );
    }
    assert!(shown_body.lines().count() > piped_body.lines().count() + 10);
    // The same words, none split: only line breaks were added.
    assert_eq!(
        shown_body.split_whitespace().collect::<Vec<_>>(),
        piped_body.split_whitespace().collect::<Vec<_>>()
    );
    Ok(())
}

#[test]
fn a_refused_password_that_was_not_typed_is_not_asked_for_again(
) -> Result<(), rexpect::error::Error> {
    // `check` on a terminal gives another try only for a password typed
    // at its prompt. One from the environment, `password_command` or the
    // configuration file would be the same wrong one again: one login,
    // then the error, no question.
    use std::os::unix::fs::PermissionsExt;
    const USER: &str = "erika@example.org";
    let certs = support::certs::make_certs();
    for (way, extra, env_password) in [
        ("the environment", "", Some("wrong-from-env")),
        (
            "password_command",
            "password_command = \"echo wrong-from-command\"\n",
            None,
        ),
        (
            "the configuration file",
            "password = \"wrong-from-file\"\n",
            None,
        ),
    ] {
        let server = support::smtp::start(support::smtp::ServerOptions::starttls(
            &certs,
            USER,
            "Gehe1m-Pa55wort!",
        ));
        let env = TestEnv::new();
        let config = env.write_smtp_config(
            &format!("[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n"),
            server.port(),
            "starttls",
            USER,
            &certs,
            extra,
        );
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut cmd = env.std_cmd(&["check"]);
        cmd.env("TERM", "xterm").env("NO_COLOR", "1");
        if let Some(password) = env_password {
            cmd.env("APPEAL_SMTP_PASSWORD", password);
        }
        let mut p = spawn_command(cmd, Some(20_000))?;
        let all = screen(&p.exp_eof()?);
        assert!(
            all.contains(&format!(
                "the server did not accept the login for `{USER}`: 535 5.7.8 Authentication credentials invalid"
            )),
            "{way}:\n{all}"
        );
        assert!(!all.contains("try again"), "{way}:\n{all}");
        assert!(!all.contains("Password for"), "{way}:\n{all}");
        let status = p.process().wait()?;
        assert_eq!(
            status,
            WaitStatus::Exited(p.process().child_pid, 1),
            "{way}"
        );
        assert_eq!(server.connections(), 1, "{way}: one login");
    }
    Ok(())
}
