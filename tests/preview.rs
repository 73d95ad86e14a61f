//! `appeal preview` end to end, through the real binary, from an empty
//! folder: the built-in #UnscanMyFace campaign, the messages exactly as
//! they would be sent (parsed back with an independent MIME parser), the
//! recipient selection, the output formats, custom campaigns, and snapshots
//! of the German letters and of the help.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use insta::assert_snapshot;
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::Value;

use support::cli::{run, TestEnv};

/// The four paragraphs of the appeal, verbatim from the campaign page
/// (`shared/campaign/unscan-my-face-page.txt`, "Appelltext").
const PARAGRAPHS: [&str; 4] = [
    "wir wenden uns als Mitglied des Ausschusses für bürgerliche Freiheiten, Justiz und Inneres im europäischen Parlament an Sie. In den aktuellen Verhandlungen zur Verordnung über die Regulierung von künstlicher Intelligenz wird über den künftigen Einsatz Gesichtserkennungstechnologie und anderen Formen von biometrischer Überwachung im öffentlichen Raum entschieden.",
    "Der Einsatz von Gesichtserkennungstechnologie gefährdet grundlegend das Recht auf Privatsphäre sowie eine Reihe weiterer Menschenrechte, wie die Meinung- und Versammlungsfreiheit, sowie das Recht auf Nichtdiskriminierung. Außerdem muss jede Einschränkung der Grund- und Menschenrechte notwendig und verhältnismäßig sein. Eine anlasslose und flächendeckende Überwachung aller Personen durch Gesichtserkennung ist aus unserer Sicht aber nie verhältnismäßig.",
    "Der Entwurf der EU-Kommission für die KI-Verordnung sieht in Artikel 5(1)(d) lediglich ein Verbot von Gesichtserkennung in Echtzeit und für Strafverfolgungszwecke vor. Zudem sind die Ausnahmeregelungen so weit gefasst, dass die Vorschrift keinem Verbot gleichkommt.",
    "Wir fordern Sie deswegen auf, sich in Ihrer Arbeit als Abgeordnete*r für ein umfassendes Verbot einzusetzen, das auch die nachträgliche biometrische Erkennung, den Einsatz durch alle staatlichen und private Akteure und den Einsatz an EU-Außengrenzen verbietet. Nur so bleiben unsere Menschenrechte auch in Zukunft geschützt.",
];

/// All nine recipients in campaign order: file name, address, greeting.
const ALL: [(&str, &str, &str); 9] = [
    (
        "01-katarina-barley.eml",
        "katarina.barley@europarl.europa.eu",
        "Sehr geehrte Frau Dr. Barley,",
    ),
    (
        "02-karolin-braunsberger-reinhold.eml",
        "karolin.braunsberger-reinhold@europarl.europa.eu",
        "Sehr geehrte Frau Braunsberger-Reinhold,",
    ),
    (
        "03-patrick-breyer.eml",
        "patrick.breyer@europarl.europa.eu",
        "Sehr geehrter Herr Dr. Breyer,",
    ),
    (
        "04-lena-duepont.eml",
        "lena.duepont@europarl.europa.eu",
        "Sehr geehrte Frau Düpont,",
    ),
    (
        "05-cornelia-ernst.eml",
        "cornelia.ernst@europarl.europa.eu",
        "Sehr geehrte Frau Dr. Ernst,",
    ),
    (
        "06-moritz-koerner.eml",
        "moritz.koerner@europarl.europa.eu",
        "Sehr geehrter Herr Körner,",
    ),
    (
        "07-terry-reintke.eml",
        "terry.reintke@europarl.europa.eu",
        "Sehr geehrte Frau Reintke,",
    ),
    (
        "08-birgit-sippel.eml",
        "birgit.sippel@europarl.europa.eu",
        "Sehr geehrte Frau Sippel,",
    ),
    (
        "09-martin-sonneborn.eml",
        "martin.sonneborn@europarl.europa.eu",
        "Sehr geehrter Herr Sonneborn,",
    ),
];

const SUBJECT: &str = "Gesichtserkennung in der KI-Verordnung verbieten";

/// What one parsed `.eml` file said.
struct Parsed {
    from_name: String,
    from_address: String,
    to: String,
    subject: String,
    message_id: String,
    body: String,
}

/// Parses one message with mail-parser and checks what every letter must
/// have: From, exactly one To, Subject, Date, Message-ID, UTF-8 plain text,
/// no Cc or Bcc.
fn parse_eml(path: &Path) -> Parsed {
    let raw = std::fs::read(path).unwrap();
    let shown = path.display();
    let message = MessageParser::default()
        .parse(&raw)
        .unwrap_or_else(|| panic!("{shown}: not a message"));
    let from = message
        .from()
        .and_then(|a| a.first())
        .unwrap_or_else(|| panic!("{shown}: no From"));
    let to: Vec<_> = message.all_to().flat_map(|a| a.iter()).collect();
    assert_eq!(to.len(), 1, "{shown}: exactly one To address, got {to:?}");
    assert!(message.cc().is_none(), "{shown}: no Cc");
    assert!(message.bcc().is_none(), "{shown}: no Bcc");
    assert!(message.date().is_some(), "{shown}: no Date");
    let content_type = message
        .content_type()
        .unwrap_or_else(|| panic!("{shown}: no Content-Type"));
    assert_eq!(content_type.ctype(), "text", "{shown}");
    assert_eq!(content_type.subtype(), Some("plain"), "{shown}");
    assert_eq!(
        content_type
            .attribute("charset")
            .map(str::to_ascii_lowercase),
        Some("utf-8".to_string()),
        "{shown}"
    );
    assert_eq!(message.text_body_count(), 1, "{shown}: one text body");
    assert_eq!(message.attachment_count(), 0, "{shown}: no attachments");
    Parsed {
        from_name: from.name().unwrap_or_default().to_string(),
        from_address: from.address().unwrap_or_default().to_string(),
        to: to[0].address().unwrap_or_default().to_string(),
        subject: message
            .subject()
            .unwrap_or_else(|| panic!("{shown}: no Subject"))
            .to_string(),
        message_id: message
            .message_id()
            .unwrap_or_else(|| panic!("{shown}: no Message-ID"))
            .to_string(),
        body: message
            .body_text(0)
            .unwrap_or_else(|| panic!("{shown}: no text body"))
            .replace("\r\n", "\n"),
    }
}

/// Checks a decoded letter: greeting first, the whole appeal verbatim, then
/// the closing and the signature.
fn check_letter(body: &str, greeting: &str, signature: &str, what: &str) {
    assert!(
        body.starts_with(&format!("{greeting}\n\n")),
        "{what}: should start with {greeting:?}:\n{body}"
    );
    for paragraph in PARAGRAPHS {
        assert!(
            body.contains(&format!("\n\n{paragraph}\n\n")),
            "{what}: paragraph missing or changed: {paragraph:?}\n{body}"
        );
    }
    assert!(
        body.trim_end()
            .ends_with(&format!("\n\nMit freundlichen Grüßen\n{signature}")),
        "{what}: should end with the closing and {signature:?}:\n{body}"
    );
}

/// The machine's host name, as the system reports it.
fn host_name() -> Option<String> {
    let from_file = std::fs::read_to_string("/etc/hostname").ok();
    let name = from_file
        .or_else(|| {
            std::process::Command::new("hostname")
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        })?
        .trim()
        .to_lowercase();
    (!name.is_empty()).then_some(name)
}

/// Whether `host` appears in `text` as a host name would: as a whole word
/// of a domain or after `@`. (A short name such as `vm` must not match
/// inside ordinary words or the quoted-printable body.)
fn mentions_host(text: &str, host: &str) -> bool {
    let text = text.to_lowercase();
    let short = host.split('.').next().unwrap_or(host);
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_'))
        .flat_map(|token| {
            std::iter::once(token).chain(token.split('.').filter(|part| !part.is_empty()))
        })
        .any(|token| token == host || token == short || token.ends_with(&format!(".{host}")))
        || (host.len() >= 8 && text.contains(host))
}

#[test]
fn the_host_name_check_finds_host_names_but_not_words() {
    assert!(mentions_host("Message-ID: <abc@vm>", "vm"));
    assert!(mentions_host("Received: from vm.example.net", "vm"));
    assert!(mentions_host("x@builder-7.internal", "builder-7.internal"));
    assert!(!mentions_host("Vmware? no: Kvmx, =C3=BCvm", "vm"));
    assert!(!mentions_host("<0123abcdef@appeal.invalid>", "vm"));
}

/// The `.eml` files of a folder, by name.
fn eml_files(dir: &Path) -> BTreeMap<String, std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), e.path())
        })
        .collect()
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not one JSON object per line ({e}): {line}"))
        })
        .collect()
}

/// The JSON letters for `args` (plus `--format json`).
fn preview_json(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["preview", "--format", "json"];
    all.extend_from_slice(args);
    json_lines(&run(&mut env.cmd(&all), 0).stdout)
}

#[test]
fn nine_eml_files_from_an_empty_folder_with_include_former() {
    let env = TestEnv::new();
    let preview = run(
        &mut env.cmd(&[
            "preview",
            "--include-former",
            "--name",
            "Erika Mustermann",
            "--format",
            "eml",
            "--out",
            "out",
        ]),
        0,
    );
    assert_eq!(preview.stdout, "");
    preview.stderr_has(&["wrote 9 letters"]);
    assert!(
        !preview.stderr.contains("left office"),
        "no notice with --include-former: {}",
        preview.stderr
    );

    let out = env.work_dir().join("out");
    let files = eml_files(&out);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    let expected: Vec<&str> = ALL.iter().map(|(file, _, _)| *file).collect();
    assert_eq!(names, expected, "one file per recipient, in campaign order");
    // Nothing else landed in the working folder (no staging leftovers).
    assert_eq!(env.listing("work"), ["out"]);

    let host = host_name();
    let mut ids = std::collections::HashSet::new();
    for (file, address, greeting) in ALL {
        let path = &files[file];
        let letter = parse_eml(path);
        assert_eq!(letter.to, address, "{file}");
        assert!(letter.to.ends_with("@europarl.europa.eu"), "{file}");
        assert!(
            support::is_built_in_subject(&letter.subject),
            "{file}: {}",
            letter.subject
        );
        assert_eq!(letter.from_name, "Erika Mustermann", "{file}");
        assert!(
            letter.from_address.ends_with("@appeal.invalid"),
            "{file}: From without --email uses the reserved domain: {}",
            letter.from_address
        );
        assert!(
            letter.message_id.ends_with("@appeal.invalid"),
            "{file}: Message-ID {}",
            letter.message_id
        );
        assert!(ids.insert(letter.message_id.clone()), "{file}: unique id");
        check_letter(&letter.body, greeting, "Erika Mustermann", file);
        if let Some(host) = &host {
            let raw = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
            assert!(
                !mentions_host(&raw, host),
                "{file}: the host name `{host}` leaks:\n{raw}"
            );
        }
    }
}

#[test]
fn with_email_the_message_id_uses_the_senders_domain() {
    let env = TestEnv::new();
    env.cmd(&[
        "preview",
        "--include-former",
        "--name",
        "Erika Mustermann",
        "--email",
        "erika@example.org",
        "--format",
        "eml",
        "--out",
        "out",
    ])
    .assert()
    .code(0);
    let files = eml_files(&env.work_dir().join("out"));
    assert_eq!(files.len(), 9);
    let host = host_name();
    for (file, address, greeting) in ALL {
        let path = &files[file];
        let letter = parse_eml(path);
        assert_eq!(letter.to, address, "{file}");
        assert_eq!(letter.from_address, "erika@example.org", "{file}");
        assert!(
            letter.message_id.ends_with("@example.org"),
            "{file}: Message-ID {}",
            letter.message_id
        );
        check_letter(&letter.body, greeting, "Erika Mustermann", file);
        let raw = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        assert!(!raw.contains("appeal.invalid"), "{file}:\n{raw}");
        if let Some(host) = &host {
            assert!(
                !mentions_host(&raw, host),
                "{file}: the host name `{host}` leaks:\n{raw}"
            );
        }
    }
}

#[test]
fn without_include_former_six_files_and_a_notice_naming_who_left() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--name",
            "Erika Mustermann",
            "--format",
            "eml",
            "--out",
            "out",
        ]),
        0,
    );
    // The notice names who left and why: three left Parliament in 2024,
    // Terry Reintke is still an MEP but no longer on LIBE.
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "note: leaving out 4 recipients who left office or no longer hold the role the letter addresses: \
         Karolin Braunsberger-Reinhold (left office 2024-07-15), Dr. Patrick Breyer (left office 2024-07-15), \
         Dr. Cornelia Ernst (left office 2024-07-15), \
         Terry Reintke (role ended 2024-07-15, now: MEP, not on LIBE); pass --include-former to include them"
    );
    let stderr = &out.stderr;
    // Barley is a substitute member now: her letter is still written.
    for name in ["Barley", "Düpont", "Körner", "Sippel", "Sonneborn"] {
        assert!(!stderr.contains(name), "{name} is in office: {stderr}");
    }

    let files = eml_files(&env.work_dir().join("out"));
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "01-katarina-barley.eml",
            "02-lena-duepont.eml",
            "03-moritz-koerner.eml",
            "04-birgit-sippel.eml",
            "05-martin-sonneborn.eml",
        ]
    );
    let to: Vec<String> = files.values().map(|p| parse_eml(p).to).collect();
    assert!(!to.iter().any(|a| a.contains("breyer")
        || a.contains("ernst")
        || a.contains("braunsberger")
        || a.contains("reintke")));
}

#[test]
fn quiet_suppresses_the_former_notice() {
    let env = TestEnv::new();
    env.cmd(&[
        "preview",
        "-q",
        "--name",
        "Erika Mustermann",
        "--to",
        "barley",
    ])
    .assert()
    .code(0)
    .stderr("");
}

#[test]
fn to_selects_by_case_insensitive_substring() {
    let env = TestEnv::new();
    let letters = preview_json(
        &env,
        &[
            "--name",
            "Erika Mustermann",
            "--to",
            "barley",
            "--to",
            "SONNEBORN",
        ],
    );
    let to: Vec<&str> = letters.iter().map(|l| l["to"].as_str().unwrap()).collect();
    assert_eq!(
        to,
        [
            "katarina.barley@europarl.europa.eu",
            "martin.sonneborn@europarl.europa.eu"
        ]
    );
}

#[test]
fn to_matches_an_address_too() {
    let env = TestEnv::new();
    let letters = preview_json(&env, &["--name", "Erika", "--to", "lena.duepont@"]);
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["to_name"], "Lena Düpont");
}

#[test]
fn to_a_former_member_needs_include_former() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&["preview", "--name", "Erika", "--to", "breyer"]),
        2,
    );
    assert_eq!(out.stdout, "");
    out.stderr_has(&[
        "error: `--to breyer` matches only recipients who left office",
        "hint: pass --include-former to write to them anyway",
    ]);
    let letters = preview_json(
        &env,
        &["--name", "Erika", "--to", "breyer", "--include-former"],
    );
    assert_eq!(letters.len(), 1);
    assert!(letters[0]["body"]
        .as_str()
        .unwrap()
        .starts_with("Sehr geehrter Herr Dr. Breyer,\n"));
}

#[test]
fn to_nobody_exits_2_naming_the_selector() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&["preview", "--name", "Erika", "--to", "nobody"]),
        2,
    );
    assert_eq!(out.stdout, "");
    out.stderr_has(&[
        "error: `--to nobody` matches no recipient",
        "appeal recipients",
    ]);
}

#[test]
fn json_is_one_object_per_line_with_to_subject_body_headers() {
    let env = TestEnv::new();
    let letters = preview_json(&env, &["--name", "Erika Mustermann"]);
    assert_eq!(letters.len(), 5);
    for (i, letter) in letters.iter().enumerate() {
        assert!(letter.is_object(), "{letter}");
        assert_eq!(letter["index"], i + 1);
        assert!(letter["to"]
            .as_str()
            .unwrap()
            .ends_with("@europarl.europa.eu"));
        let subject = letter["subject"].as_str().unwrap();
        assert!(support::is_built_in_subject(subject), "{subject}");
        let body = letter["body"].as_str().unwrap();
        check_letter(
            body,
            body.lines().next().unwrap(),
            "Erika Mustermann",
            "json",
        );
        let headers = letter["headers"].as_object().unwrap();
        for name in [
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "Content-Type",
        ] {
            assert!(headers.contains_key(name), "{name} in {headers:?}");
        }
        assert_eq!(headers["Subject"], subject);
        assert!(headers["Content-Type"]
            .as_str()
            .unwrap()
            .contains("text/plain; charset=utf-8"));
        assert!(headers["To"]
            .as_str()
            .unwrap()
            .contains(letter["to"].as_str().unwrap()));
        assert_eq!(headers["Message-ID"], letter["message_id"]);
    }
}

#[test]
fn text_shows_headers_and_separators() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--name",
            "Erika Mustermann",
            "--to",
            "barley",
            "--to",
            "körner",
        ]),
        0,
    );
    let stdout = &out.stdout;
    assert!(
        stdout.starts_with("━━━━━━ letter 1 of 2 ━━━━━━\nFrom: Erika Mustermann <"),
        "{stdout}"
    );
    for header in [
        "To: Katarina Barley <katarina.barley@europarl.europa.eu>",
        "To: Moritz Körner <moritz.koerner@europarl.europa.eu>",
        &format!("Subject: {SUBJECT}"),
        "Date: ",
        "Message-ID: <",
        "Content-Type: text/plain; charset=utf-8",
    ] {
        assert!(
            stdout.contains(&format!("\n{header}")),
            "{header}: {stdout}"
        );
    }
    out.stdout_has(&[
        "\n\n━━━━━━ letter 2 of 2 ━━━━━━\n",
        // Decoded, not quoted-printable.
        "\n\nSehr geehrte Frau Dr. Barley,\n\n",
        "\n\nSehr geehrter Herr Körner,\n\n",
        PARAGRAPHS[1],
    ]);
    assert!(!stdout.contains("=C3="), "{stdout}");
}

#[test]
fn eml_to_stdout_is_the_raw_message() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--name",
            "Erika",
            "--to",
            "sonneborn",
            "--format",
            "eml",
        ]),
        0,
    );
    let message = MessageParser::default()
        .parse(out.stdout.as_bytes())
        .unwrap();
    assert_eq!(message.subject(), Some(SUBJECT));
    let body = message.body_text(0).unwrap().replace("\r\n", "\n");
    check_letter(&body, "Sehr geehrter Herr Sonneborn,", "Erika", "eml");
}

#[test]
fn non_ascii_names_are_encoded_in_the_message_and_decoded_in_the_text_view() {
    let env = TestEnv::new();
    env.cmd(&[
        "preview",
        "--name",
        "Jürgen Groß",
        "--to",
        "düpont",
        "--format",
        "eml",
        "--out",
        "out",
    ])
    .assert()
    .code(0);
    let path = env.work_dir().join("out/01-lena-duepont.eml");
    let raw = std::fs::read(&path).unwrap();
    assert!(raw.is_ascii(), "headers and body are 7-bit encoded");
    let message = MessageParser::default().parse(&raw).unwrap();
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("Jürgen Groß"));
    let to = message.to().unwrap().first().unwrap();
    assert_eq!(to.name(), Some("Lena Düpont"));
    assert_eq!(to.address(), Some("lena.duepont@europarl.europa.eu"));
    let body = message.body_text(0).unwrap().replace("\r\n", "\n");
    check_letter(&body, "Sehr geehrte Frau Düpont,", "Jürgen Groß", "eml");

    let out = run(
        &mut env.cmd(&["preview", "--name", "Jürgen Groß", "--to", "düpont"]),
        0,
    );
    out.stdout_has(&[
        "\nFrom: Jürgen Groß <absender@appeal.invalid>\n",
        "\nTo: Lena Düpont <lena.duepont@europarl.europa.eu>\n",
    ]);
    assert!(!out.stdout.contains("=?utf-8?"), "{}", out.stdout);
}

#[test]
fn city_appears_under_the_name() {
    let env = TestEnv::new();
    let letters = preview_json(
        &env,
        &[
            "--name",
            "Erika Mustermann",
            "--city",
            "Köln",
            "--to",
            "barley",
        ],
    );
    let body = letters[0]["body"].as_str().unwrap();
    assert!(
        body.ends_with("\nMit freundlichen Grüßen\nErika Mustermann\nKöln\n"),
        "{body}"
    );
}

#[test]
fn out_into_a_non_empty_folder_exits_2_and_leaves_it_unchanged() {
    let env = TestEnv::new();
    let old = env.write("work/out/01-katarina-barley.eml", "an earlier letter\n");
    let out = run(
        &mut env.cmd(&[
            "preview", "--name", "Erika", "--format", "eml", "--out", "out",
        ]),
        2,
    );
    assert_eq!(out.stdout, "");
    out.stderr_has(&["error: `out` is not empty\nhint: choose a new folder, or empty this one, so letters of different runs do not mix\n"]);
    assert_eq!(env.listing("work/out"), ["01-katarina-barley.eml"]);
    assert_eq!(std::fs::read_to_string(old).unwrap(), "an earlier letter\n");
    assert_eq!(env.listing("work"), ["out"], "no staging folder left");
}

#[test]
fn out_into_an_existing_empty_folder_is_fine() {
    let env = TestEnv::new();
    std::fs::create_dir(env.work_dir().join("out")).unwrap();
    env.cmd(&["preview", "--name", "Erika", "--out", "out"])
        .assert()
        .code(0);
    assert_eq!(env.listing("work/out").len(), 5);
}

#[test]
fn out_with_json_exits_2_and_writes_nothing() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "preview", "--name", "Erika", "--format", "json", "--out", "out",
        ]),
        2,
    );
    assert_eq!(out.stdout, "");
    out.stderr_has(&["--out", "--format json"]);
    assert!(env.listing("work").is_empty());
}

// ---- custom campaigns: each part replaces the built-in one ----

const CUSTOM_RECIPIENTS: &str = r#"[campaign]
id = "kita-plaetze"
title = "Mehr Kita-Plätze"
language = "de"
template = "brief.hbs"

[[recipient]]
name = "Vorname Nachname"
email = "vorname.nachname@example.org"

[[recipient]]
name = "Anna Beispiel"
salutation = "Frau"
title = "Prof. Dr."
email = "anna.beispiel@example.org"
party = "Beispielpartei"
"#;

const CUSTOM_TEMPLATE: &str = "Subject: {{campaign.title}}: ein Brief an {{recipient.name}}

{{greeting}}

bitte setzen Sie sich für mehr Kita-Plätze ein.

Viele Grüße
{{sender.name}}
";

#[test]
fn campaign_dir_replaces_recipients_and_template() {
    let env = TestEnv::new();
    let dir = env.write_campaign("kita", CUSTOM_RECIPIENTS, "brief.hbs", CUSTOM_TEMPLATE);
    let dir = dir.to_str().unwrap();
    let letters = preview_json(&env, &["--campaign", dir, "--name", "Erika Mustermann"]);
    assert_eq!(letters.len(), 2);
    assert_eq!(letters[0]["to"], "vorname.nachname@example.org");
    assert_eq!(
        letters[0]["subject"],
        "Mehr Kita-Plätze: ein Brief an Vorname Nachname"
    );
    assert_eq!(
        letters[0]["body"],
        "Guten Tag Vorname Nachname,\n\nbitte setzen Sie sich für mehr Kita-Plätze ein.\n\nViele Grüße\nErika Mustermann\n"
    );
    assert_eq!(letters[1]["to"], "anna.beispiel@example.org");
    assert!(letters[1]["body"]
        .as_str()
        .unwrap()
        .starts_with("Sehr geehrte Frau Prof. Dr. Beispiel,\n"));
}

#[test]
fn campaign_option_works_after_the_subcommand() {
    let env = TestEnv::new();
    let dir = env.write_campaign("kita", CUSTOM_RECIPIENTS, "brief.hbs", CUSTOM_TEMPLATE);
    let letters = preview_json(
        &env,
        &["--name", "Erika", "--campaign", dir.to_str().unwrap()],
    );
    assert_eq!(letters.len(), 2);
}

#[test]
fn recipients_file_replaces_the_built_in_list_and_keeps_the_built_in_letter() {
    let env = TestEnv::new();
    let file = env.write(
        "liste.toml",
        "[campaign]\nid = \"eigene-liste\"\ntitle = \"Eigene Liste\"\ntemplate = \"appeal.de.hbs\"\n\n\
         [[recipient]]\nname = \"Vorname Nachname\"\nemail = \"vorname.nachname@example.org\"\n",
    );
    let letters = preview_json(
        &env,
        &[
            "--recipients",
            file.to_str().unwrap(),
            "--name",
            "Erika Mustermann",
        ],
    );
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["to"], "vorname.nachname@example.org");
    assert_eq!(letters[0]["subject"], SUBJECT);
    check_letter(
        letters[0]["body"].as_str().unwrap(),
        "Guten Tag Vorname Nachname,",
        "Erika Mustermann",
        "custom list",
    );
}

#[test]
fn template_file_replaces_the_built_in_letter() {
    let env = TestEnv::new();
    let file = env.write(
        "kurz.hbs",
        "Subject: Kurz an {{recipient.name}}\n\n{{greeting}}\n\nBitte verbieten Sie Gesichtserkennung.\n\n{{sender.name}}\n",
    );
    let letters = preview_json(
        &env,
        &[
            "--template",
            file.to_str().unwrap(),
            "--name",
            "Erika",
            "--to",
            "barley",
        ],
    );
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["to"], "katarina.barley@europarl.europa.eu");
    assert_eq!(letters[0]["subject"], "Kurz an Katarina Barley");
    assert_eq!(
        letters[0]["body"],
        "Sehr geehrte Frau Dr. Barley,\n\nBitte verbieten Sie Gesichtserkennung.\n\nErika\n"
    );
}

// ---- snapshots ----

#[test]
fn snapshot_barley_letter() {
    let env = TestEnv::new();
    let letters = preview_json(&env, &["--name", "Erika Mustermann", "--to", "barley"]);
    let body = letters[0]["body"].as_str().unwrap();
    assert_snapshot!("barley_body", body);
}

#[test]
fn snapshot_sonneborn_letter_with_city() {
    let env = TestEnv::new();
    let letters = preview_json(
        &env,
        &[
            "--name",
            "Erika Mustermann",
            "--city",
            "Köln",
            "--to",
            "sonneborn",
        ],
    );
    let body = letters[0]["body"].as_str().unwrap();
    assert_snapshot!("sonneborn_body", body);
}

#[test]
fn snapshot_neutral_greeting_letter() {
    let env = TestEnv::new();
    let file = env.write(
        "liste.toml",
        "[campaign]\nid = \"neutral\"\ntitle = \"Neutral\"\ntemplate = \"appeal.de.hbs\"\n\n\
         [[recipient]]\nname = \"Vorname Nachname\"\nemail = \"vorname.nachname@example.org\"\n",
    );
    let letters = preview_json(
        &env,
        &[
            "--recipients",
            file.to_str().unwrap(),
            "--name",
            "Erika Mustermann",
        ],
    );
    let body = letters[0]["body"].as_str().unwrap();
    assert_snapshot!("neutral_body", body);
}

#[test]
fn snapshot_help() {
    let env = TestEnv::new();
    let help = run(&mut env.cmd(&["--help"]), 0).stdout;
    assert_snapshot!("help", help);
}

#[test]
fn snapshot_preview_help() {
    let env = TestEnv::new();
    let help = run(&mut env.cmd(&["preview", "--help"]), 0).stdout;
    assert_snapshot!("preview_help", help);
}

#[test]
fn a_reader_that_stops_early_ends_the_preview_quietly() {
    // `appeal preview … | head`: once the reader is gone, the preview stops
    // without an error message or a panic, and exits 0.
    let env = TestEnv::new();
    env.write_config("[sender]\nname = \"Ortsgruppe\"\nemail = \"gruppe@example.org\"\n");
    let mut members = String::from("name,email\n");
    for i in 0..2000 {
        members.push_str(&format!("Mitglied {i},m{i}@example.org\n"));
    }
    let csv = env.write("members.csv", &members);
    for format in ["text", "json", "eml"] {
        let mut child = env
            .std_cmd(&[
                "preview",
                "--senders",
                csv.to_str().unwrap(),
                "--format",
                format,
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 100];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(
            !stderr.contains("error") && !stderr.contains("panicked"),
            "{format}: {stderr}"
        );
    }
}
