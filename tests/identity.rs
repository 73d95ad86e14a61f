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
use support::smtp::{self, Action, Fault, ServerOptions, Step, TestServer};

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
        World::start_with(sender, vec![], "")
    }

    /// The same, the server with `faults`, and `smtp` further lines of the
    /// `[smtp]` table.
    fn start_with(sender: &str, faults: Vec<Fault>, smtp: &str) -> World {
        let certs = make_certs();
        let mut options = ServerOptions::starttls(&certs, USER, PASSWORD);
        for fault in faults {
            options = options.with_fault(fault);
        }
        let server = smtp::start(options);
        let env = TestEnv::new();
        env.write_smtp_config(sender, server.port(), "starttls", USER, &certs, smtp);
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
            "--per-recipient",
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
        ["hint: --max 4 was reached with 2 letters left; run the same command again to send the next ones"]
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
        "dry run: 4 letters would be sent; nothing was sent and no connection was made\n\
         --max 4 leaves 2 letters for later runs\n",
    ]);
    assert_eq!(world.server.connections(), 0);
}

// ---- item 4: a member's identity in the journal ----

/// The notice a run gives for a member whose earlier letters it found.
fn carried_notice(name: &str, earlier: &str) -> String {
    format!(
        "note: the journal has letters from `{name}` {earlier}; they count as this member's: what they record as sent is not sent again\n"
    )
}

#[test]
fn a_member_whose_address_is_added_later_gets_no_second_letter() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,\nBen Weber,ben@example.org\n");
    run(&mut world.send(&[]), 0);
    assert_eq!(world.server.messages().len(), 6);

    // Weeks later the group adds Anna's address (and a new member).
    world.members(
        "name,email\nAnna Schmidt,anna@example.org\nBen Weber,ben@example.org\nCem Yilmaz,cem@example.org\n",
    );
    // -v: each skipped letter on a line of its own.
    let out = run(&mut world.send(&["-v"]), 0);
    out.stderr_has(&[
        &carried_notice("Anna Schmidt", "from when they had no address"),
        "skipped    Anna Schmidt → Anna Albers <mep1@example.org>: delivered earlier ",
        "summary: 3 delivered, 0 refused, 0 uncertain, 0 left to send",
    ]);
    assert_eq!(
        world.received(),
        once_each(&["Anna Schmidt", "Ben Weber", "Cem Yilmaz"]),
        "only the new member's letters were sent"
    );
    assert_eq!(counts(&world.status()), (9, 0, 0, 0));
    let status = run(&mut world.status_cmd(&["--senders", "mitglieder.csv"]), 0);
    assert_eq!(
        status.stderr,
        carried_notice("Anna Schmidt", "from when they had no address")
    );
    status.stdout_has(&["delivered: 9\n", "pending:   0 "]);
    let again = run(&mut world.send(&[]), 0);
    again.stderr_has(&["nothing to send"]);
    assert_eq!(world.server.messages().len(), 9);
}

#[test]
fn a_member_whose_address_changes_or_goes_keeps_their_history() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@alt.example.org\n");
    // Two of Anna's three letters go out under her old address.
    run(&mut world.send(&["--max", "2"]), 75);

    world.members("name,email\nAnna Schmidt,anna@neu.example.org\n");
    let out = run(&mut world.send(&[]), 0);
    out.stderr_has(&[
        &carried_notice("Anna Schmidt", "under the address `anna@alt.example.org`"),
        "summary: 1 delivered, 0 refused, 0 uncertain, 0 left to send",
    ]);
    assert_eq!(world.received(), once_each(&["Anna Schmidt"]));

    // Her address is removed again: both earlier keys are hers.
    world.members("name,email\nAnna Schmidt,\n");
    let out = run(&mut world.send(&[]), 0);
    out.stderr_has(&[
        &carried_notice(
            "Anna Schmidt",
            "under the address `anna@alt.example.org` and under the address `anna@neu.example.org`",
        ),
        "nothing to send",
    ]);
    assert_eq!(world.received(), once_each(&["Anna Schmidt"]));
    assert_eq!(counts(&world.status()), (3, 0, 0, 0));
}

#[test]
fn a_name_only_member_retyped_with_other_spacing_case_or_composition_is_the_same() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,\nJürgen Müller,\n");
    run(&mut world.send(&[]), 0);
    assert_eq!(world.server.messages().len(), 6);

    // Retyped: other spacing and case, and a decomposed ü (as some Mac
    // programs write it).
    world.members("name,email\nanna   SCHMIDT,\nJu\u{308}rgen Mu\u{308}ller,\n");
    let out = run(&mut world.send(&[]), 0);
    out.stderr_has(&["nothing to send"]);
    assert_eq!(
        world.received(),
        once_each(&["Anna Schmidt", "Jürgen Müller"])
    );
    assert_eq!(counts(&world.status()), (6, 0, 0, 0));
}

#[test]
fn two_members_who_could_own_earlier_letters_stop_the_run() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@alt.example.org\n");
    run(&mut world.send(&[]), 0);

    world.members("name,email\nAnna Schmidt,anna1@example.org\nanna  schmidt,anna2@example.org\n");
    let connections = world.server.connections();
    let out = usage_error(&mut world.send(&[]), &[]);
    assert_eq!(
        out.stderr,
        "error: the journal's letters under the address `anna@alt.example.org` could be from 2 members, by their names: `Anna Schmidt` <anna1@example.org>, `anna  schmidt` <anna2@example.org>; appeal cannot tell whose letters they are\n\
         hint: give these members distinct names in the members file (a middle initial will do): the journal's letters then count for the one whose name it knows\n"
    );
    assert_eq!(world.server.connections(), connections, "nothing sent");
    usage_error(
        &mut world.status_cmd(&["--senders", "mitglieder.csv"]),
        &["appeal cannot tell whose letters they are"],
    );

    // Told apart, the letters count for the member whose name they carry.
    world
        .members("name,email\nAnna Schmidt,anna1@example.org\nAnna B. Schmidt,anna2@example.org\n");
    run(&mut world.send(&[]), 0);
    let received = world.received();
    assert_eq!(
        received.get(&("Anna Schmidt".into(), "mep1@example.org".into())),
        Some(&1)
    );
    assert_eq!(
        received.get(&("Anna B. Schmidt".into(), "mep1@example.org".into())),
        Some(&1)
    );
    assert_eq!(world.server.messages().len(), 6);
}

#[test]
fn two_members_who_could_own_letters_from_before_an_address_stop_the_run() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,\n");
    run(&mut world.send(&["--max", "1"]), 75);
    world.members("name,email\nAnna Schmidt,anna1@example.org\nANNA SCHMIDT,anna2@example.org\n");
    let out = usage_error(&mut world.send(&[]), &[]);
    assert_eq!(
        out.stderr,
        "error: the journal's letters from `anna schmidt` without an address could be from 2 members, by their names: `Anna Schmidt` <anna1@example.org>, `ANNA SCHMIDT` <anna2@example.org>; appeal cannot tell whose letters they are\n\
         hint: give these members distinct names in the members file (a middle initial will do): the journal's letters then count for the one whose name it knows\n"
    );
    assert_eq!(world.server.messages().len(), 1, "nothing more sent");
}

#[test]
fn a_journal_written_before_names_were_recorded_still_reads() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    // Records as earlier versions wrote them: no `name`, and a name key
    // lowercased but not normalised.
    let old = [
        ("name:anna  schmidt", "mep1@example.org", "delivered"),
        ("name:anna  schmidt", "mep2@example.org", "data"),
        ("ben@example.org", "mep1@example.org", "delivered"),
    ]
    .map(|(sender, recipient, event)| {
        format!(
            r#"{{"time":"2026-11-01T10:00:00.000Z","event":"{event}","campaign":"identitaet","sender":"{sender}","recipient":"{recipient}","message_id":"<x@example.org>"}}"#
        )
    })
    .join("\n");
    let path = world.journal_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("{old}\n")).unwrap();

    world.members("name,email\nAnna Schmidt,\nBen Weber,ben@example.org\n");
    // -v: each skipped letter on a line of its own.
    let out = run(&mut world.send(&["-v"]), 0);
    out.stderr_has(&[
        "skipped    Anna Schmidt → Bernd Bauer <mep2@example.org>: uncertain ",
        "summary: 3 delivered, 0 refused, 0 uncertain, 0 left to send",
    ]);
    let mut expected = once_each(&["Anna Schmidt", "Ben Weber"]);
    expected.remove(&("Anna Schmidt".into(), "mep1@example.org".into()));
    expected.remove(&("Anna Schmidt".into(), "mep2@example.org".into()));
    expected.remove(&("Ben Weber".into(), "mep1@example.org".into()));
    assert_eq!(world.received(), expected);
    // The uncertain one (mep2) is reported, not resent.
    assert_eq!(counts(&world.status()), (5, 0, 1, 0));

    // Her address added later: found by the old name key.
    world.members("name,email\nAnna Schmidt,anna@example.org\nBen Weber,ben@example.org\n");
    run(&mut world.send(&[]), 0).stderr_has(&["nothing to send"]);
    assert_eq!(world.server.messages().len(), 3);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(&old), "never rewritten");
    assert!(
        text.lines().skip(3).all(|l| l.contains(r#""name":""#)),
        "new records carry the name:\n{text}"
    );
}

// ---- item 6: hints repeat the run's selection ----

/// Runs a command a hint suggests, as a shell would split it (`appeal`
/// itself is the binary), with `extra` appended.
fn follow(world: &World, suggested: &str, extra: &[&str]) -> assert_cmd::Command {
    let words = shell_words::split(suggested).expect("a shell command");
    assert_eq!(words[0], "appeal", "{suggested}");
    let mut args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    args.extend_from_slice(extra);
    let mut cmd = world.env.cmd(&args);
    cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD).timeout(LIMIT);
    cmd
}

/// The command between the `nth` pair of backticks of `line`.
fn quoted(line: &str, nth: usize) -> &str {
    line.split('`').nth(2 * nth + 1).expect("a quoted command")
}

#[test]
fn after_a_group_run_with_an_uncertain_letter_the_hints_act_on_the_same_letters() {
    // Ben's letter to mep2 gets no answer after its data: uncertain.
    let world = World::start_with(
        SENDER_ADDRESS_ONLY,
        vec![
            Fault::new(Step::EndOfData, Action::Stall(Duration::from_secs(30)))
                .rcpt_contains("mep2@")
                .skip(1),
        ],
        "timeout = 5\ndata_timeout = 0.3\n",
    );
    world.members("name,email\nAnna Schmidt,anna@example.org\nBen Weber,\n");
    let out = run(
        &mut world.send(&[
            "--to",
            "mep2",
            "--to",
            "mep3",
            "--journal",
            "mein journal.jsonl",
        ]),
        1,
    );
    out.stderr_has(&["summary: 3 delivered, 0 refused, 1 uncertain, 0 left to send"]);
    let hint = hints(&out);
    assert_eq!(
        hint,
        ["hint: uncertain letters may have arrived; check with \
          `appeal status --campaign kampagne --senders mitglieder.csv --to mep2 --to mep3 --journal 'mein journal.jsonl'`, \
          and resend them only with \
          `appeal send --campaign kampagne --senders mitglieder.csv --to mep2 --to mep3 --journal 'mein journal.jsonl' --resend-uncertain`"]
    );

    // Followed as written, status finds the uncertain letter, and its own
    // hint suggests the same resend.
    let status = run(&mut follow(&world, quoted(hint[0], 0), &[]), 0);
    status.stdout_has(&[
        "letters:   4\n",
        "uncertain: 1\n",
        "  uncertain Ben Weber → mep2@example.org",
        "uncertain letters may have arrived; \
         `appeal send --campaign kampagne --senders mitglieder.csv --to mep2 --to mep3 --journal 'mein journal.jsonl' --resend-uncertain` \
         sends them again\n",
    ]);

    // Followed as written (plus --yes, there is no terminal; and without
    // the group's pace per recipient, which would have it wait 3 minutes
    // after the letters mep2 just got), the resend sends exactly that
    // letter again.
    let before = world.server.messages().len();
    let resend = run(
        &mut follow(
            &world,
            quoted(hint[0], 1),
            &["--yes", "--per-recipient", "unlimited"],
        ),
        0,
    );
    resend.stderr_has(&["summary: 1 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    let messages = world.server.messages();
    assert_eq!(messages.len(), before + 1);
    let last = MessageParser::default()
        .parse(&messages[before].data)
        .unwrap();
    assert_eq!(
        last.from().unwrap().first().unwrap().name(),
        Some("Ben Weber")
    );
    assert_eq!(messages[before].rcpt_to, ["mep2@example.org"]);
}

#[test]
fn the_recipients_hint_names_the_campaign_of_the_run() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,anna@example.org\n");
    let out = usage_error(&mut world.send(&["--to", "niemand"]), &[]);
    assert_eq!(
        out.stderr,
        "error: `--to niemand` matches no recipient\n\
         hint: `appeal recipients --campaign kampagne` lists them\n"
    );
    // Followed, it lists this campaign's recipients.
    run(
        &mut follow(&world, "appeal recipients --campaign kampagne", &[]),
        0,
    )
    .stdout_has(&["mep1@example.org", "mep3@example.org"]);

    // A recipients file and template of their own, from a file name with a
    // space: repeated and quoted.
    world.env.write("work/meine liste.toml", RECIPIENTS_TOML);
    world.env.write("work/brief.hbs", TEMPLATE);
    let out = usage_error(
        &mut world.env.cmd(&[
            "--recipients",
            "meine liste.toml",
            "--template",
            "brief.hbs",
            "preview",
            "--name",
            "Erika Mustermann",
            "--to",
            "niemand",
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: `--to niemand` matches no recipient\n\
         hint: `appeal recipients --recipients 'meine liste.toml' --template brief.hbs` lists them\n"
    );
    run(
        &mut follow(
            &world,
            "appeal recipients --recipients 'meine liste.toml' --template brief.hbs",
            &[],
        ),
        0,
    )
    .stdout_has(&["mep2@example.org"]);
}

#[test]
fn the_setup_hints_name_the_configuration_of_the_run() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.env.write("work/leer.toml", "");
    let out = usage_error(
        &mut world
            .env
            .cmd(&["--campaign", "kampagne", "--config", "leer.toml", "preview"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: no sender name given\n\
         hint: pass `--name \"Your Name\"`, or set `name` under [sender] in the configuration (`appeal setup --config leer.toml`)\n"
    );
    let out = usage_error(
        &mut world.env.cmd(&[
            "--config",
            "leer.toml",
            "send",
            "--name",
            "Erika Mustermann",
            "--yes",
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: no sender address: letters must come from your own mail account\n\
         hint: pass `--email you@example.org`, or set `email` under [sender] (`appeal setup --config leer.toml`)\n"
    );
}

#[test]
fn one_name_only_member_typed_twice_in_the_file_is_refused() {
    // Two rows that the journal would take for one member: each letter
    // would go out twice under one key, so the file is refused.
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.members("name,email\nAnna Schmidt,\nanna   SCHMIDT,\n");
    usage_error(
        &mut world.send(&[]),
        &["line 3: the same member as line 2 (name `anna   SCHMIDT`)"],
    );
    assert_eq!(world.server.connections(), 0);
}

#[test]
fn the_account_hints_name_the_configuration_file_of_the_run() {
    let world = World::start(SENDER_ADDRESS_ONLY);
    world.env.write("work/leer.toml", "");
    let no_account = "error: no mail account configured (no [smtp] section in `leer.toml`)\n\
         hint: run `appeal setup --config leer.toml`, or see the README's \"Configuration\" section\n";
    let out = usage_error(
        &mut world.env.cmd(&[
            "--campaign",
            "kampagne",
            "--config",
            "leer.toml",
            "send",
            "--name",
            "Erika Mustermann",
            "--email",
            "erika@example.org",
            "--yes",
        ]),
        &[],
    );
    assert_eq!(out.stderr, no_account);
    let out = usage_error(&mut world.env.cmd(&["--config", "leer.toml", "check"]), &[]);
    assert_eq!(out.stderr, no_account);

    let out = usage_error(
        &mut world.env.cmd(&["--config", "fehlt.toml", "check"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        "error: cannot read configuration `fehlt.toml`: No such file or directory (os error 2)\n\
         hint: run `appeal setup --config fehlt.toml` to create it, or check `--config`/`APPEAL_CONFIG`\n"
    );
    // $APPEAL_CONFIG stays set for the suggested command: no --config.
    let out = usage_error(
        world
            .env
            .cmd(&["check"])
            .env("APPEAL_CONFIG", world.env.root().join("fehlt.toml")),
        &[],
    );
    assert!(
        out.stderr.ends_with(
            "hint: run `appeal setup` to create it, or check `--config`/`APPEAL_CONFIG`\n"
        ),
        "{}",
        out.stderr
    );
}
