//! The send journal: an append-only JSON Lines file that records, per
//! letter, that its transaction began and how it ended. Folding it tells
//! each letter's state, which is what makes a rerun finish the job without
//! ever sending a letter twice by accident.
//!
//! Durability rules: a letter's `data` record is written before its
//! transaction starts (before MAIL) and is on disk (fdatasync) before the
//! message's final dot goes out, the point from which the server may
//! accept it. So after a crash a letter whose message may have been
//! accepted is *uncertain*, never silently resent. The sync is asked for
//! when the record is written and waited for only after the 354, so it
//! runs while the envelope's round trip does; a connection may even write
//! its next letter's record while waiting (or, pipelined, send its
//! envelope with the letter's final dot), and withdraws it with an
//! `unsent` record if the run stops first. Right before each final dot a
//! `dot` record is written without a sync: after `kill -9` on the same
//! boot (`data` records carry the boot id) a `data` record without `dot`
//! proves the message never left, and the letter is sent again; after a
//! machine crash it stays uncertain (see [`Ledger`]). Other records are
//! plain appends: losing one only makes the state more cautious. A syncer
//! thread does the fdatasync (measured faster here than the sender
//! syncing itself) and several connections share its syncs (one
//! fdatasync covers every record written before it). An exclusive lock
//! held for the whole run keeps a second `send` out. The file is never
//! rewritten or truncated.

use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use crate::error::{Exit, Failure};
pub use crate::letter::Key;
use crate::t;

mod probe;

/// What happened to a letter, as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    /// The transaction is about to start (nothing sent yet). Written by
    /// earlier versions, which wrote `data` only after the 354; still read.
    Start,
    /// The transaction is about to start and the message may go out: this
    /// record is on disk before the message's final dot is sent. It carries
    /// the machine's boot id (see [`Record::boot`]).
    Data,
    /// The message's final dot is about to leave: written (not synced)
    /// right before it. A `data` record without it, written since the
    /// machine last booted, means the program was killed before the
    /// letter's content left: nothing was sent (see [`Ledger`]).
    Dot,
    /// A letter whose `data` record was written ahead was not sent after
    /// all (the run stopped first): nothing of it went out.
    Unsent,
    /// The server accepted the message.
    Delivered,
    /// The server refused it for good (5xx).
    Refused,
    /// A temporary failure (4xx, or the connection broke before the message
    /// was complete): to be sent again.
    Temporary,
    /// The message was sent but no answer came: it may have been accepted.
    Uncertain,
    /// The letter was handed to the person's mail program or written as a
    /// draft (`send --via mail-program|drafts`): sending is up to them.
    #[serde(rename = "handed_over")]
    HandedOver,
}

/// One line of the journal.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Record {
    /// When, RFC 3339 UTC.
    pub time: String,
    /// What happened.
    pub event: Event,
    /// Campaign id: first part of the letter's key.
    pub campaign: String,
    /// Sender identity (address, or `name:` and the name): second part.
    pub sender: String,
    /// Recipient address, lowercased: third part.
    pub recipient: String,
    /// The sender's name as signed. Lets a later run find a member's
    /// letters when their address is added or changes (see
    /// `crate::identity`); journals written before it lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The letter's Message-ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// The server's reply code, where there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    /// The server's reply or the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// Whether the letter carried a personal paragraph (written only when
    /// it did): `status` counts the letters in the sender's own words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal: bool,
    /// On `data` records: the boot id of the machine that wrote it
    /// (`/proc/sys/kernel/random/boot_id`). A `dot` record is written
    /// without a sync, so it survives a killed program but maybe not a
    /// crashed machine: only while the boot id is the same does its absence
    /// prove that the final dot never left. Journals written before it
    /// lack it (their `data` records stay uncertain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot: Option<String>,
}

/// This machine's boot id, which changes with every boot (Linux); None
/// elsewhere, where a `data` record without `dot` stays uncertain. Debug
/// builds take `APPEAL_TEST_BOOT_ID` instead, so that the suite can play a
/// machine that rebooted.
pub fn boot_id() -> Option<&'static str> {
    static BOOT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    BOOT.get_or_init(|| {
        if cfg!(debug_assertions) {
            if let Ok(id) = std::env::var("APPEAL_TEST_BOOT_ID") {
                return Some(id);
            }
        }
        std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
            .ok()
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty())
    })
    .as_deref()
}

/// A letter's state after folding the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// Never tried, or tried and certainly not delivered: send it.
    Pending,
    /// A temporary failure was the last outcome: send it again.
    Temporary(Outcome),
    /// Delivered: never sent again (unless `--again`).
    Delivered(Outcome),
    /// Refused for good: never sent again (unless `--again`).
    Refused(Outcome),
    /// Sent, no answer: reported, not resent (unless `--resend-uncertain`).
    Uncertain(Outcome),
    /// Handed to a mail program or written as a draft: not handed over
    /// again (unless `--again`).
    HandedOver(Outcome),
}

/// The time and server reply of a letter's last outcome.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Outcome {
    /// When it was recorded.
    pub time: String,
    /// The server's reply, or why the outcome is unknown.
    pub reply: String,
    /// Whether the letter carried a personal paragraph.
    #[serde(skip)]
    pub personal: bool,
}

/// The folded journal: the state of every letter it mentions.
///
/// A letter whose last record is `data` is uncertain (its message may have
/// reached the server), except when that record was written since this
/// machine booted and no `dot` record followed it: the `dot` record is
/// written before the final dot leaves, and a write survives a killed
/// program as long as the machine runs, so its absence proves that the
/// message was never complete at the server. Such a letter is sent again.
#[derive(Debug, Default)]
pub struct Ledger {
    /// The boot id of this machine now (see [`boot_id`]); None reads every
    /// `data` record without `dot` as uncertain.
    boot: Option<String>,
    states: HashMap<Key, State>,
    /// (campaign, normalised name) → the sender keys with letters from
    /// someone of that name: a member's letters under an earlier key.
    names: HashMap<(String, String), BTreeSet<String>>,
}

impl Ledger {
    /// When each recipient of `campaign` (by lowercased address) last had
    /// a letter delivered, or possibly delivered (uncertain), as the
    /// journal recorded it: the pace per recipient carries over from one
    /// run to the next.
    pub fn last_letters(
        &self,
        campaign: &str,
    ) -> HashMap<&str, chrono::DateTime<chrono::FixedOffset>> {
        let mut last: HashMap<&str, chrono::DateTime<chrono::FixedOffset>> = HashMap::new();
        for (key, state) in &self.states {
            let (State::Delivered(o) | State::Uncertain(o)) = state else {
                continue;
            };
            let Ok(time) = chrono::DateTime::parse_from_rfc3339(&o.time) else {
                continue;
            };
            if key.campaign == campaign {
                let latest = last.entry(key.recipient.as_str()).or_insert(time);
                *latest = (*latest).max(time);
            }
        }
        last
    }

    /// The state of a letter (Pending when the journal never saw it).
    pub fn state(&self, key: &Key) -> State {
        self.states.get(key).cloned().unwrap_or(State::Pending)
    }

    /// The sender keys under which the journal has letters of `campaign`
    /// from someone whose name normalises to `normalised` (see
    /// [`crate::identity::normalise_name`]).
    pub fn senders_named<'a>(
        &'a self,
        campaign: &str,
        normalised: &str,
    ) -> impl Iterator<Item = &'a String> + 'a {
        self.names
            .get(&(campaign.to_string(), normalised.to_string()))
            .into_iter()
            .flatten()
    }

    fn apply(&mut self, record: &Record) {
        let key = Key {
            campaign: record.campaign.clone(),
            sender: crate::identity::canonical_sender(&record.sender),
            recipient: record.recipient.clone(),
        };
        self.remember_name(&key, record.name.as_deref());
        let outcome = || Outcome {
            time: record.time.clone(),
            reply: record.reply.clone().unwrap_or_default(),
            personal: record.personal,
        };
        let state = match record.event {
            // Nothing was sent.
            Event::Start | Event::Unsent => State::Pending,
            // Killed before the final dot, on this machine since it booted:
            // the `dot` record would be here if the dot had left.
            Event::Data if self.boot.is_some() && record.boot == self.boot => State::Pending,
            // The message may have reached the server; only an outcome
            // record after this can make it certain.
            Event::Data | Event::Dot => State::Uncertain(Outcome {
                time: record.time.clone(),
                // i18n: not shown in translation (kept as the letter's reply, which `status --format json` gives scripts)
                reply: "the program stopped while this letter was under way; it may have been sent"
                    .into(),
                personal: record.personal,
            }),
            Event::Delivered => State::Delivered(outcome()),
            Event::Refused => State::Refused(outcome()),
            Event::Temporary => State::Temporary(outcome()),
            Event::Uncertain => State::Uncertain(outcome()),
            Event::HandedOver => State::HandedOver(outcome()),
        };
        self.states.insert(key, state);
    }

    /// Indexes the sender key by the sender's normalised name: the one the
    /// record carries, and for a name key the name in it.
    fn remember_name(&mut self, key: &Key, name: Option<&str>) {
        let by_key = key.sender.strip_prefix(crate::identity::NAME_PREFIX);
        let by_record = name.map(crate::identity::normalise_name);
        for normalised in by_key.map(str::to_string).into_iter().chain(by_record) {
            let senders = self
                .names
                .entry((key.campaign.clone(), normalised))
                .or_default();
            if !senders.contains(&key.sender) {
                senders.insert(key.sender.clone());
            }
        }
    }
}

/// Reads and folds a journal. A missing file is an empty journal; a record
/// cut short by a crash mid-write (the last line, or a line a later run
/// ended) is skipped with a warning; any other damage is an error naming
/// the line.
pub fn read(path: &Path) -> anyhow::Result<(Ledger, Vec<String>)> {
    let mut ledger = Ledger {
        boot: boot_id().map(str::to_string),
        ..Ledger::default()
    };
    let mut warnings = Vec::new();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((ledger, warnings)),
        Err(e) => {
            return Err(Failure::usage(t!(
                "journal-unreadable",
                path = path.display().to_string(),
                error = crate::i18n::error_text(&e)
            ))
            .into())
        }
    };
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(|e| {
            Failure::usage(t!(
                "journal-unreadable",
                path = path.display().to_string(),
                error = crate::i18n::error_text(&e)
            ))
        })?;
        if n == 0 {
            break;
        }
        number += 1;
        let complete = line.ends_with(b"\n");
        // Some file systems leave a run of NUL bytes where a crash cut a
        // write short (the file grew, its data never arrived): that is an
        // incomplete write, like a line cut short.
        let nul_run = line.contains(&0);
        let text = String::from_utf8_lossy(trim_nul(&line));
        if text.trim().is_empty() && !nul_run {
            continue;
        }
        match serde_json::from_str::<Record>(text.trim_end()) {
            Ok(record) => ledger.apply(&record),
            // A record cut short: the last line after a crash mid-write, or
            // that same line once a later run has started a new line after
            // it (see `Journal::open`). Losing a record only makes the
            // letter's state more cautious.
            Err(e) if !complete || e.is_eof() || nul_run => warnings.push(t!(
                "journal-incomplete-line",
                path = path.display().to_string(),
                line = number.to_string()
            )),
            Err(e) => {
                return Err(Failure::usage(t!(
                    "journal-damaged",
                    path = path.display().to_string(),
                    line = number.to_string(),
                    error = crate::i18n::error_text(&e)
                ))
                .hint(t!("journal-damaged-hint"))
                .into())
            }
        }
    }
    Ok((ledger, warnings))
}

/// A line without the NUL bytes a crash may have left around it (and
/// without its line end).
fn trim_nul(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let start = line.iter().position(|&b| b != 0).unwrap_or(line.len());
    let end = line.iter().rposition(|&b| b != 0).map_or(start, |i| i + 1);
    &line[start..end]
}

/// The journal's default place: `$XDG_STATE_HOME/appeal/journal/<id>.jsonl`
/// (`~/.local/state/…`).
pub fn default_path(campaign_id: &str) -> anyhow::Result<PathBuf> {
    let base = crate::config::xdg_dir("XDG_STATE_HOME", ".local/state")
        .ok_or_else(|| Failure::usage(t!("journal-no-home")).hint(t!("journal-no-home-hint")))?;
    Ok(base
        .join("appeal")
        .join("journal")
        .join(format!("{campaign_id}.jsonl")))
}

/// A record written with [`Journal::append_syncing`], to wait for.
#[derive(Clone, Copy, Debug)]
pub struct Ticket(u64);

/// An open journal, locked for this run, shared by all connections.
pub struct Journal {
    path: PathBuf,
    writer: Mutex<Writer>,
    durable: Arc<Durable>,
    syncer: Option<JoinHandle<()>>,
    /// See [`Journal::notice`].
    notice: Option<String>,
}

/// What the syncer thread and the senders share: which records are on
/// disk. One fdatasync covers every record written before it starts, so
/// letters in flight on several connections share it (group commit).
struct Durable {
    state: Mutex<SyncState>,
    /// Wakes the syncer: there is something to sync (or it must stop).
    work: Condvar,
    /// Wakes the senders: `synced` moved on (or syncing failed).
    done: Condvar,
    /// Records written so far (a sync started now covers them all).
    written: AtomicU64,
    file: File,
}

#[derive(Default)]
struct SyncState {
    requested: u64,
    synced: u64,
    /// The syncer is in an fdatasync; it looks for new requests after it.
    syncing: bool,
    failed: Option<String>,
    closing: bool,
}

struct Writer {
    file: File,
    written: u64,
    buffer: Vec<u8>,
    /// A write failed, possibly after part of its line: the next record
    /// starts on a new line rather than being glued onto that fragment.
    torn: bool,
}

impl Journal {
    /// Opens (creating) and locks the journal. A second run on the same
    /// journal is refused at once.
    pub fn open(path: &Path) -> anyhow::Result<Journal> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dirs(dir).map_err(|e| {
                Failure::usage(t!(
                    "journal-folder-uncreatable",
                    path = dir.display().to_string(),
                    error = crate::i18n::error_text(&e)
                ))
            })?;
        }
        let existed = path.exists();
        let mut options = OpenOptions::new();
        options.create(true).read(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(|e| {
            Failure::usage(t!(
                "journal-unopenable",
                path = path.display().to_string(),
                error = crate::i18n::error_text(&e)
            ))
        })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Failure {
                    exit: Exit::TempFail,
                    message: t!("journal-busy", path = path.display().to_string()),
                    hint: Some(t!("journal-busy-hint")),
                }
                .into())
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Failure::usage(t!(
                    "journal-unlockable",
                    path = path.display().to_string(),
                    error = crate::i18n::error_text(&e)
                ))
                .into())
            }
        }
        if !existed {
            sync_folder_of(path);
        }
        let notice = make_private(&file, path);
        end_last_line(&mut file).map_err(|e| {
            Failure::usage(t!(
                "run-journal-unwritable-path",
                path = path.display().to_string(),
                error = crate::i18n::error_text(&e)
            ))
        })?;
        let durable = Arc::new(Durable {
            state: Mutex::new(SyncState::default()),
            work: Condvar::new(),
            done: Condvar::new(),
            written: AtomicU64::new(0),
            file: file.try_clone()?,
        });
        let syncer = {
            let durable = Arc::clone(&durable);
            std::thread::Builder::new()
                .name("journal-sync".into())
                .spawn(move || durable.run_syncer())?
        };
        Ok(Journal {
            path: path.to_path_buf(),
            writer: Mutex::new(Writer {
                file,
                written: 0,
                buffer: Vec::with_capacity(512),
                torn: false,
            }),
            durable,
            syncer: Some(syncer),
            notice,
        })
    }

    /// What opening changed that the user should know (a journal others
    /// could read was made private).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Where the journal is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends a record (one write; not synced). Returns its sequence number.
    pub fn append(&self, record: &Record) -> std::io::Result<u64> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let Writer {
            file,
            written,
            buffer,
            torn,
        } = &mut *writer;
        buffer.clear();
        if *torn {
            buffer.push(b'\n');
        }
        serde_json::to_writer(&mut *buffer, record)?;
        buffer.push(b'\n');
        if let Err(e) = file.write_all(buffer) {
            *torn = true;
            return Err(e);
        }
        *torn = false;
        *written += 1;
        self.durable.written.store(*written, Ordering::SeqCst);
        Ok(*written)
    }

    /// Appends a record and asks the syncer to make it durable, without
    /// waiting: the caller goes on (sends the envelope) while the disk
    /// works, and calls [`wait_durable`](Self::wait_durable) before it
    /// relies on the record.
    pub fn append_syncing(&self, record: &Record) -> std::io::Result<Ticket> {
        let seq = self.append(record)?;
        self.request_sync(seq);
        Ok(Ticket(seq))
    }

    /// Returns once the record of `ticket` (and all before it) is on disk.
    pub fn wait_durable(&self, ticket: Ticket) -> std::io::Result<()> {
        self.wait_synced(ticket.0)
    }

    /// Asks the syncer for every record up to `seq` to be made durable.
    fn request_sync(&self, seq: u64) {
        let mut state = self.durable.lock();
        if state.requested < seq {
            state.requested = seq;
            if !state.syncing {
                self.durable.work.notify_one();
            }
        }
    }

    /// Waits until every record up to `seq` is on disk.
    fn wait_synced(&self, seq: u64) -> std::io::Result<()> {
        let mut state = self.durable.lock();
        while state.synced < seq && state.failed.is_none() {
            state = self
                .durable
                .done
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
        match &state.failed {
            Some(e) if state.synced < seq => Err(std::io::Error::other(e.clone())),
            _ => Ok(()),
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        self.durable.lock().closing = true;
        self.durable.work.notify_one();
        if let Some(syncer) = self.syncer.take() {
            let _ = syncer.join();
        }
    }
}

impl Durable {
    fn lock(&self) -> std::sync::MutexGuard<'_, SyncState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The syncer thread: whenever a record is asked to be durable, one
    /// fdatasync for everything written so far.
    fn run_syncer(&self) {
        let mut state = self.lock();
        loop {
            while state.requested <= state.synced && !state.closing {
                state = self.work.wait(state).unwrap_or_else(|e| e.into_inner());
            }
            if state.requested <= state.synced {
                return;
            }
            let target = self.written.load(Ordering::SeqCst);
            state.syncing = true;
            drop(state);
            let covered = probe::before_sync(&self.file);
            let result = probe::sync_result(self.file.sync_data());
            if result.is_ok() {
                probe::after_sync(covered);
            }
            state = self.lock();
            state.syncing = false;
            match result {
                Ok(()) => state.synced = state.synced.max(target),
                Err(e) => state.failed = Some(e.to_string()),
            }
            self.done.notify_all();
            if state.failed.is_some() {
                return;
            }
        }
    }
}

/// Creates the journal's folders, private (0700): the journal holds
/// members' names and addresses. Folders that exist are left as they are
/// (`--journal` may name a file in any folder).
fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Makes a journal that others may read private (0600), and says so.
#[cfg(unix)]
fn make_private(file: &File, path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = file.metadata().ok()?.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return None;
    }
    let private = mode & 0o700;
    Some(
        match file.set_permissions(std::fs::Permissions::from_mode(private)) {
            Ok(()) => t!(
                "journal-made-private",
                path = path.display().to_string(),
                mode = format!("{mode:o}"),
                private = format!("{private:o}")
            ),
            Err(e) => t!(
                "journal-not-private",
                path = path.display().to_string(),
                mode = format!("{mode:o}"),
                error = crate::i18n::error_text(&e)
            ),
        },
    )
}

#[cfg(not(unix))]
fn make_private(_file: &File, _path: &Path) -> Option<String> {
    None
}

/// Makes a new journal's entry in its folder durable, so that a power loss
/// cannot lose the whole file its records were synced into. Best effort:
/// some file systems cannot sync a folder.
fn sync_folder_of(path: &Path) {
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(folder) {
        if dir.sync_all().is_ok() {
            probe::after_folder_sync(folder);
        }
    }
}

/// After a crash mid-write the file ends in part of a line; appending to
/// it would glue the next record onto that fragment and make the line
/// unreadable. So a run that finds the last line unfinished first ends it
/// (an append: the fragment itself stays, and `read` skips it).
fn end_last_line(file: &mut File) -> std::io::Result<()> {
    if file.metadata()?.len() == 0 {
        return Ok(());
    }
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1))?;
    file.read_exact(&mut last)?;
    if last[0] != b'\n' {
        file.write_all(b"\n")?;
    }
    Ok(())
}

/// The current time for records, RFC 3339 UTC with milliseconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A journal time (UTC, RFC 3339) as people read it: local time to the
/// second, the way the interface's language writes dates
/// (`2026-11-27 17:40:05`, German `27.11.2026 17:40:05`, with
/// TZ=Europe/Berlin for `2026-11-27T16:40:05.123Z`). JSON output keeps the
/// journal's UTC; a time that does not parse is shown as written.
pub fn local_time(time: &str) -> String {
    let format = match crate::i18n::lang() {
        crate::i18n::Lang::De => "%d.%m.%Y %H:%M:%S",
        crate::i18n::Lang::En => "%Y-%m-%d %H:%M:%S",
    };
    match chrono::DateTime::parse_from_rfc3339(time) {
        Ok(t) => t.with_timezone(&chrono::Local).format(format).to_string(),
        Err(_) => time.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends a record and returns once it is on disk.
    fn append_durable(j: &Journal, record: &Record) -> std::io::Result<()> {
        let ticket = j.append_syncing(record)?;
        j.wait_durable(ticket)
    }

    fn record(event: Event, recipient: &str) -> Record {
        Record {
            time: now(),
            event,
            campaign: "c".into(),
            sender: "s@example.org".into(),
            recipient: recipient.into(),
            name: None,
            message_id: None,
            code: None,
            reply: None,
            personal: false,
            boot: None,
        }
    }

    fn key(recipient: &str) -> Key {
        Key {
            campaign: "c".into(),
            sender: "s@example.org".into(),
            recipient: recipient.into(),
        }
    }

    #[test]
    fn folding_gives_each_letters_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let j = Journal::open(&path).unwrap();
        for (e, r) in [
            (Event::Start, "a"),
            (Event::Data, "a"),
            (Event::Delivered, "a"),
            (Event::Start, "b"),
            (Event::Data, "b"),
            (Event::Start, "c"),
            (Event::Temporary, "c"),
            (Event::Start, "d"),
            (Event::Start, "e"),
            (Event::Data, "e"),
            (Event::Refused, "e"),
            (Event::Data, "f"),
            (Event::Unsent, "f"),
            (Event::Data, "g"),
            (Event::Temporary, "g"),
            (Event::Data, "g"),
        ] {
            append_durable(&j, &record(e, r)).unwrap();
        }
        drop(j);
        let (ledger, warnings) = read(&path).unwrap();
        assert!(warnings.is_empty());
        assert!(matches!(ledger.state(&key("a")), State::Delivered(_)));
        assert!(matches!(ledger.state(&key("b")), State::Uncertain(_)));
        assert!(matches!(ledger.state(&key("c")), State::Temporary(_)));
        assert_eq!(ledger.state(&key("d")), State::Pending);
        assert!(matches!(ledger.state(&key("e")), State::Refused(_)));
        // Written ahead, then withdrawn: nothing went out.
        assert_eq!(ledger.state(&key("f")), State::Pending);
        // A retry under way: uncertain again until its outcome.
        assert!(matches!(ledger.state(&key("g")), State::Uncertain(_)));
        assert_eq!(ledger.state(&key("never")), State::Pending);
    }

    #[test]
    fn a_data_record_without_dot_is_unsent_only_on_the_same_boot() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let j = Journal::open(&path).unwrap();
        let on = |event, recipient, boot: Option<&str>| Record {
            boot: boot.map(str::to_string),
            ..record(event, recipient)
        };
        for r in [
            // Killed with the envelope in flight: no dot record.
            on(Event::Data, "envelope", Some("boot-1")),
            // Killed after the dot record: the dot may have left.
            on(Event::Data, "dot", Some("boot-1")),
            on(Event::Dot, "dot", None),
            // Written before the machine last booted: the dot record may
            // have been lost with the machine.
            on(Event::Data, "other-boot", Some("boot-0")),
            // Written by an earlier version: no boot id.
            on(Event::Data, "old", None),
            on(Event::Data, "done", Some("boot-1")),
            on(Event::Dot, "done", None),
            on(Event::Delivered, "done", None),
        ] {
            j.append(&r).unwrap();
        }
        drop(j);
        let fold = |boot: Option<&str>| {
            let mut ledger = Ledger {
                boot: boot.map(str::to_string),
                ..Ledger::default()
            };
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                ledger.apply(&serde_json::from_str(line).unwrap());
            }
            ledger
        };
        let same = fold(Some("boot-1"));
        assert_eq!(same.state(&key("envelope")), State::Pending);
        assert!(matches!(same.state(&key("dot")), State::Uncertain(_)));
        assert!(matches!(
            same.state(&key("other-boot")),
            State::Uncertain(_)
        ));
        assert!(matches!(same.state(&key("old")), State::Uncertain(_)));
        assert!(matches!(same.state(&key("done")), State::Delivered(_)));
        // After a reboot (or where no boot id can be read) the old rule.
        for ledger in [fold(Some("boot-2")), fold(None)] {
            assert!(matches!(
                ledger.state(&key("envelope")),
                State::Uncertain(_)
            ));
            assert!(matches!(ledger.state(&key("dot")), State::Uncertain(_)));
        }
        // The records as written: `data` with its boot id, `dot` without.
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap();
        assert!(
            first.contains(r#""event":"data""#) && first.ends_with(r#","boot":"boot-1"}"#),
            "{first}"
        );
        assert!(text.lines().nth(2).unwrap().contains(r#""event":"dot""#));
    }

    #[test]
    fn a_truncated_last_line_is_tolerated_other_damage_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let good = serde_json::to_string(&record(Event::Delivered, "a")).unwrap();
        std::fs::write(&path, format!("{good}\n{{\"time\":\"2026")).unwrap();
        let (ledger, warnings) = read(&path).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("incomplete line 2"));
        assert!(matches!(ledger.state(&key("a")), State::Delivered(_)));

        std::fs::write(&path, format!("garbage\n{good}\n")).unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("damaged at line 1"), "{err}");
    }

    #[test]
    fn a_run_after_a_torn_write_starts_a_new_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let good = serde_json::to_string(&record(Event::Delivered, "a")).unwrap();
        let torn = format!("{good}\n{}", &good[..good.len() / 2]);
        std::fs::write(&path, &torn).unwrap();
        let j = Journal::open(&path).unwrap();
        j.append(&record(Event::Delivered, "b")).unwrap();
        drop(j);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(&torn), "appended, not rewritten");
        assert_eq!(text.lines().count(), 3);
        let (ledger, warnings) = read(&path).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("incomplete line 2"), "{warnings:?}");
        assert!(matches!(ledger.state(&key("a")), State::Delivered(_)));
        assert!(matches!(ledger.state(&key("b")), State::Delivered(_)));
        // A complete journal is left as it is.
        drop(Journal::open(&path).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn nul_bytes_left_by_a_crash_are_an_incomplete_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let good = serde_json::to_string(&record(Event::Delivered, "a")).unwrap();
        std::fs::write(&path, format!("{good}\n\0\0\0\0\0\0")).unwrap();
        let (ledger, warnings) = read(&path).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("incomplete line 2"), "{warnings:?}");
        assert!(matches!(ledger.state(&key("a")), State::Delivered(_)));
        // The next run ends that line and appends after it.
        let j = Journal::open(&path).unwrap();
        j.append(&record(Event::Delivered, "b")).unwrap();
        drop(j);
        let (ledger, warnings) = read(&path).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(matches!(ledger.state(&key("b")), State::Delivered(_)));
        // NULs after part of a record, and a record with NULs before it.
        let half = &good[..good.len() / 2];
        std::fs::write(&path, format!("{half}\0\0\0\n\0\0{good}\n")).unwrap();
        let (ledger, warnings) = read(&path).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("incomplete line 1"), "{warnings:?}");
        assert!(matches!(ledger.state(&key("a")), State::Delivered(_)));
    }

    #[cfg(unix)]
    #[test]
    fn journals_and_their_new_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/j.jsonl");
        let j = Journal::open(&path).unwrap();
        assert_eq!(j.notice(), None);
        drop(j);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let j = Journal::open(&path).unwrap();
        assert!(
            j.notice().unwrap().contains("(mode 644)"),
            "{:?}",
            j.notice()
        );
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn a_second_opener_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let _first = Journal::open(&path).unwrap();
        let err = Journal::open(&path).err().unwrap();
        assert!(err
            .to_string()
            .contains("another `appeal send` is using the journal"));
    }

    #[test]
    fn after_a_failed_append_the_next_record_starts_a_new_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let j = Journal::open(&path).unwrap();
        j.append(&record(Event::Start, "a")).unwrap();
        // An append that fails after part of its line (a full disk): the
        // fragment is written here, then the write fails (the file handle
        // is swapped for a read-only one).
        let appending = {
            let mut writer = j.writer.lock().unwrap();
            writer.file.write_all(b"{\"time\":\"2026-").unwrap();
            std::mem::replace(&mut writer.file, File::open(&path).unwrap())
        };
        assert!(j.append(&record(Event::Data, "a")).is_err());
        j.writer.lock().unwrap().file = appending;
        j.append(&record(Event::Temporary, "a")).unwrap();
        j.append(&record(Event::Start, "b")).unwrap();
        drop(j);
        let (ledger, warnings) = read(&path).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("incomplete line 2"), "{warnings:?}");
        assert!(matches!(ledger.state(&key("a")), State::Temporary(_)));
        assert_eq!(ledger.state(&key("b")), State::Pending);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 4);
    }

    #[test]
    fn appends_never_truncate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        std::fs::write(&path, "").unwrap();
        for _ in 0..2 {
            let j = Journal::open(&path).unwrap();
            j.append(&record(Event::Start, "a")).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 2);
    }

    #[test]
    fn group_commit_from_many_threads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let j = Journal::open(&path).unwrap();
        std::thread::scope(|s| {
            for t in 0..4 {
                let j = &j;
                s.spawn(move || {
                    for i in 0..25 {
                        append_durable(j, &record(Event::Data, &format!("{t}-{i}"))).unwrap();
                    }
                });
            }
        });
        drop(j);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100);
        assert!(text
            .lines()
            .all(|l| serde_json::from_str::<Record>(l).is_ok()));
    }
}
