//! The setup wizard, the configuration file, the password, `appeal check`
//! and `appeal init` in German (issue 16): run through the real binary under
//! `LANG=de_DE.UTF-8`, each output a snapshot and free of English words
//! outside backticks; the wizard on a pseudo-terminal, typed as a German
//! user would, writing the same file as in English.

mod support;

use insta::assert_snapshot;
use support::certs::{make_certs, write_ca};
use support::cli::{assert_german, run, TestEnv};
use support::smtp::{self, ServerOptions};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Richtig-Geheim-7";

/// A configuration in the working folder, named with `--config config.toml`
/// so that messages name it the same on every machine.
fn config_here(env: &TestEnv, text: &str) {
    env.write("work/config.toml", text);
}

const SENDER: &str = "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\n";

#[test]
fn a_config_error_and_its_hint_are_german() {
    let env = TestEnv::new();
    config_here(
        &env,
        &format!(
            "{SENDER}\n[smtp]\nhost = \"smtp.example.org\"\nusername = \"{USER}\"\nauth = \"xoauth2\"\n"
        ),
    );
    let out = run(&mut env.german(&["--config", "config.toml", "check"]), 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_german(&out.stderr);
    assert_snapshot!("config_oauth2_error", out.stderr);
}

#[test]
fn a_misspelt_key_and_the_keys_hint_are_german() {
    let env = TestEnv::new();
    config_here(
        &env,
        &format!("{SENDER}\n[smtp]\nhots = \"smtp.example.org\"\n"),
    );
    let out = run(&mut env.german(&["--config", "config.toml", "check"]), 2);
    assert_german(&out.stderr);
    assert_snapshot!("config_unknown_key", out.stderr);
}

#[test]
fn misspelt_values_tables_and_missing_keys_are_german() {
    let cases = [
        (
            "[smtp]\nhost = \"h\"\nsecurity = \"ssl\"\n",
            "config.toml:3:12: unbekannter Wert `ssl`; erlaubt sind `starttls`, `tls`, `none`",
        ),
        (
            "[smtp]\nhost = \"h\"\nauth = \"oauth\"\n",
            "config.toml:3:8: unbekannter Wert `oauth`; erlaubt sind `password` und `xoauth2`",
        ),
        (
            "[smtpp]\nhost = \"h\"\n",
            "config.toml:1:2: unbekannter Schlüssel `smtpp`; erlaubt sind `sender` und `smtp`",
        ),
        ("[smtp]\nport = 587\n", "config.toml:1:1: `host` fehlt"),
    ];
    for (text, message) in cases {
        let env = TestEnv::new();
        config_here(&env, text);
        let out = run(&mut env.german(&["--config", "config.toml", "check"]), 2);
        assert_german(&out.stderr);
        let (first, hint) = out.stderr.split_once('\n').unwrap();
        assert_eq!(first, format!("Fehler: {message}"), "{text}");
        assert!(
            hint.starts_with("Hinweis: Erlaubt sind unter `[sender]` die Schlüssel `name`"),
            "{hint}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_password_in_a_readable_file_is_refused_in_german() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    config_here(
        &env,
        &format!(
            "{SENDER}\n[smtp]\nhost = \"smtp.example.org\"\nusername = \"{USER}\"\npassword = \"x\"\n"
        ),
    );
    let path = env.work_dir().join("config.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&mut env.german(&["--config", "config.toml", "check"]), 2);
    assert_german(&out.stderr);
    assert_snapshot!("config_password_readable", out.stderr);
}

#[test]
fn a_timeout_out_of_range_is_german() {
    let env = TestEnv::new();
    config_here(
        &env,
        &format!("{SENDER}\n[smtp]\nhost = \"smtp.example.org\"\ntimeout = 0\n"),
    );
    let out = run(&mut env.german(&["--config", "config.toml", "check"]), 2);
    assert_german(&out.stderr);
    assert_eq!(
        out.stderr,
        "Fehler: config.toml: `smtp.timeout` muss eine Zahl von Sekunden zwischen 0 und 86.400 sein\n"
    );
}

#[test]
fn setup_without_a_terminal_refuses_in_german() {
    let env = TestEnv::new();
    let out = run(
        env.german(&["--config", "config.toml", "setup"])
            .write_stdin(""),
        2,
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_german(&out.stderr);
    assert_snapshot!("setup_without_terminal", out.stderr);
    assert!(!env.work_dir().join("config.toml").exists());
}

#[test]
fn check_without_a_mail_account_is_german() {
    let env = TestEnv::new();
    config_here(&env, SENDER);
    let out = run(&mut env.german(&["--config", "config.toml", "check"]), 2);
    assert_german(&out.stderr);
    assert_snapshot!("check_no_account", out.stderr);
}

#[test]
fn check_without_a_password_or_terminal_is_german() {
    let env = TestEnv::new();
    config_here(
        &env,
        &format!("{SENDER}\n[smtp]\nhost = \"smtp.example.org\"\nusername = \"{USER}\"\n"),
    );
    let out = run(
        env.german(&["--config", "config.toml", "check"])
            .write_stdin(""),
        2,
    );
    assert_german(&out.stderr);
    assert_snapshot!("check_no_password", out.stderr);
}

#[test]
fn a_password_command_printing_two_lines_is_refused_in_german() {
    let env = TestEnv::new();
    config_here(
        &env,
        &format!(
            "{SENDER}\n[smtp]\nhost = \"smtp.example.org\"\nusername = \"{USER}\"\npassword_command = \"printf 'a\\\\nb\\\\n'\"\n"
        ),
    );
    let out = run(&mut env.german(&["--config", "config.toml", "check"]), 2);
    assert_german(&out.stderr);
    assert_snapshot!("password_command_two_lines", out.stderr);
}

/// A home whose configuration points at the test server on `port`, with
/// its CA as `ca_file`.
fn home_for_server(port: u16, certs: &support::certs::TestCerts) -> TestEnv {
    let env = TestEnv::new();
    let ca = write_ca(env.root(), certs);
    config_here(
        &env,
        &format!(
            "{SENDER}\n[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nusername = \"{USER}\"\nca_file = '{}'\n",
            ca.display()
        ),
    );
    env
}

#[test]
fn a_successful_check_reports_in_german() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = home_for_server(server.port(), &certs);
    let out = run(
        env.german(&["--config", "config.toml", "check"])
            .env("APPEAL_SMTP_PASSWORD", PASSWORD),
        0,
    );
    let stdout = out.stdout.replace(&server.port().to_string(), "PORT");
    assert_german(&stdout);
    assert_snapshot!("check_ok", stdout);
    assert!(server.messages().is_empty());
}

#[test]
fn a_failed_check_says_so_in_german() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = home_for_server(server.port(), &certs);
    let out = run(
        env.german(&["--config", "config.toml", "check"])
            .env("APPEAL_SMTP_PASSWORD", "falsch"),
        1,
    );
    // What the server said comes from the mail connection (converted with
    // src/transport); the check's own words are German.
    assert!(
        out.stderr.starts_with("Fehler: Test fehlgeschlagen: "),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn init_says_what_it_created_in_german() {
    let env = TestEnv::new();
    let out = run(&mut env.german(&["init", "kampagne"]), 0);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    // The commands to type next are the same in every language.
    let words: Vec<&str> = out
        .stderr
        .lines()
        .filter(|line| !line.starts_with("  appeal "))
        .collect();
    assert_eq!(words.len(), 2, "{}", out.stderr);
    assert_german(&words.join("\n"));
    assert_snapshot!("init_created", out.stderr);
    assert_eq!(
        env.listing("work/kampagne"),
        ["recipients.toml", "templates"]
    );
}

#[test]
fn init_refuses_a_folder_in_use_in_german() {
    let env = TestEnv::new();
    env.write("work/kampagne/notiz.txt", "meins");
    let out = run(&mut env.german(&["init", "kampagne"]), 2);
    assert_german(&out.stderr);
    assert_snapshot!("init_not_empty", out.stderr);
    assert_eq!(env.listing("work/kampagne"), ["notiz.txt"]);
}

#[test]
fn appeal_lang_en_keeps_the_english_texts_under_a_german_locale() {
    let german_locale = TestEnv::new();
    let english = TestEnv::new();
    let out = run(
        german_locale
            .german(&["init", "kampagne"])
            .env("APPEAL_LANG", "en"),
        0,
    );
    let plain = run(&mut english.cmd(&["init", "kampagne"]), 0);
    assert_eq!(out.stderr, plain.stderr);
    assert!(
        out.stderr.starts_with("created `kampagne`: "),
        "{}",
        out.stderr
    );
}

/// The wizard on a pseudo-terminal.
#[cfg(unix)]
mod wizard {
    use super::support::cli::{assert_german, TestEnv};
    use rexpect::session::PtySession;

    const DOWN: &str = "\x1b[B";
    const ENTER: &str = "\r";

    /// What rexpect reads, as text: it turns each byte into a char, so
    /// German text is looked for byte by byte.
    fn bytes(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    /// Text rexpect read, decoded as the UTF-8 it was.
    fn utf8(read: &str) -> String {
        let raw: Vec<u8> = read.chars().map(|c| c as u8).collect();
        String::from_utf8(raw).expect("appeal writes UTF-8")
    }

    /// dialoguer reads keys, so nothing ends in a newline: flush each time.
    fn keys(p: &mut PtySession, text: &str) -> Result<(), rexpect::error::Error> {
        p.send(text)?;
        p.flush()
    }

    fn spawn(env: &TestEnv, german: bool) -> PtySession {
        let mut cmd = env.std_cmd(&["setup"]);
        cmd.env("TERM", "xterm").env("NO_COLOR", "1");
        if german {
            cmd.env("LANG", "de_DE.UTF-8");
        }
        rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal on a pty")
    }

    /// The questions and answers of one run, in the language of `german`:
    /// what the wizard says before each answer, and the keys typed.
    fn steps(german: bool) -> Vec<(&'static str, String)> {
        let pick = |de: &'static str, en: &'static str| if german { de } else { en };
        vec![
            (
                pick(
                    "Dein Name, wie er unter den Briefen steht",
                    "Your name, as signed under the letters",
                ),
                format!("Erika Mustermann{ENTER}"),
            ),
            (
                pick(
                    "Deine E-Mail-Adresse (von ihr werden die Briefe gesendet)",
                    "Your email address (the letters are sent from it)",
                ),
                format!("erika@posteo.de{ENTER}"),
            ),
            (
                pick(
                    "Dein Wohnort, wie er unter deinem Namen steht (freiwillig)",
                    "Your town, printed under your name (optional)",
                ),
                format!("Köln{ENTER}"),
            ),
            (
                pick(
                    "Den Server von Posteo nutzen: posteo.de:587 (STARTTLS)?",
                    "Use Posteo's server posteo.de:587 (STARTTLS)?",
                ),
                ENTER.to_string(),
            ),
            // The choices: a command, the environment variable, ask each
            // time (the default); down from the last wraps to the first.
            (
                pick("jedes Mal fragen", "ask me each time"),
                format!("{DOWN}{ENTER}"),
            ),
            (
                pick(
                    "Befehl, der das Passwort ausgibt",
                    "Command that prints the password",
                ),
                format!("pass show mail/posteo{ENTER}"),
            ),
            (
                pick(
                    "Das E-Mail-Konto jetzt mit `appeal check` testen?",
                    "Test the account now with `appeal check`?",
                ),
                format!("n{ENTER}"),
            ),
        ]
    }

    /// Runs the whole wizard; returns the file it wrote.
    fn run_wizard(german: bool) -> Result<String, rexpect::error::Error> {
        let env = TestEnv::new();
        let mut p = spawn(&env, german);
        for (question, answer) in steps(german) {
            p.exp_string(&bytes(question))?;
            keys(&mut p, &answer)?;
        }
        let last = if german {
            "Führ `appeal check` aus, wenn du so weit bist; es wird nichts gesendet."
        } else {
            "run `appeal check` when you are ready; it sends nothing"
        };
        p.exp_string(&bytes(last))?;
        p.exp_eof()?;
        let status = p.process().wait()?;
        assert_eq!(
            status,
            rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
        );
        Ok(std::fs::read_to_string(env.config_file()).expect("the wizard wrote the file"))
    }

    #[test]
    fn the_first_question_is_german() -> Result<(), rexpect::error::Error> {
        let env = TestEnv::new();
        let mut p = spawn(&env, true);
        let before = utf8(&p.exp_string("Dein Name, wie er unter den Briefen steht")?);
        let path = env.config_file().display().to_string();
        let intro = format!(
            "Die Einrichtung schreibt deinen Namen und dein E-Mail-Konto nach `{path}`.\r\n\
             Dein Passwort wird dort nie gespeichert."
        );
        assert!(before.contains(&intro), "{before:?}");
        assert_german(&before);
        Ok(())
    }

    #[test]
    fn a_whole_german_run_writes_the_same_file_as_an_english_one(
    ) -> Result<(), rexpect::error::Error> {
        let german = run_wizard(true)?;
        let english = run_wizard(false)?;
        assert_eq!(german, english);
        assert!(
            german.contains("password_command = \"pass show mail/posteo\""),
            "{german}"
        );
        assert!(german.contains("city = \"Köln\""), "{german}");
        Ok(())
    }

    #[test]
    fn the_providers_advice_is_german() -> Result<(), rexpect::error::Error> {
        let env = TestEnv::new();
        let mut p = spawn(&env, true);
        for (question, answer) in [
            ("Dein Name", "Erika Mustermann"),
            ("Deine E-Mail-Adresse", "erika@gmx.de"),
            ("Dein Wohnort", ""),
        ] {
            p.exp_string(question)?;
            keys(&mut p, &format!("{answer}{ENTER}"))?;
        }
        p.exp_string("Den Server von GMX nutzen: mail.gmx.net:587 (STARTTLS)?")?;
        keys(&mut p, ENTER)?;
        p.exp_string(&bytes(
            "Hinweis: GMX lässt Mailprogramme erst zu, wenn du in den E-Mail-Einstellungen \
             des Webmailers den Zugriff über „POP3 & IMAP Abruf“ erlaubst.",
        ))?;
        p.exp_string(&bytes(
            "Woher kommt das Passwort für `erika@gmx.de`? (appeal speichert es nie)",
        ))?;
        p.send_control('c')?;
        p.exp_eof()?;
        assert!(!env.config_file().exists());
        Ok(())
    }

    #[test]
    fn the_wizards_check_and_a_second_try_at_the_password_are_german(
    ) -> Result<(), rexpect::error::Error> {
        use super::support::certs::make_certs;
        use super::support::smtp::{self, ServerOptions};
        use super::{PASSWORD, USER};

        let certs = make_certs();
        let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
        let env = TestEnv::for_erika(server.port(), "starttls", &certs, "");
        let before = std::fs::read_to_string(env.config_file()).unwrap();
        let mut p = spawn(&env, true);
        // Every answer its default: the file already says all of it.
        for question in [
            "Dein Name",
            "Deine E-Mail-Adresse",
            "Dein Wohnort",
            "Über welchen Server sendest du deine E-Mails?",
            "SMTP-Server",
            "Wie ist die Verbindung verschlüsselt?",
            "Port",
            "Anmeldename",
            "jedes Mal fragen",
        ] {
            p.exp_string(&bytes(question))?;
            keys(&mut p, ENTER)?;
        }
        p.exp_string(&bytes("steht schon genau das; nichts geändert."))?;
        p.exp_string("Das E-Mail-Konto jetzt mit `appeal check` testen?")?;
        keys(&mut p, ENTER)?; // the default is yes
        let asked = bytes(&format!("Passwort für `{USER}` bei 127.0.0.1"));
        p.exp_string(&asked)?;
        keys(&mut p, &format!("nicht-das-Passwort{ENTER}"))?;
        p.exp_string(
            "Versuch es noch einmal (Anbieter wie Gmail brauchen ein App-Passwort, \
             nicht das, mit dem du dich anmeldest).",
        )?;
        p.exp_string(&asked)?;
        keys(&mut p, &format!("{PASSWORD}{ENTER}"))?;
        let report = utf8(&p.exp_string("Es wurde nichts gesendet.")?);
        p.exp_eof()?;
        let status = p.process().wait()?;
        assert_eq!(
            status,
            rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0)
        );
        let port = server.port();
        assert!(
            report.contains(&format!("ok: 127.0.0.1:{port} (")),
            "{report}"
        );
        assert!(
            report.contains(&format!("ok: angemeldet als `{USER}`")),
            "{report}"
        );
        assert_eq!(server.connections(), 2, "one login per password typed");
        assert!(server.messages().is_empty());
        assert_eq!(std::fs::read_to_string(env.config_file()).unwrap(), before);
        Ok(())
    }

    #[test]
    fn a_wrong_answer_is_asked_again_in_german() -> Result<(), rexpect::error::Error> {
        let env = TestEnv::new();
        let mut p = spawn(&env, true);
        p.exp_string("Dein Name")?;
        keys(&mut p, &format!("Erika{ENTER}"))?;
        p.exp_string("Deine E-Mail-Adresse")?;
        keys(&mut p, &format!("erika@initiative.example{ENTER}"))?;
        p.exp_string("Dein Wohnort")?;
        keys(&mut p, ENTER)?;
        // No provider for the domain: the list, first "enter the server myself".
        p.exp_string(&bytes("Über welchen Server sendest du deine E-Mails?"))?;
        keys(&mut p, ENTER)?;
        p.exp_string("SMTP-Server (Hostname, z. B. smtp.example.org)")?;
        keys(&mut p, &format!("smtp.example.org:465{ENTER}"))?;
        p.exp_string(&bytes(
            "`smtp.example.org:465`: Gib nur den Hostnamen an; nach dem Port wird gleich gefragt – bitte noch einmal.",
        ))?;
        p.exp_string("SMTP-Server")?;
        p.send_control('c')?;
        p.exp_eof()?;
        Ok(())
    }
}
