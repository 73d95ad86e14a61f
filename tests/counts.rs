//! Letters that count as letters (issue 14), through the real binary:
//! text variants spread evenly and the same in `preview`, at the test SMTP
//! server on 127.0.0.1 and on a rerun; a pace per recipient kept at the
//! server, in an order that interleaves recipients; office hours with an
//! injected clock; the sender's postcode and address; own words counted
//! and required.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use mail_parser::MessageParser;
use serde_json::Value;
use support::certs::{make_certs, TestCerts};
use support::cli::{run, usage_error, TestEnv};
use support::smtp::{self, Action, Fault, Received, ServerOptions, Step, TestServer};

const USER: &str = "gruppe@example.org";
const PASSWORD: &str = "Gruppen-Pa55wort!";
const LIMIT: Duration = Duration::from_secs(60);

/// Three recipients; the campaign's time zone is the default (Brussels).
const RECIPIENTS_TOML: &str = r#"[campaign]
id = "stimmen"
title = "Gesichtserkennung verbieten"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
salutation = "Frau"
email = "mep1@example.org"

[[recipient]]
name = "Bert Brandt"
salutation = "Herr"
email = "mep2@example.org"

[[recipient]]
name = "Clara Conrad"
salutation = "Frau"
email = "mep3@example.org"
"#;

/// Four subjects, two wordings of a passage, the personal paragraph.
const TEMPLATE: &str = "{{#variants}}
Subject: Betreff eins
{{or}}
Subject: Betreff zwei
{{or}}
Subject: Betreff drei
{{or}}
Subject: Betreff vier
{{/variants}}

{{greeting}}

{{#variants}}
bitte setzen Sie sich für ein Verbot ein.
{{or}}
ich bitte Sie, sich für ein Verbot einzusetzen.
{{/variants}}

{{#if note}}
{{note}}

{{/if}}
Mit freundlichen Grüßen
{{sender.name}}
";

const SUBJECTS: [&str; 4] = [
    "Betreff eins",
    "Betreff zwei",
    "Betreff drei",
    "Betreff vier",
];

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A home with the test campaign and, when given, an account on `port`.
struct Home {
    env: TestEnv,
    campaign: PathBuf,
}

impl Home {
    fn new(server: Option<(&TestServer, &TestCerts)>) -> Home {
        let env = TestEnv::new();
        if let Some((server, certs)) = server {
            env.write_smtp_config(
                &format!("[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n"),
                server.port(),
                "starttls",
                USER,
                certs,
                "",
            );
        }
        let campaign = env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
        Home { env, campaign }
    }

    /// Writes `text` as `mitglieder.csv`; returns its path.
    fn members(&self, text: &str) -> String {
        let path = self.env.root().join("mitglieder.csv");
        std::fs::write(&path, text).unwrap();
        path_str(&path).to_string()
    }

    /// `appeal --campaign kampagne <args>`.
    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut all = vec!["--campaign", path_str(&self.campaign)];
        all.extend_from_slice(args);
        let mut cmd = self.env.cmd(&all);
        cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD).timeout(LIMIT);
        cmd
    }

    /// `preview --senders FILE --format json <extra>`: the letters.
    fn preview(&self, members: &str, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["preview", "--senders", members, "--format", "json"];
        args.extend_from_slice(extra);
        run(&mut self.cmd(&args), 0)
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect()
    }
}

/// `n` members `Mitglied 01` … with addresses; `with_note` decides who
/// writes a sentence of their own.
fn members_csv(n: usize, with_note: impl Fn(usize) -> bool) -> String {
    let mut csv = String::from("name,email,note\n");
    for i in 1..=n {
        let note = if with_note(i) {
            format!("Als Mitglied {i} liegt mir das am Herzen.")
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "Mitglied {i:02},mitglied{i:02}@example.org,{note}\n"
        ));
    }
    csv
}

/// What the server stored: (the member's address, from Reply-To;
/// recipient, subject, Message-ID), in arrival order.
fn stored(messages: &[Received]) -> Vec<(String, String, String, String)> {
    messages
        .iter()
        .map(|m| {
            let parsed = MessageParser::default().parse(&m.data).expect("a message");
            (
                parsed
                    .reply_to()
                    .and_then(|a| a.first())
                    .and_then(|a| a.address())
                    .unwrap()
                    .to_string(),
                m.rcpt_to[0].clone(),
                parsed.subject().unwrap().to_string(),
                parsed.message_id().unwrap().to_string(),
            )
        })
        .collect()
}

fn starttls_server() -> (TestServer, TestCerts) {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    (server, certs)
}

#[test]
fn twenty_members_to_one_recipient_spread_over_four_subjects_alike_in_preview_at_the_server_and_on_a_rerun(
) {
    let (server, certs) = starttls_server();
    let home = Home::new(Some((&server, &certs)));
    let members = home.members(&members_csv(20, |_| false));

    // preview: which subject each member's letter to Anna Albers has, and
    // which alternatives it says it got.
    let letters = home.preview(&members, &["--to", "mep1"]);
    assert_eq!(letters.len(), 20);
    let mut previewed: HashMap<String, String> = HashMap::new();
    let mut per_subject: BTreeMap<String, usize> = BTreeMap::new();
    let mut passages = [0; 2];
    for letter in &letters {
        let subject = letter["subject"].as_str().unwrap().to_string();
        let variants = letter["variants"].as_array().expect("variants");
        assert_eq!(variants.len(), 2, "{letter}");
        assert_eq!(variants[0]["line"], 1);
        assert_eq!(variants[0]["of"], 4);
        let choice = variants[0]["choice"].as_u64().unwrap() as usize;
        assert_eq!(
            subject,
            SUBJECTS[choice - 1],
            "the choice names the subject"
        );
        assert_eq!(variants[1]["line"], 13);
        assert_eq!(variants[1]["of"], 2);
        let passage = variants[1]["choice"].as_u64().unwrap() as usize;
        let body = letter["body"].as_str().unwrap();
        let wording = [
            "bitte setzen Sie sich für ein Verbot ein.",
            "ich bitte Sie, sich für ein Verbot einzusetzen.",
        ];
        assert!(body.contains(wording[passage - 1]), "{body}");
        assert!(!body.contains(wording[2 - passage]), "{body}");
        assert!(!body.contains("{{"), "{body}");
        passages[passage - 1] += 1;
        *per_subject.entry(subject.clone()).or_default() += 1;
        let reply_to = letter["reply_to"].as_str().unwrap();
        let member = reply_to.rsplit_once('<').unwrap().1.trim_end_matches('>');
        previewed.insert(member.to_string(), subject);
    }
    assert_eq!(per_subject.len(), 4, "{per_subject:?}");
    for (subject, n) in &per_subject {
        assert!((3..=7).contains(n), "{subject}: {n} of 20");
    }
    assert!(
        passages.iter().all(|n| (8..=12).contains(n)),
        "{passages:?}"
    );

    // send: the server gets the same subject from every member.
    let send = |extra: &[&str]| {
        let mut args = vec![
            "send",
            "--senders",
            &members,
            "--to",
            "mep1",
            "--yes",
            "--rate",
            "unlimited",
            "--per-recipient",
            "unlimited",
        ];
        args.extend_from_slice(extra);
        run(&mut home.cmd(&args), 0)
    };
    send(&[]);
    let first = stored(&server.messages());
    assert_eq!(first.len(), 20);
    for (name, _, subject, _) in &first {
        assert_eq!(
            &previewed[name], subject,
            "{name}: preview and server agree"
        );
    }

    // A deliberate second run keeps every letter's text: same subjects,
    // same Message-IDs.
    send(&["--again"]);
    let all = stored(&server.messages());
    assert_eq!(all.len(), 40);
    let second: HashMap<&str, (&str, &str)> = all[20..]
        .iter()
        .map(|(n, _, s, id)| (n.as_str(), (s.as_str(), id.as_str())))
        .collect();
    for (name, _, subject, id) in &first {
        assert_eq!(
            second[name.as_str()],
            (subject.as_str(), id.as_str()),
            "{name}"
        );
    }
}

#[test]
fn the_built_in_campaigns_recipients_each_get_every_subject_evenly_in_an_interleaved_order() {
    let home = Home::new(None);
    let members = home.members(&members_csv(20, |_| false));
    let out = run(
        &mut home
            .env
            .cmd(&["preview", "--senders", &members, "--format", "json"]),
        0,
    );
    let subjects = support::built_in_subjects();
    assert!(subjects.len() >= 4, "{subjects:?}");
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for line in out.stdout.lines() {
        let letter: Value = serde_json::from_str(line).unwrap();
        let key = (
            letter["to"].as_str().unwrap().to_string(),
            letter["subject"].as_str().unwrap().to_string(),
        );
        *counts.entry(key).or_default() += 1;
    }
    let recipients: std::collections::BTreeSet<&String> = counts.keys().map(|(r, _)| r).collect();
    assert_eq!(recipients.len(), 5);
    for recipient in recipients {
        for subject in &subjects {
            let n = counts.get(&(recipient.clone(), subject.clone())).copied();
            assert_eq!(n, Some(20 / subjects.len()), "{recipient}: {subject}");
        }
    }

    // The order `send` goes in never writes to the same recipient twice in a row.
    let env = &home.env;
    env.write_config(&format!("[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n[smtp]\nhost = \"127.0.0.1\"\nport = 1\n"));
    let out = run(
        &mut env.cmd(&["send", "--senders", &members, "--dry-run", "--json"]),
        0,
    );
    let order: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["recipient"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(order.len(), 100);
    assert!(order.windows(2).all(|w| w[0] != w[1]), "{order:?}");
}

#[test]
fn a_malformed_variants_block_is_refused_naming_the_line() {
    let cases = [
        (
            "Subject: x\n\n{{greeting}}\n{{or}}\nText\n",
            "line 4: `{{or}}` outside a `{{#variants}}` block",
        ),
        (
            "Subject: x\n\n{{#variants}}\neins\n{{or}}\nzwei\n",
            "line 3: `{{#variants}}` is never closed by `{{/variants}}`",
        ),
        (
            "Subject: {{#variants}}x\n\nText\n",
            "line 1: `{{#variants}}` must stand alone on its line",
        ),
        (
            "Subject: x\n\n{{#variants}}\neins\n{{/variants}}\n",
            "line 3: the `{{#variants}}` block has one alternative; separate two or more with `{{or}}` lines",
        ),
    ];
    for (template, problem) in cases {
        let env = TestEnv::new();
        let campaign = env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", template);
        let file = campaign.join("templates/brief.de.hbs");
        for command in [
            &["preview", "--name", "Erika"][..],
            &["send", "--name", "Erika", "--dry-run"][..],
        ] {
            let mut args = vec!["--campaign", path_str(&campaign)];
            args.extend_from_slice(command);
            let out = usage_error(&mut env.cmd(&args), &[]);
            assert_eq!(
                out.stderr,
                format!(
                    "error: template `{}` {problem}\nhint: write alternatives as whole lines: `{{{{#variants}}}}`, a wording, `{{{{or}}}}`, another wording, …, `{{{{/variants}}}}` (see the README's \"Templates\" section)\n",
                    file.display()
                )
            );
        }
    }
}

#[test]
fn a_pace_per_recipient_is_kept_at_the_server_and_recipients_interleave() {
    let (server, certs) = starttls_server();
    let home = Home::new(Some((&server, &certs)));
    let members = home.members(&members_csv(3, |_| false));
    // Unlimited overall, at most one letter every two seconds to any one
    // recipient.
    let out = run(
        &mut home.cmd(&[
            "send",
            "--senders",
            &members,
            "--yes",
            "--rate",
            "unlimited",
            "--per-recipient",
            "1800/h",
        ]),
        0,
    );
    out.stderr_has(&[
        "pace:      unlimited, at most 1800/h to any one recipient (about 4 s to finish)",
    ]);
    let messages = server.messages();
    assert_eq!(messages.len(), 9);
    let order: Vec<&str> = messages.iter().map(|m| m.rcpt_to[0].as_str()).collect();
    assert_eq!(
        order,
        [
            "mep1@example.org",
            "mep2@example.org",
            "mep3@example.org",
            "mep1@example.org",
            "mep2@example.org",
            "mep3@example.org",
            "mep1@example.org",
            "mep2@example.org",
            "mep3@example.org",
        ],
        "member by member, each to every recipient"
    );
    let senders: Vec<String> = stored(&messages).into_iter().map(|m| m.0).collect();
    assert_eq!(senders[..3], ["mitglied01@example.org"; 3]);
    assert_eq!(senders[6..], ["mitglied03@example.org"; 3]);
    for recipient in ["mep1@example.org", "mep2@example.org", "mep3@example.org"] {
        let times: Vec<_> = messages
            .iter()
            .filter(|m| m.rcpt_to[0] == recipient)
            .map(|m| m.arrived)
            .collect();
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            // At least two seconds apart: a letter to a recipient starts
            // two seconds after the previous one to them ended.
            assert!(gap >= Duration::from_secs(2), "{recipient}: {gap:?}");
        }
    }
}

#[test]
fn the_summary_estimates_the_pace_overall_and_per_recipient() {
    let home = Home::new(None);
    home.env.write_config(&format!(
        "[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n[smtp]\nhost = \"127.0.0.1\"\nport = 1\n"
    ));
    let members = home.members(&members_csv(3, |_| false));
    let dry = |extra: &[&str]| {
        let mut args = vec!["send", "--senders", &members, "--dry-run"];
        args.extend_from_slice(extra);
        run(&mut home.cmd(&args), 0)
    };
    // 9 letters, one a second, two a minute per recipient: the third round
    // starts at 60 s, its last letter at 62 s.
    dry(&["--rate", "60/min", "--per-recipient", "120/h"]).stderr_has(&[
        "\npace:      60/min, at most 120/h to any one recipient (about 1 min 2 s to finish)\n",
    ]);
    // The group defaults: 6/min, 20/h per recipient: rounds 3 minutes apart.
    dry(&[]).stderr_has(&[
        "\npace:      6/min, at most 20/h to any one recipient (about 6 min 20 s to finish)\n",
    ]);
    dry(&["--per-recipient", "unlimited"])
        .stderr_has(&["\npace:      6/min, no limit per recipient (about 1 min 20 s to finish)\n"]);
    for bad in ["20", "0/h", "viele/h"] {
        let out = usage_error(
            &mut home.cmd(&[
                "send",
                "--senders",
                &members,
                "--dry-run",
                "--per-recipient",
                bad,
            ]),
            &[],
        );
        assert_eq!(
            out.stderr,
            format!("error: `--per-recipient {bad}` is not a rate\nhint: write it like `20/h` (letters per hour to any one recipient) or `unlimited`\n")
        );
    }
}

#[test]
fn office_hours_outside_them_nothing_is_sent_and_the_exit_is_75() {
    let (server, certs) = starttls_server();
    let home = Home::new(Some((&server, &certs)));
    let members = home.members(&members_csv(2, |_| false));
    let send = |clock: &str, extra: &[&str], code: i32| {
        let mut args = vec![
            "send",
            "--senders",
            &members,
            "--yes",
            "--office-hours",
            "--per-recipient",
            "unlimited",
        ];
        args.extend_from_slice(extra);
        run(home.cmd(&args).env("APPEAL_TEST_CLOCK", clock), code)
    };
    // Saturday morning in Brussels.
    let out = send("2026-11-28T10:00:00+01:00", &["--rate", "unlimited"], 75);
    assert!(
        out.stderr.ends_with(
            "error: outside office hours: it is Saturday 10:00 in Europe/Brussels; --office-hours sends on weekdays from 9:00 to 18:00 there\n\
             hint: nothing was sent; run the same command again from Monday 09:00 (Europe/Brussels)\n"
        ),
        "{}",
        out.stderr
    );
    // Wednesday 8:30 in summer (6:30 UTC): still before the office opens.
    let out = send("2026-07-01T06:30:00Z", &["--rate", "unlimited"], 75);
    out.stderr_has(&[
        "it is Wednesday 08:30 in Europe/Brussels",
        "again from Wednesday 09:00 (Europe/Brussels)",
    ]);
    assert_eq!(
        server.connections(),
        0,
        "no connection outside office hours"
    );

    // Friday 17:59:57: letters go out until 18:00, then the run stops.
    let out = send("2026-11-27T17:59:57+01:00", &["--rate", "1/s"], 75);
    let sent = server.messages().len();
    assert!((1..6).contains(&sent), "{sent} of 6 sent before 18:00");
    out.stderr_has(&[
        &format!("summary: {sent} delivered, 0 refused, 0 uncertain, {} left to send", 6 - sent),
        "error: stopped at Friday 18:00 in Europe/Brussels: --office-hours sends on weekdays from 9:00 to 18:00 there\n\
         hint: the letters not sent are left for the next run; run the same command again from Monday 09:00 (Europe/Brussels)\n",
    ]);

    // Monday 10:00: the rest goes out.
    let out = send("2026-11-30T10:00:00+01:00", &["--rate", "unlimited"], 0);
    out.stderr_has(&["office hours only (about 0 s to finish)"]);
    assert_eq!(server.messages().len(), 6);
}

/// The built-in letter's last lines for `args`, from `preview --format json`.
fn signature(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["preview", "--to", "barley", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&mut env.cmd(&all), 0);
    let letter: Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    let body = letter["body"].as_str().unwrap();
    let (_, end) = body.rsplit_once("Mit freundlichen Grüßen\n").expect(body);
    end.lines().map(str::to_string).collect()
}

#[test]
fn postcode_and_address_from_config_flags_and_members_file_go_under_the_signature() {
    let env = TestEnv::new();
    // Not given: name (and town) only.
    assert_eq!(
        signature(&env, &["--name", "Erika Mustermann"]),
        ["Erika Mustermann"]
    );
    assert_eq!(
        signature(&env, &["--name", "Erika Mustermann", "--city", "Köln"]),
        ["Erika Mustermann", "Köln"]
    );
    // From the configuration.
    env.write_config(
        "[sender]\nname = \"Erika Mustermann\"\ncity = \"Köln\"\npostcode = \"50667\"\naddress = \"Musterstraße 1\"\n",
    );
    assert_eq!(
        signature(&env, &[]),
        ["Erika Mustermann", "Musterstraße 1", "50667 Köln"]
    );
    // Flags win over it.
    assert_eq!(
        signature(
            &env,
            &[
                "--postcode",
                "53111",
                "--address",
                "Am Markt 2",
                "--city",
                "Bonn"
            ]
        ),
        ["Erika Mustermann", "Am Markt 2", "53111 Bonn"]
    );
    // A postcode alone, without a town.
    env.write_config("[sender]\nname = \"Erika Mustermann\"\npostcode = \"50667\"\n");
    assert_eq!(signature(&env, &[]), ["Erika Mustermann", "50667"]);

    // A members file with German headers, as Excel writes it.
    let file = env.root().join("mitglieder.csv");
    std::fs::write(
        &file,
        "Name;PLZ;Adresse;Ort\nAnna Schmidt;50667;Domstraße 3;Köln\nBen Weber;;;Bonn\n",
    )
    .unwrap();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--senders",
            path_str(&file),
            "--to",
            "barley",
            "--format",
            "json",
            "-q",
        ]),
        0,
    );
    let bodies: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["body"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        bodies[0].ends_with("Grüßen\nAnna Schmidt\nDomstraße 3\n50667 Köln\n"),
        "{}",
        bodies[0]
    );
    assert!(
        bodies[1].ends_with("Grüßen\nBen Weber\nBonn\n"),
        "{}",
        bodies[1]
    );
    std::fs::write(
        &file,
        "Name,Postleitzahl,Anschrift\nAnna Schmidt,50667,Domstraße 3\n",
    )
    .unwrap();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--senders",
            path_str(&file),
            "--to",
            "barley",
            "--format",
            "json",
        ]),
        0,
    );
    assert!(
        out.stdout.contains(r"Anna Schmidt\nDomstraße 3\n50667\n"),
        "{}",
        out.stdout
    );

    // With a members file, each member's come from it.
    let out = usage_error(
        &mut env.cmd(&[
            "preview",
            "--senders",
            path_str(&file),
            "--postcode",
            "50667",
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: `--postcode`/`--address` cannot be combined with `--senders`: each member's comes from the file\n\
         hint: put them in the members file's `postcode` and `address` columns (`PLZ`, `Adresse`)\n"
    );
}

#[test]
fn require_note_names_ten_members_and_counts_the_rest() {
    // Ten members without a note are all named; from eleven on, the first
    // ten and "and N more".
    let (server, certs) = starttls_server();
    let home = Home::new(Some((&server, &certs)));
    for (n, names) in [
        (
            10,
            "`Mitglied 01`, `Mitglied 02`, `Mitglied 03`, `Mitglied 04`, `Mitglied 05`, \
             `Mitglied 06`, `Mitglied 07`, `Mitglied 08`, `Mitglied 09`, `Mitglied 10`",
        ),
        (
            12,
            "`Mitglied 01`, `Mitglied 02`, `Mitglied 03`, `Mitglied 04`, `Mitglied 05`, \
             `Mitglied 06`, `Mitglied 07`, `Mitglied 08`, `Mitglied 09`, `Mitglied 10`, and 2 more",
        ),
    ] {
        let members = home.members(&members_csv(n, |_| false));
        let out = run(
            &mut home.cmd(&["send", "--senders", &members, "--yes", "--require-note"]),
            2,
        );
        assert_eq!(
            out.stderr,
            format!(
                "error: --require-note: {n} of {n} members have no personal paragraph: {names}\n\
                 hint: write one for each in the members file's `note` column, or leave out --require-note; nothing was sent\n"
            )
        );
    }
    assert_eq!(server.connections(), 0);
}

#[test]
fn own_words_are_counted_before_sending_required_on_request_and_counted_by_status() {
    let (server, certs) = starttls_server();
    let home = Home::new(Some((&server, &certs)));
    // Member 2 of 3 writes a sentence of their own.
    let members = home.members(&members_csv(3, |i| i == 2));
    let send = |extra: &[&str], code: i32| {
        let mut args = vec![
            "send",
            "--senders",
            &members,
            "--yes",
            "--rate",
            "unlimited",
            "--per-recipient",
            "unlimited",
        ];
        args.extend_from_slice(extra);
        run(&mut home.cmd(&args), code)
    };
    let out = send(&["--require-note"], 2);
    assert_eq!(
        out.stderr,
        "error: --require-note: 2 of 3 members have no personal paragraph: `Mitglied 01`, `Mitglied 03`\n\
         hint: write one for each in the members file's `note` column, or leave out --require-note; nothing was sent\n"
    );
    assert_eq!(server.connections(), 0);

    let out = send(&["--to", "mep1"], 0);
    out.stderr_has(&["\nnote: 2 of 3 letters (2 of 3 members) have no personal paragraph: apart from the member's name and the template's variants they are identical, and parliaments count identical letters as one campaign; a sentence of each member's own (the members file's `note` column) makes a letter count\n"]);
    assert_eq!(server.messages().len(), 3);

    let status = run(&mut home.cmd(&["status", "--senders", &members]), 0);
    status.stdout_has(&[
        "delivered: 3\nown words: 1 of the delivered letters with a personal paragraph\n",
    ]);
    let json = run(
        &mut home.cmd(&["status", "--senders", &members, "--format", "json"]),
        0,
    );
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        (
            json["delivered"].as_u64(),
            json["delivered_personal"].as_u64()
        ),
        (Some(3), Some(1))
    );

    // A single activist without a paragraph of their own.
    let out = usage_error(
        &mut home.cmd(&["send", "--name", "Erika", "--yes", "--require-note"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: --require-note: your letter has no personal paragraph\n\
         hint: write one with `--note TEXT`, `--note-file FILE` or `--edit`, or leave out --require-note\n"
    );
    run(
        &mut home.cmd(&[
            "send",
            "--name",
            "Erika",
            "--yes",
            "--require-note",
            "--note",
            "Mein Satz.",
            "--to",
            "mep1",
        ]),
        0,
    );
    assert_eq!(server.messages().len(), 4);
}

#[test]
fn control_characters_in_postcode_or_address_and_an_unknown_time_zone_are_refused() {
    let env = TestEnv::new();
    let out = usage_error(
        &mut env.cmd(&["preview", "--name", "Erika", "--postcode", "50\u{7}667"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: the sender's postcode `50\\u{7}667` contains a control character (\\u{7})\n"
    );
    let out = usage_error(
        &mut env.cmd(&["preview", "--name", "Erika", "--address", "Weg 1\u{1b}[2J"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: the sender's address `Weg 1\\u{1b}[2J` contains a control character (\\u{1b})\n"
    );
    let file = env.root().join("mitglieder.csv");
    std::fs::write(&file, "Name;PLZ;Anschrift\nAnna;50667;Dom\u{7}platz 1\n").unwrap();
    let out = usage_error(
        &mut env.cmd(&["preview", "--senders", path_str(&file), "-q"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: `{}` line 2: column `address`: the sender's address `Dom\\u{{7}}platz 1` contains a control character (\\u{{7}})\n",
            file.display()
        )
    );

    // --office-hours needs the campaign's time zone to be known.
    let campaign = env.write_campaign(
        "kampagne",
        &RECIPIENTS_TOML.replace(
            "template = \"brief.de.hbs\"\n",
            "template = \"brief.de.hbs\"\ntime_zone = \"Mars/Olympus\"\n",
        ),
        "brief.de.hbs",
        TEMPLATE,
    );
    env.write_config(&format!(
        "[sender]\nname = \"Erika\"\nemail = \"{USER}\"\n[smtp]\nhost = \"127.0.0.1\"\nport = 1\n"
    ));
    let out = usage_error(
        &mut env.cmd(&[
            "--campaign",
            path_str(&campaign),
            "send",
            "--yes",
            "--office-hours",
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: the campaign's time zone `Mars/Olympus` is not known here (failed to find time zone `Mars/Olympus` in time zone database)\n\
         hint: set `time_zone` under [campaign] in recipients.toml to a name such as `Europe/Brussels`, or leave out --office-hours\n"
    );
    // Without --office-hours the zone is not needed.
    run(
        &mut env.cmd(&[
            "--campaign",
            path_str(&campaign),
            "send",
            "--yes",
            "--dry-run",
        ]),
        0,
    );
}

#[test]
fn recipients_check_names_a_malformed_variants_block() {
    let env = TestEnv::new();
    let campaign = env.write_campaign(
        "kampagne",
        RECIPIENTS_TOML,
        "brief.de.hbs",
        "Subject: x\n\n{{greeting}}\n{{or}}\n",
    );
    let out = run(
        &mut env.cmd(&["--campaign", path_str(&campaign), "recipients", "--check"]),
        1,
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: template `{}` line 4: `{{{{or}}}}` outside a `{{{{#variants}}}}` block\n",
            campaign.join("templates/brief.de.hbs").display()
        )
    );
}

#[test]
fn the_pace_per_recipient_carries_over_to_a_rerun() {
    let (server, certs) = starttls_server();
    let home = Home::new(Some((&server, &certs)));
    let members = home.members(&members_csv(2, |_| false));
    let send = |extra: &[&str], code: i32| {
        let mut args = vec![
            "send",
            "--senders",
            &members,
            "--yes",
            "--rate",
            "unlimited",
            "--per-recipient",
            "1800/h",
        ];
        args.extend_from_slice(extra);
        run(&mut home.cmd(&args), code)
    };
    // The first member's three letters, then at once a second run for the rest.
    send(&["--max", "3"], 75);
    assert_eq!(server.messages().len(), 3);
    send(&[], 0);
    let messages = server.messages();
    assert_eq!(messages.len(), 6);
    for recipient in ["mep1@example.org", "mep2@example.org", "mep3@example.org"] {
        let times: Vec<_> = messages
            .iter()
            .filter(|m| m.rcpt_to[0] == recipient)
            .map(|m| m.arrived)
            .collect();
        assert_eq!(times.len(), 2);
        // Two seconds apart although they came from two runs (less the
        // journal's rounding of times to the millisecond).
        let gap = times[1] - times[0];
        assert!(gap >= Duration::from_millis(1990), "{recipient}: {gap:?}");
    }
}

/// The issue's demonstration: 20 members to the built-in campaign.
#[test]
fn twenty_members_to_the_built_in_campaign_at_the_server_even_subjects_interleaved_and_paced() {
    let (server, certs) = starttls_server();
    let env = TestEnv::new();
    env.write_smtp_config(
        &format!("[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n"),
        server.port(),
        "starttls",
        USER,
        &certs,
        "",
    );
    let members = env.root().join("mitglieder.csv");
    std::fs::write(&members, members_csv(20, |_| false)).unwrap();
    let journal = env.root().join("journal.jsonl");
    // At most one letter every half second to any one recipient: the
    // pace of the default (20/h) sped up for a test.
    let mut cmd = env.cmd(&[
        "send",
        "--senders",
        path_str(&members),
        "--yes",
        "--rate",
        "unlimited",
        "--per-recipient",
        "7200/h",
        "--journal",
        path_str(&journal),
    ]);
    cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .timeout(Duration::from_secs(120));
    run(&mut cmd, 0).stderr_has(&["summary: 100 delivered"]);

    let messages = stored(&server.messages());
    assert_eq!(messages.len(), 100);
    // Never two letters in a row to the same recipient.
    assert!(messages.windows(2).all(|w| w[0].1 != w[1].1));
    // Each recipient gets every subject from 4 of the 20 members.
    let subjects = support::built_in_subjects();
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (_, recipient, subject, _) in &messages {
        *counts.entry((recipient, subject)).or_default() += 1;
    }
    assert_eq!(counts.len(), 5 * subjects.len(), "{counts:?}");
    assert!(
        counts.values().all(|&n| n == 20 / subjects.len()),
        "{counts:?}"
    );

    // The letters' starts (their `data` records) to any one recipient are
    // at least half a second apart (less the journal's rounding of times
    // to the millisecond).
    let mut starts: HashMap<String, Vec<chrono::DateTime<chrono::FixedOffset>>> = HashMap::new();
    for line in std::fs::read_to_string(&journal).unwrap().lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        if record["event"] == "data" {
            let time =
                chrono::DateTime::parse_from_rfc3339(record["time"].as_str().unwrap()).unwrap();
            starts
                .entry(record["recipient"].as_str().unwrap().to_string())
                .or_default()
                .push(time);
        }
    }
    assert_eq!(starts.len(), 5);
    for (recipient, times) in &starts {
        assert_eq!(times.len(), 20, "{recipient}");
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                gap >= chrono::Duration::milliseconds(498),
                "{recipient}: {gap:?}"
            );
        }
    }
}

#[test]
fn office_hours_the_next_letter_waits_for_its_own_check_not_for_the_dot_before() {
    // Unpaced with --office-hours: the first letter starts at Friday
    // 17:59:56, and the server answers its final dot only 6 s later, after
    // 18:00. The next letter must be checked against the office hours when
    // it starts (and stop the run), not go out with that dot (pipelined)
    // and be sent after the hours ended.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
        Fault::new(Step::EndOfData, Action::Stall(Duration::from_secs(6))),
    ));
    let home = Home::new(Some((&server, &certs)));
    let members = home.members(&members_csv(2, |_| false));
    let args = [
        "send",
        "--senders",
        &members,
        "--yes",
        "--office-hours",
        "--rate",
        "unlimited",
        "--per-recipient",
        "unlimited",
        "--connections",
        "1",
    ];
    let out = run(
        home.cmd(&args)
            .env("APPEAL_TEST_CLOCK", "2026-11-27T17:59:56+01:00"),
        75,
    );
    out.stderr_has(&[
        "summary: 1 delivered, 0 refused, 0 uncertain, 5 left to send",
        "error: stopped at Friday 18:00 in Europe/Brussels: --office-hours sends on weekdays from 9:00 to 18:00 there\n\
         hint: the letters not sent are left for the next run; run the same command again from Monday 09:00 (Europe/Brussels)\n",
    ]);
    assert_eq!(server.messages().len(), 1);
}
