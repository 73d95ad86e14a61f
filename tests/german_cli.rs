//! The command line in German (issue 16): `--help` of every command and
//! flag from i18n/de/cli.ftl, clap's own words (`Aufruf:`, `Optionen:`,
//! `[Standard: …]`) and usage errors in German with exit 2, the man page
//! with German sections that groff renders without warnings, and German
//! yes/no questions that take `j`/`ja`. `LANG=C` and `APPEAL_LANG=en` keep
//! everything English.

#![cfg(unix)]

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use clap::CommandFactory;
use insta::assert_snapshot;
use mail_parser::MessageParser;
use rexpect::process::wait::WaitStatus;
use rexpect::session::PtySession;
use support::certs::{make_certs, write_ca};
use support::cli::{assert_german, run, usage_error, TestEnv};
use support::smtp::{self, ServerOptions};

/// The ids (messages) of every .ftl file of one language.
fn keys_of(lang: &str) -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("i18n")
        .join(lang);
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ftl") {
            let source = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(source.as_str()).expect("valid Fluent");
            for entry in resource.body {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    keys.insert(m.id.name.to_string());
                }
            }
        }
    }
    keys
}

/// German output with what is not prose left out: the examples' and the
/// usage's command lines (from `appeal ` on), the command names of the
/// `Befehle:` list and the flags of the options' column. What is left
/// must be German.
fn prose(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let line = if trimmed.starts_with("appeal ") {
            // An example: only its comment is prose.
            line.split_once(" # ").map_or("", |(_, comment)| comment)
        } else if line.starts_with("Aufruf: ") {
            "Aufruf:"
        } else {
            line
        };
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let listed_name = indent == 2
            && trimmed
                .split_once("  ")
                .is_some_and(|(name, _)| name.chars().all(|c| c.is_ascii_lowercase()));
        let text = if trimmed.starts_with('-') || listed_name {
            trimmed
                .split_once("  ")
                .map_or("", |(_, help)| help)
                .trim_start()
        } else {
            trimmed
        };
        out.push_str(text);
        out.push('\n');
    }
    out
}

#[test]
fn every_command_argument_and_value_has_its_keys_in_both_languages() {
    let english = keys_of("en");
    let german = keys_of("de");
    let texts = appeal::cli_text::texts(&appeal::cli::Cli::command());
    assert!(texts.len() > 100, "{}", texts.len());
    let mut problems = Vec::new();
    for text in texts {
        if !english.contains(&text.key) {
            problems.push(format!("`{}` is not in i18n/en/cli.ftl", text.key));
        }
        if !german.contains(&text.key) {
            problems.push(format!("`{}` is not in i18n/de/cli.ftl", text.key));
        }
        // The English message is the doc comment, word for word: English
        // help stays what it was.
        let shown = appeal::i18n::message_in(appeal::i18n::Lang::En, &text.key, &[]);
        if shown != text.builtin {
            problems.push(format!(
                "`{}` reads {shown:?} in English, but cli.rs says {:?}",
                text.key, text.builtin
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn german_help_of_appeal() {
    let out = run(&mut TestEnv::new().german(&["--help"]), 0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_german(&prose(&out.stdout));
    assert_snapshot!("appeal_help", out.stdout);
}

#[test]
fn german_help_of_send() {
    let out = run(&mut TestEnv::new().german(&["send", "--help"]), 0);
    assert_german(&prose(&out.stdout));
    assert_snapshot!("send_help", out.stdout);
}

#[test]
fn german_short_help_shows_defaults_and_values_in_german() {
    let out = run(&mut TestEnv::new().german(&["preview", "-h"]), 0);
    assert_german(&prose(&out.stdout));
    assert_snapshot!("preview_short_help", out.stdout);
}

#[test]
fn help_of_every_command_is_german() {
    for args in [
        &["preview", "--help"][..],
        &["recipients", "--help"],
        &["recipients", "fetch", "--help"],
        &["recipients", "import", "--help"],
        &["check", "--help"],
        &["setup", "--help"],
        &["init", "--help"],
        &["status", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
        &["help", "send"],
    ] {
        let out = run(&mut TestEnv::new().german(args), 0);
        assert!(
            out.stdout.contains("Aufruf: appeal"),
            "{args:?}:\n{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("\nBeispiele:\n") || args[0] == "recipients",
            "{args:?}"
        );
        assert_german(&prose(&out.stdout));
    }
}

#[test]
fn an_unknown_flag_is_a_german_usage_error_with_a_tip() {
    let out = run(&mut TestEnv::new().german(&["send", "--dry-rn"]), 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "Fehler: Unerwartetes Argument `--dry-rn`\n\n  Tipp: Es gibt eine ähnliche Option: `--dry-run`\n\n\
         Aufruf: appeal send --dry-run\n\nMehr dazu zeigt `--help`.\n"
    );
    assert_german(&prose(&out.stderr));
}

#[test]
fn an_invalid_value_lists_the_possible_values_in_german() {
    let out = run(
        &mut TestEnv::new().german(&["preview", "--format", "xml"]),
        2,
    );
    assert_snapshot!("invalid_value", out.stderr);
    assert_german(&prose(&out.stderr));
}

#[test]
fn missing_values_arguments_and_commands_are_german_usage_errors() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["send", "--rate"],
            "Fehler: `--rate <N/min|N/h|unlimited>` braucht einen Wert, aber es wurde keiner angegeben\n\n\
             Mehr dazu zeigt `--help`.\n",
        ),
        (
            &["recipients", "fetch", "--country", "DE"],
            "Fehler: Diese Angabe fehlt:\n  --committee <KÜRZEL>\n\n\
             Aufruf: appeal recipients fetch --committee <KÜRZEL> --country <LAND>\n\n\
             Mehr dazu zeigt `--help`.\n",
        ),
        (
            &["sned"],
            "Fehler: Unbekannter Befehl `sned`\n\n  Tipp: Es gibt einen ähnlichen Befehl: `send`\n\n\
             Aufruf: appeal [OPTIONEN] <BEFEHL>\n\nMehr dazu zeigt `--help`.\n",
        ),
        (
            &["send", "--retry-wait", "x"],
            "Fehler: Ungültiger Wert `x` für `--retry-wait <SEKUNDEN>`: `x` ist keine Zahl von \
             Sekunden zwischen 0 und 3600\n\nMehr dazu zeigt `--help`.\n",
        ),
        (
            &["send", "--connections", "0"],
            "Fehler: Ungültiger Wert `0` für `--connections <N>`: `0` liegt nicht im Bereich \
             `1..=16`\n\nMehr dazu zeigt `--help`.\n",
        ),
        (
            &["preview", "--note", "a", "--note-file", "b"],
            "Fehler: `--note <TEXT>` geht nicht zusammen mit `--note-file <DATEI>`\n\n\
             Aufruf: appeal preview --note <TEXT>\n\nMehr dazu zeigt `--help`.\n",
        ),
    ];
    for (args, expected) in cases {
        let out = run(&mut TestEnv::new().german(args), 2);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert_eq!(out.stderr, expected, "{args:?}");
        assert_german(&prose(&out.stderr));
    }
}

#[test]
fn lang_c_and_appeal_lang_en_keep_help_and_errors_english() {
    let env = TestEnv::new();
    let english = run(&mut env.cmd(&["send", "--help"]), 0).stdout;
    assert!(
        english.contains("Usage: appeal send [OPTIONS]"),
        "{english}"
    );
    assert!(english.contains("\nOptions:\n"), "{english}");
    assert!(english.contains("[default: 3]"), "{english}");
    let mut c = env.cmd(&["send", "--help"]);
    c.env("LANG", "C");
    assert_eq!(run(&mut c, 0).stdout, english);
    let mut en = env.german(&["send", "--help"]);
    en.env("APPEAL_LANG", "en");
    assert_eq!(run(&mut en, 0).stdout, english);

    let mut en = env.german(&["send", "--dry-rn"]);
    en.env("APPEAL_LANG", "en");
    usage_error(
        &mut en,
        &[
            "error: unexpected argument '--dry-rn' found",
            "tip: a similar argument exists: '--dry-run'",
            "Usage: appeal send --dry-run",
            "For more information, try '--help'.",
        ],
    );
}

#[test]
fn the_german_man_page_renders_without_warnings() {
    let page = run(&mut TestEnv::new().german(&["man"]), 0).stdout;
    assert!(page.contains("\n.TH appeal 1 "), "{page}");
    let Some(text) = support::man::rendered_by_groff(&page) else {
        return;
    };
    for section in [
        "BEZEICHNUNG",
        "ÜBERSICHT",
        "BESCHREIBUNG",
        "OPTIONEN",
        "OPTIONEN FÜR ALLE BEFEHLE",
        "BEFEHLE",
        "BEISPIELE",
        "EXIT-STATUS",
        "UMGEBUNG",
        "DATEIEN",
    ] {
        assert!(
            text.contains(&format!("\n{section}\n")),
            "no {section} in\n{text}"
        );
    }
    for english in [
        "NAME\n",
        "SYNOPSIS",
        "DESCRIPTION",
        "Possible values",
        "[default:",
    ] {
        assert!(!text.contains(english), "`{english}` in\n{text}");
    }
    assert!(text.contains("Ruf denselben Befehl später noch einmal auf."));
    assert!(text.contains("Benutzerbefehle"));
    assert!(text.contains("Mögliche Werte:"));
}

#[test]
fn completions_describe_flags_and_values_in_german() {
    let fish = run(&mut TestEnv::new().german(&["completions", "fish"]), 0).stdout;
    assert!(
        fish.contains(
            "-l dry-run -d 'Probelauf: alles außer der Verbindung; zeigt, was verschickt würde'"
        ),
        "{fish}"
    );
    let zsh = run(&mut TestEnv::new().german(&["completions", "zsh"]), 0).stdout;
    assert!(
        zsh.contains(
            "mail-program\\:\"Jeder Brief wird in deinem Mailprogramm geöffnet und von dort verschickt\""
        ),
        "{zsh}"
    );
    for english in [
        "Each letter opened",
        "Readable: headers",
        "Print help",
        "[default:",
    ] {
        assert!(
            !zsh.contains(english) && !fish.contains(english),
            "{english}"
        );
    }
    // The values are still completed.
    assert!(
        zsh.contains("(smtp mail-program drafts)") || zsh.contains("smtp\\:"),
        "{zsh}"
    );
}

const VERSION: &str = env!("CARGO_PKG_VERSION");
const USER: &str = "erika@example.org";
const PASSWORD: &str = "Tipp-Geheim-42";

fn keys(p: &mut PtySession, text: &str) -> Result<(), rexpect::error::Error> {
    p.send(text)?;
    p.flush()
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().expect("wait for appeal") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("appeal did not exit normally: {other:?}"),
    }
}

/// `appeal send --to barley` in German on a terminal, the password given
/// by the environment, against a test server.
fn german_send(env: &TestEnv) -> PtySession {
    let mut cmd = env.std_cmd(&["send", "--to", "barley"]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("LANG", "de_DE.UTF-8")
        .env("APPEAL_SMTP_PASSWORD", PASSWORD);
    rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal on a pty")
}

fn env_for(port: u16, certs: &support::certs::TestCerts) -> TestEnv {
    let env = TestEnv::new();
    let ca = write_ca(env.root(), certs);
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nusername = \"{USER}\"\nca_file = \"{}\"\n",
        ca.display()
    ));
    env
}

/// German yes/no questions show `[j/N]`, refuse other answers with a
/// German request, and take `ja` and `j` for yes.
#[test]
fn german_questions_take_ja_and_j() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), &certs);
    let mut p = german_send(&env);
    // The offer to add a sentence of one's own.
    p.exp_string("[j/N]")?;
    keys(&mut p, "vielleicht\r")?;
    p.exp_string("Bitte antworte mit j oder n")?;
    keys(&mut p, "ja\r")?;
    // The sentence's question follows the answer `ja`.
    p.exp_string("\u{b7} ja")?;
    p.exp_string("\u{e2}\u{80}\u{ba}")?; // `›` (UTF-8 bytes as rexpect reads them)
    keys(&mut p, "Ich war selbst dabei.\r")?;
    p.exp_string("Ich war selbst dabei.")?;
    // The confirmation before sending.
    p.exp_string("[j/N]")?;
    keys(&mut p, "j\r")?;
    p.exp_eof()?;
    assert_eq!(exit_code(&p), 0);
    assert!(server.wait_for_messages(1, Duration::from_secs(5)));
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let parsed = MessageParser::default().parse(&messages[0].data).unwrap();
    let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(body.contains("\n\nIch war selbst dabei.\n\n"), "{body}");
    assert_eq!(
        parsed.to().unwrap().first().unwrap().address().unwrap(),
        "katarina.barley@europarl.europa.eu"
    );
    Ok(())
}

/// `n`, `nein` and Enter (the default, No) are no: nothing is sent.
#[test]
fn german_questions_take_nein_and_enter_for_no() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), &certs);
    let mut p = german_send(&env);
    p.exp_string("[j/N]")?;
    keys(&mut p, "nein\r")?;
    p.exp_string("\u{b7} nein")?;
    p.exp_string("[j/N]")?;
    keys(&mut p, "\r")?;
    p.exp_eof()?;
    assert_eq!(exit_code(&p), 0);
    assert_eq!(server.connections(), 0);
    assert!(server.messages().is_empty());
    Ok(())
}

/// The page's header names its manual ("User Commands", in German
/// "Benutzerbefehle"), not groff's default: `.TH` holds the empty date's
/// place (clap_mangen's did not, and `man` showed "General Commands
/// Manual").
#[test]
fn the_man_page_header_names_the_manual_in_both_languages() {
    let english = run(&mut TestEnv::new().cmd(&["man"]), 0).stdout;
    assert!(
        english.contains(&format!(
            "\n.TH appeal 1 \"\" \"appeal {VERSION}\" \"User Commands\"\n"
        )),
        "{english}"
    );
    let german = run(&mut TestEnv::new().german(&["man"]), 0).stdout;
    assert!(
        german.contains(&format!(
            "\n.TH appeal 1 \"\" \"appeal {VERSION}\" \"Benutzerbefehle\"\n"
        )),
        "{german}"
    );
    let Some(text) = support::man::rendered_by_groff(&english) else {
        return;
    };
    let header = text.lines().next().unwrap_or_default();
    assert!(header.contains("User Commands"), "{header}");
}

/// `appeal send --edit` on a terminal in German, with the editor `editor`:
/// what it showed and its exit code.
fn german_edit(env: &TestEnv, editor: &str) -> (String, i32) {
    let mut cmd = env.std_cmd(&["send", "--yes", "--edit"]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("LANG", "de_DE.UTF-8")
        .env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .env("EDITOR", editor);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal on a pty");
    let shown = p.exp_eof().expect("appeal ends");
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    let shown = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    (shown, exit_code(&p))
}

/// An editor that cannot start, gives up or cannot be read is a German
/// error with a German hint, exit 2, and nothing is sent.
#[test]
fn editor_failures_are_german() {
    use std::os::unix::fs::PermissionsExt;
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), &certs);
    let quits = env.write("quits.sh", "#!/bin/sh\nexit 3\n");
    std::fs::set_permissions(&quits, std::fs::Permissions::from_mode(0o755)).unwrap();
    let quits = quits.display().to_string();
    let not_executable = env.write("plain.txt", "").display().to_string();
    let hint = "Tipp: Stell `$VISUAL` oder `$EDITOR` auf deinen Editor, zum Beispiel `EDITOR=nano`";
    let cases = [
        (
            "/nonexistent/editor".to_string(),
            "Fehler: Der Editor `/nonexistent/editor` startet nicht: Datei oder Ordner gibt es \
             nicht; es wurde nichts verschickt"
                .to_string(),
            hint.to_string(),
        ),
        (
            not_executable.clone(),
            format!(
                "Fehler: Der Editor `{not_executable}` startet nicht: keine Berechtigung zum \
                 Ausführen; es wurde nichts verschickt"
            ),
            hint.to_string(),
        ),
        (
            quits.clone(),
            format!(
                "Fehler: Der Editor `{quits}` hat abgebrochen (Exit-Code 3); es wurde nichts \
                 verschickt"
            ),
            "Tipp: Ruf denselben Befehl noch einmal auf, um den Absatz zu schreiben, oder \
             lass `--edit` weg"
                .to_string(),
        ),
        (
            "'unclosed".to_string(),
            "Fehler: Der Editor-Befehl `'unclosed` ist nicht lesbar".to_string(),
            hint.to_string(),
        ),
    ];
    for (editor, error, hint) in cases {
        let (shown, code) = german_edit(&env, &editor);
        assert_eq!(code, 2, "{shown}");
        assert!(
            shown.contains(&format!("{error}\n{hint}\n")),
            "{error}\n{hint}\nin:\n{shown}"
        );
    }
    assert_eq!(server.connections(), 0, "not even connected");
}

/// Ctrl-C at a German yes/no question ends the program with exit 130 and
/// the German notice; nothing is sent.
#[test]
fn ctrl_c_at_a_german_question_stops_in_german() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), &certs);
    let mut p = german_send(&env);
    p.exp_string("[j/N]")?;
    keys(&mut p, "\u{3}")?;
    let shown = p.exp_eof()?;
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    let shown = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    assert!(
        shown.contains("Fehler: Abgebrochen; es wurde nichts weiter getan\n"),
        "{shown}"
    );
    match p.process().wait()? {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130, "{shown}"),
        other => panic!("appeal did not exit normally: {other:?}"),
    }
    assert_eq!(server.connections(), 0);
    Ok(())
}

/// `appeal` without a command shows the German help on stderr, exit 2,
/// as clap does in English.
#[test]
fn no_command_shows_the_german_help_with_exit_2() {
    let out = run(&mut TestEnv::new().german(&[]), 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("\nAufruf: appeal [OPTIONEN] <BEFEHL>\n\nBefehle:\n  preview "),
        "{}",
        out.stderr
    );
    assert_german(&prose(&out.stderr));
    let english = run(&mut TestEnv::new().cmd(&[]), 2);
    assert!(english
        .stderr
        .contains("\nUsage: appeal [OPTIONS] <COMMAND>\n"));
}
