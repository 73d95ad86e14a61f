//! The letters area speaks German to German users (issue 16 item 1): the
//! recipients file's errors and hints, the members file's notices, the
//! `appeal recipients` listing, the frame of the text preview, the
//! `--choose` checklist and a `recipients fetch` error, run through the real
//! binary with `LANG=de_DE.UTF-8` and compared with snapshots; each text is
//! also checked for English words outside backticks.

#![cfg(unix)]

mod support;

use std::path::Path;

use insta::assert_snapshot;
use rexpect::process::wait::WaitStatus;
use rexpect::session::spawn_command;

use support::cli::{assert_german, run, TestEnv};
use support::http::{HttpServer, Reply};

/// A campaign whose own data are German (the built-in list's role notes
/// are English campaign data, not interface).
const RECIPIENTS_TOML: &str = r#"[campaign]
id = "mitglieder"
title = "Gesichtserkennung verbieten"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
salutation = "Frau"
email = "mep1@example.org"
party = "Partei A"
role = "Mitglied"

[[recipient]]
name = "Bernd Berger"
salutation = "Herr"
email = "mep2@example.org"
party = "Partei B"
role = "Mitglied"
left_office = 2024-07-15
"#;

const TEMPLATE: &str = "Subject: Gesichtserkennung verbieten

{{greeting}}

bitte setzen Sie sich für ein Verbot ein.

Mit freundlichen Grüßen
{{sender.name}}
";

/// A home with the German test campaign in `kampagne/`.
fn home() -> (TestEnv, String) {
    let env = TestEnv::new();
    let dir = env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
    (env, text_of(&dir))
}

fn text_of(path: &Path) -> String {
    path.to_str().expect("a UTF-8 path").to_string()
}

/// `text` with the test's temporary home shown as `[home]`.
fn redact_home(env: &TestEnv, text: &str) -> String {
    text.replace(&text_of(env.root()), "[home]")
}

#[test]
fn a_missing_recipients_file_is_a_german_error_with_its_hint() {
    let env = TestEnv::new();
    let out = run(
        &mut env.german(&["--recipients", "fehlt.toml", "recipients"]),
        2,
    );
    assert_eq!(out.stdout, "");
    assert_german(&out.stderr);
    assert_snapshot!("missing_recipients_file", out.stderr);
}

#[test]
fn a_recipients_file_that_is_not_utf8_is_a_german_error_with_its_hint() {
    let env = TestEnv::new();
    let path = env.root().join("latin1.toml");
    std::fs::write(&path, b"[campaign]\nid = \"x\"\ntitle = \"M\xfcnchen\"\n").unwrap();
    let out = run(
        &mut env.german(&["--recipients", &text_of(&path), "recipients"]),
        2,
    );
    let stderr = redact_home(&env, &out.stderr);
    assert_german(&stderr);
    assert_snapshot!("recipients_file_not_utf8", stderr);
}

#[test]
fn every_problem_of_a_recipients_file_is_listed_in_german() {
    let env = TestEnv::new();
    let dir = env.write_campaign(
        "kaputt",
        "[campaign]\nid = \"k\"\ntitle = \"K\"\ntemplate = \"brief.de.hbs\"\n\n\
         [[recipient]]\nname = \"Anna Albers\"\nemail = \"keine-adresse\"\n\n\
         [[recipient]]\nname = \"Bernd Berger\"\nemail = \"b@example.org\"\nleft_office = \"2024-07-15\"\n\n\
         [[recipient]]\nname = \"Carla Conrad\"\nemail = \"c@example.org\"\n\n\
         [[recipient]]\nname = \"Dora Diehl\"\nemail = \"C@example.org\"\n\n\
         [[recipient]]\nname = \"Emil Ernst\"\nemail = \"e@example.org\"\nemial = \"e@example.org\"\n\n\
         [[recipient]]\nname = \"Frida Fuchs\"\n",
        "brief.de.hbs",
        TEMPLATE,
    );
    let out = run(
        &mut env.german(&["--campaign", &text_of(&dir), "recipients"]),
        2,
    );
    let stderr = redact_home(&env, &out.stderr);
    // Each problem starts with its place as compilers print it,
    // `FILE:LINE:COLUMN`: a file name, not a word.
    let place = "[home]/kaputt/recipients.toml";
    assert_german(&stderr.replace(place, &format!("`{place}`")));
    assert_snapshot!("recipients_file_problems", stderr);
}

#[test]
fn members_file_notices_are_german() {
    let (env, campaign) = home();
    // Excel's "CSV" on a German Windows: semicolons, Windows-1252 (0xFC is
    // ü, 0xDF is ß), and a column appeal does not read.
    let path = env.root().join("mitglieder.csv");
    std::fs::write(
        &path,
        b"Name;E-Mail;Ort;Telefon\r\nJ\xfcrgen Gro\xdf;juergen@example.org;M\xfcnchen;0123\r\n",
    )
    .unwrap();
    let out = run(
        &mut env.german(&[
            "--campaign",
            &campaign,
            "preview",
            "--senders",
            &text_of(&path),
            "--format",
            "json",
        ]),
        0,
    );
    assert!(out.stdout.contains("Jürgen Groß"), "{}", out.stdout);
    let stderr = redact_home(&env, &out.stderr);
    assert_german(&stderr);
    assert_snapshot!("members_file_notices", stderr);
}

#[test]
fn a_members_file_without_a_name_column_is_a_german_error_with_its_hint() {
    let (env, campaign) = home();
    let path = env.write("mitglieder.csv", "E-Mail,Ort\na@example.org,Köln\n");
    let out = run(
        &mut env.german(&[
            "--campaign",
            &campaign,
            "preview",
            "--senders",
            &text_of(&path),
        ]),
        2,
    );
    let stderr = redact_home(&env, &out.stderr);
    assert_german(&stderr);
    assert_snapshot!("members_file_no_name_column", stderr);
}

#[test]
fn the_recipients_listing_is_german() {
    let (env, campaign) = home();
    let out = run(&mut env.german(&["--campaign", &campaign, "recipients"]), 0);
    assert_german(&out.stdout);
    assert_snapshot!("recipients_listing", out.stdout);
}

#[test]
fn the_built_in_campaigns_listing_and_its_note_are_german() {
    let env = TestEnv::new();
    let out = run(&mut env.german(&["recipients"]), 0);
    // The table's ROLLE cells are the campaign's own data (`substitute`,
    // `MEP, not on LIBE`), which `--role` matches: only the interface
    // around them is German.
    let (_table, note) = out.stdout.split_once("\n\n").expect("a note below");
    assert_german(note);
    assert!(out.stdout.starts_with("#UnscanMyFace"), "{}", out.stdout);
    assert_snapshot!("builtin_recipients_listing", out.stdout);
}

#[test]
fn the_recipients_check_is_german() {
    let (env, campaign) = home();
    let out = run(
        &mut env.german(&["--campaign", &campaign, "recipients", "--check"]),
        0,
    );
    let stdout = redact_home(&env, &out.stdout);
    assert_german(&stdout);
    assert_eq!(
        stdout,
        "In Ordnung: 2 Empfänger*innen (1 im Amt); mit der Vorlage \
         `[home]/kampagne/templates/brief.de.hbs` lässt sich an alle ein Brief erstellen\n"
    );
}

#[test]
fn the_text_previews_frame_is_german() {
    let (env, campaign) = home();
    let out = run(
        &mut env.german(&[
            "--campaign",
            &campaign,
            "preview",
            "--name",
            "Erika Mustermann",
            "--format",
            "text",
        ]),
        0,
    );
    // The date changes with each run.
    let stdout: String = out
        .stdout
        .lines()
        .map(|line| match line.strip_prefix("Datum: ") {
            Some(_) => "Datum: [now]\n".to_string(),
            None => format!("{line}\n"),
        })
        .collect();
    assert_german(&stdout);
    assert_snapshot!("preview_text_frame", stdout);
    // The former member is left out, and the notice says so in German.
    assert_german(&out.stderr);
    assert_eq!(
        out.stderr,
        "Hinweis: 1 Empfänger*in fällt weg, die aus dem Amt ausgeschieden ist oder die Rolle, \
         in der der Brief sie anspricht, nicht mehr hat: Bernd Berger (am 15. Juli 2024 aus dem \
         Amt ausgeschieden). Mit `--include-former` schreibst du trotzdem allen.\n"
    );
}

#[test]
fn english_is_kept_when_appeal_lang_says_so() {
    let (env, campaign) = home();
    let english = run(&mut env.cmd(&["--campaign", &campaign, "recipients"]), 0);
    let chosen = run(
        env.german(&["--campaign", &campaign, "recipients"])
            .env("APPEAL_LANG", "en"),
        0,
    );
    assert_eq!(chosen.stdout, english.stdout);
    assert!(
        english
            .stdout
            .starts_with("Gesichtserkennung verbieten (mitglieder): 2 recipients\nNAME"),
        "{}",
        english.stdout
    );
}

/// `recipients fetch` against the local test server `server`.
fn fetch(env: &TestEnv, server: &HttpServer, committee: &str) -> support::cli::Run {
    let url = server.url();
    let args = [
        "recipients",
        "fetch",
        "--committee",
        committee,
        "--country",
        "DE",
        "--retry-wait",
        "0",
        "--api-url",
        &url,
        "--out",
        "heute.toml",
    ];
    let out = env.german(&args).output().expect("run appeal");
    support::cli::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: support::cli::text(&out.stdout),
        stderr: support::cli::text(&out.stderr).replace(&url, "[server]"),
    }
}

#[test]
fn an_unknown_committee_is_a_german_fetch_error() {
    let server = HttpServer::start(|_, _| Reply::status(404));
    let env = TestEnv::new();
    let out = fetch(&env, &server, "NOPE");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_german(&out.stderr);
    assert_snapshot!("fetch_unknown_committee", out.stderr);
    assert!(env.listing("work").is_empty());
}

#[test]
fn a_failing_server_is_a_german_fetch_error() {
    let server = HttpServer::start(|_, _| Reply::status(500));
    let env = TestEnv::new();
    let out = fetch(&env, &server, "LIBE");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_german(&out.stderr);
    assert_snapshot!("fetch_server_failing", out.stderr);
    assert!(env.listing("work").is_empty());
}

/// `text` as rexpect reads it from the terminal: one char per byte of its
/// UTF-8.
fn as_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

#[test]
fn the_choose_checklist_asks_in_german() -> Result<(), rexpect::error::Error> {
    let (env, campaign) = home();
    let mut cmd = env.std_cmd(&[
        "--campaign",
        &campaign,
        "preview",
        "--name",
        "Erika Mustermann",
        "--choose",
    ]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("LANG", "de_DE.UTF-8");
    let mut p = spawn_command(cmd, Some(20_000))?;
    p.exp_string(&as_read(
        "Empfänger*innen für diesen Durchlauf (Leertaste entfernt das Häkchen, Enter geht weiter)",
    ))?;
    p.exp_string("Anna Albers (Partei A, Mitglied)")?;
    // Untick the only one: nobody is chosen.
    p.send(" ")?;
    p.flush()?;
    p.send("\r")?;
    p.flush()?;
    p.exp_string(&as_read(
        "Fehler: Keine Empfänger*in ausgewählt; nichts zu tun",
    ))?;
    p.exp_string(&as_read(
        "Tipp: Starte noch einmal und lass mindestens eine Empfänger*in angehakt.",
    ))?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(status, WaitStatus::Exited(p.process().child_pid, 2));
    Ok(())
}

#[test]
fn without_a_name_and_a_terminal_the_refusal_is_german() {
    let (env, campaign) = home();
    let out = run(&mut env.german(&["--campaign", &campaign, "preview"]), 2);
    assert_eq!(out.stdout, "");
    assert_german(&out.stderr);
    assert_eq!(
        out.stderr,
        "Fehler: Kein Name für die Unterschrift angegeben\n\
         Tipp: Gib `--name \"Dein Name\"` an oder trag `name` unter [sender] in die \
         Konfiguration ein (`appeal setup`).\n"
    );
}

#[test]
fn the_name_question_is_german() -> Result<(), rexpect::error::Error> {
    let (env, campaign) = home();
    let mut cmd = env.std_cmd(&["--campaign", &campaign, "preview", "--format", "json"]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("LANG", "de_DE.UTF-8");
    let mut p = spawn_command(cmd, Some(20_000))?;
    p.exp_string("Dein Name (er steht unter dem Brief)")?;
    p.send("Erika Mustermann\r")?;
    p.flush()?;
    p.exp_string("Erika Mustermann <absender@appeal.invalid>")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(status, WaitStatus::Exited(p.process().child_pid, 0));
    Ok(())
}

#[test]
fn an_operating_system_error_is_german_too() {
    let env = TestEnv::new();
    let missing = env.root().join("fehlt.csv");
    let missing = missing.to_str().unwrap();
    let out = run(&mut env.german(&["recipients", "import", missing]), 2);
    assert_eq!(
        out.stderr,
        format!(
            "Fehler: `{missing}` lässt sich nicht lesen: Datei oder Ordner nicht gefunden (Systemfehler 2)\n\
             Tipp: Prüfe den Pfad. Die Datei muss CSV-Text in UTF-8 sein („CSV UTF-8“ in Excel).\n"
        )
    );
    assert_german(&out.stderr);
    // English keeps the system's own words.
    let out = run(&mut env.cmd(&["recipients", "import", missing]), 2);
    assert!(
        out.stderr.starts_with(&format!(
            "error: cannot read `{missing}`: No such file or directory (os error 2)\n"
        )),
        "{}",
        out.stderr
    );
}
