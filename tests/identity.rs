//! Issue 11 items 4-7 through the real binary: a member's identity in the
//! journal (an address added later, a name retyped), `status --senders`
//! without a configured name, hints that repeat the run's selection, and
//! what `--max` says and exits with.
//!
//! Every send goes to the scriptable STARTTLS + AUTH server of
//! `tests/support/smtp.rs` on 127.0.0.1; what it received is parsed and
//! counted. The campaign, the members file and the configuration live in
//! the test's own home; the campaign and the members file sit in the
//! child's working folder, so hints show them as a user typed them
//! (`--campaign kampagne`, `--senders mitglieder.csv`).

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use mail_parser::MessageParser;
use serde_json::Value;

use support::certs::make_certs;
use support::cli::{run, usage_error, Run, TestEnv};
use support::smtp::{self, ServerOptions, TestServer};

/// The group's mail account.
const USER: &str = "gruppe@example.org";
const PASSWORD: &str = "Gruppen-Pa55wort!";
/// Longest any single command may take before the test fails.
const LIMIT: Duration = Duration::from_secs(30);

const RECIPIENTS_TOML: &str = r#"[campaign]
id = "identitaet"
title = "Identitätstest"
language = "de"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
salutation = "Frau"
email = "mep1@example.org"

[[recipient]]
name = "Bernd Bauer"
salutation = "Herr"
email = "mep2@example.org"

[[recipient]]
name = "Kim Kaiser"
email = "mep3@example.org"
"#;

const TEMPLATE: &str = "Subject: Gesichtserkennung verbieten

{{greeting}}

bitte setzen Sie sich für ein Verbot von Gesichtserkennung ein.

Mit freundlichen Grüßen
{{sender.name}}
";

/// The configuration's `[sender]` table of most tests: the account only,
/// no name (a group's names come from its members file).
const SENDER_ADDRESS_ONLY: &str = "[sender]\nemail = \"gruppe@example.org\"\n";

/// A server, and a home configured for it with the test campaign in the
/// working folder as `kampagne`.
struct World {
    env: TestEnv,
    server: TestServer,
}

impl World {
    /// A fresh server and home; `sender` is the configuration's `[sender]`
    /// table (or nothing).
    fn start(sender: &str) -> World {
        let certs = make_certs();
        let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
        let env = TestEnv::new();
        env.write_smtp_config(sender, server.port(), "starttls", USER, &certs, "");
        env.write_campaign("work/kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
        World { env, server }
    }

    /// Writes the members file `mitglieder.csv` into the working folder.
    fn members(&self, csv: &str) {
        self.env.write("work/mitglieder.csv", csv);
    }

    /// `appeal --campaign kampagne send --senders mitglieder.csv --yes`,
    /// unpaced, with `extra`, the password in the environment.
    fn send(&self, extra: &[&str]) -> assert_cmd::Command {
        let mut args = vec![
            "--campaign",
            "kampagne",
            "send",
            "--senders",
            "mitglieder.csv",
            "--yes",
            "--rate",
            "unlimited",
            "--retry-wait",
            "0.01",
        ];
        args.extend_from_slice(extra);
        let mut cmd = self.env.cmd(&args);
        cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD).timeout(LIMIT);
        cmd
    }

    /// `appeal --campaign kampagne status` with `extra`.
    fn status_cmd(&self, extra: &[&str]) -> assert_cmd::Command {
        let mut args = vec!["--campaign", "kampagne", "status"];
        args.extend_from_slice(extra);
        let mut cmd = self.env.cmd(&args);
        cmd.timeout(LIMIT);
        cmd
    }

    /// `status --senders mitglieder.csv --format json`, parsed.
    fn status(&self) -> Value {
        let out = run(
            &mut self.status_cmd(&["--senders", "mitglieder.csv", "--format", "json"]),
            0,
        );
        serde_json::from_str(&out.stdout).expect("status prints JSON")
    }

    /// The journal's default place.
    fn journal_path(&self) -> PathBuf {
        self.env
            .state_dir()
            .join("appeal")
            .join("journal")
            .join("identitaet.jsonl")
    }

    /// How many letters the server received, per (signer, recipient);
    /// every one parsed and checked to come from the account.
    fn received(&self) -> BTreeMap<(String, String), usize> {
        let mut letters = BTreeMap::new();
        for m in self.server.messages() {
            assert!(m.tls, "encrypted");
            assert_eq!(m.mail_from, USER);
            let parsed = MessageParser::default()
                .parse(&m.data)
                .expect("a parsable message");
            let from = parsed.from().and_then(|a| a.first()).expect("a From");
            assert_eq!(from.address(), Some(USER));
            let signer = from.name().expect("a display name").to_string();
            let to = parsed.to().and_then(|a| a.first()).expect("a To");
            let recipient = to.address().expect("an address").to_string();
            assert_eq!(m.rcpt_to, vec![recipient.clone()]);
            *letters.entry((signer, recipient)).or_insert(0) += 1;
        }
        letters
    }
}

/// `(delivered, failed, uncertain, pending)` of a status object.
fn counts(status: &Value) -> (u64, u64, u64, u64) {
    let field = |name: &str| status[name].as_u64().expect("an integer");
    (
        field("delivered"),
        field("failed"),
        field("uncertain"),
        field("pending"),
    )
}

/// Each of `signers` wrote once to each of the three recipients.
fn once_each(signers: &[&str]) -> BTreeMap<(String, String), usize> {
    signers
        .iter()
        .flat_map(|s| {
            ["mep1@example.org", "mep2@example.org", "mep3@example.org"]
                .map(|r| ((s.to_string(), r.to_string()), 1))
        })
        .collect()
}

/// The lines of stderr that start with `hint: `.
fn hints(out: &Run) -> Vec<&str> {
    out.stderr
        .lines()
        .filter(|l| l.starts_with("hint: "))
        .collect()
}

// ---- item 5: `status --senders` without a configured name ----

#[test]
fn status_senders_works_when_only_an_address_is_configured() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@example.org\nBen Weber,\n");
    run(&mut world.send(&[]), 0);
    assert_eq!(world.received(), once_each(&["Anna Schmidt", "Ben Weber"]));

    assert_eq!(counts(&world.status()), (6, 0, 0, 0));
    let text = run(&mut world.status_cmd(&["--senders", "mitglieder.csv"]), 0);
    text.stdout_has(&["letters:   6\n", "delivered: 6\n"]);
}

#[test]
fn status_senders_works_with_only_an_email_flag() {
    // No [sender] table at all: `--email` names the account.
    let world = World::start("");
    world.members("name,email\nAnna Schmidt,anna@example.org\n");
    run(&mut world.send(&["--email", USER]), 0);
    let out = run(
        &mut world.status_cmd(&[
            "--senders",
            "mitglieder.csv",
            "--email",
            USER,
            "--format",
            "json",
        ]),
        0,
    );
    let status: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(counts(&status), (3, 0, 0, 0));
}

#[test]
fn status_senders_with_a_name_flag_is_still_refused() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@example.org\n");
    let out = usage_error(
        &mut world.status_cmd(&["--senders", "mitglieder.csv", "--name", "Erika"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: `--name`/`--city` cannot be combined with `--senders`: the members' names come from the file\n"
    );
}

// ---- item 7: `--max` ----

#[test]
fn max_says_how_many_are_left_and_exits_75_until_everything_is_sent() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@example.org\nBen Weber,\n");

    let first = run(&mut world.send(&["--max", "4"]), 75);
    first.stderr_has(&["summary: 4 delivered, 0 refused, 0 uncertain, 2 left to send (journal: "]);
    assert_eq!(
        hints(&first),
        ["hint: --max 4 was reached with 2 letter(s) left; run the same command again to send the next ones"]
    );
    assert_eq!(world.server.messages().len(), 4);
    assert_eq!(counts(&world.status()), (4, 0, 0, 2));

    // The same command again (the cron line) sends the rest and exits 0.
    let second = run(&mut world.send(&["--max", "4"]), 0);
    second.stderr_has(&["summary: 2 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(hints(&second), Vec::<&str>::new());
    assert_eq!(world.received(), once_each(&["Anna Schmidt", "Ben Weber"]));
    assert_eq!(counts(&world.status()), (6, 0, 0, 0));

    let third = run(&mut world.send(&["--max", "4"]), 0);
    third.stderr_has(&["nothing to send"]);
    assert_eq!(world.server.messages().len(), 6);
}

#[test]
fn max_larger_than_what_is_left_exits_0() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@example.org\n");
    let out = run(&mut world.send(&["--max", "3"]), 0);
    out.stderr_has(&["summary: 3 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(hints(&out), Vec::<&str>::new());
    assert_eq!(world.received(), once_each(&["Anna Schmidt"]));
}

#[test]
fn a_dry_run_with_max_says_how_many_it_leaves() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@example.org\nBen Weber,\n");
    let out = run(&mut world.send(&["--max", "4", "--dry-run"]), 0);
    out.stderr_has(&[
        "dry run: 4 letter(s) would be sent; nothing was sent and no connection was made\n\
         --max 4 leaves 2 more letter(s) for later runs\n",
    ]);
    assert_eq!(world.server.connections(), 0);
}
