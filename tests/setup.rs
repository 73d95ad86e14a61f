//! `appeal setup` through the real binary: refused without a terminal, and
//! walked through on a pseudo-terminal as a person would.

mod support;

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;

/// A command for the binary with a home of its own: no developer's
/// configuration, journal or password leaks in.
fn appeal(home: &Path) -> Command {
    let mut cmd = Command::new(cargo_bin("appeal"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env_remove("APPEAL_CONFIG")
        .env_remove("APPEAL_SMTP_PASSWORD");
    cmd
}

#[test]
fn without_a_terminal_setup_exits_2_and_points_at_the_file() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join(".config/appeal/config.toml");
    assert_cmd::Command::from_std(appeal(home.path()))
        .arg("setup")
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains(path.display().to_string()))
        .stderr(predicate::str::contains("[smtp] host"))
        .stderr(predicate::str::contains("\"Configuration\""));
    assert!(!path.exists());
}

#[test]
fn without_a_terminal_setup_names_the_config_flags_file() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("elsewhere.toml");
    assert_cmd::Command::from_std(appeal(home.path()))
        .args(["setup", "--config"])
        .arg(&path)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(path.display().to_string()));
}

/// Types `text` on the terminal. rexpect's writer is line-buffered, and
/// dialoguer reads keys, so nothing ends in a newline: flush each time.
#[cfg(unix)]
fn keys(p: &mut rexpect::session::PtySession, text: &str) -> Result<(), rexpect::error::Error> {
    p.send(text)?;
    p.flush()
}

#[cfg(unix)]
#[test]
fn the_wizard_on_a_terminal_writes_a_private_file() -> Result<(), rexpect::error::Error> {
    use std::os::unix::fs::PermissionsExt;

    const DOWN: &str = "\x1b[B";
    const ENTER: &str = "\r";

    let home = tempfile::tempdir().unwrap();
    let path = home.path().join(".config/appeal/config.toml");
    let mut cmd = appeal(home.path());
    cmd.arg("setup").env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;

    p.exp_string("Your name")?;
    keys(&mut p, &format!("Erika Mustermann{ENTER}"))?;
    p.exp_string("Your email address")?;
    keys(&mut p, &format!("erika@posteo.de{ENTER}"))?;
    p.exp_string("Your town")?;
    keys(&mut p, &format!("Berlin{ENTER}"))?;
    p.exp_string("Use Posteo's server posteo.de:587 (STARTTLS)?")?;
    keys(&mut p, &format!("y{ENTER}"))?;
    // The choices: a command, the environment variable, ask each time
    // (the default). Down from the last wraps round to the first.
    p.exp_string("ask me each time")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, ENTER)?;
    p.exp_string("Command that prints the password")?;
    keys(&mut p, &format!("pass show mail/posteo{ENTER}"))?;
    p.exp_string("wrote `")?;
    p.exp_string("Test the account now with `appeal check`?")?;
    keys(&mut p, &format!("n{ENTER}"))?;
    p.exp_string("run `appeal check` when you are ready")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );

    let text = std::fs::read_to_string(&path).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    let expected: toml::Table = toml::from_str(
        r#"
[sender]
name = "Erika Mustermann"
email = "erika@posteo.de"
city = "Berlin"

[smtp]
host = "posteo.de"
port = 587
security = "starttls"
username = "erika@posteo.de"
password_command = "pass show mail/posteo"
"#,
    )
    .unwrap();
    assert_eq!(file, expected, "{text}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    Ok(())
}

#[cfg(unix)]
#[test]
fn the_wizard_tests_the_account_when_asked() -> Result<(), rexpect::error::Error> {
    // An existing configuration for a server of our own (its `ca_file` is
    // carried over for the same host); every answer is its default, then
    // "yes" to the test, which asks for the password and logs in.
    const ENTER: &str = "\r";
    const USER: &str = "erika@example.org";
    const PASSWORD: &str = "Wizard-Test-7";

    let certs = support::certs::make_certs();
    let server = support::smtp::start(support::smtp::ServerOptions::starttls(
        &certs, USER, PASSWORD,
    ));
    let home = tempfile::tempdir().unwrap();
    let ca = support::certs::write_ca(home.path(), &certs);
    let path = home.path().join(".config/appeal/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let config = format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\nusername = \"{USER}\"\nca_file = \"{}\"\n",
        server.port(),
        ca.display()
    );
    std::fs::write(&path, &config).unwrap();

    let mut cmd = appeal(home.path());
    cmd.arg("setup").env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
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
    p.exp_string("Test the account now with `appeal check`?")?;
    keys(&mut p, ENTER)?; // the default is yes
    p.exp_string(&format!("Password for `{USER}`"))?;
    keys(&mut p, &format!("{PASSWORD}{ENTER}"))?;
    p.exp_string(&format!("ok: 127.0.0.1:{} (", server.port()))?;
    p.exp_string(&format!("ok: logged in as `{USER}`"))?;
    p.exp_string("nothing was sent")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), config, "unchanged");
    assert_eq!(server.connections(), 1);
    assert!(server.messages().is_empty());
    Ok(())
}

/// The wizard over an existing configuration for the scripted server on
/// 127.0.0.1 (`port` and `security` as given), every answer its default.
#[cfg(unix)]
fn wizard_with_defaults(
    home: &Path,
    port: u16,
    security: &str,
    ca: &Path,
) -> Result<rexpect::session::PtySession, rexpect::error::Error> {
    wizard_with(home, port, security, ca, "", &[])
}

/// [`wizard_with_defaults`] over a configuration with the further `[smtp]`
/// lines `extra`, with the environment variables `envs`. With a
/// `password_command` in `extra`, the wizard offers it again as the
/// default, and its own question is answered with Enter too.
#[cfg(unix)]
fn wizard_with(
    home: &Path,
    port: u16,
    security: &str,
    ca: &Path,
    extra: &str,
    envs: &[(&str, &str)],
) -> Result<rexpect::session::PtySession, rexpect::error::Error> {
    const ENTER: &str = "\r";
    const USER: &str = "erika@example.org";
    let path = home.join(".config/appeal/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let config = format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"{security}\"\nusername = \"{USER}\"\nca_file = \"{}\"\n{extra}",
        ca.display()
    );
    std::fs::write(&path, &config).unwrap();
    let mut cmd = appeal(home);
    cmd.arg("setup").env("TERM", "xterm").env("NO_COLOR", "1");
    cmd.envs(envs.iter().copied());
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
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
    if extra.contains("password_command") {
        p.exp_string("Command that prints the password")?;
        keys(&mut p, ENTER)?;
    }
    Ok(p)
}

#[cfg(unix)]
#[test]
fn the_wizard_warns_about_port_465_with_starttls_before_writing(
) -> Result<(), rexpect::error::Error> {
    let home = tempfile::tempdir().unwrap();
    let certs = support::certs::make_certs();
    let ca = support::certs::write_ca(home.path(), &certs);
    let mut p = wizard_with_defaults(home.path(), 465, "starttls", &ca)?;
    p.exp_string(
        "warning: port 465 is usually for TLS from the start (`security = \"tls\"`), not STARTTLS; if `appeal check` finds no answer, choose TLS from the start",
    )?;
    p.exp_string("already says this; nothing changed")?;
    p.exp_string("Test the account now with `appeal check`?")?;
    keys(&mut p, "n\r")?;
    p.exp_eof()?;
    Ok(())
}

#[cfg(unix)]
#[test]
fn the_wizard_warns_about_port_587_with_tls_before_writing() -> Result<(), rexpect::error::Error> {
    let home = tempfile::tempdir().unwrap();
    let certs = support::certs::make_certs();
    let ca = support::certs::write_ca(home.path(), &certs);
    let mut p = wizard_with_defaults(home.path(), 587, "tls", &ca)?;
    p.exp_string(
        "warning: port 587 is usually for STARTTLS (`security = \"starttls\"`), not TLS from the start; if `appeal check` fails, choose STARTTLS",
    )?;
    p.exp_string("already says this; nothing changed")?;
    p.exp_string("Test the account now with `appeal check`?")?;
    keys(&mut p, "n\r")?;
    p.exp_eof()?;
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_wrong_password_in_the_wizards_check_gets_another_try() -> Result<(), rexpect::error::Error> {
    const ENTER: &str = "\r";
    const USER: &str = "erika@example.org";
    const PASSWORD: &str = "Wizard-Test-7";
    let certs = support::certs::make_certs();
    let server = support::smtp::start(support::smtp::ServerOptions::starttls(
        &certs, USER, PASSWORD,
    ));
    let home = tempfile::tempdir().unwrap();
    let ca = support::certs::write_ca(home.path(), &certs);
    let mut p = wizard_with_defaults(home.path(), server.port(), "starttls", &ca)?;
    p.exp_string("Test the account now with `appeal check`?")?;
    keys(&mut p, &format!("y{ENTER}"))?;
    p.exp_string(&format!("Password for `{USER}`"))?;
    keys(&mut p, &format!("not-the-password{ENTER}"))?;
    p.exp_string(&format!(
        "the server did not accept the login for `{USER}`: 535 5.7.8 Authentication credentials invalid\r\n\
         try again (providers such as Gmail need an app password, not the one you log in with)"
    ))?;
    p.exp_string(&format!("Password for `{USER}`"))?;
    keys(&mut p, &format!("{PASSWORD}{ENTER}"))?;
    p.exp_string(&format!("ok: logged in as `{USER}`"))?;
    p.exp_string("nothing was sent")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(
        status,
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
    );
    assert_eq!(server.connections(), 2, "one login per password typed");
    Ok(())
}

#[cfg(unix)]
#[test]
fn a_refused_password_the_wizard_did_not_ask_for_is_not_asked_for_again(
) -> Result<(), rexpect::error::Error> {
    // Another try is only for a password typed at the prompt: one from
    // APPEAL_SMTP_PASSWORD or `password_command` would be the same wrong
    // one again. One login, the error, no question.
    const USER: &str = "erika@example.org";
    let certs = support::certs::make_certs();
    for (way, extra, envs) in [
        (
            "the environment",
            "",
            vec![("APPEAL_SMTP_PASSWORD", "wrong-from-env")],
        ),
        (
            "password_command",
            "password_command = \"echo wrong-from-command\"\n",
            vec![],
        ),
    ] {
        let server = support::smtp::start(support::smtp::ServerOptions::starttls(
            &certs,
            USER,
            "Wizard-Test-7",
        ));
        let home = tempfile::tempdir().unwrap();
        let ca = support::certs::write_ca(home.path(), &certs);
        let mut p = wizard_with(home.path(), server.port(), "starttls", &ca, extra, &envs)?;
        p.exp_string("Test the account now with `appeal check`?")?;
        keys(&mut p, "y\r")?;
        p.exp_string(&format!(
            "the server did not accept the login for `{USER}`: 535 5.7.8 Authentication credentials invalid"
        ))?;
        let rest = p.exp_eof()?;
        assert!(!rest.contains("try again"), "{way}: {rest}");
        assert!(!rest.contains("Password for"), "{way}: {rest}");
        assert_eq!(server.connections(), 1, "{way}: one login");
        let status = p.process().wait()?;
        assert!(
            !matches!(status, rexpect::process::wait::WaitStatus::Exited(_, 0)),
            "{way}: {status:?}"
        );
    }
    Ok(())
}

/// What a terminal session of `appeal setup` showed, as text (`\r\n` made
/// `\n`), and its exit code: for each step, wait for the text, then type
/// the keys.
#[cfg(unix)]
fn setup_on_terminal(home: &Path, steps: &[(&str, &str)]) -> (String, i32) {
    let mut cmd = appeal(home);
    cmd.arg("setup").env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal");
    let mut shown = String::new();
    for (question, answer) in steps {
        match p.exp_string(question) {
            Ok(before) => shown.push_str(&format!("{before}{question}")),
            Err(e) => panic!("waiting for {question:?}: {e}\nshown so far:\n{shown}"),
        }
        keys(&mut p, answer).expect("type");
    }
    shown.push_str(&p.exp_eof().expect("appeal ends"));
    let code = match p.process().wait().expect("wait") {
        rexpect::process::wait::WaitStatus::Exited(_, code) => code,
        other => panic!("appeal did not exit normally: {other:?}\n{shown}"),
    };
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    (String::from_utf8_lossy(&bytes).replace("\r\n", "\n"), code)
}

#[cfg(unix)]
const DOWN: &str = "\x1b[B";

/// The configuration written by `setup_on_terminal`'s wizard.
#[cfg(unix)]
fn written(home: &Path) -> toml::Table {
    let path = home.join(".config/appeal/config.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// An existing configuration for a server of our own (not a provider).
#[cfg(unix)]
fn existing(home: &Path) -> String {
    let path = home.join(".config/appeal/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let config = "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\ncity = \"Berlin\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = 9\nsecurity = \"starttls\"\nusername = \"erika@example.org\"\n";
    std::fs::write(&path, config).unwrap();
    config.to_string()
}

/// The questions after the town, for an existing configuration of a server
/// of our own: every answer its default.
#[cfg(unix)]
const SAME_SERVER: &[(&str, &str)] = &[
    ("Which server sends your mail?", "\r"),
    ("SMTP server", "\r"),
    ("How is the connection encrypted?", "\r"),
    ("Port", "\r"),
    ("Login name", "\r"),
    ("ask me each time", "\r"),
];

#[cfg(unix)]
#[test]
fn n_and_enter_at_the_provider_question_offers_the_list() {
    // `n` alone used to answer, and the Enter then chose "enter the server
    // myself" in the list that followed.
    let home = tempfile::tempdir().unwrap();
    let (shown, code) = setup_on_terminal(
        home.path(),
        &[
            ("Your name", "Erika Mustermann\r"),
            ("Your email address", "erika@gmail.com\r"),
            ("Your town", "\r"),
            ("Use Gmail's server smtp.gmail.com:587 (STARTTLS)?", "n\r"),
            ("Which server sends your mail?", DOWN),
            ("Posteo", "\r"),
            ("ask me each time", "\r"),
            ("Test the account now with `appeal check`?", "n\r"),
        ],
    );
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.ends_with("run `appeal check` when you are ready; it sends nothing\n"),
        "{shown}"
    );
    let smtp = written(home.path())["smtp"].clone();
    assert_eq!(smtp["host"].as_str(), Some("posteo.de"), "{shown}");
    assert_eq!(smtp["username"].as_str(), Some("erika@gmail.com"));
}

#[cfg(unix)]
#[test]
fn enter_at_the_provider_question_takes_the_default_yes() {
    let home = tempfile::tempdir().unwrap();
    let (shown, code) = setup_on_terminal(
        home.path(),
        &[
            ("Your name", "Erika Mustermann\r"),
            ("Your email address", "erika@posteo.de\r"),
            ("Your town", "\r"),
            ("Use Posteo's server posteo.de:587 (STARTTLS)?", "\r"),
            ("ask me each time", "\r"),
            ("Test the account now with `appeal check`?", "n\r"),
        ],
    );
    assert_eq!(code, 0, "{shown}");
    assert_eq!(
        written(home.path())["smtp"]["host"].as_str(),
        Some("posteo.de")
    );
}

#[cfg(unix)]
#[test]
fn enter_or_n_and_enter_at_replace_keeps_the_file() {
    for answer in ["\r", "n\r"] {
        let home = tempfile::tempdir().unwrap();
        let before = existing(home.path());
        let mut steps = vec![
            ("Your name", "\r"),
            ("Your email address", "\r"),
            ("Your town", "Bonn\r"),
        ];
        steps.extend_from_slice(SAME_SERVER);
        steps.push(("Replace `", answer));
        let (shown, code) = setup_on_terminal(home.path(), &steps);
        assert_eq!(code, 0, "{shown}");
        assert!(
            shown.contains("- city = \"Berlin\"\n+ city = \"Bonn\"\n"),
            "{shown}"
        );
        assert!(shown.ends_with("nothing changed\n"), "{answer:?}: {shown}");
        let path = home.path().join(".config/appeal/config.toml");
        assert_eq!(std::fs::read_to_string(path).unwrap(), before);
    }
}

#[cfg(unix)]
#[test]
fn y_and_enter_at_replace_writes_and_the_test_question_waits_for_its_own_answer() {
    // `y` alone used to answer "Replace?", and its Enter then said yes to
    // testing the account (the default).
    let home = tempfile::tempdir().unwrap();
    existing(home.path());
    let mut steps = vec![
        ("Your name", "\r"),
        ("Your email address", "\r"),
        ("Your town", "Bonn\r"),
    ];
    steps.extend_from_slice(SAME_SERVER);
    steps.push(("Replace `", "y\r"));
    steps.push(("Test the account now with `appeal check`?", "n\r"));
    let (shown, code) = setup_on_terminal(home.path(), &steps);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("wrote `"), "{shown}");
    assert!(
        shown.ends_with("run `appeal check` when you are ready; it sends nothing\n"),
        "{shown}"
    );
    assert_eq!(
        written(home.path())["sender"]["city"].as_str(),
        Some("Bonn")
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_a_question_restores_the_cursor_exits_130_and_writes_nothing() {
    const CTRL_C: &str = "\x03";
    let cases: [&[(&str, &str)]; 2] = [
        // The server menu, where the cursor used to stay hidden.
        &[
            ("Your name", "Erika Mustermann\r"),
            ("Your email address", "erika@example.org\r"),
            ("Your town", "\r"),
            ("Which server sends your mail?", CTRL_C),
        ],
        // A line of text.
        &[("Your name", "Eri"), ("Eri", CTRL_C)],
    ];
    for steps in cases {
        let home = tempfile::tempdir().unwrap();
        let (shown, code) = setup_on_terminal(home.path(), steps);
        assert_eq!(code, 130, "{shown}");
        // The last word on the cursor is "show" (`\x1b[?25h`), after any "hide".
        assert!(
            shown.rfind("\x1b[?25h") > shown.rfind("\x1b[?25l"),
            "the cursor is shown again: {shown:?}"
        );
        assert!(
            shown.ends_with("\nerror: interrupted; nothing more was done\n"),
            "{shown:?}"
        );
        assert!(
            !home.path().join(".config/appeal").exists(),
            "nothing written"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_broken_file_is_replaced_on_y_and_enter_only_and_y_and_enter_tests_the_account() {
    let broken = "[smtp]\nhots = \"x\"\n";
    let answers = |replace: &'static str| -> Vec<(&'static str, &'static str)> {
        vec![
            ("cannot be used", ""),
            ("Your name", "Erika Mustermann\r"),
            ("Your email address", "erika@example.org\r"),
            ("Your town", "\r"),
            ("Which server sends your mail?", "\r"),
            ("SMTP server", "smtp.example.org\r"),
            ("How is the connection encrypted?", "\r"),
            ("Port", "\r"),
            ("Login name", "\r"),
            ("ask me each time", "\r"),
            ("(its current contents are lost)?", replace),
        ]
    };
    let path = |home: &Path| home.join(".config/appeal/config.toml");

    // A bare Enter: the default, no.
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(path(home.path()).parent().unwrap()).unwrap();
    std::fs::write(path(home.path()), broken).unwrap();
    let (shown, code) = setup_on_terminal(home.path(), &answers("\r"));
    assert_eq!(code, 0, "{shown}");
    assert!(shown.ends_with("nothing changed\n"), "{shown}");
    assert_eq!(std::fs::read_to_string(path(home.path())).unwrap(), broken);

    // `y⏎` replaces it; `y⏎` at the test then runs `appeal check`, which
    // asks for the password first (Ctrl-C there ends it: nothing connects).
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(path(home.path()).parent().unwrap()).unwrap();
    std::fs::write(path(home.path()), broken).unwrap();
    let mut steps = answers("y\r");
    steps.push(("Test the account now with `appeal check`?", "y\r"));
    steps.push(("Password for `erika@example.org`", "\x03"));
    let (shown, code) = setup_on_terminal(home.path(), &steps);
    assert_eq!(code, 130, "{shown}");
    assert!(shown.contains("wrote `"), "{shown}");
    assert_eq!(
        written(home.path())["smtp"]["host"].as_str(),
        Some("smtp.example.org")
    );
}

/// With `--config FILE`, every mention of `appeal check` in the wizard
/// names that file, so that the check tests the account just written.
#[cfg(unix)]
#[test]
fn with_a_config_file_the_wizard_names_it_in_the_check_it_suggests() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("gruppe konto.toml");
    let mut cmd = appeal(home.path());
    cmd.args(["setup", "--config"])
        .arg(&file)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal");
    for (question, answer) in [
        ("Your name", "Erika Mustermann\r"),
        ("Your email address", "erika@posteo.de\r"),
        ("Your town", "\r"),
        ("Use Posteo's server posteo.de:587 (STARTTLS)?", "\r"),
        ("ask me each time", "\r"),
    ] {
        p.exp_string(question).expect(question);
        keys(&mut p, answer).expect("type");
    }
    let check = format!("appeal check --config '{}'", file.display());
    p.exp_string(&format!("Test the account now with `{check}`?"))
        .expect("the question names the file");
    keys(&mut p, "n\r").expect("type");
    p.exp_string(&format!(
        "run `{check}` when you are ready; it sends nothing"
    ))
    .expect("the closing line names the file");
    p.exp_eof().expect("appeal ends");
    assert!(file.exists());
}
