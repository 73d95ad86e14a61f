//! `appeal send` on a pseudo-terminal, answered as a person would: the
//! summary, the offer to add a sentence of one's own, the confirmation
//! (default No), and the hidden password question.

#![cfg(unix)]

mod support;

use std::time::Duration;

use mail_parser::MessageParser;
use rexpect::process::wait::WaitStatus;
use rexpect::session::PtySession;
use support::certs::{make_certs, write_ca, TestCerts};
use support::cli::TestEnv;
use support::smtp::{self, ServerOptions};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Tipp-Geheim-42";
const ENTER: &str = "\r";

/// dialoguer reads keys, so nothing ends in a newline: flush each time.
fn keys(p: &mut PtySession, text: &str) -> Result<(), rexpect::error::Error> {
    p.send(text)?;
    p.flush()
}

fn setup(port: u16, certs: &TestCerts) -> TestEnv {
    let env = TestEnv::new();
    let ca = write_ca(env.root(), certs);
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nusername = \"{USER}\"\nca_file = \"{}\"\n",
        ca.display()
    ));
    env
}

fn spawn(env: &TestEnv, args: &[&str]) -> PtySession {
    let mut cmd = env.std_cmd(args);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal on a pty")
}

/// Types the password when asked, then waits for the summary's count of
/// `letters` and the offer to add a sentence of one's own.
fn answer_the_password(p: &mut PtySession, letters: usize) -> Result<(), rexpect::error::Error> {
    p.exp_string("Password for `erika@example.org`")?;
    keys(p, &format!("{PASSWORD}{ENTER}"))?;
    p.exp_string(&format!("letters:   {letters} to send"))?;
    p.exp_string("Add a sentence of your own to the letter?")?;
    Ok(())
}

/// Runs `appeal args` on a pseudo-terminal with the variables `vars`, to
/// its end: what it showed (as text, `\r\n` made `\n`) and its exit code.
fn on_terminal(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> (String, i32) {
    let mut cmd = env.std_cmd(args);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal on a pty");
    let shown = p.exp_eof().expect("appeal ends");
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    let shown = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    (shown, exit_code(&p))
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().expect("wait for appeal") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("appeal did not exit normally: {other:?}"),
    }
}

#[test]
fn declining_the_confirmation_sends_nothing() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let mut p = spawn(&env, &["send"]);
    answer_the_password(&mut p, 5)?;
    keys(&mut p, &format!("n{ENTER}"))?;
    p.exp_string("Send 5 letters now?")?;
    keys(&mut p, ENTER)?; // the default is No
    p.exp_string("nothing was sent")?;
    p.exp_eof()?;
    assert_eq!(exit_code(&p), 0);
    assert_eq!(server.connections(), 0);
    Ok(())
}

#[test]
fn a_personal_sentence_and_a_hidden_password_then_sending() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let mut p = spawn(&env, &["send", "--to", "barley", "--to", "sonneborn"]);
    answer_the_password(&mut p, 2)?;
    keys(&mut p, &format!("y{ENTER}"))?;
    p.exp_string("Your sentence")?;
    keys(
        &mut p,
        &format!("Ich war selbst auf der Demonstration in Köln.{ENTER}"),
    )?;
    // Before the question, the first letter as it will be sent, with the
    // sentence in its place (rexpect reads bytes as Latin-1: ASCII only).
    p.exp_string("the letter to Dr. Katarina Barley, as it will be sent")?;
    p.exp_string("Subject: Gesichtserkennung in der KI-Verordnung verbieten")?;
    p.exp_string("entschieden.\r\n\r\nIch war selbst auf der Demonstration in K")?;
    p.exp_string("\r\n\r\nDer Einsatz von")?;
    p.exp_string("Send 2 letters now?")?;
    keys(&mut p, &format!("y{ENTER}"))?;
    p.exp_string("summary: 2 delivered")?;
    let shown = p.exp_eof()?;
    assert!(!shown.contains(PASSWORD), "the password was echoed");
    assert_eq!(exit_code(&p), 0);

    assert!(server.wait_for_messages(2, Duration::from_secs(5)));
    for (i, m) in server.messages().iter().enumerate() {
        let parsed = MessageParser::default().parse(&m.data).unwrap();
        let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
        if i == 0 {
            // The German of a sentence given at the question.
            insta::assert_snapshot!("question_note", body);
        }
        let mut paragraphs = body.split("\n\n");
        assert!(
            paragraphs.next().unwrap().starts_with("Sehr geehrte"),
            "{body}"
        );
        assert!(paragraphs.next().unwrap().starts_with("wir wenden uns"));
        assert_eq!(
            paragraphs.next().unwrap(),
            "Ich war selbst auf der Demonstration in Köln.",
            "the sentence is its own paragraph after the first"
        );
    }
    Ok(())
}

#[test]
fn the_editor_adds_a_paragraph_even_with_yes() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    // A scripted "editor": keeps a copy of what it was given, then writes
    // the paragraph above the template's comments.
    let given = env.root().join("given.txt");
    let editor = env.write(
        "editor.sh",
        &format!(
            "#!/bin/sh\ncp \"$1\" '{}'\n{{ printf 'Mein eigener Absatz.\\n'; cat \"$1\"; }} > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
            given.display()
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let (shown, code) = on_terminal(
        &env,
        &["send", "--yes", "--edit", "--to", "sippel"],
        &[("APPEAL_SMTP_PASSWORD", PASSWORD), ("EDITOR", &editor)],
    );
    assert_eq!(code, 0, "{shown}");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let parsed = MessageParser::default().parse(&messages[0].data).unwrap();
    let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        body.contains("entschieden.\n\nMein eigener Absatz.\n\nDer Einsatz"),
        "{body}"
    );
    assert!(
        !body.contains('#'),
        "the template's comments are left out: {body}"
    );
    // The editor opened with how to write it, under the (empty) paragraph.
    assert_eq!(
        std::fs::read_to_string(&given).unwrap(),
        "\n# Write a paragraph of your own above this line; it goes into every letter\n\
         # where the template places it (in the built-in letter: after the first\n\
         # paragraph). Lines starting with # are left out. A blank line starts a new\n\
         # paragraph. Leave it empty to send the letter as it is.\n"
    );
}

/// An executable shell script in the test's folder, as an editor.
fn script(env: &TestEnv, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = env.write(name, &format!("#!/bin/sh\n{body}\n"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

#[test]
fn an_editor_that_cannot_start_or_gives_up_sends_nothing() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let quits = script(&env, "quits.sh", "exit 1");
    let hint = "hint: set $VISUAL or $EDITOR to your editor, for example EDITOR=nano";
    let cases = [
        (
            "/nonexistent/editor",
            "error: cannot start the editor `/nonexistent/editor`: No such file or directory (os error 2); nothing was sent".to_string(),
            hint,
        ),
        (
            // The hint never suggests the editor that just failed.
            "/nonexistent/nano",
            "error: cannot start the editor `/nonexistent/nano`: No such file or directory (os error 2); nothing was sent".to_string(),
            "hint: set $VISUAL or $EDITOR to your editor, for example EDITOR=vi",
        ),
        (
            quits.as_str(),
            format!("error: the editor `{quits}` gave up (exit status: 1); nothing was sent"),
            "hint: run the same command again to write the paragraph, or leave out --edit",
        ),
        (
            "'unclosed",
            "error: cannot read the editor command `'unclosed`".to_string(),
            hint,
        ),
    ];
    for (editor, error, hint) in cases {
        let (shown, code) = on_terminal(
            &env,
            &["send", "--yes", "--edit"],
            &[("APPEAL_SMTP_PASSWORD", PASSWORD), ("EDITOR", editor)],
        );
        assert_eq!(code, 2, "{shown}");
        assert!(
            shown.contains(&format!("{error}\n{hint}\n")),
            "{error}\n{hint}\nin:\n{shown}"
        );
    }
    assert_eq!(server.connections(), 0, "not even connected");
}

#[test]
fn visual_comes_before_editor_and_an_unchanged_text_adds_nothing() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let writes = script(
        &env,
        "writes.sh",
        "{ printf 'Von VISUAL.\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"",
    );
    let quits = script(&env, "quits.sh", "exit 1");
    let unchanged = script(&env, "unchanged.sh", "exit 0");
    let (shown, code) = on_terminal(
        &env,
        &["send", "--yes", "--edit", "--to", "sippel"],
        &[
            ("APPEAL_SMTP_PASSWORD", PASSWORD),
            ("VISUAL", &writes),
            ("EDITOR", &quits),
        ],
    );
    assert_eq!(code, 0, "{shown}");
    let (shown, code) = on_terminal(
        &env,
        &["send", "--yes", "--edit", "--again", "--to", "sippel"],
        &[("APPEAL_SMTP_PASSWORD", PASSWORD), ("EDITOR", &unchanged)],
    );
    assert_eq!(code, 0, "{shown}");
    let bodies: Vec<String> = server
        .messages()
        .iter()
        .map(|m| {
            let parsed = MessageParser::default().parse(&m.data).unwrap();
            parsed.body_text(0).unwrap().replace("\r\n", "\n")
        })
        .collect();
    assert_eq!(bodies.len(), 2);
    assert!(
        bodies[0].contains("entschieden.\n\nVon VISUAL.\n\nDer Einsatz"),
        "{}",
        bodies[0]
    );
    assert!(
        bodies[1].starts_with("Sehr geehrte Frau Sippel,\n\nwir wenden uns"),
        "{}",
        bodies[1]
    );
}

#[test]
fn a_terminal_shows_a_progress_bar_and_the_summary() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    // Paced, so the bar is drawn at least once before the run ends.
    let mut cmd = env.std_cmd(&["send", "--yes", "--rate", "8/s"]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("APPEAL_SMTP_PASSWORD", PASSWORD);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    let before_bar = p.exp_string("/5 letters")?;
    let during = p.exp_string("summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send")?;
    p.exp_eof()?;
    assert_eq!(exit_code(&p), 0);
    let shown = format!("{before_bar}/6 letters{during}");
    // Every letter has its line above the bar, as without a terminal.
    for who in [
        "delivered  Dr. Katarina Barley <katarina.barley@europarl.europa.eu>",
        "delivered  Martin Sonneborn <martin.sonneborn@europarl.europa.eu>",
    ] {
        assert!(shown.contains(who), "{who} in:\n{shown}");
    }
    assert_eq!(shown.matches("delivered  ").count(), 5, "{shown}");
    // The bar counts letters per minute and the time left at the pace,
    // not indicatif's per-second rate and `eta 0s`.
    assert!(shown.contains("/min  about "), "{shown}");
    assert!(shown.contains(" s left"), "{shown}");
    assert!(!shown.contains("/s  eta"), "{shown}");
    assert_eq!(server.messages().len(), 5);
    Ok(())
}

#[test]
fn with_note_the_confirmation_shows_the_letter_and_asks_for_no_sentence(
) -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let note = "Ich war selbst auf der Demonstration in Bonn.";
    let mut p = spawn(&env, &["send", "--to", "barley", "--note", note]);
    p.exp_string("Password for `erika@example.org`")?;
    keys(&mut p, &format!("{PASSWORD}{ENTER}"))?;
    p.exp_string("letters:   1 to send")?;
    let before = p.exp_string("the letter to Dr. Katarina Barley, as it will be sent")?;
    assert!(
        !before.contains("Add a sentence"),
        "--note gave the sentence: {before}"
    );
    p.exp_string(&format!(
        "entschieden.\r\n\r\n{note}\r\n\r\nDer Einsatz von"
    ))?;
    p.exp_string("now?")?;
    keys(&mut p, ENTER)?; // the default is No
    p.exp_string("nothing was sent")?;
    p.exp_eof()?;
    assert_eq!(exit_code(&p), 0);
    assert_eq!(server.connections(), 0);
    Ok(())
}

/// What a terminal session showed until `appeal` ended, and its exit code.
fn to_the_end(p: &mut PtySession) -> Result<(String, i32), rexpect::error::Error> {
    let shown = p.exp_eof()?;
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    let shown = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    Ok((shown, exit_code(p)))
}

/// The body of a message as stored by the test server.
fn body(message: &smtp::Received) -> String {
    let parsed = MessageParser::default().parse(&message.data).unwrap();
    parsed.body_text(0).unwrap().replace("\r\n", "\n")
}

#[test]
fn each_question_of_send_waits_for_enter() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let to_barley = ["send", "--to", "barley"];

    // A bare Enter takes each default: no sentence, and do not send.
    let mut p = spawn(&env, &to_barley);
    answer_the_password(&mut p, 1)?;
    keys(&mut p, ENTER)?;
    p.exp_string("Send 1 letter now?")?;
    keys(&mut p, ENTER)?;
    let (shown, code) = to_the_end(&mut p)?;
    assert_eq!(code, 0, "{shown}");
    assert!(shown.ends_with("nothing was sent\n"), "{shown}");
    assert_eq!(server.connections(), 0);

    // `n⏎`, then `y⏎`: no sentence, sent. (The `n` used to answer the
    // first question and its Enter the second, with No.)
    let mut p = spawn(&env, &to_barley);
    answer_the_password(&mut p, 1)?;
    keys(&mut p, &format!("n{ENTER}"))?;
    p.exp_string("Send 1 letter now?")?;
    keys(&mut p, &format!("y{ENTER}"))?;
    let (shown, code) = to_the_end(&mut p)?;
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("summary: 1 delivered"), "{shown}");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(
        body(&messages[0]).starts_with("Sehr geehrte Frau Dr. Barley,\n\nwir wenden uns"),
        "{}",
        body(&messages[0])
    );

    // `y⏎` asks for the sentence (it used to take the Enter as an empty
    // one); `n⏎` at the confirmation sends nothing.
    let mut p = spawn(&env, &["send", "--to", "sonneborn"]);
    answer_the_password(&mut p, 1)?;
    keys(&mut p, &format!("y{ENTER}"))?;
    p.exp_string("Your sentence")?;
    keys(&mut p, &format!("Ich schreibe aus Köln.{ENTER}"))?;
    p.exp_string("Send 1 letter now?")?;
    keys(&mut p, &format!("n{ENTER}"))?;
    let (shown, code) = to_the_end(&mut p)?;
    assert_eq!(code, 0, "{shown}");
    assert!(shown.ends_with("nothing was sent\n"), "{shown}");
    assert_eq!(server.messages().len(), 1, "nothing more was sent");
    Ok(())
}

#[test]
fn ctrl_c_at_the_confirmation_exits_130_and_sends_nothing() -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let mut p = spawn(&env, &["send", "--to", "barley"]);
    answer_the_password(&mut p, 1)?;
    keys(&mut p, ENTER)?;
    p.exp_string("Send 1 letter now?")?;
    keys(&mut p, "\x03")?;
    let (shown, code) = to_the_end(&mut p)?;
    assert_eq!(code, 130, "{shown}");
    assert!(
        shown.ends_with("\nerror: interrupted; nothing more was done\n"),
        "{shown:?}"
    );
    assert!(
        shown.rfind("\x1b[?25h") > shown.rfind("\x1b[?25l"),
        "the cursor is shown again: {shown:?}"
    );
    assert_eq!(server.connections(), 0);
    let journal = env.state_dir().join("appeal/journal/unscan-my-face.jsonl");
    assert_eq!(std::fs::read_to_string(journal).unwrap_or_default(), "");
    Ok(())
}

#[test]
fn ctrl_c_at_the_password_exits_130_with_echo_back_on() -> Result<(), rexpect::error::Error> {
    // The password question turns echo off and leaves Ctrl-C to the
    // terminal (a signal): afterwards the terminal must echo again.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        // The shell outlives the Ctrl-C (a trap with a command is not
        // inherited: appeal gets the signal as from any terminal).
        .arg("trap true INT; stty echo; echo \"before=$(stty -g)\"; \"$0\" send --to barley; echo \"exit=$?\"; echo \"after=$(stty -g)\"")
        .arg(assert_cmd::cargo::cargo_bin("appeal"))
        .envs(env.std_cmd(&[]).get_envs().filter_map(|(k, v)| Some((k, v?))))
        .current_dir(env.work_dir())
        .env_remove("APPEAL_SMTP_PASSWORD")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    let (_, before) = p.exp_regex("before=[0-9a-f:]+")?;
    p.exp_string("Password for `erika@example.org`")?;
    keys(&mut p, "\x03")?;
    p.exp_string("error: interrupted; nothing more was done")?;
    p.exp_string("exit=130")?;
    let (_, after) = p.exp_regex("after=[0-9a-f:]+")?;
    p.exp_eof()?;
    assert_eq!(
        after.strip_prefix("after="),
        before.strip_prefix("before="),
        "the terminal's settings are as before (echo on)"
    );
    assert_eq!(server.connections(), 0);
    Ok(())
}

#[test]
fn edit_without_a_terminal_is_refused_before_anything_happens() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let started = env.root().join("editor-started");
    let editor = script(&env, "editor.sh", &format!("touch '{}'", started.display()));
    for args in [&["send", "--edit"][..], &["send", "--edit", "--yes"]] {
        let out = env
            .cmd(args)
            .env("APPEAL_SMTP_PASSWORD", PASSWORD)
            .env("EDITOR", &editor)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: `--edit` opens your editor and needs a terminal\nhint: run it in a terminal, or leave out --edit\n"
        );
    }
    assert!(!started.exists(), "no editor was started");
    assert_eq!(server.connections(), 0);
    assert!(!env.state_dir().join("appeal").exists(), "no journal");
}

#[test]
fn without_a_terminal_and_nothing_left_send_says_nothing_to_send() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    env.cmd(&["send", "--yes", "--to", "barley"])
        .env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .assert()
        .code(0);
    let out = env.cmd(&["send", "--to", "barley"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "skipped:   1 letter delivered earlier (pass --again to send once more)\nnothing to send\n"
    );
    // With a letter left, it still needs --yes, and opens no journal for it.
    let journal = env.state_dir().join("appeal/journal/unscan-my-face.jsonl");
    let before = std::fs::read(&journal).unwrap();
    let out = env.cmd(&["send", "--to", "sonneborn"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: there is no terminal to confirm sending on\nhint: pass --yes to send without confirmation (or --dry-run to see what would be sent)\n"
    );
    assert_eq!(std::fs::read(&journal).unwrap(), before);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn ctrl_c_in_the_editor_is_the_editors() -> Result<(), rexpect::error::Error> {
    // The terminal sends Ctrl-C to the editor and to appeal alike; vim uses
    // it, so appeal must neither end nor leave the editor behind.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = setup(server.port(), &certs);
    let editor = script(
        &env,
        "editor.sh",
        "trap 'echo editor-saw-ctrl-c' INT\necho editor-ready\nwhile ! read line; do :; done\nprintf 'Mein Absatz.\\n' > \"$1\"",
    );
    let mut cmd = env.std_cmd(&["send", "--yes", "--edit", "--to", "sippel"]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .env("EDITOR", &editor);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    p.exp_string("editor-ready")?;
    keys(&mut p, "\x03")?;
    p.exp_string("editor-saw-ctrl-c")?;
    keys(&mut p, &format!("fertig{ENTER}"))?;
    let (shown, code) = to_the_end(&mut p)?;
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("summary: 1 delivered"), "{shown}");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(
        body(&messages[0]).contains("entschieden.\n\nMein Absatz.\n\nDer Einsatz"),
        "{}",
        body(&messages[0])
    );
    Ok(())
}

#[test]
fn require_note_with_drafts_holds_after_the_editor() {
    // `--via drafts --edit --require-note --yes` for one sender: the note
    // is required after the editor, which may add it.
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n"
    ));
    let args = [
        "send",
        "--via",
        "drafts",
        "--out",
        "d",
        "--require-note",
        "--yes",
        "--edit",
        "--to",
        "barley",
    ];
    // An editor that leaves the paragraph empty: refused after it.
    let empty = script(&env, "leer.sh", "true");
    let (shown, code) = on_terminal(&env, &args, &[("EDITOR", &empty)]);
    assert_eq!(code, 2, "{shown}");
    assert!(
        shown.contains("error: --require-note: your letter has no personal paragraph\n"),
        "{shown}"
    );
    assert!(!env.work_dir().join("d").exists());
    // One that writes it: the draft carries it.
    let writes = script(
        &env,
        "schreibt.sh",
        "{ printf 'Ich war selbst dort.\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"",
    );
    let (shown, code) = on_terminal(&env, &args, &[("EDITOR", &writes)]);
    assert_eq!(code, 0, "{shown}");
    let drafts: Vec<_> = std::fs::read_dir(env.work_dir().join("d"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(drafts.len(), 1);
    let raw = std::fs::read(&drafts[0]).unwrap();
    let parsed = MessageParser::default().parse(&raw).unwrap();
    let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(body.contains("\n\nIch war selbst dort.\n\n"), "{body}");
}

#[test]
fn drafts_are_written_only_when_the_question_is_answered_yes() -> Result<(), rexpect::error::Error>
{
    // Without --yes, `--via drafts` asks "Write 1 draft now?" (not the
    // mail program's question); No writes nothing.
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n"
    ));
    let drafts = env.work_dir().join("d");
    for (answer, written) in [("n", 0), ("y", 1)] {
        let mut p = spawn(
            &env,
            &["send", "--via", "drafts", "--out", "d", "--to", "barley"],
        );
        p.exp_string("Add a sentence of your own to the letter?")?;
        keys(&mut p, &format!("n{ENTER}"))?;
        p.exp_string("Write 1 draft now?")?;
        keys(&mut p, &format!("{answer}{ENTER}"))?;
        let rest = p.exp_eof()?;
        assert_eq!(exit_code(&p), 0);
        let count = std::fs::read_dir(&drafts).map_or(0, |d| d.count());
        assert_eq!(count, written, "answered {answer}: {rest}");
        if written == 0 {
            assert!(rest.contains("nothing was handed over"), "{rest}");
        }
    }
    Ok(())
}
