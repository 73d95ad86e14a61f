//! A way without SMTP (issue 12 item 3): `send --via drafts --out DIR`
//! and `send --via mail-program` through the real binary. Drafts are
//! parsed with mail-parser and compared with what SMTP sending delivers to
//! the test server; the mail program is a recording opener
//! (`APPEAL_OPENER`); the journal's `handed_over` records, `status` and
//! reruns are checked.

mod support;

use std::path::{Path, PathBuf};

use mail_parser::{HeaderValue, MessageParser};
use support::certs::make_certs;
use support::cli::{run, TestEnv};
use support::smtp::{self, ServerOptions};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Gehe1m-Pa55wort!";
const SENDER: &str =
    "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\ncity = \"Köln\"\n";

/// The five members of the built-in campaign in office and on LIBE.
const IN_OFFICE: [&str; 5] = [
    "katarina.barley@europarl.europa.eu",
    "lena.duepont@europarl.europa.eu",
    "moritz.koerner@europarl.europa.eu",
    "birgit.sippel@europarl.europa.eu",
    "martin.sonneborn@europarl.europa.eu",
];

/// A home with a sender and no mail account at all.
fn without_smtp() -> TestEnv {
    let env = TestEnv::new();
    env.write_config(SENDER);
    env
}

/// The `.eml` files in `dir`, sorted.
fn drafts_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files
}

/// The text body of a message, as a mail program shows it.
fn body_of(raw: &[u8]) -> String {
    let parsed = MessageParser::default().parse(raw).expect("parses");
    parsed.body_text(0).expect("a text body").into_owned()
}

fn only_to(raw: &[u8]) -> String {
    let parsed = MessageParser::default().parse(raw).expect("parses");
    let to = parsed.to().expect("a To header");
    assert_eq!(to.iter().count(), 1, "exactly one To");
    to.first().unwrap().address().unwrap().to_string()
}

#[test]
fn drafts_are_the_smtp_letters_less_date_and_message_id_with_x_unsent() {
    let env = without_smtp();
    let out = run(
        &mut env.cmd(&["send", "--via", "drafts", "--out", "entwuerfe", "--yes"]),
        0,
    );
    assert!(
        out.stderr.ends_with(
            "5 drafts written to `entwuerfe`; open them with your mail program and send them from there\n"
        ),
        "{}",
        out.stderr
    );
    let drafts = drafts_in(&env.work_dir().join("entwuerfe"));
    assert_eq!(drafts.len(), 5);

    // The same letters over SMTP, to compare with.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let smtp_env = TestEnv::new();
    smtp_env.write_smtp_config(SENDER, server.port(), "starttls", USER, &certs, "");
    run(
        smtp_env
            .cmd(&["send", "--yes"])
            .env("APPEAL_SMTP_PASSWORD", PASSWORD),
        0,
    );
    let sent = server.messages();
    assert_eq!(sent.len(), 5);

    for (path, expected_to) in drafts.iter().zip(IN_OFFICE) {
        let raw = std::fs::read(path).unwrap();
        let parsed = MessageParser::default().parse(&raw).expect("parses");
        assert_eq!(
            parsed.header("X-Unsent"),
            Some(&HeaderValue::Text("1".into())),
            "{}",
            path.display()
        );
        assert_eq!(parsed.message_id(), None, "no Message-ID");
        assert_eq!(parsed.date(), None, "no Date");
        assert_eq!(only_to(&raw), expected_to);
        let smtp = sent
            .iter()
            .find(|m| m.rcpt_to == vec![expected_to.to_string()])
            .expect("the same letter over SMTP");
        // What the server stores ends with one more line break (the CRLF
        // before the final dot); the text is the same.
        assert_eq!(body_of(&raw).trim_end(), body_of(&smtp.data).trim_end());
        assert!(body_of(&raw).ends_with("Köln\r\n"));
        let smtp_parsed = MessageParser::default().parse(&smtp.data).unwrap();
        assert_eq!(parsed.subject(), smtp_parsed.subject());
        assert_eq!(
            parsed.from().unwrap().first().unwrap().address(),
            Some(USER)
        );
    }
}

#[test]
fn handed_over_letters_are_recorded_counted_apart_and_not_handed_over_again() {
    let env = without_smtp();
    run(
        &mut env.cmd(&["send", "--via", "drafts", "--out", "d", "--yes"]),
        0,
    );
    let journal = std::fs::read_to_string(
        env.root()
            .join(".local/state/appeal/journal/unscan-my-face.jsonl"),
    )
    .unwrap();
    let events: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 5);
    for (event, to) in events.iter().zip(IN_OFFICE) {
        assert_eq!(event["event"], "handed_over");
        assert_eq!(event["recipient"], to);
        assert!(event["reply"]
            .as_str()
            .unwrap()
            .starts_with("draft written to d/"));
    }

    let status = run(&mut env.cmd(&["status", "--format", "json"]), 0).stdout;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["handed_over"], 5);
    assert_eq!(status["delivered"], 0);
    assert_eq!(status["pending"], 0);
    run(&mut env.cmd(&["status"]), 0).stdout_has(&[
        "delivered: 0\n",
        "handed over: 5 (to your mail program or as drafts; sending them is up to you)\n",
    ]);

    // A rerun hands nothing over again, by drafts or by mail program.
    std::fs::remove_dir_all(env.work_dir().join("d")).unwrap();
    let out = run(
        &mut env.cmd(&["send", "--via", "drafts", "--out", "d", "--yes"]),
        0,
    );
    assert!(
        out.stderr.ends_with("nothing to hand over\n"),
        "{}",
        out.stderr
    );
    out.stderr_has(&[
        "skipped:   5 letters handed over earlier (pass --again to hand them over once more)\n",
    ]);
    assert!(!out.stderr.contains("skipped    "), "{}", out.stderr);
    assert!(!env.work_dir().join("d").exists());
    // With -v each of them is named; with --json each is an event.
    let out = run(
        &mut env.cmd(&["-v", "send", "--via", "drafts", "--out", "d", "--yes"]),
        0,
    );
    assert_eq!(
        out.stderr.matches("skipped    ").count(),
        5,
        "{}",
        out.stderr
    );
    out.stderr_has(&[
        "skipped    Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: handed over earlier ",
    ]);
    let out = run(
        &mut env.cmd(&["send", "--via", "drafts", "--out", "d", "--yes", "--json"]),
        0,
    );
    let reasons: Vec<String> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|e| e["reason"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(reasons, vec!["handed over earlier"; 5], "{}", out.stdout);
    assert!(!env.work_dir().join("d").exists());
    // … unless asked.
    run(
        &mut env.cmd(&["send", "--via", "drafts", "--out", "d", "--yes", "--again"]),
        0,
    );
    assert_eq!(drafts_in(&env.work_dir().join("d")).len(), 5);
}

/// An opener that appends each argument it is given to `calls.txt`.
fn recording_opener(env: &TestEnv) -> (String, PathBuf) {
    let calls = env.root().join("calls.txt");
    let script = env.write(
        "opener.sh",
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            calls.display()
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script.display().to_string(), calls)
}

#[test]
fn the_mail_program_gets_one_mailto_link_per_short_letter() {
    let env = without_smtp();
    let campaign = env.write_campaign(
        "kampagne",
        "[campaign]\nid = \"kurz\"\ntitle = \"Kurz\"\ntemplate = \"brief.hbs\"\n\n\
         [[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna@example.org\"\n\n\
         [[recipient]]\nname = \"Jürgen Groß\"\nemail = \"juergen@example.org\"\n",
        "brief.hbs",
        "Subject: Grüße & Fragen?\n\n{{greeting}}\nZwei Zeilen: 100% ernst.\n",
    );
    let (opener, calls) = recording_opener(&env);
    let out = run(
        env.cmd(&["send", "--via", "mail-program", "--yes", "--campaign"])
            .arg(&campaign)
            .env("APPEAL_OPENER", &opener),
        0,
    );
    assert!(
        out.stderr
            .ends_with("2 letters handed over to your mail program; sending them is up to you\n"),
        "{}",
        out.stderr
    );
    let calls = std::fs::read_to_string(calls).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2, "{calls:#?}");
    assert_eq!(
        calls[0],
        "mailto:anna@example.org?subject=Gr%C3%BC%C3%9Fe%20%26%20Fragen%3F&body=Guten%20Tag%20Anna%20Beispiel%2C%0D%0AZwei%20Zeilen%3A%20100%25%20ernst.%0D%0A"
    );
    assert!(calls[1]
        .starts_with("mailto:juergen@example.org?subject=Gr%C3%BC%C3%9Fe%20%26%20Fragen%3F&body="));
    let status = run(
        env.cmd(&["status", "--format", "json", "--campaign"])
            .arg(&campaign),
        0,
    )
    .stdout;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["handed_over"], 2);
}

#[test]
fn a_letter_too_long_for_a_link_is_opened_as_a_draft() {
    // The built-in letter is longer than a mailto: link may be.
    let env = without_smtp();
    let (opener, calls) = recording_opener(&env);
    run(
        env.cmd(&["send", "--via", "mail-program", "--yes", "--to", "barley"])
            .env("APPEAL_OPENER", &opener),
        0,
    );
    let calls = std::fs::read_to_string(calls).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    // `001-<8 hex digits of the sender>-<recipient>.eml`, beside the journal.
    let drafts = drafts_in(&env.root().join(".local/state/appeal/journal/drafts"));
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let draft = drafts[0].clone();
    let name = draft.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("001-")
            && name.ends_with("-katarina.barley@europarl.europa.eu.eml")
            && name.len() == "001-".len() + 8 + "-katarina.barley@europarl.europa.eu.eml".len(),
        "{name}"
    );
    assert_eq!(calls, vec![draft.display().to_string().as_str()]);
    let raw = std::fs::read(&draft).unwrap();
    assert_eq!(only_to(&raw), "katarina.barley@europarl.europa.eu");
    assert!(raw.starts_with(b"X-Unsent: 1\r\n"));
}

#[test]
fn drafts_need_an_out_folder_and_out_needs_drafts() {
    let env = without_smtp();
    let out = run(&mut env.cmd(&["send", "--via", "drafts", "--yes"]), 2);
    assert_eq!(
        out.stderr.lines().rev().take(2).collect::<Vec<_>>(),
        vec![
            "hint: e.g. `appeal send --via drafts --out drafts`, then open the drafts with your mail program",
            "error: `--via drafts` needs `--out DIR`, the folder for the drafts",
        ]
    );
    let out = run(&mut env.cmd(&["send", "--out", "d", "--yes"]), 2);
    assert!(out.stderr.ends_with(
        "error: `--out` is for `--via drafts`: letters sent over SMTP are not written anywhere\nhint: for drafts: `appeal send --via drafts --out DIR`; to see the letters: `appeal preview --format eml --out DIR`\n"
    ), "{}", out.stderr);
}

#[test]
fn an_opener_that_fails_stops_the_run_and_records_nothing() {
    let env = without_smtp();
    let out = run(
        env.cmd(&["send", "--via", "mail-program", "--yes"])
            .env("APPEAL_OPENER", "false"),
        1,
    );
    assert!(out.stderr.ends_with(
        "error: cannot open your mail program with `false`: exit status: 1\nhint: set `APPEAL_OPENER` to a program that opens `mailto:` links and `.eml` files, or write the letters as drafts with `--via drafts --out DIR`\n"
    ), "{}", out.stderr);
    let status = run(&mut env.cmd(&["status", "--format", "json"]), 0).stdout;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["handed_over"], 0);
    assert_eq!(status["pending"], 5);
}

/// A group's drafts in two runs into one folder (`--max`, then the rest):
/// each member's letter keeps a file of its own, none is overwritten, and
/// the first run says what `--max` left (exit 75, as a sent run).
#[test]
fn a_group_in_two_runs_keeps_every_members_draft() {
    let env = without_smtp();
    let members = env.write(
        "mitglieder.csv",
        "name,email\nAnna Schmidt,anna@example.org\nBen Weber,ben@example.org\n",
    );
    let members = members.to_str().unwrap();
    let send = |extra: &[&str], code: i32| {
        let mut args = vec![
            "send",
            "--via",
            "drafts",
            "--out",
            "d",
            "--yes",
            "--senders",
            members,
        ];
        args.extend_from_slice(extra);
        run(&mut env.cmd(&args), code)
    };
    let first = send(&["--max", "5"], 75);
    assert!(
        first.stderr.ends_with(
            "hint: --max 5 was reached with 5 letters left; run the same command again to hand over the next ones\n"
        ),
        "{}",
        first.stderr
    );
    // The rest fits under the same --max: no such hint.
    let second = send(&["--max", "5"], 0);
    assert!(!second.stderr.contains("--max"), "{}", second.stderr);
    let drafts = drafts_in(&env.work_dir().join("d"));
    assert_eq!(drafts.len(), 10, "{drafts:?}");
    let mut letters: Vec<(String, String)> = drafts
        .iter()
        .map(|path| {
            let raw = std::fs::read(path).unwrap();
            let parsed = MessageParser::default().parse(&raw[..]).unwrap();
            let signer = parsed
                .from()
                .unwrap()
                .first()
                .unwrap()
                .name()
                .unwrap()
                .to_string();
            (signer, only_to(&raw))
        })
        .collect();
    letters.sort();
    letters.dedup();
    assert_eq!(
        letters.len(),
        10,
        "every member's letter to every recipient: {letters:?}"
    );
}

#[test]
fn require_note_holds_for_drafts_too() {
    let env = without_smtp();
    let members = env.write(
        "mitglieder.csv",
        "name,note\nAnna Schmidt,Ich war selbst dort.\nBen Weber,\n",
    );
    let out = run(
        &mut env.cmd(&[
            "send",
            "--via",
            "drafts",
            "--out",
            "d",
            "--yes",
            "--senders",
            members.to_str().unwrap(),
            "--require-note",
        ]),
        2,
    );
    assert!(out.stderr.contains("Ben Weber"), "{}", out.stderr);
    assert!(!env.work_dir().join("d").exists());
}

#[test]
fn require_note_for_one_sender_holds_with_yes_and_in_a_dry_run() {
    // One sender without a note: refused before anything is written (with
    // --edit only after the editor: `send_prompt::require_note_with_drafts_holds_after_the_editor`).
    let env = without_smtp();
    let drafts = ["send", "--via", "drafts", "--out", "d", "--require-note"];
    let refused = "error: --require-note: your letter has no personal paragraph\n";
    for extra in [&["--yes"][..], &["--dry-run"][..]] {
        let args: Vec<&str> = drafts.iter().chain(extra).copied().collect();
        let out = run(&mut env.cmd(&args), 2);
        assert!(out.stderr.contains(refused), "{extra:?}: {}", out.stderr);
        assert!(!env.work_dir().join("d").exists(), "{extra:?}");
    }
}

#[test]
fn a_body_line_that_looks_like_a_date_header_stays_in_the_draft() {
    // Only the header's Date and Message-ID are left out of a draft; the
    // letter's own text keeps every line, even one that looks like them.
    let env = without_smtp();
    let template = env.write(
        "brief.hbs",
        "Subject: Termin\n\n{{greeting}}\n\nDate: 1. Dezember 2026\nMessage-ID: bitte aufbewahren\n\nMit freundlichen Grüßen\n{{sender.name}}\n",
    );
    run(
        &mut env.cmd(&[
            "--template",
            template.to_str().unwrap(),
            "send",
            "--via",
            "drafts",
            "--out",
            "d",
            "--yes",
            "--to",
            "barley",
        ]),
        0,
    );
    let drafts = drafts_in(&env.work_dir().join("d"));
    assert_eq!(drafts.len(), 1);
    let body = body_of(&std::fs::read(&drafts[0]).unwrap()).replace("\r\n", "\n");
    assert!(
        body.contains("\nDate: 1. Dezember 2026\nMessage-ID: bitte aufbewahren\n"),
        "{body:?}"
    );
}

#[test]
fn without_appeal_opener_the_letter_goes_to_xdg_open_found_on_path() {
    // The usual desktop: no APPEAL_OPENER, `xdg-open` on PATH (the
    // built-in letter is too long for a link: it is opened as a draft).
    let env = without_smtp();
    let bin = env.root().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let (opener, calls) = recording_opener(&env);
    std::fs::copy(&opener, bin.join("xdg-open")).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    run(
        env.cmd(&["send", "--via", "mail-program", "--yes", "--to", "barley"])
            .env_remove("APPEAL_OPENER")
            .env("PATH", &path),
        0,
    );
    let calls = std::fs::read_to_string(calls).unwrap();
    assert_eq!(calls.lines().count(), 1, "{calls}");
    assert!(calls.trim_end().ends_with(".eml"), "{calls}");
}
