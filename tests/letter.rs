//! The letter itself, through the real binary: the MIME headers and the
//! local `Date` in previews and at the test server (parsed with
//! mail-parser), the personal paragraph where the template puts it (German
//! snapshots for every way to give one), Message-IDs that follow the text,
//! international addresses (punycode, SMTPUTF8, addresses lettre cannot
//! write) and templates that would overflow the stack.

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use insta::assert_snapshot;
use mail_parser::{Message, MessageParser, MimeHeaders};
use serde_json::Value;

use support::certs::{make_certs, TestCerts};
use support::cli::{run, usage_error, TestEnv};
use support::smtp::{self, Received, ServerOptions, TestServer};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Gehe1m-Pa55wort!";

/// One sentence, as an activist from Köln might add it.
const SENTENCE: &str =
    "Als Kölnerin war ich selbst auf Demonstrationen und möchte dort nicht erkannt werden.";

/// Two paragraphs as a text editor saves them: hard-wrapped, CRLF, a BOM,
/// blank lines around.
const TWO_PARAGRAPHS_FILE: &str = "\u{feff}\r\nIch bin Lehrerin in Köln und habe erlebt, wie\r\nKameras an Schulen diskutiert wurden.\r\n\r\n\r\nBitte denken Sie auch an unsere Kinder.\r\n\r\n";

fn parse(bytes: &[u8]) -> Message<'_> {
    MessageParser::default()
        .parse(bytes)
        .expect("a parsable message")
}

/// The decoded body, `\n` line ends, ending in one (as the preview's).
fn body_of(bytes: &[u8]) -> String {
    let body = parse(bytes).body_text(0).unwrap().replace("\r\n", "\n");
    format!("{}\n", body.trim_end())
}

/// `preview --format json` for one recipient: its JSON object.
fn preview_json(env: &TestEnv, extra: &[&str]) -> Value {
    let mut args = vec![
        "preview",
        "--name",
        "Erika Mustermann",
        "--city",
        "Köln",
        "--to",
        "barley",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = run(&mut env.cmd(&args), 0);
    serde_json::from_str(out.stdout.trim()).expect("one JSON object")
}

fn preview_body(env: &TestEnv, extra: &[&str]) -> String {
    preview_json(env, extra)["body"]
        .as_str()
        .expect("a body")
        .to_string()
}

/// Our STARTTLS server with login, and a home configured for it.
fn server_and_home(opts: impl FnOnce(ServerOptions) -> ServerOptions) -> (TestServer, TestEnv) {
    let certs: TestCerts = make_certs();
    let server = smtp::start(opts(ServerOptions::starttls(&certs, USER, PASSWORD)));
    let env = TestEnv::new();
    env.write_smtp_config(
        &format!("[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\ncity = \"Köln\"\n"),
        server.port(),
        "starttls",
        USER,
        &certs,
        "",
    );
    (server, env)
}

fn send(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let mut all = vec!["send"];
    all.extend_from_slice(args);
    let mut cmd = env.cmd(&all);
    cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .timeout(Duration::from_secs(60));
    cmd
}

/// The `Date:` header as written, and its parsed offset in minutes.
fn date_header(bytes: &[u8]) -> (String, i64) {
    let text = String::from_utf8_lossy(bytes);
    let raw = text
        .lines()
        .find_map(|l| l.strip_prefix("Date: "))
        .expect("a Date header")
        .to_string();
    let date = *parse(bytes).date().expect("a parsable Date");
    let minutes = i64::from(date.tz_hour) * 60 + i64::from(date.tz_minute);
    let offset = if date.tz_before_gmt {
        -minutes
    } else {
        minutes
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        (date.to_timestamp() - now).abs() < 600,
        "the Date is now, in any zone: {raw}"
    );
    (raw, offset)
}

// ---------------------------------------------------------------- headers

#[test]
fn every_preview_format_has_mime_version_and_the_local_date_offset() {
    let env = TestEnv::new();
    let eml = env
        .cmd(&["preview", "--name", "Erika Mustermann", "--to", "barley"])
        .args(["--format", "eml"])
        .env("TZ", "Europe/Berlin")
        .output()
        .unwrap();
    assert_eq!(eml.status.code(), Some(0));
    let parsed = parse(&eml.stdout);
    assert_eq!(
        parsed.header_raw("MIME-Version").map(str::trim),
        Some("1.0")
    );
    assert_eq!(
        parsed.content_type().map(|c| c.ctype()),
        Some("text"),
        "still text/plain"
    );
    // 27 November: Central European Time, one hour ahead of UTC.
    let (raw, offset) = date_header(&eml.stdout);
    assert_eq!(offset, 60, "{raw}");
    assert!(raw.ends_with(" +0100"), "{raw}");

    let text = run(
        env.cmd(&["preview", "--name", "Erika Mustermann", "--to", "barley"])
            .env("TZ", "Europe/Berlin"),
        0,
    );
    text.stdout_has(&["\nMIME-Version: 1.0\n"]);
    let date = text
        .stdout
        .lines()
        .find(|l| l.starts_with("Date: "))
        .unwrap();
    assert!(date.ends_with(" +0100"), "{date}");

    let mut json = env.cmd(&[
        "preview",
        "--name",
        "Erika Mustermann",
        "--to",
        "barley",
        "--format",
        "json",
    ]);
    let json: Value =
        serde_json::from_str(run(json.env("TZ", "Europe/Berlin"), 0).stdout.trim()).unwrap();
    assert_eq!(json["headers"]["MIME-Version"], "1.0");
    assert!(json["headers"]["Date"]
        .as_str()
        .unwrap()
        .ends_with(" +0100"));

    // Another zone, another offset: it is the local one, not a constant.
    let eml = env
        .cmd(&["preview", "--name", "Erika Mustermann", "--to", "barley"])
        .args(["--format", "eml"])
        .env("TZ", "America/New_York")
        .output()
        .unwrap();
    assert_eq!(date_header(&eml.stdout).1, -300);
}

#[test]
fn a_sent_letter_has_mime_version_and_the_local_date_offset() {
    let (server, env) = server_and_home(|o| o);
    run(
        send(&env, &["--yes", "--to", "barley"]).env("TZ", "Europe/Berlin"),
        0,
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let parsed = parse(&messages[0].data);
    assert_eq!(
        parsed.header_raw("MIME-Version").map(str::trim),
        Some("1.0")
    );
    let (raw, offset) = date_header(&messages[0].data);
    assert_eq!(offset, 60, "{raw}");
    assert!(
        body_of(&messages[0].data).contains("für bürgerliche Freiheiten"),
        "quoted-printable decoded as UTF-8"
    );
}

// ------------------------------------------------------ personal paragraph

#[test]
fn the_german_without_a_note() {
    let env = TestEnv::new();
    let body = preview_body(&env, &[]);
    assert!(body.starts_with("Sehr geehrte Frau Dr. Barley,\n\nwir wenden uns"));
    assert_snapshot!("no_note", body);
}

#[test]
fn the_german_with_one_sentence_from_note() {
    let env = TestEnv::new();
    let body = preview_body(&env, &["--note", SENTENCE]);
    assert!(
        body.contains(&format!("entschieden.\n\n{SENTENCE}\n\nDer Einsatz")),
        "after the first paragraph: {body}"
    );
    assert_snapshot!("one_sentence", body);
}

#[test]
fn the_german_with_several_paragraphs_from_note_file() {
    let env = TestEnv::new();
    let file = env.write("absatz.txt", TWO_PARAGRAPHS_FILE);
    let body = preview_body(&env, &["--note-file", file.to_str().unwrap()]);
    assert!(body.contains(
        "entschieden.\n\nIch bin Lehrerin in Köln und habe erlebt, wie Kameras an Schulen diskutiert wurden.\n\nBitte denken Sie auch an unsere Kinder.\n\nDer Einsatz"
    ), "{body}");
    assert_snapshot!("several_paragraphs", body);
}

#[test]
fn the_german_with_a_note_from_the_members_file() {
    let env = TestEnv::new();
    let members = env.write(
        "mitglieder.csv",
        &format!("name,email,city,note\nAnna Schmidt,anna@example.org,Köln,\"{SENTENCE}\"\nBen Weber,,Bonn,\n"),
    );
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--senders",
            members.to_str().unwrap(),
            "--to",
            "barley",
            "--format",
            "json",
        ]),
        0,
    );
    let letters: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(letters.len(), 2);
    let anna = letters[0]["body"].as_str().unwrap();
    assert!(anna.contains(&format!("entschieden.\n\n{SENTENCE}\n\nDer Einsatz")));
    assert_snapshot!("members_file_note", anna);
    let ben = letters[1]["body"].as_str().unwrap();
    assert!(ben.contains("entschieden.\n\nDer Einsatz"), "{ben}");
}

#[cfg(unix)]
#[test]
fn the_german_with_a_paragraph_from_the_editor_is_the_same_as_with_note() {
    use std::os::unix::fs::PermissionsExt;
    let (server, env) = server_and_home(|o| o);
    let editor = env.write(
        "editor.sh",
        &format!(
            "#!/bin/sh\n{{ printf '%s\\n' '{SENTENCE}'; cat \"$1\"; }} > \"$1.new\" && mv \"$1.new\" \"$1\"\n"
        ),
    );
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    // `--edit` needs a terminal: run on a pseudo-terminal to the end.
    let mut cmd = env.std_cmd(&["send", "--yes", "--edit", "--to", "barley"]);
    cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .env("EDITOR", &editor)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(60_000)).unwrap();
    let shown = p.exp_eof().unwrap();
    assert_eq!(
        p.process().wait().unwrap(),
        rexpect::process::wait::WaitStatus::Exited(p.process().child_pid, 0),
        "{shown}"
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let sent = body_of(&messages[0].data);
    assert_snapshot!("edit_note", sent);
    let previewed = preview_body(&env, &["--note", SENTENCE]);
    assert_eq!(sent, previewed, "--edit and --note give the same letter");
}

#[test]
fn send_with_note_delivers_the_paragraph_previewed() {
    let (server, env) = server_and_home(|o| o);
    run(
        &mut send(&env, &["--yes", "--to", "barley", "--note", SENTENCE]),
        0,
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        body_of(&messages[0].data),
        preview_body(&env, &["--note", SENTENCE])
    );
}

#[test]
fn note_and_senders_together_are_refused() {
    let env = TestEnv::new();
    let members = env.write("m.csv", "name\nAnna Schmidt\n");
    let members = members.to_str().unwrap();
    for command in [
        vec!["preview", "--senders", members, "--note", "x"],
        vec!["send", "--senders", members, "--note", "x", "--dry-run"],
    ] {
        let out = usage_error(&mut env.cmd(&command), &[]);
        assert_eq!(
            out.stderr,
            "error: `--note`/`--note-file` cannot be combined with `--senders`: each member's paragraph comes from the file\n\
             hint: put each member's paragraph in the `note` column of the members file\n"
        );
    }
}

#[test]
fn a_note_with_a_template_that_has_no_place_for_it_is_refused() {
    let env = TestEnv::new();
    let template = env.write(
        "brief.hbs",
        "Subject: Verbot\n\n{{greeting}}\n\nbitte verbieten Sie Gesichtserkennung.\n\n{{sender.name}}\n",
    );
    let template = template.to_str().unwrap();
    let without = run(
        &mut env.cmd(&[
            "--template",
            template,
            "preview",
            "--name",
            "E",
            "--to",
            "barley",
        ]),
        0,
    );
    without.stdout_has(&["bitte verbieten Sie"]);
    let out = usage_error(
        &mut env.cmd(&[
            "--template",
            template,
            "preview",
            "--name",
            "E",
            "--to",
            "barley",
            "--note",
            "Satz.",
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: letter to `Katarina Barley`: template `{template}` has no place for a personal paragraph, but a note was given\n\
             hint: put a `{{{{#if note}}}}{{{{note}}}}…{{{{/if}}}}` block where the paragraph reads right (e.g. after the first paragraph; the README's \"Templates\" section shows it), or leave out the note\n"
        )
    );
}

#[test]
fn unreadable_note_files_are_refused() {
    let env = TestEnv::new();
    let missing = env.root().join("fehlt.txt");
    let out = usage_error(
        &mut env.cmd(&[
            "preview",
            "--name",
            "E",
            "--note-file",
            missing.to_str().unwrap(),
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: cannot read the note file `{}`: No such file or directory (os error 2)\n",
            missing.display()
        )
    );
    let latin1 = env.root().join("latin1.txt");
    std::fs::write(&latin1, b"Gr\xfc\xdfe aus K\xf6ln").unwrap();
    let out = usage_error(
        &mut env.cmd(&[
            "preview",
            "--name",
            "E",
            "--note-file",
            latin1.to_str().unwrap(),
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: the note file `{}` is not UTF-8 text\nhint: save it as UTF-8 (in most editors: \"Save as\", encoding UTF-8)\n",
            latin1.display()
        )
    );
    let out = usage_error(
        &mut env.cmd(&["preview", "--name", "E", "--note", "Hallo \u{1b}[2J"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: the note contains a control character (`\\u{1b}`)\nhint: write the paragraph as plain text\n"
    );
}

// ------------------------------------------------------------- Message-ID

#[test]
fn a_resent_letter_with_another_text_gets_another_message_id() {
    let (server, env) = server_and_home(|o| o);
    run(
        &mut send(&env, &["--yes", "--to", "barley", "--note", "Erster Satz."]),
        0,
    );
    run(
        &mut send(
            &env,
            &[
                "--yes",
                "--again",
                "--to",
                "barley",
                "--note",
                "Zweiter Satz.",
            ],
        ),
        0,
    );
    run(
        &mut send(
            &env,
            &[
                "--yes",
                "--again",
                "--to",
                "barley",
                "--note",
                "Zweiter Satz.",
            ],
        ),
        0,
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 3);
    let ids: Vec<String> = messages
        .iter()
        .map(|m| parse(&m.data).message_id().unwrap().to_string())
        .collect();
    assert_ne!(ids[0], ids[1], "a changed text: a new Message-ID");
    assert_eq!(ids[1], ids[2], "the same text keeps its Message-ID");
    assert!(ids.iter().all(|id| id.ends_with("@example.org")));
}

// --------------------------------------------------- international addresses

/// A campaign with one recipient at `email`.
fn campaign_to(env: &TestEnv, email: &str) -> String {
    let dir = env.write_campaign(
        "kampagne",
        &format!(
            "[campaign]\nid = \"intl\"\ntitle = \"Test\"\nlanguage = \"de\"\ntemplate = \"brief.hbs\"\n\n\
             [[recipient]]\nname = \"Kim Beispiel\"\nsalutation = \"Frau\"\nemail = \"{email}\"\n"
        ),
        "brief.hbs",
        "Subject: Test\n\n{{greeting}}\n\nbitte.\n\n{{#if note}}{{note}}\n\n{{/if}}{{sender.name}}\n",
    );
    dir.to_str().unwrap().to_string()
}

/// `bürgerbüro.example.org` in its ASCII (IDNA) form.
const PUNYCODE_DOMAIN: &str = "xn--brgerbro-65af.example.org";

#[test]
fn a_non_ascii_domain_goes_out_as_punycode_in_rcpt_to_and_to() {
    let (server, env) = server_and_home(|o| o);
    let campaign = campaign_to(&env, "kim@bürgerbüro.example.org");
    run(&mut send(&env, &["--campaign", &campaign, "--yes"]), 0);
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let m: &Received = &messages[0];
    assert_eq!(m.rcpt_to, vec![format!("kim@{PUNYCODE_DOMAIN}")]);
    assert!(m.data.is_ascii(), "the headers need no UTF-8");
    let parsed = parse(&m.data);
    let to = parsed.to().and_then(|a| a.first()).unwrap();
    assert_eq!(
        to.address(),
        Some(format!("kim@{PUNYCODE_DOMAIN}").as_str())
    );

    let eml = run(
        &mut env.cmd(&[
            "--campaign",
            &campaign,
            "preview",
            "--name",
            "E",
            "--email",
            "erika@bürgerbüro.example.org",
            "--format",
            "eml",
        ]),
        0,
    );
    let parsed = parse(eml.stdout.as_bytes());
    let from = parsed.from().and_then(|a| a.first()).unwrap();
    assert_eq!(
        from.address(),
        Some(format!("erika@{PUNYCODE_DOMAIN}").as_str())
    );
    let to = parsed.to().and_then(|a| a.first()).unwrap();
    assert_eq!(
        to.address(),
        Some(format!("kim@{PUNYCODE_DOMAIN}").as_str())
    );
    assert!(parsed
        .message_id()
        .unwrap()
        .ends_with(&format!("@{PUNYCODE_DOMAIN}")));
}

#[test]
fn a_non_ascii_local_part_uses_smtputf8_when_the_server_offers_it() {
    let (server, env) = server_and_home(ServerOptions::with_smtputf8);
    let campaign = campaign_to(&env, "jürgen@example.org");
    run(&mut send(&env, &["--campaign", &campaign, "--yes"]), 0);
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].rcpt_to, vec!["jürgen@example.org".to_string()]);
    let mail = server
        .transcript()
        .into_iter()
        .find(|l| l.contains("MAIL FROM"))
        .unwrap();
    assert!(mail.contains("SMTPUTF8"), "{mail}");
}

#[test]
fn a_non_ascii_local_part_without_smtputf8_is_refused_before_sending() {
    let (server, env) = server_and_home(|o| o);
    let campaign = campaign_to(&env, "jürgen@example.org");
    let out = run(&mut send(&env, &["--campaign", &campaign, "--yes"]), 1);
    out.stderr_has(&[
        "553 5.6.7 not sent: the address `jürgen@example.org` needs SMTPUTF8, which this server does not offer",
    ]);
    assert!(server.messages().is_empty());
    assert!(
        server.transcript().iter().all(|l| !l.contains("RCPT")),
        "nothing of the letter went out: {:#?}",
        server.transcript()
    );
}

#[test]
fn quoted_local_parts_and_domain_literals_are_refused_not_a_panic() {
    let env = TestEnv::new();
    let cases = [
        (
            "\"a b\"@example.org",
            "`\"a b\"@example.org` has a quoted local part (`\"…\"@`), which appeal cannot write into a letter; use a plain address",
        ),
        (
            "e@[127.0.0.1]",
            "`e@[127.0.0.1]` has an IP address instead of a domain name, which appeal cannot write into a letter; use an address with a domain name",
        ),
    ];
    for (address, message) in cases {
        for command in [
            vec!["preview", "--name", "E", "--email", address],
            vec!["send", "--name", "E", "--email", address, "--dry-run"],
        ] {
            let out = usage_error(&mut env.cmd(&command), &[]);
            assert_eq!(out.stderr, format!("error: {message}\n"), "{command:?}");
        }
        let config = env.write_config(&format!("[sender]\nname = \"E\"\nemail = '{address}'\n"));
        let out = usage_error(&mut env.cmd(&["preview"]), &[]);
        assert_eq!(
            out.stderr,
            format!("error: {}: `sender.email`: {message}\n", config.display())
        );
        std::fs::remove_file(config).unwrap();
    }
}

// ------------------------------------------------------ template recursion

#[test]
fn a_partial_that_includes_itself_exits_2_naming_the_template() {
    let env = TestEnv::new();
    let template = env.write(
        "rekursiv.hbs",
        "Subject: x\n\n{{#*inline \"p\"}}a{{> p}}{{/inline}}{{> p}}\n",
    );
    let template = template.to_str().unwrap();
    let out = usage_error(
        &mut env.cmd(&["--template", template, "preview", "--name", "E"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: template `{template}`: partial `p` includes itself (`p` → `p`), which would never end\n\
             hint: remove the `{{{{> p}}}}` inside it\n"
        )
    );
}

#[test]
fn twenty_thousand_nested_ifs_exit_2_naming_the_template() {
    let env = TestEnv::new();
    let source = format!(
        "Subject: x\n\n{}tief{}\n",
        "{{#if sender.name}}".repeat(20_000),
        "{{/if}}".repeat(20_000)
    );
    let template = env.write("tief.hbs", &source);
    let template = template.to_str().unwrap();
    // `recipients --check` lists problems with exit 1, as it always does.
    for (command, code) in [
        (&["preview", "--name", "E"][..], 2),
        (&["recipients", "--check"][..], 1),
    ] {
        let mut args = vec!["--template", template];
        args.extend_from_slice(command);
        let out = run(&mut env.cmd(&args), code);
        assert!(
            out.stderr.contains(&format!(
                "template `{template}` line 3: blocks or parentheses nested more than 100 deep"
            )),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn five_thousand_nested_parentheses_in_a_tag_exit_2_naming_the_template() {
    let env = TestEnv::new();
    let source = format!(
        // A lone `}` inside the tag (in a string) does not end it.
        "Subject: x\n\n{{{{greeting}}}}\n{{{{lookup \"}}\" {}sender \"name\"{} \"x\"}}}}\n",
        "(lookup ".repeat(5_000),
        ")".repeat(5_000)
    );
    let template = env.write("klammern.hbs", &source);
    let template = template.to_str().unwrap();
    let out = usage_error(
        &mut env.cmd(&["--template", template, "preview", "--name", "E"]),
        &[],
    );
    assert!(
        out.stderr.contains(&format!(
            "template `{template}` line 4: blocks or parentheses nested more than 100 deep"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn parentheses_and_single_braces_in_the_letters_text_are_only_text() {
    let env = TestEnv::new();
    // 300 opening parentheses and lone braces in the text, outside any
    // tag: nothing nests, the letter renders them as written; a `}}` in
    // the text does not end a tag that was never opened.
    let text = format!(
        "{} {{ ) }} }}}} ( {{ {}",
        "(:-".repeat(300),
        "(".repeat(150)
    );
    let source = format!("Subject: x\n\n{{{{greeting}}}}\n\n{text}\n\n{{{{sender.name}}}}\n");
    let template = env.write("text.hbs", &source);
    let out = run(
        &mut env.cmd(&[
            "--template",
            template.to_str().unwrap(),
            "preview",
            "--name",
            "Erika Mustermann",
            "--to",
            "barley",
        ]),
        0,
    );
    assert!(out.stdout.contains(&text), "{}", out.stdout);
    assert!(out.stdout.contains("Erika Mustermann"), "{}", out.stdout);
}

#[test]
fn a_hundred_nested_ifs_still_render_on_the_sending_threads() {
    let (_server, env) = server_and_home(|o| o);
    let source = format!(
        "Subject: x\n\n{{{{greeting}}}}\n\n{}tief{}\n\n{{{{sender.name}}}}\n",
        "{{#if sender.name}}".repeat(100),
        "{{/if}}".repeat(100)
    );
    let template = env.write("tief.hbs", &source);
    let out = run(
        &mut send(
            &env,
            &["--template", template.to_str().unwrap(), "--dry-run"],
        ),
        0,
    );
    out.stderr_has(&["would send"]);
}

// ------------------------------------------------------------ local times

/// The journal's times of `event` records, as written (UTC).
fn journal_times(env: &TestEnv, event: &str) -> Vec<String> {
    let path = env
        .state_dir()
        .join("appeal")
        .join("journal")
        .join("unscan-my-face.jsonl");
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["event"] == event)
        .map(|r| r["time"].as_str().unwrap().to_string())
        .collect()
}

/// A journal time as shown in Berlin in November (UTC+1).
fn in_berlin(utc: &str) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(utc).unwrap();
    (t + chrono::Duration::hours(1))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

#[test]
fn skipped_letters_and_status_show_local_times() {
    use support::smtp::{Action, Fault, Step};
    let (_server, env) = server_and_home(|o| {
        o.with_fault(
            Fault::new(
                Step::Rcpt,
                Action::Reply(550, "5.1.1 mailbox unavailable".into()),
            )
            .rcpt_contains("barley"),
        )
    });
    run(
        send(&env, &["--yes", "--to", "barley", "--to", "sippel"]).env("TZ", "Europe/Berlin"),
        1,
    );
    let delivered = journal_times(&env, "delivered");
    let refused = journal_times(&env, "refused");
    assert_eq!((delivered.len(), refused.len()), (1, 1));

    // -v lists each skipped letter with its time.
    let again = run(
        send(&env, &["--yes", "-v", "--to", "barley", "--to", "sippel"]).env("TZ", "Europe/Berlin"),
        0,
    );
    again.stderr_has(&[
        &format!("delivered earlier {} ", in_berlin(&delivered[0])),
        &format!("refused earlier {} ", in_berlin(&refused[0])),
    ]);
    assert!(!again.stderr.contains(&delivered[0]), "{}", again.stderr);

    let status = run(
        env.cmd(&["status", "--to", "barley", "--to", "sippel"])
            .env("TZ", "Europe/Berlin"),
        0,
    );
    status.stdout_has(&[&format!("  {}  550", in_berlin(&refused[0]))]);
    // JSON stays UTC, as written in the journal.
    let json = run(
        env.cmd(&["status", "--format", "json"])
            .env("TZ", "Europe/Berlin"),
        0,
    );
    json.stdout_has(&[&refused[0]]);
}

#[test]
fn a_non_ascii_sender_domain_is_punycode_in_ehlo_mail_from_and_from() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = TestEnv::new();
    env.write_smtp_config(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@bürgerbüro.example.org\"\n",
        server.port(),
        "starttls",
        USER,
        &certs,
        "",
    );
    run(&mut send(&env, &["--yes", "--to", "barley"]), 0);
    run(env.cmd(&["check"]).env("APPEAL_SMTP_PASSWORD", PASSWORD), 0);
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let ascii = format!("erika@{PUNYCODE_DOMAIN}");
    assert_eq!(messages[0].mail_from, ascii);
    assert_eq!(messages[0].helo, PUNYCODE_DOMAIN);
    let parsed = parse(&messages[0].data);
    assert_eq!(
        parsed.from().and_then(|a| a.first()).unwrap().address(),
        Some(ascii.as_str())
    );
    let ehlos: Vec<String> = server
        .transcript()
        .into_iter()
        .filter(|l| l.contains("EHLO"))
        .collect();
    assert!(
        ehlos
            .iter()
            .all(|l| l.ends_with(&format!("EHLO {PUNYCODE_DOMAIN}"))),
        "send and check: {ehlos:#?}"
    );
}

#[test]
fn a_long_chain_of_partials_exits_2_naming_the_template() {
    let env = TestEnv::new();
    let mut source = String::from("Subject: x\n\n");
    for i in 0..500 {
        source.push_str(&format!(
            "{{{{#*inline \"p{i}\"}}}}{{{{> p{}}}}}{{{{/inline}}}}",
            i + 1
        ));
    }
    source.push_str("{{#*inline \"p500\"}}Ende{{/inline}}{{> p0}}\n");
    let template = env.write("kette.hbs", &source);
    let template = template.to_str().unwrap();
    let out = usage_error(
        &mut env.cmd(&["--template", template, "preview", "--name", "E"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: template `{template}`: blocks and the partials they include nest more than 100 deep\n\
             hint: a letter needs only a few levels of `{{{{#if}}}}` and `{{{{> partial}}}}`\n"
        )
    );
}

#[test]
fn an_empty_tag_is_refused_at_its_place_and_does_not_hang_the_check() {
    // `{{}}` is a typo; the nesting scan that runs before handlebars must
    // pass over it, so handlebars can name the place.
    let env = TestEnv::new();
    let template = env.write("leer.hbs", "Subject: x\n\nSehr geehrte {{}}\n");
    let template = template.to_str().unwrap();
    let out = usage_error(
        env.cmd(&["--template", template, "preview", "--name", "E"])
            .timeout(std::time::Duration::from_secs(20)),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: template `{template}` line 3, column 16: invalid handlebars syntax: \
             expected identifier, subexpression, leading_tilde_to_omit_whitespace, or path_inline\n"
        )
    );
}

#[test]
fn a_members_non_ascii_domain_is_punycode_in_reply_to() {
    let env = TestEnv::new();
    let members = env.write(
        "m.csv",
        "name,email\nAnna Schmidt,anna@bürgerbüro.example.org\n",
    );
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--senders",
            members.to_str().unwrap(),
            "--email",
            USER,
            "--to",
            "barley",
            "--format",
            "eml",
        ]),
        0,
    );
    let parsed = parse(out.stdout.as_bytes());
    let reply_to = parsed.reply_to().and_then(|a| a.first()).unwrap();
    assert_eq!(
        reply_to.address(),
        Some(format!("anna@{PUNYCODE_DOMAIN}").as_str())
    );
    assert!(out.stdout.is_ascii(), "{}", out.stdout);
}

#[test]
fn a_member_writing_from_the_sending_address_gets_no_reply_to() {
    let env = TestEnv::new();
    // The second member's address is the sending address, in other case:
    // the same mailbox, so a Reply-To would only repeat From.
    let members = env.write(
        "m.csv",
        "name,email\nAnna Schmidt,anna@example.org\nErika Mustermann,Erika@Example.ORG\n",
    );
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--senders",
            members.to_str().unwrap(),
            "--email",
            "erika@example.org",
            "--to",
            "barley",
            "--format",
            "json",
        ]),
        0,
    );
    let letters: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(letters.len(), 2, "{}", out.stdout);
    assert_eq!(letters[0]["reply_to"], "Anna Schmidt <anna@example.org>");
    assert_eq!(
        letters[0]["headers"]["Reply-To"],
        "Anna Schmidt <anna@example.org>"
    );
    assert!(letters[1]["reply_to"].is_null(), "{}", letters[1]);
    assert!(
        letters[1]["headers"].get("Reply-To").is_none(),
        "{}",
        letters[1]
    );
}

#[test]
fn a_letter_retried_after_its_dot_while_the_next_needs_smtputf8_keeps_the_connection() {
    // The first letter's final dot is answered 451, the second letter
    // (`jürgen@`, no SMTPUTF8 offered) was refused before anything of it
    // went out: the connection waits for nothing, so the retry of the
    // first letter goes over it, and the second is refused as before.
    use support::smtp::{Action, Fault, Step};
    let (server, env) = server_and_home(|o| {
        o.with_fault(Fault::new(
            Step::EndOfData,
            Action::Reply(451, "4.3.0 try again".into()),
        ))
    });
    let dir = env.write_campaign(
        "kampagne",
        "[campaign]\nid = \"intl\"\ntitle = \"Test\"\nlanguage = \"de\"\ntemplate = \"brief.hbs\"\n\n\
         [[recipient]]\nname = \"Kim Beispiel\"\nsalutation = \"Frau\"\nemail = \"kim@example.org\"\n\n\
         [[recipient]]\nname = \"Jürgen Beispiel\"\nsalutation = \"Herr\"\nemail = \"jürgen@example.org\"\n",
        "brief.hbs",
        "Subject: Test\n\n{{greeting}}\n\nbitte.\n\n{{sender.name}}\n",
    );
    let out = run(
        &mut send(
            &env,
            &[
                "--campaign",
                dir.to_str().unwrap(),
                "--yes",
                "--rate",
                "unlimited",
                "--retry-wait",
                "0",
            ],
        ),
        1,
    );
    out.stderr_has(&[
        "553 5.6.7 not sent: the address `jürgen@example.org` needs SMTPUTF8, which this server does not offer",
        "summary: 1 delivered, 1 refused, 0 uncertain, 0 left to send",
    ]);
    assert_eq!(server.faults_fired(), vec![1], "{}", out.stderr);
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{}", out.stderr);
    assert_eq!(messages[0].rcpt_to, vec!["kim@example.org".to_string()]);
    assert_eq!(parse(&messages[0].data).subject(), Some("Test"));
    assert_eq!(server.connections(), 1, "{}", out.stderr);
}
