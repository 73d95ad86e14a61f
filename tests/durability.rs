//! The README's central promise, checked through the real binary and the
//! real journal: a letter's `data` record is on disk (fdatasync done)
//! before the message's final dot goes out; and paced runs and single
//! connections never write a letter's record ahead.
//!
//! How it is observed (issue 17):
//! * the binary's test-only sync probe (`src/journal/probe.rs`, debug
//!   builds only) logs `synced <length>` after each completed fdatasync of
//!   the journal, and delays each sync (a slow disk), so that a dot that
//!   does not wait for it is caught for sure;
//! * the scriptable server looks at the world the moment each final dot
//!   arrives (before it answers): the letter's `data` record must be in the
//!   journal and covered by a logged sync; with one connection nothing else
//!   writes to the journal then, so its pages must also be clean in the page
//!   cache (cachestat(2)), which a syncer that skips the fdatasync fails;
//! * a new journal's folder is synced once (the probe logs `folder synced`
//!   and the folder);
//! * a failing fdatasync (injected by the probe) withholds the letter;
//! * write-ahead is read off the journal and the server together: on one
//!   connection, a letter's `data` record must come after the outcome of the
//!   letter before it on that connection.

mod support;

use std::collections::HashMap;
use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mail_parser::MessageParser;
use serde_json::Value;

use support::certs::make_certs;
use support::cli::{run, TestEnv};
use support::smtp::{self, ServerOptions, TestServer};

const USER: &str = "gruppe@example.org";
const PASSWORD: &str = "Gruppen-Pa55wort!";
const CAMPAIGN_ID: &str = "haltbar";
const LIMIT: Duration = Duration::from_secs(60);
/// How late every journal sync starts: far longer than a command's round
/// trip on 127.0.0.1, so a dot that does not wait for the sync arrives first.
const SYNC_DELAY_MS: &str = "100";

const RECIPIENTS_TOML: &str = r#"[campaign]
id = "haltbar"
title = "Haltbar"
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

[[recipient]]
name = "Doris Dorn"
salutation = "Frau"
email = "mep4@example.org"
"#;

const TEMPLATE: &str = "Subject: Gesichtserkennung verbieten

{{greeting}}

bitte setzen Sie sich für ein Verbot von Gesichtserkennung ein.

Mit freundlichen Grüßen
{{sender.name}}
";

const MEMBERS_CSV: &str =
    "name,email\nMitglied 1,m1@example.org\nMitglied 2,m2@example.org\nMitglied 3,m3@example.org\n";

/// Letters of a run: 3 members × 4 recipients.
const LETTERS: usize = 12;

/// What the server saw at the final dots, checked against the journal.
struct Watch {
    journal: PathBuf,
    sync_log: PathBuf,
    /// Whether the journal's pages must be clean at each dot (one
    /// connection, and a file system on which cachestat tells).
    clean_at_dot: bool,
    seen: Mutex<usize>,
    violations: Mutex<Vec<String>>,
}

impl Watch {
    /// Called by the server at each final dot.
    fn at_final_dot(&self, data: &[u8]) {
        *self.seen.lock().unwrap() += 1;
        if let Err(violation) = self.check(data) {
            self.violations.lock().unwrap().push(violation);
        }
    }

    fn check(&self, data: &[u8]) -> Result<(), String> {
        let id = message_id(data);
        let journal = std::fs::read(&self.journal).map_err(|e| format!("{id}: journal: {e}"))?;
        let end = end_of_last_data_record(&journal, &id).ok_or_else(|| {
            format!("{id}: its final dot arrived with no `data` record in the journal")
        })?;
        let synced = synced_length(&self.sync_log);
        if synced < end {
            return Err(format!(
                "{id}: its final dot arrived before its `data` record (ending at byte {end}) was synced (synced up to byte {synced})"
            ));
        }
        // The pages up to the one holding the record's end must be clean:
        // after it come the `dot` record (written without a sync by
        // design) and, pipelined, the next letter's `data` record.
        let clean = end / PAGE * PAGE;
        if self.clean_at_dot && clean > 0 {
            let file = File::open(&self.journal).map_err(|e| e.to_string())?;
            let unsynced = unsynced_pages(&file, clean).expect("cachestat worked in calibration");
            if unsynced > 0 {
                return Err(format!(
                    "{id}: at its final dot the journal still had {unsynced} page(s) before its `data` record's end not on disk"
                ));
            }
        }
        let dots = dot_records(&journal, &id);
        if dots != 1 {
            return Err(format!(
                "{id}: at its final dot the journal had {dots} `dot` record(s) after its last `data` record, not 1"
            ));
        }
        Ok(())
    }
}

/// One test's world: the server with its watch, and a home for it.
struct World {
    env: TestEnv,
    server: TestServer,
    watch: Arc<Watch>,
    campaign: PathBuf,
    members: PathBuf,
    /// `--journal` as given, when not the default.
    journal_arg: Option<String>,
}

impl World {
    fn start(connections: usize) -> World {
        World::start_with_journal(connections, None)
    }

    /// With `--journal journal` (relative to the working folder) if given.
    fn start_with_journal(connections: usize, journal_arg: Option<&str>) -> World {
        World::start_with(connections, journal_arg, |options| options)
    }

    /// [`start_with_journal`](Self::start_with_journal), the server's
    /// options changed by `adjust`.
    fn start_with(
        connections: usize,
        journal_arg: Option<&str>,
        adjust: impl FnOnce(ServerOptions) -> ServerOptions,
    ) -> World {
        let env = TestEnv::new();
        let journal = match journal_arg {
            Some(name) => env.work_dir().join(name),
            None => env
                .state_dir()
                .join("appeal")
                .join("journal")
                .join(format!("{CAMPAIGN_ID}.jsonl")),
        };
        let clean_at_dot = connections == 1 && cachestat_tells_on(env.root());
        let watch = Arc::new(Watch {
            journal,
            sync_log: env.root().join("sync.log"),
            clean_at_dot,
            seen: Mutex::new(0),
            violations: Mutex::new(Vec::new()),
        });
        let certs = make_certs();
        let watcher = Arc::clone(&watch);
        let server = smtp::start(adjust(
            ServerOptions::starttls(&certs, USER, PASSWORD)
                .with_dot_watcher(move |_, data| watcher.at_final_dot(data)),
        ));
        env.write_smtp_config(
            &format!("[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n"),
            server.port(),
            "starttls",
            USER,
            &certs,
            "",
        );
        let campaign = env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
        let members = env.write("mitglieder.csv", MEMBERS_CSV);
        World {
            env,
            server,
            watch,
            campaign,
            members,
            journal_arg: journal_arg.map(str::to_string),
        }
    }

    /// `appeal send` of the whole group over `connections` at `rate`, with
    /// the sync probe on; must deliver every letter.
    fn send(&self, connections: usize, rate: &str) {
        let out = run(&mut self.send_cmd(connections, rate), 0);
        assert!(
            out.stderr.contains(&format!(
                "summary: {LETTERS} delivered, 0 refused, 0 uncertain, 0 left to send"
            )),
            "{}",
            out.stderr
        );
        assert_eq!(self.server.messages().len(), LETTERS);
    }

    /// The command of [`send`](Self::send).
    fn send_cmd(&self, connections: usize, rate: &str) -> assert_cmd::Command {
        let connections = connections.to_string();
        let args = [
            "--campaign",
            self.campaign.to_str().unwrap(),
            "send",
            "--senders",
            self.members.to_str().unwrap(),
            "--yes",
            "--connections",
            &connections,
            "--rate",
            rate,
            // The global pace alone: no pause per recipient.
            "--per-recipient",
            "unlimited",
        ];
        let mut cmd = self.env.cmd(&args);
        if let Some(journal) = &self.journal_arg {
            cmd.args(["--journal", journal]);
        }
        cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD)
            .env("APPEAL_TEST_SYNC_LOG", &self.watch.sync_log)
            .env("APPEAL_TEST_SYNC_DELAY_MS", SYNC_DELAY_MS)
            .timeout(LIMIT);
        cmd
    }

    /// Every final dot came after its letter's record was on disk.
    fn assert_durable_before_every_dot(&self) {
        assert_eq!(*self.watch.seen.lock().unwrap(), LETTERS, "every dot seen");
        let violations = self.watch.violations.lock().unwrap();
        assert!(violations.is_empty(), "{violations:#?}");
    }

    /// On each connection, a letter's `data` record comes after the
    /// outcome of the letter before it: nothing was written ahead.
    fn assert_nothing_written_ahead(&self) {
        self.assert_data_after("delivered");
    }

    /// On each connection, a letter's `data` record comes after the `dot`
    /// record of the letter before it: pipelined (RFC 2920), its envelope
    /// goes out with that dot, and no letter earlier than that.
    fn assert_staged_only_with_the_dot_before(&self) {
        self.assert_data_after("dot");
    }

    /// On each connection, a letter's `data` record comes before the `dot`
    /// record of the letter before it: written while that letter waited
    /// for the disk (write-ahead, README).
    fn assert_written_ahead(&self) {
        self.assert_data_order("dot", false);
    }

    /// On each connection, a letter's `data` record comes after the
    /// `event` record of the letter before it.
    fn assert_data_after(&self, event: &str) {
        self.assert_data_order(event, true);
    }

    /// On each connection, a letter's `data` record comes after (or, with
    /// `after` false, before) the `event` record of the letter before it.
    fn assert_data_order(&self, event: &str, after: bool) {
        let journal = records(&self.watch.journal);
        let position = |id: &str, event: &str| {
            journal
                .iter()
                .position(|r| r["message_id"].as_str() == Some(id) && r["event"] == event)
                .unwrap_or_else(|| panic!("no `{event}` record for {id}: {journal:#?}"))
        };
        let mut by_connection: HashMap<usize, Vec<String>> = HashMap::new();
        for m in self.server.messages() {
            by_connection
                .entry(m.connection)
                .or_default()
                .push(message_id(&m.data));
        }
        for (connection, ids) in &by_connection {
            for pair in ids.windows(2) {
                let (earlier, later) = (&pair[0], &pair[1]);
                let ahead = position(later, "data") < position(earlier, event);
                assert!(
                    ahead != after,
                    "connection {connection}: the `data` record of {later} was written {} the `{event}` record of {earlier}, sent before it on that connection: {}",
                    if ahead { "before" } else { "after" },
                    if ahead { "written ahead" } else { "not written ahead" }
                );
            }
        }
    }

    /// The probe logged syncs (else the checks above saw nothing).
    fn assert_probe_logged(&self) {
        assert!(
            synced_length(&self.watch.sync_log) > 0,
            "the sync probe logged nothing: is this a debug build?"
        );
    }
}

/// The Message-ID of a message, without angle brackets.
fn message_id(data: &[u8]) -> String {
    MessageParser::default()
        .parse(data)
        .and_then(|m| m.message_id().map(str::to_string))
        .expect("a message with a Message-ID")
}

/// The byte offset just after the last `data` record of the letter `id`.
fn end_of_last_data_record(journal: &[u8], id: &str) -> Option<u64> {
    let mut offset = 0u64;
    let mut end = None;
    for line in journal.split_inclusive(|b| *b == b'\n') {
        offset += line.len() as u64;
        let Ok(record) = serde_json::from_slice::<Value>(line) else {
            continue;
        };
        let record_id = record["message_id"].as_str().unwrap_or_default();
        if record["event"] == "data" && record_id.trim_matches(['<', '>']) == id {
            end = Some(offset);
        }
    }
    end
}

/// The page size cachestat(2) counts in (this suite runs on x86-64 and
/// arm64 Linux with 4 KiB pages).
const PAGE: u64 = 4096;

/// How many `dot` records of the letter `id` follow its last `data` record.
fn dot_records(journal: &[u8], id: &str) -> usize {
    let mut dots = 0;
    for line in journal.split(|b| *b == b'\n') {
        let Ok(record) = serde_json::from_slice::<Value>(line) else {
            continue;
        };
        if record["message_id"]
            .as_str()
            .unwrap_or_default()
            .trim_matches(['<', '>'])
            != id
        {
            continue;
        }
        if record["event"] == "data" {
            dots = 0;
        } else if record["event"] == "dot" {
            dots += 1;
        }
    }
    dots
}

/// The longest journal length the probe logged as synced (0 if none).
fn synced_length(log: &Path) -> u64 {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("synced ")?.parse().ok())
        .max()
        .unwrap_or(0)
}

/// The journal's records, in order (Message-IDs without angle brackets).
fn records(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let mut r: Value = serde_json::from_str(l).unwrap();
            if let Some(id) = r["message_id"].as_str() {
                r["message_id"] = id.trim_matches(['<', '>']).into();
            }
            r
        })
        .collect()
}

/// `struct cachestat_range` of cachestat(2).
#[repr(C)]
struct CachestatRange {
    off: u64,
    len: u64,
}

/// `struct cachestat` of cachestat(2).
#[repr(C)]
#[derive(Default)]
struct Cachestat {
    nr_cache: u64,
    nr_dirty: u64,
    nr_writeback: u64,
    nr_evicted: u64,
    nr_recently_evicted: u64,
}

/// Pages of `file` in the page cache that are not on disk yet (dirty or
/// under writeback), by cachestat(2) (Linux 6.5); None where unsupported.
fn unsynced_pages(file: &File, len: u64) -> Option<u64> {
    const SYS_CACHESTAT: libc::c_long = 451;
    let range = CachestatRange { off: 0, len };
    let mut stat = Cachestat::default();
    // SAFETY: both structs are laid out as the kernel expects and live
    // across the call; the kernel writes only into `stat`.
    let rc = unsafe {
        libc::syscall(
            SYS_CACHESTAT,
            file.as_raw_fd(),
            &range as *const CachestatRange,
            &mut stat as *mut Cachestat,
            0u32,
        )
    };
    (rc == 0).then_some(stat.nr_dirty + stat.nr_writeback)
}

/// Whether cachestat(2) tells unsynced pages from synced ones on the file
/// system of `dir`: a file just written has unsynced pages, and none after
/// fdatasync. Not so on tmpfs, or on kernels before 6.5: the page check is
/// then left out (said on stderr), the order check stays.
fn cachestat_tells_on(dir: &Path) -> bool {
    use std::io::Write;
    let path = dir.join("cachestat-calibration");
    let mut file = File::create(&path).unwrap();
    file.write_all(&[b'x'; 100]).unwrap();
    let before = unsynced_pages(&file, 0);
    file.sync_data().unwrap();
    let after = unsynced_pages(&file, 0);
    let tells = matches!((before, after), (Some(b), Some(0)) if b > 0);
    if !tells {
        eprintln!(
            "note: cachestat cannot tell synced pages here ({before:?} before, {after:?} after fdatasync); the journal's pages are not checked"
        );
    }
    tells
}

#[test]
fn one_connection_unpaced_syncs_before_each_dot_and_stages_a_letter_only_with_the_dot_before() {
    // Unpaced, the server offering PIPELINING: each letter's envelope goes
    // out with the final dot of the letter before, so its `data` record is
    // written after that letter's `dot` record, not after its outcome.
    let world = World::start(1);
    world.send(1, "unlimited");
    world.assert_probe_logged();
    world.assert_durable_before_every_dot();
    world.assert_staged_only_with_the_dot_before();
    let with_dot = world.server.commands_with_dot();
    assert_eq!(with_dot.len(), LETTERS);
    assert!(
        with_dot[..LETTERS - 1]
            .iter()
            .all(|c| c.starts_with("MAIL FROM:<gruppe@example.org>")),
        "each dot but the last came with the next envelope: {with_dot:#?}"
    );
    assert_eq!(with_dot[LETTERS - 1], "QUIT", "the last dot came with QUIT");
}

#[test]
fn one_connection_paced_syncs_before_each_dot_and_never_writes_ahead() {
    let world = World::start(1);
    world.send(1, "20/s");
    world.assert_probe_logged();
    world.assert_durable_before_every_dot();
    world.assert_nothing_written_ahead();
}

#[test]
fn two_connections_unpaced_without_pipelining_write_each_next_record_ahead() {
    // Unpaced over several connections, each connection writes its next
    // letter's `data` record while its letter waits for the disk (README),
    // so that record is in the journal before that letter's `dot` record;
    // without PIPELINING nothing else stages it. Each record is still on
    // disk before its own letter's dot.
    let world = World::start_with(2, None, ServerOptions::without_pipelining);
    world.send(2, "unlimited");
    world.assert_probe_logged();
    world.assert_durable_before_every_dot();
    world.assert_written_ahead();
    assert_eq!(world.server.pipelined_envelopes(), 0);
}

#[test]
fn four_connections_unpaced_sync_before_each_dot() {
    // Unpaced runs over several connections may write ahead (README): only
    // the order of sync and dot is checked.
    let world = World::start(4);
    world.send(4, "unlimited");
    world.assert_probe_logged();
    world.assert_durable_before_every_dot();
}

#[test]
fn four_connections_paced_sync_before_each_dot_and_never_write_ahead() {
    let world = World::start(4);
    world.send(4, "20/s");
    world.assert_probe_logged();
    world.assert_durable_before_every_dot();
    world.assert_nothing_written_ahead();
}

#[test]
fn a_new_journal_has_its_folder_synced_an_existing_one_not_again() {
    // A new journal's entry in its folder must be on disk too, or a power
    // loss could lose the whole file its records were synced into. The
    // probe names the folder it synced: the journal's own, not another.
    let new = World::start(1);
    new.send(1, "unlimited");
    let log = std::fs::read_to_string(&new.watch.sync_log).unwrap();
    let folder = new.watch.journal.parent().unwrap().display().to_string();
    assert_eq!(log.matches("folder synced").count(), 1, "{log}");
    assert_eq!(
        log.matches(&format!("folder synced {folder}\n")).count(),
        1,
        "{log}"
    );

    let existing = World::start(1);
    std::fs::create_dir_all(existing.watch.journal.parent().unwrap()).unwrap();
    std::fs::write(&existing.watch.journal, "").unwrap();
    existing.send(1, "unlimited");
    let log = std::fs::read_to_string(&existing.watch.sync_log).unwrap();
    assert_eq!(log.matches("folder synced").count(), 0, "{log}");
    existing.assert_probe_logged();

    // A journal named without a folder is in the current one: that is synced.
    let bare = World::start_with_journal(1, Some("haltbar.jsonl"));
    bare.send(1, "unlimited");
    let log = std::fs::read_to_string(&bare.watch.sync_log).unwrap();
    assert_eq!(log.matches("folder synced").count(), 1, "{log}");
    assert_eq!(log.matches("folder synced .\n").count(), 1, "{log}");
    bare.assert_durable_before_every_dot();
}

#[test]
fn a_failing_fdatasync_withholds_the_letter_and_stops_the_run() {
    // The second sync fails (as on a failing disk): the second letter's
    // record is not on disk, so its message must not go out; the run stops.
    let world = World::start(1);
    let mut cmd = world.send_cmd(1, "unlimited");
    cmd.env("APPEAL_TEST_SYNC_FAIL_FROM", "2");
    let out = run(&mut cmd, 1);
    let journal = world.watch.journal.display();
    assert!(
        out.stderr.ends_with(&format!(
            "\nsummary: 1 delivered, 0 refused, 0 uncertain, 11 left to send (journal: {journal})\n\
             error: cannot record the letter before sending it: injected fdatasync failure\n\
             hint: make room on the disk of `{journal}` (or fix its permissions), then run the same command again; what the journal records as sent is not sent again\n"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(world.server.messages().len(), 1, "only the first letter");
    // The withheld letter's `data` record is closed: it is left to send,
    // not uncertain.
    let events: Vec<Value> = records(&world.watch.journal)
        .iter()
        .map(|r| r["event"].clone())
        .collect();
    // The second letter's `data` record goes out with the first one's dot
    // (pipelined); the failed sync then withholds its message.
    assert_eq!(events, ["data", "dot", "data", "delivered", "temporary"]);
    world.assert_probe_logged();
    let violations = world.watch.violations.lock().unwrap();
    assert!(violations.is_empty(), "{violations:#?}");
}
