//! Members files as groups really have them (issue 11 items 1–3 and 8),
//! through the real binary: a `;`-separated file with German headers and a
//! `Telefon` column, a Windows-1252 file (Excel's "CSV" on Windows) with
//! real ä ö ü ß bytes, a CRLF file, rows of only separators, duplicated
//! columns, and control characters that must never reach a terminal.
//! Letters are read back from `preview --format json` and, for the German
//! file, from what the test SMTP server on 127.0.0.1 stored.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use mail_parser::MessageParser;
use serde_json::Value;
use support::certs::make_certs;
use support::cli::{run, usage_error, TestEnv};
use support::smtp::{self, ServerOptions};

const USER: &str = "gruppe@example.org";
const PASSWORD: &str = "Gruppen-Pa55wort!";

const RECIPIENTS_TOML: &str = r#"[campaign]
id = "mitglieder"
title = "Gesichtserkennung verbieten"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
salutation = "Frau"
email = "mep1@example.org"
"#;

const TEMPLATE: &str = "Subject: Gesichtserkennung verbieten

{{greeting}}

bitte setzen Sie sich für ein Verbot ein.
{{#if note}}

{{note}}
{{/if}}

Mit freundlichen Grüßen
{{sender.name}}{{#if sender.city}}
{{sender.city}}{{/if}}
";

/// A home with the test campaign; returns it and the campaign folder.
fn home() -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    let campaign = env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
    (env, campaign)
}

/// Writes `bytes` as `mitglieder.csv` and returns its path as text.
fn members(env: &TestEnv, bytes: &[u8]) -> String {
    let path = env.root().join("mitglieder.csv");
    std::fs::write(&path, bytes).unwrap();
    path_str(&path).to_string()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// `appeal preview --format json` of `file`'s members: the letters and stderr.
fn preview(env: &TestEnv, campaign: &Path, file: &str, extra: &[&str]) -> (Vec<Value>, String) {
    let mut args = vec![
        "--campaign",
        path_str(campaign),
        "preview",
        "--senders",
        file,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = run(&mut env.cmd(&args), 0);
    let letters = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (letters, out.stderr)
}

/// `preview` of `file` fails with exit 2; returns stderr.
fn refused(env: &TestEnv, campaign: &Path, file: &str) -> String {
    let out = usage_error(
        &mut env.cmd(&[
            "--campaign",
            path_str(campaign),
            "preview",
            "--senders",
            file,
        ]),
        &[],
    );
    out.stderr
}

fn body(letter: &Value) -> &str {
    letter["body"].as_str().expect("a body")
}

/// Excel in a German locale: `;`, German headers, a phone column.
const GERMAN_CSV: &str = "Name;E-Mail;Ort;Telefon;Notiz\n\
Anna Schmidt;anna@example.org;Köln;0221 123456;Ich war selbst auf Demonstrationen.\n\
Ben Weber;;Bonn;0228 654321;\n\
;;;;\n";

#[test]
fn a_semicolon_file_with_german_headers_and_a_phone_column_is_read() {
    let (env, campaign) = home();
    let file = members(&env, GERMAN_CSV.as_bytes());
    let (letters, stderr) = preview(&env, &campaign, &file, &[]);
    assert_eq!(
        stderr,
        format!(
            "senders file `{file}`: columns separated by semicolons (`;`)\n\
             senders file `{file}`: ignoring the columns `Telefon` (the columns read are name, email, city, note, postcode, address; see the README for their German names)\n"
        )
    );
    assert_eq!(letters.len(), 2, "the row of only separators is skipped");
    assert_eq!(letters[0]["from"], "Anna Schmidt <absender@appeal.invalid>");
    assert_eq!(letters[0]["reply_to"], "Anna Schmidt <anna@example.org>");
    assert!(body(&letters[0]).contains("\n\nIch war selbst auf Demonstrationen.\n\n"));
    assert!(body(&letters[0]).ends_with("\nAnna Schmidt\nKöln\n"));
    assert_eq!(letters[1]["reply_to"], Value::Null);
    assert!(body(&letters[1]).ends_with("\nBen Weber\nBonn\n"));
    for letter in &letters {
        assert!(
            !letter.to_string().contains("0221"),
            "the phone number stays out"
        );
    }

    // -q: no notices.
    let (letters, stderr) = preview(&env, &campaign, &file, &["-q"]);
    assert_eq!(letters.len(), 2);
    assert_eq!(stderr, "");
}

#[test]
fn a_column_named_as_the_interface_calls_it_is_the_personal_paragraph() {
    // The German interface says "eigener Absatz": a coordinator who names
    // the column so gets it into the letters, not an "ignoring" notice.
    let (env, campaign) = home();
    for header in ["Eigener Absatz", "Personal paragraph"] {
        let file = members(
            &env,
            format!("Name;E-Mail;{header}\nAnna Schmidt;anna@example.org;Mir ist das wichtig.\n")
                .as_bytes(),
        );
        let (letters, stderr) = preview(&env, &campaign, &file, &[]);
        assert_eq!(
            stderr,
            format!("senders file `{file}`: columns separated by semicolons (`;`)\n")
        );
        assert!(body(&letters[0]).contains("\n\nMir ist das wichtig.\n\n"));
    }
}

#[test]
fn the_german_file_reaches_the_server_as_written() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let (env, campaign) = home();
    env.write_smtp_config(
        &format!("[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n"),
        server.port(),
        "starttls",
        USER,
        &certs,
        "",
    );
    // Windows-1252 bytes: Jürgen Müller, Köln, Gräfin Weiß, Gießen.
    let file = members(
        &env,
        b"Name;E-Mail-Adresse;Wohnort;Telefon\r\n\
J\xfcrgen M\xfcller;juergen@example.org;K\xf6ln;0221 1\r\n\
Gr\xe4fin Wei\xdf;;Gie\xdfen;\r\n",
    );
    let out = run(
        env.cmd(&[
            "--campaign",
            path_str(&campaign),
            "send",
            "--senders",
            &file,
            "--yes",
            "--rate",
            "unlimited",
            "--per-recipient",
            "unlimited",
        ])
        .env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .timeout(Duration::from_secs(30)),
        0,
    );
    out.stderr_has(&[&format!(
        "senders file `{file}` is not UTF-8: read as Windows-1252 (Excel's \"CSV\" on Windows); check names with ä, ö, ü, ß in `appeal preview`\n"
    )]);
    let messages = server.messages();
    assert_eq!(messages.len(), 2);
    let mut signed = Vec::new();
    for m in &messages {
        let parsed = MessageParser::default().parse(&m.data).unwrap();
        let from = parsed.from().and_then(|a| a.first()).unwrap();
        let name = from.name().unwrap().to_string();
        let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
        let body = body.trim_end();
        let reply_to = parsed
            .reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_string);
        match name.as_str() {
            "Jürgen Müller" => {
                assert!(body.ends_with("\nJürgen Müller\nKöln"), "{body}");
                assert_eq!(reply_to.as_deref(), Some("juergen@example.org"));
            }
            "Gräfin Weiß" => {
                assert!(body.ends_with("\nGräfin Weiß\nGießen"), "{body}");
                assert_eq!(reply_to, None);
            }
            other => panic!("unexpected signer {other:?}"),
        }
        assert!(!body.contains("0221"));
        signed.push(name);
    }
    signed.sort();
    assert_eq!(signed, ["Gräfin Weiß", "Jürgen Müller"]);
}

#[test]
fn a_windows_1252_file_is_read_with_a_notice() {
    let (env, campaign) = home();
    let file = members(
        &env,
        b"name,email,city,note\nJ\xfcrgen M\xfcller,juergen@example.org,K\xf6ln,F\xfcr ein Verbot \x96 gro\xdfe Sorge.\n",
    );
    let (letters, stderr) = preview(&env, &campaign, &file, &[]);
    assert_eq!(
        stderr,
        format!("senders file `{file}` is not UTF-8: read as Windows-1252 (Excel's \"CSV\" on Windows); check names with ä, ö, ü, ß in `appeal preview`\n")
    );
    assert_eq!(letters.len(), 1);
    assert!(body(&letters[0]).contains("\n\nFür ein Verbot – große Sorge.\n\n"));
    assert!(body(&letters[0]).ends_with("\nJürgen Müller\nKöln\n"));
}

#[test]
fn a_utf8_file_with_one_latin1_line_is_refused_with_how_to_save_it() {
    let (env, campaign) = home();
    let file = members(&env, b"name,city\nAnna,K\xc3\xb6ln\nJ\xfcrgen,Bonn\n");
    assert_eq!(
        refused(&env, &campaign, &file),
        format!(
            "error: `{file}` line 3: not valid UTF-8, though other lines are (a file put together from differently saved parts?)\n\
             hint: save it as UTF-8: in Excel \"File > Save As\" and the type \"CSV UTF-8\"; in LibreOffice \"File > Save As\", \"Text CSV\", \"Edit filter settings\" and the character set \"Unicode (UTF-8)\"\n"
        )
    );
}

#[test]
fn a_crlf_file_names_the_right_line_and_keeps_multi_line_notes() {
    let (env, campaign) = home();
    // Line 2 starts a note over two lines; line 4 is the bad address.
    let file = members(
        &env,
        b"name,email,note\r\nAnna,anna@example.org,\"eins\r\nzwei\"\r\nBen,kaputt,\r\n",
    );
    let stderr = refused(&env, &campaign, &file);
    assert!(
        stderr.starts_with(&format!(
            "error: `{file}` line 4: column `email`: `kaputt` is not a valid email address ("
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let file = members(
        &env,
        b"name,email,note\r\nAnna,anna@example.org,\"eins\r\nzwei\"\r\nBen,,\r\n",
    );
    let (letters, _) = preview(&env, &campaign, &file, &[]);
    assert_eq!(letters.len(), 2);
    assert!(
        // A line break inside a note joins its lines into one paragraph
        // (see `letter::note_paragraphs`); no `\r` survives.
        body(&letters[0]).contains("\n\neins zwei\n\n"),
        "{}",
        body(&letters[0])
    );
    assert!(!letters[0].to_string().contains("\\r"));
}

#[test]
fn tabs_and_english_aliases_and_a_utf8_bom_work() {
    let (env, campaign) = home();
    let file = members(
        &env,
        "\u{feff}Full Name\tEmail Address\tTown\tMitglied seit\tPersonal Note\nAnna Schmidt\tanna@example.org\tKöln\t2019\tBitte!\n"
            .as_bytes(),
    );
    let (letters, stderr) = preview(&env, &campaign, &file, &[]);
    assert_eq!(
        stderr,
        format!(
            "senders file `{file}`: columns separated by tabs\n\
             senders file `{file}`: ignoring the columns `Mitglied seit` (the columns read are name, email, city, note, postcode, address; see the README for their German names)\n"
        )
    );
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["reply_to"], "Anna Schmidt <anna@example.org>");
    assert!(body(&letters[0]).contains("\n\nBitte!\n\n"));
    assert!(body(&letters[0]).ends_with("\nAnna Schmidt\nKöln\n"));
}

#[test]
fn a_duplicated_column_is_reported_once() {
    let (env, campaign) = home();
    let file = members(
        &env,
        b"Name;Mail;E-Mail\nAnna;a@example.org;a@example.org\nBen;b@example.org;b@example.org\nCarla;;\n",
    );
    assert_eq!(
        refused(&env, &campaign, &file),
        format!(
            "error: senders file `{file}` has the email column more than once: `Mail`, `E-Mail`\n\
             hint: keep one of them, or rename the others (columns with other names are ignored)\n"
        )
    );
}

#[test]
fn a_header_without_a_name_column_mentions_semicolons() {
    let (env, campaign) = home();
    let file = members(
        &env,
        b"Vorname;Nachname;E-Mail\nAnna;Schmidt;a@example.org\n",
    );
    assert_eq!(
        refused(&env, &campaign, &file),
        format!(
            "error: senders file `{file}` has no `name` column (found: Vorname, Nachname, E-Mail)\n\
             hint: the first line must be a header such as `name,email,city,note` or `Name;E-Mail;Ort;Notiz` (separated by `,`, `;` or tabs); see the README's \"Group campaigns\" section\n"
        )
    );
}

#[test]
fn control_characters_from_a_members_file_are_refused_and_never_printed() {
    let (env, campaign) = home();
    let cases: [(&[u8], &str); 4] = [
        (
            b"name,note\nAnna,\"Hallo\x1b]0;pwned\x07 Welt\"\n",
            "`{file}` line 2: column `note` contains the control character `\\u{1b}`; remove it",
        ),
        (
            b"name,city\nAnna,K\x1b[31mln\n",
            "`{file}` line 2: column `city`: the sender's city `K\\u{1b}[31mln` contains a control character (\\u{1b})",
        ),
        (
            b"name\nAn\x07na\n",
            "`{file}` line 2: column `name`: the sender's name `An\\u{7}na` contains a control character (\\u{7})",
        ),
        // A C1 control (CSI) as UTF-8.
        (
            "name,note\nAnna,\"Zeile\n\u{9b}2J\"\n".as_bytes(),
            "`{file}` line 2: column `note` contains the control character `\\u{9b}`; remove it",
        ),
    ];
    for (bytes, message) in cases {
        let file = members(&env, bytes);
        let stderr = refused(&env, &campaign, &file);
        assert_eq!(
            stderr,
            format!("error: {}\n", message.replace("{file}", &file)),
        );
        assert!(
            !stderr.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "printed raw: {stderr:?}"
        );
    }
}

#[test]
fn a_bad_address_with_an_escape_is_shown_escaped() {
    let (env, campaign) = home();
    let file = members(&env, b"name,email\nAnna,\x1b[2Janna@example.org\n");
    let stderr = refused(&env, &campaign, &file);
    assert!(
        stderr.starts_with(&format!(
            "error: `{file}` line 2: column `email`: `\\u{{1b}}[2Janna@example.org` is not a valid email address ("
        )),
        "{stderr:?}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn excels_unicode_text_is_read() {
    // Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF.
    let (env, campaign) = home();
    let text = "Name\tE-Mail\tOrt\r\nJürgen Weiß\tjuergen@example.org\tGießen\r\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let file = members(&env, &bytes);
    let (letters, stderr) = preview(&env, &campaign, &file, &[]);
    assert_eq!(
        stderr,
        format!("senders file `{file}`: columns separated by tabs\n")
    );
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["reply_to"], "Jürgen Weiß <juergen@example.org>");
    assert!(body(&letters[0]).ends_with("\nJürgen Weiß\nGießen\n"));
}
