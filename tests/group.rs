//! Group campaigns end to end (issue 4): `--senders`, the send journal,
//! resume after failures, a crash and Ctrl-C, the journal lock, pacing,
//! `--max`, `--connections`, `--json` and `-q`, and how a member's letter
//! looks.
//!
//! Every test drives the real binary against the scriptable SMTP server of
//! `tests/support/smtp.rs` on 127.0.0.1 (STARTTLS with a throw-away CA,
//! AUTH required), with a campaign of six recipients @example.org written
//! into the test's own home, and asserts on what the server stored (parsed
//! with mail-parser), on `appeal status --format json` and on the journal.
//! Nothing sleeps for a fixed time: waits poll with a deadline.

mod support;

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use mail_parser::MessageParser;
use serde_json::Value;

use support::certs::{make_certs, TestCerts};
use support::cli::{run, TestEnv};
use support::smtp::{self, Action, Fault, Received, ServerOptions, Step, TestServer};

/// The group's mail account: From and envelope sender of every letter.
const USER: &str = "gruppe@example.org";
const PASSWORD: &str = "Gruppen-Pa55wort!";
/// The test campaign's id: the journal's file name.
const CAMPAIGN_ID: &str = "gruppentest";
/// Longest any single command may take before the test fails.
const LIMIT: Duration = Duration::from_secs(30);

const RECIPIENTS_TOML: &str = r#"[campaign]
id = "gruppentest"
title = "Gruppentest – Gesichtserkennung verbieten"
language = "de"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
salutation = "Frau"
title = "Dr."
email = "mep1@example.org"

[[recipient]]
name = "Bernd Bauer"
salutation = "Herr"
email = "mep2@example.org"

[[recipient]]
name = "Kim Kaiser"
email = "mep3@example.org"

[[recipient]]
name = "Doris Dorn"
salutation = "Frau"
email = "mep4@example.org"

[[recipient]]
name = "Emil Eck"
salutation = "Herr"
title = "Prof. Dr."
email = "mep5@example.org"

[[recipient]]
name = "Frieda Fuchs"
salutation = "Frau"
email = "mep6@example.org"
"#;

/// The six recipients' addresses, in campaign order.
const MEPS: [&str; 6] = [
    "mep1@example.org",
    "mep2@example.org",
    "mep3@example.org",
    "mep4@example.org",
    "mep5@example.org",
    "mep6@example.org",
];

const TEMPLATE: &str = "Subject: Gesichtserkennung verbieten

{{greeting}}

bitte setzen Sie sich für ein umfassendes Verbot von Gesichtserkennung im öffentlichen Raum ein.

{{#if note}}
{{note}}

{{/if}}
Mit freundlichen Grüßen
{{sender.name}}{{#if sender.city}}
{{sender.city}}{{/if}}
";

/// Member `i` (from 1) of a generated group: every fourth has no address,
/// every third lives in Köln, some add a sentence of their own.
fn member_name(i: usize) -> String {
    format!("Mitglied {i:02}")
}

fn members_csv(n: usize) -> String {
    let mut csv = String::from("name,email,city,note\n");
    for i in 1..=n {
        let email = if i % 4 == 0 {
            String::new()
        } else {
            format!("mitglied{i:02}@example.org")
        };
        let city = if i % 3 == 0 { "Köln" } else { "" };
        let note = if i % 5 == 2 {
            format!("Als Mitglied {i} bitte ich Sie, sich dafür einzusetzen.")
        } else {
            String::new()
        };
        csv.push_str(&format!("{},{email},{city},\"{note}\"\n", member_name(i)));
    }
    csv
}

/// One test's world: our scriptable server, and a home configured for it.
struct Group {
    home: Home,
    server: TestServer,
}

impl Group {
    /// A STARTTLS + AUTH server with `faults`, and a home configured for it.
    fn start(faults: Vec<Fault>) -> Group {
        Group::start_with(faults, |options| options)
    }

    /// [`start`](Self::start), the server's options changed by `adjust`.
    fn start_with(
        faults: Vec<Fault>,
        adjust: impl FnOnce(ServerOptions) -> ServerOptions,
    ) -> Group {
        let certs = make_certs();
        let mut options = adjust(ServerOptions::starttls(&certs, USER, PASSWORD));
        for fault in faults {
            options = options.with_fault(fault);
        }
        let server = smtp::start(options);
        let home = Home::new(server.port(), &certs);
        Group { home, server }
    }
}

impl std::ops::Deref for Group {
    type Target = Home;

    fn deref(&self) -> &Home {
        &self.home
    }
}

/// A sealed-off home: configuration for a server on 127.0.0.1, the test
/// campaign, the journal under its `XDG_STATE_HOME`.
struct Home {
    env: TestEnv,
    campaign: PathBuf,
}

impl Home {
    /// A home whose account is on `port`, trusting the CA of `certs`.
    fn new(port: u16, certs: &TestCerts) -> Home {
        let env = TestEnv::new();
        env.write_smtp_config(
            &format!("[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n"),
            port,
            "starttls",
            USER,
            certs,
            "",
        );
        let campaign = env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
        Home { env, campaign }
    }

    /// Writes a generated members file of `n` members.
    fn members(&self, n: usize) -> PathBuf {
        self.env.write("mitglieder.csv", &members_csv(n))
    }

    /// The arguments of `appeal send` for `members`: unattended, fast
    /// retries, no pacing unless `extra` sets a rate.
    fn send_args(&self, members: &Path, extra: &[&str]) -> Vec<String> {
        let mut args: Vec<String> = [
            "--campaign",
            path_str(&self.campaign),
            "send",
            "--senders",
            path_str(members),
            "--yes",
        ]
        .map(String::from)
        .to_vec();
        for (option, default) in [
            ("--rate", "unlimited"),
            ("--per-recipient", "unlimited"),
            ("--retry-wait", "0.01"),
        ] {
            if !extra.contains(&option) {
                args.extend([option.to_string(), default.to_string()]);
            }
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    }

    /// `appeal send` with the password in the environment.
    fn send(&self, members: &Path, extra: &[&str]) -> assert_cmd::Command {
        let args = self.send_args(members, extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut cmd = self.env.cmd(&args);
        cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD).timeout(LIMIT);
        cmd
    }

    /// `appeal send` under a limit of 512 bytes per written file, with the
    /// journal already `prefill` bytes long (blank lines, which a journal
    /// may hold): its records fail from byte 512 on, as on a full disk.
    fn send_with_full_disk(&self, members: &Path, prefill: usize) -> assert_cmd::Command {
        let journal = self.journal_path();
        std::fs::create_dir_all(journal.parent().unwrap()).unwrap();
        std::fs::write(&journal, "\n".repeat(prefill)).unwrap();
        let args = self.send_args(members, &[]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut cmd = self.env.cmd_with_file_limit(1, &args);
        cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD).timeout(LIMIT);
        cmd
    }

    /// `appeal send` started in the background; its stderr goes to a file.
    fn spawn_send(&self, members: &Path, extra: &[&str], name: &str) -> Running {
        self.spawn_send_with(members, extra, name, &[])
    }

    /// [`spawn_send`](Self::spawn_send) with extra environment variables.
    fn spawn_send_with(
        &self,
        members: &Path,
        extra: &[&str],
        name: &str,
        envs: &[(&str, &str)],
    ) -> Running {
        let args = self.send_args(members, extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stderr = self.env.root().join(format!("{name}.stderr"));
        let child = self
            .env
            .std_cmd(&args)
            .env("APPEAL_SMTP_PASSWORD", PASSWORD)
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&stderr).unwrap())
            .spawn()
            .expect("start appeal");
        Running { child, stderr }
    }

    /// `appeal status --format json` for `members`.
    fn status(&self, members: &Path) -> Value {
        self.status_with(members, &[])
    }

    /// `status`, as read on a machine that booted again since the journal
    /// was written (a debug build takes its boot id from the environment).
    fn status_after_reboot(&self, members: &Path) -> Value {
        self.status_with(members, &[("APPEAL_TEST_BOOT_ID", "another-boot")])
    }

    /// `status` with extra environment variables.
    fn status_with(&self, members: &Path, envs: &[(&str, &str)]) -> Value {
        let mut cmd = self.env.cmd(&[
            "--campaign",
            path_str(&self.campaign),
            "status",
            "--senders",
            path_str(members),
            "--format",
            "json",
        ]);
        cmd.envs(envs.iter().copied());
        let out = run(cmd.timeout(LIMIT), 0);
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("status prints JSON ({e}): {}", out.stdout))
    }

    /// Where the journal is by default: under `XDG_STATE_HOME`.
    fn journal_path(&self) -> PathBuf {
        self.env
            .state_dir()
            .join("appeal")
            .join("journal")
            .join(format!("{CAMPAIGN_ID}.jsonl"))
    }

    /// The journal's records.
    fn journal(&self) -> Vec<Value> {
        std::fs::read_to_string(self.journal_path())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    /// The journal's records of `event`, in order.
    fn records(&self, event: &str) -> Vec<Value> {
        self.journal()
            .into_iter()
            .filter(|r| r["event"] == event)
            .collect()
    }

    /// When each try started (its `data` record), in order.
    fn tries_started(&self) -> Vec<DateTime<FixedOffset>> {
        self.records("data")
            .iter()
            .map(|r| time(&r["time"]))
            .collect()
    }

    /// The events the journal records for the letters to `recipient`.
    fn events_for(&self, recipient: &str) -> Vec<String> {
        self.journal()
            .iter()
            .filter(|r| r["recipient"] == recipient)
            .map(|r| r["event"].as_str().unwrap().to_string())
            .collect()
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// `(delivered, failed, uncertain, pending)` of a status object.
fn counts(status: &Value) -> (u64, u64, u64, u64) {
    let field = |name: &str| {
        status[name]
            .as_u64()
            .unwrap_or_else(|| panic!("`{name}` is an integer in {status}"))
    };
    (
        field("delivered"),
        field("failed"),
        field("uncertain"),
        field("pending"),
    )
}

/// A background `appeal`; killed (by its own handle) if the test fails
/// before it ended.
struct Running {
    child: Child,
    stderr: PathBuf,
}

impl Running {
    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("poll the child").is_none()
    }

    /// Waits for the exit (at most [`LIMIT`]); its code (None when killed
    /// by a signal) and stderr.
    fn wait(&mut self) -> (Option<i32>, String) {
        let deadline = Instant::now() + LIMIT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            assert!(Instant::now() < deadline, "appeal did not end in time");
            std::thread::sleep(Duration::from_millis(10));
        };
        (
            status.code(),
            std::fs::read_to_string(&self.stderr).unwrap(),
        )
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Sends SIGINT (what Ctrl-C sends) to the background `appeal`.
fn interrupt(run: &Running) {
    let sent = std::process::Command::new("kill")
        .args(["-INT", &run.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -INT {}", run.pid());
}

/// Polls `ready` every 5 ms until it holds; fails the test after `timeout`.
fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A stored message, parsed: who signed it (From's display name), to whom
/// it went, its Message-ID.
struct Stored {
    signer: String,
    recipient: String,
    message_id: String,
}

/// Parses every stored message, checking what every letter must satisfy:
/// over TLS, logged in, from the group's account, one recipient that
/// matches the To header.
fn stored(server: &TestServer) -> Vec<Stored> {
    server.messages().iter().map(parse_stored).collect()
}

fn parse_stored(m: &Received) -> Stored {
    assert!(m.tls, "encrypted");
    assert_eq!(m.authenticated_as.as_deref(), Some(USER), "logged in");
    assert_eq!(m.mail_from, USER, "envelope sender is the account");
    assert_eq!(m.rcpt_to.len(), 1, "one recipient per message");
    let parsed = MessageParser::default()
        .parse(&m.data)
        .expect("a parsable message");
    let from = parsed.from().and_then(|a| a.first()).expect("a From");
    assert_eq!(from.address(), Some(USER), "From is the account's address");
    let to = parsed.to().and_then(|a| a.first()).expect("a To");
    assert_eq!(to.address(), Some(m.rcpt_to[0].as_str()));
    Stored {
        signer: from.name().expect("a display name").to_string(),
        recipient: m.rcpt_to[0].clone(),
        message_id: parsed.message_id().expect("a Message-ID").to_string(),
    }
}

/// Message-IDs that occur more than once.
fn duplicates(messages: &[Stored]) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for m in messages {
        *seen.entry(&m.message_id).or_default() += 1;
    }
    let mut twice: Vec<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    twice.sort();
    twice
}

/// The (member, recipient) pairs of stored messages, each once.
fn letters(messages: &[Stored]) -> BTreeSet<(String, String)> {
    messages
        .iter()
        .map(|m| (m.signer.clone(), m.recipient.clone()))
        .collect()
}

/// Asserts that `messages` are every letter of a generated group of `n`,
/// each exactly once.
fn assert_every_letter_once(messages: &[Stored], n: usize) {
    assert_eq!(messages.len(), MEPS.len() * n);
    assert_eq!(duplicates(messages), Vec::<String>::new());
    assert_eq!(letters(messages), all_letters(n));
}

/// Every (member, recipient) pair of a generated group of `n`.
fn all_letters(n: usize) -> BTreeSet<(String, String)> {
    (1..=n)
        .flat_map(|i| MEPS.iter().map(move |r| (member_name(i), r.to_string())))
        .collect()
}

fn time(value: &Value) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(value.as_str().expect("a time string")).expect("RFC 3339")
}

#[test]
fn twenty_members_with_faults_every_letter_once_and_a_deliberate_resend() {
    let group = Group::start(vec![
        // The 11th MAIL (member 2's letter to mep2): "421 closing".
        Fault::new(
            Step::Mail,
            Action::ReplyAndClose(421, "4.7.0 Too busy, closing".into()),
        )
        .skip(10),
        // The first letter to mep3 (member 1's) meets 451 three times.
        Fault::new(
            Step::Rcpt,
            Action::Reply(451, "4.3.0 Mailbox busy, try again".into()),
        )
        .rcpt_contains("mep3@")
        .times(3),
        // Member 10's letter to mep2 is stored, then the connection drops
        // without an answer: its outcome is unknown to appeal.
        Fault::new(Step::EndOfData, Action::StoreAndClose)
            .rcpt_contains("mep2@")
            .skip(9),
        // Member 15's letter to mep5 is refused for good.
        Fault::new(
            Step::EndOfData,
            Action::Reply(554, "5.7.1 Message rejected as spam".into()),
        )
        .rcpt_contains("mep5@")
        .skip(14),
    ]);
    let members = group.members(20);

    // Run 1: every letter gets an outcome; refused and uncertain → exit 1.
    let out = run(&mut group.send(&members, &[]), 1);
    let stderr = &out.stderr;
    assert_eq!(group.server.faults_fired(), vec![1, 3, 1, 1], "{stderr}");
    out.stderr_has(&[
        "summary: 118 delivered, 1 refused, 1 uncertain, 0 left to send",
        "retrying",
    ]);
    let messages = stored(&group.server);
    assert_eq!(messages.len(), 119, "{stderr}");
    assert_eq!(duplicates(&messages), Vec::<String>::new());
    let mut expected = all_letters(20);
    expected.remove(&(member_name(15), "mep5@example.org".to_string()));
    assert_eq!(letters(&messages), expected);
    // The 421 and the lost connection each needed a new session.
    assert!(group.server.connections() >= 3);

    let status = group.status(&members);
    assert_eq!(counts(&status), (118, 1, 1, 0), "{status:#}");
    let details = status["details"].as_array().unwrap();
    assert_eq!(details.len(), 2, "{status:#}");
    let detail = |state: &str| {
        details
            .iter()
            .find(|d| d["state"] == state)
            .unwrap_or_else(|| panic!("a {state} letter in {status:#}"))
    };
    assert_eq!(detail("refused")["sender"], member_name(15));
    assert_eq!(detail("refused")["recipient"], "mep5@example.org");
    assert!(detail("refused")["reply"]
        .as_str()
        .unwrap()
        .starts_with("554"));
    assert_eq!(detail("uncertain")["sender"], member_name(10));
    assert_eq!(detail("uncertain")["recipient"], "mep2@example.org");

    // Run 2, the same command: nothing is due. The refused and the
    // uncertain letter are reported as skipped, but this run itself was
    // asked to send nothing that failed, so it exits 0 (exit 1 told the
    // first run's story; `status` keeps telling it).
    let connections = group.server.connections();
    run(&mut group.send(&members, &[]), 0).stderr_has(&[
        "nothing to send",
        "skipped:   118 letters delivered earlier (pass --again to send once more)\n",
        "skipped:   1 letter uncertain (pass --resend-uncertain to send again)\n",
        "skipped:   1 letter refused earlier (pass --again to send once more)\n",
    ]);
    assert_eq!(group.server.messages().len(), 119, "nothing new");
    assert_eq!(
        group.server.connections(),
        connections,
        "not even connected"
    );

    // Run 3: --resend-uncertain sends exactly that letter again, with the
    // same Message-ID, so the receiving side can tell it is the same one.
    let uncertain_id = group
        .journal()
        .iter()
        .find(|r| r["event"] == "uncertain")
        .and_then(|r| r["message_id"].as_str().map(String::from))
        .expect("an uncertain record with its Message-ID");
    group
        .send(&members, &["--resend-uncertain"])
        .assert()
        .code(0);
    let messages = stored(&group.server);
    assert_eq!(messages.len(), 120);
    let resent = &messages[119];
    assert_eq!(
        format!("<{}>", resent.message_id),
        uncertain_id,
        "the resend is the same letter"
    );
    assert_eq!(
        (resent.signer.as_str(), resent.recipient.as_str()),
        ("Mitglied 10", "mep2@example.org")
    );
    assert_eq!(duplicates(&messages), vec![resent.message_id.clone()]);
    assert_eq!(counts(&group.status(&members)), (119, 1, 0, 0));
}

#[test]
fn temporary_failures_are_retried_and_what_is_left_exits_75_until_a_rerun() {
    let group = Group::start(vec![
        // 4xx to DATA, 4xx after the data (not stored), and a connection
        // dropped before the message was sent: each retried at once, each
        // letter delivered once.
        Fault::new(
            Step::Data,
            Action::Reply(452, "4.3.1 Insufficient system storage".into()),
        )
        .rcpt_contains("mep1@"),
        Fault::new(
            Step::EndOfData,
            Action::Reply(451, "4.7.1 Greylisted, try again".into()),
        )
        .rcpt_contains("mep2@"),
        Fault::new(Step::Data, Action::Close).rcpt_contains("mep3@"),
        // mep4 is busy for longer than `--retries 2` allows this run.
        Fault::new(Step::Rcpt, Action::Reply(450, "4.2.1 Mailbox busy".into()))
            .rcpt_contains("mep4@")
            .times(3),
    ]);
    let members = group.members(1);
    let out = run(&mut group.send(&members, &["--retries", "2"]), 75);
    assert_eq!(
        group.server.faults_fired(),
        vec![1, 1, 1, 3],
        "{}",
        out.stderr
    );
    out.stderr_has(&[
        "summary: 5 delivered, 0 refused, 0 uncertain, 1 left to send",
        "run the same command again later",
    ]);
    let tries = group
        .server
        .transcript()
        .iter()
        .filter(|l| l.contains("RCPT TO:<mep4@example.org>"))
        .count();
    assert_eq!(tries, 3, "one try and two retries");
    // Each failed try is recorded before the wait, so a crash while waiting
    // leaves the letter to send, not uncertain.
    assert_eq!(
        group.events_for("mep4@example.org"),
        [
            "data",
            "temporary",
            "data",
            "temporary",
            "data",
            "temporary"
        ]
    );
    let messages = stored(&group.server);
    assert_eq!(messages.len(), 5);
    assert_eq!(duplicates(&messages), Vec::<String>::new());
    let status = group.status(&members);
    assert_eq!(counts(&status), (5, 0, 0, 1), "{status:#}");
    assert_eq!(status["temporary"], 1);
    assert_eq!(status["details"][0]["state"], "temporary");
    assert_eq!(status["details"][0]["recipient"], "mep4@example.org");

    // The same command later finishes the job.
    group.send(&members, &["--retries", "2"]).assert().code(0);
    assert_every_letter_once(&stored(&group.server), 1);
    assert_eq!(counts(&group.status(&members)), (6, 0, 0, 0));
}

#[test]
fn an_independent_server_gets_every_letter_once() {
    let certs = make_certs();
    let server = smtp::start_mailin(&certs, USER, PASSWORD);
    let home = Home::new(server.port(), &certs);
    let members = home.members(3);
    home.send(&members, &["--connections", "2"])
        .assert()
        .code(0);
    assert!(server.wait_for_messages(18, LIMIT));
    let messages: Vec<Stored> = server.messages().iter().map(parse_stored).collect();
    assert_every_letter_once(&messages, 3);
    assert_eq!(counts(&home.status(&members)), (18, 0, 0, 0));

    run(&mut home.send(&members, &[]), 0).stderr_has(&["nothing to send"]);
    assert_eq!(server.messages().len(), 18);
}

#[test]
fn kill_9_during_the_final_reply_then_rerun_sends_every_letter_once() {
    // Member 2's letter to mep4 (the 10th) is stored, and its answer never
    // comes: appeal is killed while it waits.
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Stall(Duration::MAX),
    )
    .rcpt_contains("mep4@")
    .skip(1)]);
    let members = group.members(4);
    let mut first = group.spawn_send(&members, &[], "first");
    wait_until("the stalled letter to arrive", LIMIT, || {
        group.server.faults_fired() == vec![1] && group.server.messages().len() == 10
    });
    first.child.kill().expect("SIGKILL");
    let (code, _) = first.wait();
    assert_eq!(code, None, "killed by the signal");

    run(&mut group.send(&members, &[]), 0).stderr_has(&[
        "summary: 14 delivered, 0 refused, 0 uncertain, 0 left to send",
        "skipped:   1 letter uncertain (pass --resend-uncertain to send again)\n",
    ]);
    assert_every_letter_once(&stored(&group.server), 4);

    let status = group.status(&members);
    assert_eq!(counts(&status), (23, 0, 1, 0), "{status:#}");
    let details = status["details"].as_array().unwrap();
    assert_eq!(details.len(), 1);
    assert_eq!(details[0]["state"], "uncertain");
    assert_eq!(details[0]["sender"], "Mitglied 02");
    assert_eq!(details[0]["recipient"], "mep4@example.org");
    assert_eq!(
        details[0]["reply"],
        "the program stopped while this letter was under way; it may have been sent"
    );
}

#[test]
fn a_second_send_on_the_same_journal_refuses_at_once_and_sends_nothing() {
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Stall(Duration::from_secs(4)),
    )]);
    let members = group.members(2);
    let mut first = group.spawn_send(&members, &[], "first");
    wait_until("the first letter to arrive", LIMIT, || {
        group.server.messages().len() == 1
    });
    let connections = group.server.connections();

    let started = Instant::now();
    let out = run(&mut group.send(&members, &[]), 75);
    let took = started.elapsed();
    out.stderr_has(&[&format!(
        "error: another `appeal send` is using the journal `{}`; nothing was sent\nhint: wait for it to finish, then run this command again\n",
        group.journal_path().display()
    )]);
    assert!(
        first.is_running(),
        "the second run did not wait for the first ({took:?})"
    );
    assert_eq!(group.server.messages().len(), 1, "nothing sent by it");
    assert_eq!(
        group.server.connections(),
        connections,
        "not even connected"
    );

    let (code, stderr) = first.wait();
    assert_eq!(code, Some(0), "{stderr}");
    let messages = stored(&group.server);
    assert_eq!(messages.len(), 12);
    assert_eq!(duplicates(&messages), Vec::<String>::new());
}

#[test]
fn a_truncated_last_journal_line_is_tolerated_for_good() {
    let group = Group::start(vec![]);
    let members = group.members(1);
    group.send(&members, &["--max", "3"]).assert().code(75);
    // A crash in the middle of writing a record leaves half a line.
    let path = group.journal_path();
    let before = std::fs::read_to_string(&path).unwrap();
    let lines = before.lines().count();
    assert_eq!(lines, 9, "data, dot, delivered per letter:\n{before}");
    let first = before.lines().next().unwrap();
    let torn = &first[..first.len() / 2];
    let mut damaged = before.clone();
    damaged.push_str(torn);
    std::fs::write(&path, &damaged).unwrap();

    run(&mut group.send(&members, &[]), 0).stderr_has(&[
        &format!(
            "warning: the journal `{}` has an incomplete line {}",
            path.display(),
            lines + 1
        ),
        "summary: 3 delivered, 0 refused, 0 uncertain, 0 left to send",
    ]);
    let messages = stored(&group.server);
    assert_eq!(messages.len(), 6);
    assert_eq!(duplicates(&messages), Vec::<String>::new());
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&damaged), "appended to, never rewritten");

    // The journal stays usable: status and a rerun read past the torn line.
    assert_eq!(counts(&group.status(&members)), (6, 0, 0, 0));
    run(&mut group.send(&members, &[]), 0).stderr_has(&["nothing to send"]);
    assert_eq!(group.server.messages().len(), 6);
}

#[test]
fn a_corrupted_line_in_the_middle_stops_with_its_number() {
    let group = Group::start(vec![]);
    let members = group.members(1);
    group.send(&members, &["--max", "3"]).assert().code(75);
    let path = group.journal_path();
    let good = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    lines[4] = "dies ist kein JSON";
    let damaged = format!("{}\n", lines.join("\n"));
    std::fs::write(&path, &damaged).unwrap();
    let connections = group.server.connections();

    run(&mut group.send(&members, &[]), 2).stderr_has(&[&format!(
        "error: the journal `{}` is damaged at line 5",
        path.display()
    )]);
    assert_eq!(group.server.connections(), connections, "nothing sent");
    assert_eq!(group.server.messages().len(), 3);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        damaged,
        "untouched"
    );

    run(
        &mut group.env.cmd(&[
            "--campaign",
            path_str(&group.campaign),
            "status",
            "--senders",
            path_str(&members),
        ]),
        2,
    )
    .stderr_has(&["is damaged at line 5"]);
}

#[test]
fn bad_senders_files_exit_2_and_send_nothing() {
    let group = Group::start(vec![]);
    let no_name = group
        .env
        .write("ohne-name.csv", "email,city\nmitglied01@example.org,Köln\n");
    let mut rows = String::from("name,email\n");
    for i in 1..=8 {
        let email = if i == 7 {
            "mitglied07(at)example.org".to_string()
        } else {
            format!("mitglied{i:02}@example.org")
        };
        rows.push_str(&format!("{},{email}\n", member_name(i)));
    }
    let bad_email = group.env.write("falsche-adresse.csv", &rows);
    let empty = group.env.write("leer.csv", "");

    let cases = [
        (
            &no_name,
            format!(
                "error: senders file `{}` has no `name` column (found: email, city)",
                no_name.display()
            ),
        ),
        // Row 7 of the members is line 8 of the file (the header is line 1).
        (
            &bad_email,
            format!(
                "error: `{}` line 8: column `email`: `mitglied07(at)example.org` is not a valid email address",
                bad_email.display()
            ),
        ),
        (
            &empty,
            format!("error: senders file `{}` is empty", empty.display()),
        ),
    ];
    for (file, message) in &cases {
        let out = run(&mut group.send(file, &[]), 2);
        out.stderr_has(&[message.as_str()]);
        assert!(
            !out.stderr.contains("problems found"),
            "one problem only: {}",
            out.stderr
        );
    }
    assert_eq!(group.server.connections(), 0, "nothing sent");
    assert!(!group.journal_path().exists(), "no journal written");
}

#[test]
fn rate_paces_the_letters() {
    let group = Group::start(vec![]);
    let members = group.members(1);
    let started = Instant::now();
    let mut run = group.spawn_send(&members, &["--rate", "4/s"], "paced");
    // Arrival times at the server, recorded by polling.
    let mut arrivals: Vec<Instant> = Vec::new();
    while arrivals.len() < 6 {
        let n = group.server.messages().len();
        while arrivals.len() < n {
            arrivals.push(Instant::now());
        }
        assert!(started.elapsed() < LIMIT, "letters did not arrive");
        std::thread::sleep(Duration::from_millis(2));
    }
    let (code, stderr) = run.wait();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("pace:      4/s"), "{stderr}");

    // The letters start 250 ms apart. The first start also waited for the
    // connection, so the spacing is checked from the second letter on.
    let starts = group.tries_started();
    assert_eq!(starts.len(), 6);
    for pair in starts[1..].windows(2) {
        let gap = (pair[1] - pair[0]).num_milliseconds();
        assert!(gap >= 200, "letters started {gap} ms apart: {starts:?}");
    }
    // What the server saw: 4 intervals of 250 ms from the second letter to
    // the last (the second's own transaction time is the slack).
    let spread = arrivals[5] - arrivals[1];
    assert!(
        spread >= Duration::from_millis(900),
        "arrivals too close: {spread:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "far slower than the pace"
    );
    assert_eq!(duplicates(&stored(&group.server)), Vec::<String>::new());
}

#[test]
fn a_retry_waits_for_its_slot_of_the_pace() {
    // mep2's first try gets a 451; its retry (after a 10 ms backoff) is a
    // new submission and waits for the next slot like any letter.
    let group = Group::start(vec![Fault::new(
        Step::Rcpt,
        Action::Reply(451, "4.7.1 Too many messages, slow down".into()),
    )
    .rcpt_contains("mep2@")]);
    let members = group.members(1);
    run(&mut group.send(&members, &["--rate", "4/s"]), 0)
        .stderr_has(&["summary: 6 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    let starts = group.tries_started();
    assert_eq!(starts.len(), 7, "six letters and one retry");
    for pair in starts[1..].windows(2) {
        let gap = (pair[1] - pair[0]).num_milliseconds();
        assert!(gap >= 200, "tries started {gap} ms apart: {starts:?}");
    }
    assert_every_letter_once(&stored(&group.server), 1);
}

#[test]
fn max_sends_that_many_and_leaves_the_rest_for_the_next_run() {
    let group = Group::start(vec![]);
    let members = group.members(2);
    // Letters left by --max are left to send: exit 75, "run again later".
    let out = run(&mut group.send(&members, &["--max", "5"]), 75);
    out.stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 7 left to send"]);
    assert!(
        out.stderr.ends_with(
            "hint: --max 5 was reached with 7 letters left; run the same command again to send the next ones\n"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(group.server.messages().len(), 5);
    assert_eq!(counts(&group.status(&members)), (5, 0, 0, 7));

    // The same --max with fewer letters left than it allows: no such hint.
    let out = run(&mut group.send(&members, &["--max", "50"]), 0);
    assert!(!out.stderr.contains("--max"), "{}", out.stderr);
    assert_every_letter_once(&stored(&group.server), 2);
    assert_eq!(counts(&group.status(&members)), (12, 0, 0, 0));
}

#[test]
fn four_connections_deliver_everything_once() {
    let group = Group::start(vec![]);
    let members = group.members(4);
    group
        .send(&members, &["--connections", "4"])
        .assert()
        .code(0);
    assert_every_letter_once(&stored(&group.server), 4);
    let connections = group.server.connections();
    assert!((2..=4).contains(&connections), "{connections} connections");
    let used: BTreeSet<usize> = group
        .server
        .messages()
        .iter()
        .map(|m| m.connection)
        .collect();
    assert!(used.len() >= 2, "letters went over {used:?}");
    assert_eq!(counts(&group.status(&members)), (24, 0, 0, 0));
}

#[test]
fn ctrl_c_finishes_the_letter_in_flight_and_exits_130() {
    // The 4th letter's answer takes a second: Ctrl-C arrives meanwhile.
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Stall(Duration::from_secs(1)),
    )
    .skip(3)]);
    let members = group.members(3);
    let mut run = group.spawn_send(&members, &[], "interrupted");
    wait_until("the 4th letter to arrive", LIMIT, || {
        group.server.messages().len() == 4
    });
    interrupt(&run);
    let (code, stderr) = run.wait();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("summary: 4 delivered, 0 refused, 0 uncertain, 14 left to send"),
        "{stderr}"
    );
    assert!(stderr.contains("interrupted"), "{stderr}");

    // The journal tells exactly what the server has.
    let status = group.status(&members);
    assert_eq!(
        counts(&status),
        (group.server.messages().len() as u64, 0, 0, 14),
        "{status:#}"
    );

    group.send(&members, &[]).assert().code(0);
    assert_every_letter_once(&stored(&group.server), 3);
}

#[test]
fn a_second_ctrl_c_stops_at_once_and_the_letter_in_flight_is_uncertain() {
    // The 4th letter's answer never comes.
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Stall(Duration::MAX),
    )
    .skip(3)]);
    let members = group.members(3);
    let mut run = group.spawn_send(&members, &[], "aborted");
    wait_until("the 4th letter to arrive", LIMIT, || {
        group.server.messages().len() == 4
    });
    interrupt(&run);
    wait_until("the first Ctrl-C to be noticed", LIMIT, || {
        std::fs::read_to_string(&run.stderr)
            .unwrap()
            .contains("stopping after the letter in flight")
    });
    interrupt(&run);
    let (code, stderr) = run.wait();
    assert_eq!(code, Some(130), "{stderr}");

    // Its data went out and no answer was recorded: uncertain, not resent.
    let status = group.status(&members);
    assert_eq!(counts(&status), (3, 0, 1, 14), "{status:#}");
    assert_eq!(status["details"][0]["state"], "uncertain");
    assert_eq!(status["details"][0]["recipient"], "mep4@example.org");
    group.send(&members, &[]).assert().code(0);
    assert_every_letter_once(&stored(&group.server), 3);
    assert_eq!(counts(&group.status(&members)), (17, 0, 1, 0));
}

#[test]
fn a_ctrl_c_after_office_hours_ended_mid_run_still_ends_as_interrupted() {
    // Two connections from Friday 17:59:58 (Brussels). The first final dot
    // is answered after 8 s, every other one after 2 s: the second
    // connection's next letter starts after 18:00 and stops the run for
    // the office hours while the first letter is still in flight. Ctrl-C
    // then comes before that letter's answer: the person asked to stop,
    // so the run ends as interrupted (130), not as "closed" (75).
    let group = Group::start(vec![
        Fault::new(Step::EndOfData, Action::Stall(Duration::from_secs(8))),
        Fault::new(Step::EndOfData, Action::Stall(Duration::from_secs(2))).always(),
    ]);
    let members = group.members(2);
    let mut run = group.spawn_send_with(
        &members,
        &["--office-hours", "--connections", "2"],
        "closed",
        &[("APPEAL_TEST_CLOCK", "2026-11-27T17:59:58+01:00")],
    );
    wait_until("both first letters to arrive", LIMIT, || {
        group.server.messages().len() == 2
    });
    std::thread::sleep(Duration::from_secs(4));
    assert!(
        run.is_running(),
        "the first letter's answer is still awaited"
    );
    interrupt(&run);
    let (code, stderr) = run.wait();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("summary: 2 delivered, 0 refused, 0 uncertain, 10 left to send"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "interrupted: the letters sent are recorded; run the same command again to send the rest\n"
        ),
        "{stderr}"
    );
    assert_eq!(group.server.messages().len(), 2);
}

/// The (member, recipient) pairs that `status` lists as uncertain.
fn uncertain_letters(status: &Value) -> BTreeSet<(String, String)> {
    status["details"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["state"] == "uncertain")
        .map(|d| {
            (
                d["sender"].as_str().unwrap().to_string(),
                d["recipient"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn kill_9_with_letters_staged_leaves_only_the_dotted_ones_uncertain_and_sends_nothing_twice() {
    // Over two unpaced connections, each connection's first final dot goes
    // out with its next letter's envelope (pipelined; that letter's `data`
    // record written before). Both first letters are stored and never
    // answered; appeal is killed.
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Stall(Duration::MAX),
    )
    .times(2)]);
    let members = group.members(1);
    let mut first = group.spawn_send(&members, &["--connections", "2"], "first");
    wait_until("both first letters to arrive", LIMIT, || {
        group.server.faults_fired() == vec![2] && group.server.messages().len() == 2
    });
    first.child.kill().expect("SIGKILL");
    assert_eq!(first.wait().0, None, "killed by the signal");

    assert_eq!(
        group.records("data").len(),
        4,
        "two letters in flight, one staged on each connection"
    );
    assert_eq!(group.records("dot").len(), 2, "the two dots sent");
    // The staged letters' envelopes reached the server with the dots.
    let with_dot = group.server.commands_with_dot();
    assert_eq!(with_dot.len(), 2);
    assert!(
        with_dot.iter().all(|c| c.starts_with("MAIL FROM:")),
        "{with_dot:?}"
    );

    // After a reboot (another boot id) the journal cannot know that the
    // staged letters' dots never left: all four are uncertain.
    let rebooted = group.status_after_reboot(&members);
    assert_eq!(counts(&rebooted), (0, 0, 4, 2), "{rebooted:#}");

    // On this boot: the two with a `dot` record are uncertain, exactly the
    // two the server holds; the two staged ones are left to send.
    let status = group.status(&members);
    assert_eq!(counts(&status), (0, 0, 2, 4), "{status:#}");
    let uncertain = uncertain_letters(&status);
    let on_server = letters(&stored(&group.server));
    assert_eq!(uncertain, on_server);

    // The rerun sends the four others and skips the two.
    run(&mut group.send(&members, &[]), 0).stderr_has(&[
        "summary: 4 delivered, 0 refused, 0 uncertain, 0 left to send",
        "skipped:   2 letters uncertain (pass --resend-uncertain to send again)\n",
    ]);
    let messages = stored(&group.server);
    assert_eq!(messages.len(), 6);
    assert_eq!(duplicates(&messages), Vec::<String>::new());
    assert_eq!(counts(&group.status(&members)), (4, 0, 2, 0));
}

#[test]
fn ctrl_c_withdraws_the_letters_written_ahead_and_a_rerun_sends_them() {
    // Both first letters' answers take 3 s: Ctrl-C arrives meanwhile,
    // after each connection wrote its next letter's `data` record.
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Stall(Duration::from_secs(3)),
    )
    .times(2)]);
    let members = group.members(1);
    let mut interrupted = group.spawn_send(&members, &["--connections", "2"], "interrupted");
    wait_until("both first letters to arrive", LIMIT, || {
        group.server.messages().len() == 2
    });
    interrupt(&interrupted);
    let (code, stderr) = interrupted.wait();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("summary: 2 delivered, 0 refused, 0 uncertain, 4 left to send"),
        "{stderr}"
    );

    // The letters written ahead are withdrawn: to send, not uncertain.
    let unsent = group.records("unsent");
    assert_eq!(unsent.len(), 2, "{unsent:#?}");
    assert_eq!(counts(&group.status(&members)), (2, 0, 0, 4));
    run(&mut group.send(&members, &[]), 0)
        .stderr_has(&["summary: 4 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_every_letter_once(&stored(&group.server), 1);
}

#[test]
fn a_letter_whose_reconnect_fails_for_good_is_left_to_send_not_uncertain() {
    // The server closes the idle connection before the second letter, and
    // the new session's login is refused: that letter's `data` record was
    // written, but nothing of it went out.
    let group = Group::start(vec![
        Fault::new(Step::Mail, Action::Close).skip(1),
        Fault::new(
            Step::Auth,
            Action::Reply(535, "5.7.8 Authentication credentials invalid".into()),
        )
        .skip(1),
    ]);
    let members = group.members(1);
    run(&mut group.send(&members, &[]), 1).stderr_has(&[
        "summary: 1 delivered, 0 refused, 0 uncertain, 5 left to send",
        "error: authentication failed:",
    ]);
    assert_eq!(group.events_for("mep2@example.org"), ["data", "unsent"]);
    assert_eq!(counts(&group.status(&members)), (1, 0, 0, 5));

    run(&mut group.send(&members, &[]), 0)
        .stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_every_letter_once(&stored(&group.server), 1);
}

#[test]
fn kill_9_while_waiting_to_retry_leaves_the_letter_to_send() {
    // mep1's first try gets a 451; appeal is killed during the long wait
    // before the retry.
    let group = Group::start(vec![Fault::new(
        Step::Rcpt,
        Action::Reply(451, "4.3.0 Try again later".into()),
    )
    .rcpt_contains("mep1@")]);
    let members = group.members(1);
    let mut first = group.spawn_send(&members, &["--retry-wait", "60"], "waiting");
    wait_until("the failed try to be recorded", LIMIT, || {
        std::fs::read_to_string(group.journal_path())
            .is_ok_and(|j| j.contains("\"event\":\"temporary\""))
    });
    first.child.kill().expect("SIGKILL");
    assert_eq!(first.wait().0, None, "killed by the signal");

    let status = group.status(&members);
    assert_eq!(counts(&status), (0, 0, 0, 6), "{status:#}");
    assert_eq!(status["temporary"], 1);
    run(&mut group.send(&members, &[]), 0)
        .stderr_has(&["summary: 6 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_every_letter_once(&stored(&group.server), 1);
}

#[test]
fn json_prints_one_object_per_letter_event_and_nothing_else() {
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Reply(550, "5.1.1 No such mailbox".into()),
    )
    .rcpt_contains("mep6@")
    .skip(1)]);
    let members = group.members(2);
    let stdout = run(&mut group.send(&members, &["--json"]), 1).stdout;
    let events: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert_eq!(events.len(), 12, "{stdout}");
    let mut seen = BTreeSet::new();
    for e in &events {
        for key in ["event", "sender", "recipient", "reply", "time"] {
            assert!(e.get(key).is_some(), "`{key}` missing in {e}");
        }
        time(&e["time"]);
        seen.insert((
            e["sender"].as_str().unwrap().to_string(),
            e["recipient"].as_str().unwrap().to_string(),
        ));
    }
    assert_eq!(seen, all_letters(2));
    let refused: Vec<&Value> = events.iter().filter(|e| e["event"] == "refused").collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["sender"], "Mitglied 02");
    assert_eq!(refused[0]["recipient"], "mep6@example.org");
    assert_eq!(refused[0]["code"], 550);
    assert!(refused[0]["reply"].as_str().unwrap().starts_with("550"));
    let delivered = events.iter().filter(|e| e["event"] == "delivered").count();
    assert_eq!(delivered, 11);
    assert!(events
        .iter()
        .filter(|e| e["event"] == "delivered")
        .all(|e| e["reply"].as_str().unwrap().starts_with("250")));

    // A rerun reports each letter as skipped, still only JSON on stdout.
    let events: Vec<Value> = run(&mut group.send(&members, &["--json"]), 0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 12);
    assert!(events.iter().all(|e| e["event"] == "skipped"));
    let reasons = |reason: &str| events.iter().filter(|e| e["reason"] == reason).count();
    // The reasons are fixed words for scripts, the same in every language.
    assert_eq!(reasons("refused earlier"), 1);
    assert_eq!(reasons("delivered earlier"), 11);
}

#[test]
fn quiet_prints_only_the_summary() {
    let group = Group::start(vec![]);
    let members = group.members(1);
    let out = run(&mut group.send(&members, &["-q"]), 0);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr.lines().collect::<Vec<_>>(),
        vec![format!(
            "summary: 6 delivered, 0 refused, 0 uncertain, 0 left to send (journal: {})",
            group.journal_path().display()
        )],
    );
    assert_eq!(group.server.messages().len(), 6);
}

#[test]
fn a_members_letter_comes_from_the_account_in_their_name_with_their_reply_to_and_note() {
    let group = Group::start(vec![]);
    let members = group.env.write(
        "mitglieder.csv",
        "name,email,city,note\n\
         Anna Beispiel,anna.beispiel@example.org,Köln,\"Ich wohne in Köln, und mir ist das wichtig.\"\n\
         Bernd Ohnemail,,,\n",
    );
    group.send(&members, &[]).assert().code(0);
    let messages = group.server.messages();
    assert_eq!(messages.len(), 12);
    for m in &messages {
        let Stored { signer, .. } = parse_stored(m);
        let parsed = MessageParser::default().parse(&m.data).unwrap();
        let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
        assert_eq!(parsed.subject(), Some("Gesichtserkennung verbieten"));
        assert!(parsed
            .message_id()
            .is_some_and(|id| id.ends_with("@example.org")));
        match signer.as_str() {
            "Anna Beispiel" => {
                let reply_to = parsed
                    .reply_to()
                    .and_then(|a| a.first())
                    .expect("Reply-To: the member");
                assert_eq!(reply_to.address(), Some("anna.beispiel@example.org"));
                assert_eq!(reply_to.name(), Some("Anna Beispiel"));
                assert!(
                    body.contains(
                        "im öffentlichen Raum ein.\n\nIch wohne in Köln, und mir ist das wichtig.\n\nMit freundlichen Grüßen"
                    ),
                    "the note is its own paragraph where the template puts it:\n{body}"
                );
                assert!(
                    body.trim_end()
                        .ends_with("Mit freundlichen Grüßen\nAnna Beispiel\nKöln"),
                    "{body}"
                );
            }
            "Bernd Ohnemail" => {
                assert!(
                    parsed.reply_to().is_none(),
                    "no Reply-To without an address"
                );
                assert!(!body.contains("Ich wohne"), "{body}");
                assert!(
                    body.trim_end()
                        .ends_with("Mit freundlichen Grüßen\nBernd Ohnemail"),
                    "{body}"
                );
            }
            other => panic!("unexpected signer {other}"),
        }
        if m.rcpt_to[0] == "mep1@example.org" {
            assert!(
                body.starts_with("Sehr geehrte Frau Dr. Albers,\n\n"),
                "{body}"
            );
        }
        if m.rcpt_to[0] == "mep3@example.org" {
            assert!(body.starts_with("Guten Tag Kim Kaiser,\n\n"), "{body}");
        }
    }
}

/// The length of the journal line (newline included) of `event` for the
/// first letter of `members(n)`: member 1 to the first recipient.
fn first_record_len(event: &str) -> usize {
    let record = serde_json::json!({
        "time": "2026-11-27T05:02:55.101Z",
        "event": event,
        "campaign": CAMPAIGN_ID,
        "sender": "mitglied01@example.org",
        "recipient": MEPS[0],
        "name": member_name(1),
        "message_id": format!("<{}@example.org>", "0".repeat(32)),
    });
    let mut record = record;
    if event == "data" {
        // `data` records carry this machine's boot id.
        let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").unwrap();
        record["boot"] = boot.trim().into();
    }
    serde_json::to_string(&record).unwrap().len() + 1
}

#[test]
fn a_full_disk_before_the_data_record_sends_nothing_and_a_rerun_sends_everything() {
    let group = Group::start(vec![]);
    let members = group.members(1);
    // Room for 10 bytes of the first letter's `data` record, which is
    // written before its MAIL.
    let prefill = 512 - 10;
    let out = run(&mut group.send_with_full_disk(&members, prefill), 2);
    out.stderr_has(&[
        "summary: 0 delivered, 0 refused, 0 uncertain, 6 left to send",
        "error: cannot record the letter before sending it: File too large (os error 27)",
        "hint: make room on the disk of",
        "then run the same command again; what the journal records as sent is not sent again",
    ]);
    out.stderr_has(&["from:      1 member, via gruppe@example.org"]);
    // Not even the envelope went out. (A sync failing after the 354 closes
    // the connection without the final dot: tests/transport.rs.)
    assert!(group.server.messages().is_empty());
    assert!(
        group
            .server
            .transcript()
            .iter()
            .all(|line| !line.contains(": MAIL FROM")),
        "{:?}",
        group.server.transcript()
    );

    // The torn `data` record is skipped with a warning; the letter is sent.
    run(&mut group.send(&members, &[]), 0).stderr_has(&[
        "has an incomplete line",
        "summary: 6 delivered, 0 refused, 0 uncertain, 0 left to send",
    ]);
    assert_every_letter_once(&stored(&group.server), 1);
}

#[test]
fn a_full_disk_after_a_delivery_stops_and_that_letter_is_uncertain_not_resent() {
    let group = Group::start(vec![]);
    let members = group.members(1);
    // Room for the first letter's `data` and `dot` records, not for the
    // second letter's `data` record (written with the first one's dot,
    // which then goes out alone) nor the first one's outcome.
    let prefill = 512 - first_record_len("data") - first_record_len("dot") - 10;
    let out = run(&mut group.send_with_full_disk(&members, prefill), 1);
    out.stderr_has(&[
        "error: cannot write the journal `",
        "summary: 1 delivered, 0 refused, 0 uncertain, 5 left to send",
        "error: cannot record the letter before sending it: File too large (os error 27)",
        "hint: make room on the disk of",
    ]);
    assert_eq!(group.server.commands_with_dot(), [""], "the dot went alone");
    assert_eq!(group.server.messages().len(), 1);

    // The journal never learnt of the delivery: the letter is uncertain and
    // not sent again (reported as skipped); the five others are sent.
    let out = run(&mut group.send(&members, &[]), 0);
    out.stderr_has(&[
        "has an incomplete line",
        "skipped:   1 letter uncertain (pass --resend-uncertain to send again)\n",
        "summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send",
    ]);
    assert_every_letter_once(&stored(&group.server), 1);
    assert_eq!(counts(&group.status(&members)), (5, 0, 1, 0));
}

#[test]
fn a_full_disk_after_a_refused_or_uncertain_letter_is_a_failed_run_not_a_usage_error() {
    // As above, but the server refuses the first letter, or stores it and
    // hangs up: that letter went out too, so the journal failure is exit
    // 1, not 2 (which promises that nothing was sent).
    for (action, summary, stored) in [
        (
            Action::Reply(554, "5.7.1 rejected as spam".into()),
            "summary: 0 delivered, 1 refused, 0 uncertain, 5 left to send",
            0,
        ),
        (
            Action::StoreAndClose,
            "summary: 0 delivered, 0 refused, 1 uncertain, 5 left to send",
            1,
        ),
    ] {
        let group = Group::start(vec![Fault::new(Step::EndOfData, action)]);
        let members = group.members(1);
        let prefill = 512 - first_record_len("data") - first_record_len("dot") - 10;
        let out = run(&mut group.send_with_full_disk(&members, prefill), 1);
        out.stderr_has(&[
            summary,
            "error: cannot record the letter before sending it: File too large (os error 27)",
            "hint: make room on the disk of",
        ]);
        assert_eq!(group.server.messages().len(), stored);
    }
}

/// The journal's events, in order.
fn events(group: &Group) -> Vec<String> {
    group
        .journal()
        .iter()
        .map(|r| r["event"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn kill_9_at_every_step_of_two_pipelined_letters_leaves_only_a_dotted_letter_uncertain() {
    // One member, six letters on one connection; the server holds its
    // reply at one step for good, appeal is killed there. Pipelined, the
    // first letter's dot goes out with the second one's envelope.
    // (step, occurrences let through, the journal's events when killed,
    // status counts on this boot, and after a reboot, letters stored).
    type Counts = (u64, u64, u64, u64);
    type Case<'a> = (Step, usize, &'a [&'a str], Counts, Counts, usize);
    let cases: [Case; 8] = [
        (Step::Mail, 0, &["data"], (0, 0, 0, 6), (0, 0, 1, 5), 0),
        (Step::Data, 0, &["data"], (0, 0, 0, 6), (0, 0, 1, 5), 0),
        (
            Step::EndOfData,
            0,
            &["data", "dot", "data"],
            (0, 0, 1, 5),
            (0, 0, 2, 4),
            1,
        ),
        (
            Step::Mail,
            1,
            &["data", "dot", "data", "delivered"],
            (1, 0, 0, 5),
            (1, 0, 1, 4),
            1,
        ),
        (
            Step::Rcpt,
            1,
            &["data", "dot", "data", "delivered"],
            (1, 0, 0, 5),
            (1, 0, 1, 4),
            1,
        ),
        (
            Step::Data,
            1,
            &["data", "dot", "data", "delivered"],
            (1, 0, 0, 5),
            (1, 0, 1, 4),
            1,
        ),
        (
            Step::EndOfData,
            1,
            &["data", "dot", "data", "delivered", "dot", "data"],
            (1, 0, 1, 4),
            (1, 0, 2, 3),
            2,
        ),
        (
            Step::Quit,
            0,
            &[
                "data",
                "dot",
                "data",
                "delivered",
                "dot",
                "data",
                "delivered",
                "dot",
                "data",
                "delivered",
                "dot",
                "data",
                "delivered",
                "dot",
                "data",
                "delivered",
                "dot",
                "delivered",
            ],
            (6, 0, 0, 0),
            (6, 0, 0, 0),
            6,
        ),
    ];
    for (step, skip, journal, here, rebooted, on_server) in cases {
        let case = format!("held at {step:?} after {skip}");
        let group = Group::start(vec![
            Fault::new(step, Action::Stall(Duration::MAX)).skip(skip)
        ]);
        let members = group.members(1);
        let mut first = group.spawn_send(&members, &[], "first");
        wait_until(&case, LIMIT, || {
            group.server.faults_fired() == vec![1]
                && group.journal_path().exists()
                && events(&group) == journal
        });
        first.child.kill().expect("SIGKILL");
        assert_eq!(first.wait().0, None, "{case}: killed by the signal");
        assert_eq!(events(&group), journal, "{case}");
        assert_eq!(group.server.messages().len(), on_server, "{case}");

        let status = group.status(&members);
        assert_eq!(counts(&status), here, "{case}: {status:#}");
        // Uncertain are exactly the letters the server holds.
        assert_eq!(
            uncertain_letters(&status).len() as u64 + here.0,
            on_server as u64,
            "{case}"
        );
        let after_reboot = group.status_after_reboot(&members);
        assert_eq!(counts(&after_reboot), rebooted, "{case}: {after_reboot:#}");

        // The rerun sends every letter not on the server, none twice.
        let rerun = run(&mut group.send(&members, &[]), 0);
        if on_server < 6 {
            rerun.stderr_has(&[&format!(
                "summary: {} delivered, 0 refused, 0 uncertain, 0 left to send",
                6 - on_server
            )]);
        }
        assert_every_letter_once(&stored(&group.server), 1);
    }
}

#[test]
fn every_outcome_of_two_pipelined_letters_is_classified_and_nothing_is_sent_twice() {
    // One member, six letters on one connection, no retries. A fault hits
    // the first letter's dot (whose reply comes with the second letter's
    // envelope replies) or the second letter's envelope (which went out
    // with the first letter's dot). (fault, exit, summary, connections,
    // letters stored, events of letter 1, events of letter 2).
    let close = |step, skip| Fault::new(step, Action::Close).skip(skip);
    let reply = |step, skip, code: u16, text: &str| {
        Fault::new(step, Action::Reply(code, text.into())).skip(skip)
    };
    let reply_close = |step, skip, code: u16, text: &str| {
        Fault::new(step, Action::ReplyAndClose(code, text.into())).skip(skip)
    };
    let delivered: &[&str] = &["data", "dot", "delivered"];
    type Events<'a> = &'a [&'a str];
    type Case<'a> = (Fault, i32, &'a str, usize, usize, Events<'a>, Events<'a>);
    let cases: Vec<Case> = vec![
        (
            reply(Step::EndOfData, 0, 451, "4.3.0 try later"),
            75,
            "5 delivered, 0 refused, 0 uncertain, 1 left to send",
            1,
            5,
            &["data", "dot", "temporary"],
            delivered,
        ),
        (
            reply(Step::EndOfData, 0, 554, "5.7.1 spam"),
            1,
            "5 delivered, 1 refused, 0 uncertain, 0 left to send",
            1,
            5,
            &["data", "dot", "refused"],
            delivered,
        ),
        (
            // Closing after the 421: the second envelope's replies never
            // come; that letter goes on a new connection.
            reply_close(Step::EndOfData, 0, 421, "4.3.2 shutting down"),
            75,
            "5 delivered, 0 refused, 0 uncertain, 1 left to send",
            2,
            5,
            &["data", "dot", "temporary"],
            delivered,
        ),
        (
            // No reply to the dot: the first letter may have arrived (it
            // did not); the second was never sent.
            close(Step::EndOfData, 0),
            1,
            "5 delivered, 0 refused, 1 uncertain, 0 left to send",
            2,
            5,
            &["data", "dot", "uncertain"],
            delivered,
        ),
        (
            Fault::new(Step::EndOfData, Action::StoreAndClose),
            1,
            "5 delivered, 0 refused, 1 uncertain, 0 left to send",
            2,
            6,
            &["data", "dot", "uncertain"],
            delivered,
        ),
        (
            reply(Step::Mail, 1, 451, "4.3.0 try later"),
            75,
            "5 delivered, 0 refused, 0 uncertain, 1 left to send",
            1,
            5,
            delivered,
            &["data", "temporary"],
        ),
        (
            reply(Step::Rcpt, 1, 550, "5.1.1 no such user"),
            1,
            "5 delivered, 1 refused, 0 uncertain, 0 left to send",
            1,
            5,
            delivered,
            &["data", "refused"],
        ),
        (
            reply(Step::Data, 1, 554, "5.5.1 no"),
            1,
            "5 delivered, 1 refused, 0 uncertain, 0 left to send",
            1,
            5,
            delivered,
            &["data", "refused"],
        ),
        (
            // The server closes after answering the first dot: the second
            // letter's envelope is lost, and it goes on a new connection.
            // (Its new try records `data` again: nothing was sent before.)
            close(Step::Mail, 1),
            0,
            "6 delivered, 0 refused, 0 uncertain, 0 left to send",
            2,
            6,
            delivered,
            &["data", "data", "dot", "delivered"],
        ),
        (
            reply_close(Step::Mail, 1, 421, "4.3.2 idle too long"),
            0,
            "6 delivered, 0 refused, 0 uncertain, 0 left to send",
            2,
            6,
            delivered,
            &["data", "data", "dot", "delivered"],
        ),
        (
            // The last dot's QUIT is never answered: the letters are sent.
            close(Step::Quit, 0),
            0,
            "6 delivered, 0 refused, 0 uncertain, 0 left to send",
            1,
            6,
            delivered,
            delivered,
        ),
    ];
    for (fault, exit, summary, connections, on_server, first, second) in cases {
        let case = format!("{fault:?}");
        let group = Group::start(vec![fault]);
        let members = group.members(1);
        let out = run(&mut group.send(&members, &["--retries", "0"]), exit);
        assert!(
            out.stderr.contains(&format!("summary: {summary}")),
            "{case}: {}",
            out.stderr
        );
        assert_eq!(group.server.connections(), connections, "{case}");
        let messages = stored(&group.server);
        assert_eq!(messages.len(), on_server, "{case}");
        assert_eq!(duplicates(&messages), Vec::<String>::new(), "{case}");
        assert_eq!(group.events_for(MEPS[0]), first, "{case}");
        assert_eq!(group.events_for(MEPS[1]), second, "{case}");
        // The letters after them went pipelined, each dot with the next
        // envelope, the last with QUIT.
        let with_dot = group.server.commands_with_dot();
        assert_eq!(with_dot.last().map(String::as_str), Some("QUIT"), "{case}");
        // A rerun sends what is left, and nothing twice.
        group.send(&members, &[]).assert().code(0);
        assert_eq!(
            duplicates(&stored(&group.server)),
            Vec::<String>::new(),
            "{case}"
        );
    }

    // A retry of the first letter after a 4xx at its dot: the server waits
    // for the second letter's message (its envelope went with the dot), so
    // the retry goes on a new connection, and so do the letters after it.
    let group = Group::start(vec![Fault::new(
        Step::EndOfData,
        Action::Reply(451, "4.3.0 try later".into()),
    )]);
    let members = group.members(1);
    run(&mut group.send(&members, &[]), 0)
        .stderr_has(&["summary: 6 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(group.server.connections(), 2);
    assert_every_letter_once(&stored(&group.server), 1);
    assert_eq!(
        group.events_for(MEPS[0]),
        [
            "data",
            "dot",
            "temporary",
            "data",
            "data",
            "dot",
            "delivered"
        ]
    );
    assert_eq!(group.events_for(MEPS[1]), delivered);

    // A server without PIPELINING: each step waits for its reply.
    let group = Group::start_with(vec![], ServerOptions::without_pipelining);
    let members = group.members(1);
    run(&mut group.send(&members, &[]), 0)
        .stderr_has(&["summary: 6 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(group.server.commands_with_dot(), vec![String::new(); 6]);
    assert_eq!(group.server.pipelined_envelopes(), 0);
    assert_eq!(group.events_for(MEPS[0]), delivered);
}

#[test]
fn the_sending_run_speaks_german_with_a_german_locale() {
    // The first letter's dot is never answered (the connection closes):
    // the run's lines, its summary and its hints come from the German
    // message file, the journal's records stay as they are.
    let group = Group::start(vec![Fault::new(Step::EndOfData, Action::Close)]);
    let members = group.members(1);
    let out = run(
        group
            .send(&members, &["--retries", "0"])
            .env("APPEAL_LANG", "de"),
        1,
    );
    let journal = group.journal_path();
    out.stderr_has(&[
        "ungewiss       Mitglied 01 → ",
        ": Ausgang ungewiss: Die ganze Nachricht wurde gesendet, aber es kam keine Antwort (",
        &format!(
            "Zusammenfassung: 5 zugestellt, 0 abgelehnt, 1 ungewiss, 0 noch offen (Versandprotokoll: {})\n",
            journal.display()
        ),
        "Tipp: Ungewisse Briefe sind vielleicht angekommen; prüfe das mit `",
    ]);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| {
            l.starts_with("ungewiss") || l.starts_with("Zusammenfassung") || l.starts_with("Tipp")
        })
        .collect();
    assert_eq!(lines.len(), 3, "{}", out.stderr);
    for line in lines {
        // The server's own words (the lost connection's reason) aside.
        support::cli::assert_german(line.split(" (").next().unwrap());
    }
    assert_eq!(group.events_for(MEPS[0]), ["data", "dot", "uncertain"]);
}

#[test]
fn a_retry_after_the_dot_keeps_the_letter_written_ahead_for_its_turn() {
    // Unpaced over two connections, the first letter's record is written
    // with the next letter's written ahead; the server answers the first
    // final dot with a 451, so the first letter is tried again. Its retry
    // must not write yet another letter ahead in place of the one already
    // waiting: every letter arrives once and the summary counts them all.
    let group = Group::start_with(
        vec![Fault::new(
            Step::EndOfData,
            Action::Reply(451, "4.3.0 Try again later".into()),
        )],
        ServerOptions::without_pipelining,
    );
    let members = group.members(2);
    run(&mut group.send(&members, &["--connections", "2"]), 0).stderr_has(&[
        ": temporary failure: 451 4.3.0 Try again later (attempt 2 of 4)",
        "summary: 12 delivered, 0 refused, 0 uncertain, 0 left to send",
    ]);
    assert_eq!(group.server.faults_fired(), [1]);
    assert_every_letter_once(&stored(&group.server), 2);
    assert_eq!(group.records("delivered").len(), 12);
    assert_eq!(group.records("unsent").len(), 0);
}

#[test]
fn a_retry_that_cannot_log_in_leaves_the_letter_temporary_with_nothing_withdrawn() {
    // The first letter's final dot gets "421, closing"; its retry's new
    // session is refused at login, which stops the run. That letter's
    // `temporary` record already closed its `data` record: it stays the
    // last record (status counts the letter as temporary), with no
    // `unsent` record after it.
    let group = Group::start(vec![
        Fault::new(
            Step::EndOfData,
            Action::ReplyAndClose(421, "4.3.2 shutting down".into()),
        ),
        Fault::new(
            Step::Auth,
            Action::Reply(535, "5.7.8 Authentication credentials invalid".into()),
        )
        .skip(1),
    ]);
    let members = group.members(1);
    run(&mut group.send(&members, &["--connections", "1"]), 1).stderr_has(&[
        ": temporary failure: 421 4.3.2 shutting down (attempt 2 of 4)",
        "summary: 0 delivered, 0 refused, 0 uncertain, 6 left to send",
        "error: authentication failed:",
    ]);
    let first = group.journal()[0]["recipient"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(group.events_for(&first), ["data", "dot", "temporary"]);
    let status = group.status(&members);
    assert_eq!(counts(&status), (0, 0, 0, 6), "{status:#}");
    assert_eq!(status["temporary"], 1, "{status:#}");
}

#[test]
fn a_retry_waits_at_least_half_the_retry_wait() {
    // The backoff is the base wait ±50 %: mep2's retry after a 451 starts
    // no sooner than 500 ms after its `temporary` record with
    // `--retry-wait 1` (a lower bound only, which no slowness can break).
    let group = Group::start(vec![Fault::new(
        Step::Rcpt,
        Action::Reply(451, "4.3.0 Try again later".into()),
    )
    .rcpt_contains("mep2@")]);
    let members = group.members(1);
    run(&mut group.send(&members, &["--retry-wait", "1"]), 0)
        .stderr_has(&["summary: 6 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    let mep2: Vec<Value> = group
        .journal()
        .into_iter()
        .filter(|r| r["recipient"] == "mep2@example.org")
        .collect();
    let events: Vec<&str> = mep2.iter().map(|r| r["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["data", "temporary", "data", "dot", "delivered"]);
    let gap = (time(&mep2[2]["time"]) - time(&mep2[1]["time"])).num_milliseconds();
    // 499: the records' times are cut to the millisecond.
    assert!(gap >= 499, "the retry started {gap} ms after the failure");
    assert_every_letter_once(&stored(&group.server), 1);
}

#[test]
fn json_names_an_uncertain_letter_uncertain() {
    // The connection drops right after mep3's final dot: that letter may
    // have arrived. Its `--json` event says `uncertain`, like the summary.
    let group = Group::start(vec![
        Fault::new(Step::EndOfData, Action::StoreAndClose).rcpt_contains("mep3@")
    ]);
    let members = group.members(1);
    let out = run(
        &mut group.send(&members, &["--json", "--connections", "1"]),
        1,
    );
    out.stderr_has(&["summary: 5 delivered, 0 refused, 1 uncertain, 0 left to send"]);
    let events: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let uncertain: Vec<&Value> = events
        .iter()
        .filter(|e| e["recipient"] == "mep3@example.org")
        .collect();
    assert_eq!(uncertain.len(), 1, "{}", out.stdout);
    assert_eq!(uncertain[0]["event"], "uncertain", "{}", out.stdout);
    assert_eq!(
        events.iter().filter(|e| e["event"] == "delivered").count(),
        5,
        "{}",
        out.stdout
    );

    // A rerun skips all six, the uncertain one with its own reason.
    let out = run(&mut group.send(&members, &["--json"]), 0);
    let reasons: Vec<(String, String)> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|e| {
            assert_eq!(e["event"], "skipped", "{e}");
            let recipient = e["recipient"].as_str().unwrap().to_string();
            (recipient, e["reason"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(reasons.len(), 6, "{}", out.stdout);
    for (recipient, reason) in reasons {
        let expected = if recipient == "mep3@example.org" {
            "uncertain"
        } else {
            "delivered earlier"
        };
        assert_eq!(reason, expected, "{recipient}");
    }
}
