//! One sending run: the connections' loop, retries with backoff, what each
//! outcome means for the journal, Ctrl-C, and the exit code at the end.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use indicatif::ProgressBar;
use lettre::Address;
use serde_json::json;

use crate::campaign::Recipient;
use crate::error::{Exit, Failure};
use crate::journal::{self, Event, Journal, Record, Ticket};
use crate::letter::Letter;
use crate::plan::Plan;
use crate::sender::Sender;
use crate::suggest::RunFlags;
use crate::t;
use crate::transport::{Envelope, Misconfig, Reply, Session, Settings, SmtpError, Then};

use super::output::Output;
use super::pace::Pacer;
use super::{who, Job};

/// Ctrl-C presses seen; the first stops after the letter in flight.
static INTERRUPTS: AtomicUsize = AtomicUsize::new(0);

/// Counts of outcomes in this run; atomics, so connections never wait
/// on each other to count.
#[derive(Default)]
pub(super) struct Tally {
    delivered: AtomicUsize,
    refused: AtomicUsize,
    uncertain: AtomicUsize,
    temporary: AtomicUsize,
    not_started: AtomicUsize,
}

/// Adds one to a counter of the tally.
fn bump(counter: &AtomicUsize) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// Reads a counter of the tally.
fn count(counter: &AtomicUsize) -> usize {
    counter.load(Ordering::Relaxed)
}

/// What stopped the run early.
pub(super) enum Fatal {
    Auth(String),
    /// The journal cannot take a record: without it a rerun could not
    /// tell what was sent, so nothing more is sent.
    Journal(String),
    Tls(String),
    Setup(String),
    Connect(String),
    /// A setting does not fit the server: no later run can cure it.
    Misconfigured(Misconfig),
    /// `--office-hours` ended during the run: exit 75.
    Closed(Failure),
    /// The server's certificate is not trusted (or not the pinned one).
    Untrusted(Box<crate::transport::Untrusted>),
    /// The server refused the OAuth2 access token.
    TokenRefused(String),
}

/// Shared state of one sending run.
pub(super) struct Run<'a> {
    pub(super) plan: &'a Plan,
    pub(super) from: &'a Address,
    pub(super) settings: &'a Settings,
    pub(super) journal: &'a Journal,
    pub(super) jobs: &'a [Job],
    pub(super) next: AtomicUsize,
    /// Connections (workers) still taking letters; starts at their number.
    pub(super) active: AtomicUsize,
    /// A session was opened in this run: a refused connection or a name
    /// that no longer resolves is then a passing problem, not a setting.
    pub(super) connected: AtomicBool,
    pub(super) stop: AtomicBool,
    pub(super) fatal: Mutex<Option<Fatal>>,
    /// Whether letters are paced at all (no lock per letter when not).
    pub(super) paced: bool,
    /// `--office-hours`: no letter starts outside them.
    pub(super) office_hours: Option<&'a super::hours::OfficeHours>,
    /// Whether a connection writes its next letter's `data` record while it
    /// waits for the disk (see [`Run::write_ahead`]).
    pub(super) writes_ahead: bool,
    pub(super) pace: Mutex<Pacer>,
    pub(super) retries: u32,
    pub(super) retry_wait: Duration,
    pub(super) tally: Tally,
    /// Letters `--max` left for a later run: counted as left to send.
    pub(super) held_back: usize,
    /// The `--max` of this run, for the hint about the letters it left.
    pub(super) max: Option<u64>,
    pub(super) out: &'a Output,
    pub(super) progress: ProgressBar,
    /// Whether the bar is drawn: a hidden bar still takes a lock per call,
    /// which the connections would contend for.
    pub(super) show_progress: bool,
}

/// A letter taken from the queue, rendered and formatted. Its `data`
/// record may already be written: a connection writes its next letter's
/// record while it waits for the disk, so that record's sync runs during
/// the letter before (see [`Run::write_ahead`]).
struct Prepared {
    job: Job,
    letter: Letter,
    bytes: Vec<u8>,
    /// The `data` record written ahead, for the first attempt.
    recorded: Option<Ticket>,
    /// A `data` record of this letter has no later record yet: if the
    /// letter is not sent after all, an `unsent` record must say so, or a
    /// rerun would take it as uncertain.
    open: bool,
}

/// How one letter ended in this run.
enum Outcome {
    Delivered(Reply),
    Refused(Reply),
    Uncertain(String),
    Temporary(String),
    /// No session could be opened: temporary, and if it lasts through
    /// every retry the whole run stops (the server is down, not the letter).
    NoConnection(String),
}

impl Run<'_> {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst) || INTERRUPTS.load(Ordering::SeqCst) > 0
    }

    fn halt(&self, fatal: Fatal) {
        let mut slot = self.fatal.lock().unwrap_or_else(|e| e.into_inner());
        slot.get_or_insert(fatal);
        self.stop.store(true, Ordering::SeqCst);
    }

    /// One connection's loop: take the next letter, send it, repeat.
    pub(super) fn worker(&self) {
        let mut session: Option<Session> = None;
        let mut ahead: Option<Prepared> = None;
        let mut retired = false;
        loop {
            if self.stopping() {
                break;
            }
            let Some(letter) = ahead.take().or_else(|| self.take_next()) else {
                break;
            };
            if !self.send_with_retries(letter, &mut session, &mut ahead) {
                retired = true;
                break;
            }
        }
        if let Some(unsent) = ahead {
            self.withdraw(&unsent);
        }
        if !retired {
            self.active.fetch_sub(1, Ordering::SeqCst);
        }
        if let Some(s) = session {
            s.quit();
        }
    }

    /// Takes the next letter from the queue once the pacer allows it.
    /// None when there is none left or the run is stopping.
    fn take_next(&self) -> Option<Prepared> {
        let job = self.claim()?;
        if !self.wait_for_slot(job.recipient) {
            self.next_not_started();
            return None;
        }
        self.prepare(job)
    }

    /// Takes the next job from the queue shared by the connections.
    fn claim(&self) -> Option<Job> {
        let i = self.next.fetch_add(1, Ordering::SeqCst);
        self.jobs.get(i).copied()
    }

    /// Renders and formats a letter. Every letter was rendered once before
    /// connecting, so a failure here is a bug; it stops the run.
    fn prepare(&self, job: Job) -> Option<Prepared> {
        let sender = &self.plan.senders[job.sender];
        let recipient = &self.plan.recipients[job.recipient];
        match self.plan.render(sender, recipient) {
            Ok(letter) => {
                let bytes = letter.message(SystemTime::now()).formatted();
                Some(Prepared {
                    job,
                    letter,
                    bytes,
                    recorded: None,
                    open: false,
                })
            }
            Err(e) => {
                self.next_not_started();
                self.halt(Fatal::Setup(format!("{e:#}")));
                None
            }
        }
    }

    /// Called while a letter waits for its `data` record to reach the
    /// disk: takes this connection's next letter and writes its `data`
    /// record too, so that record's sync overlaps this letter's
    /// transmission instead of holding up the next one. The price: after
    /// a machine crash that letter too is uncertain (after `kill -9` its
    /// missing `dot` record shows it was not sent). Only in unpaced runs over
    /// several connections (`Run::writes_ahead`), and not when stopping.
    fn write_ahead(&self, ahead: &mut Option<Prepared>) {
        if !self.writes_ahead || ahead.is_some() || self.stopping() {
            return;
        }
        if let Some(job) = self.claim() {
            self.stage(job, ahead);
        }
    }

    /// What goes out with a letter's final dot when the server offers
    /// PIPELINING: the next letter's envelope (its `data` record written
    /// first, as [`write_ahead`](Self::write_ahead) does), or QUIT when no
    /// letter is left. Not in paced runs or with `--office-hours` (the next
    /// letter must wait for its slot), nor when the run is stopping.
    fn then_after_dot(&self, ahead: &mut Option<Prepared>) -> Then {
        if self.paced || self.office_hours.is_some() || self.stopping() {
            return Then::Wait;
        }
        if ahead.is_none() {
            match self.claim() {
                Some(job) => self.stage(job, ahead),
                None => return Then::Quit,
            }
        }
        match ahead {
            Some(next) => Then::Envelope(Envelope {
                from: self.from.clone(),
                to: next.letter.to.email.clone(),
                ascii: next.bytes.is_ascii(),
            }),
            None => Then::Wait,
        }
    }

    /// Prepares a claimed letter as this connection's next one, with its
    /// `data` record written (its sync asked for, not waited for).
    fn stage(&self, job: Job, ahead: &mut Option<Prepared>) {
        let Some(mut next) = self.prepare(job) else {
            return;
        };
        match self
            .journal
            .append_syncing(&self.record_for(&next, Event::Data, None, None))
        {
            Ok(ticket) => {
                next.recorded = Some(ticket);
                next.open = true;
                *ahead = Some(next);
            }
            Err(e) => {
                self.next_not_started();
                self.halt(Fatal::Journal(t!(
                    "run-cannot-record",
                    error = crate::i18n::error_text(&e)
                )));
            }
        }
    }

    /// A letter that will not be sent in this run after all (the run
    /// stops, or its connection could not be reopened): counted as left to
    /// send, and when a `data` record of it is open (written ahead, or
    /// before a reconnect that failed), an `unsent` record returns it to
    /// the letters to send. If even that cannot be written, the rerun takes
    /// it as uncertain, like a delivery the journal could not record.
    fn withdraw(&self, letter: &Prepared) {
        self.next_not_started();
        if letter.open {
            self.journal_or_halt(&self.record_for(letter, Event::Unsent, None, None));
        }
    }

    fn next_not_started(&self) {
        bump(&self.tally.not_started);
    }

    /// Waits for the pacer's slot for a letter to `recipient`; false when
    /// the run is stopping, or the slot falls outside `--office-hours`
    /// (which stops the run).
    fn wait_for_slot(&self, recipient: usize) -> bool {
        let slot = if self.paced {
            self.pace
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .slot(recipient)
        } else {
            None
        };
        if let Some(hours) = self.office_hours {
            let at = hours.time_at(slot.unwrap_or_else(Instant::now));
            if !hours.open_at(at) {
                self.halt(Fatal::Closed(hours.ended(at)));
                return false;
            }
        }
        match slot {
            Some(at) => self.sleep_until(at),
            None => !self.stopping(),
        }
    }

    /// Sleeps in short steps so Ctrl-C is noticed; false when stopping.
    fn sleep_until(&self, at: Instant) -> bool {
        loop {
            if self.stopping() {
                return false;
            }
            let now = Instant::now();
            if now >= at {
                return true;
            }
            std::thread::sleep((at - now).min(Duration::from_millis(50)));
        }
    }

    /// Sends one letter, retrying temporary failures. False when this
    /// connection gives up (it cannot connect) while others go on.
    fn send_with_retries(
        &self,
        mut letter: Prepared,
        session: &mut Option<Session>,
        ahead: &mut Option<Prepared>,
    ) -> bool {
        let sender = &self.plan.senders[letter.job.sender];
        let recipient = &self.plan.recipients[letter.job.recipient];
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = match self.attempt(&mut letter, session, ahead) {
                Ok(o) => o,
                Err(fatal) => {
                    self.halt(fatal);
                    // Every fatal error comes before any of the message
                    // was sent: an open `data` record is withdrawn.
                    self.withdraw(&letter);
                    return true;
                }
            };
            match outcome {
                Outcome::Temporary(reason) | Outcome::NoConnection(reason)
                    if attempt <= self.retries as usize && !self.stopping() =>
                {
                    self.out.line(&t!(
                        "run-retrying",
                        who = who(self.plan, sender, recipient),
                        reason = reason.as_str(),
                        attempt = attempt + 1,
                        attempts = self.retries + 1
                    ));
                    // Recorded now, so that a crash while waiting leaves the
                    // letter to be sent again rather than uncertain.
                    let record =
                        self.record_for(&letter, Event::Temporary, None, Some(reason.clone()));
                    let written = self.journal_or_halt(&record);
                    letter.open &= !written;
                    // A retry is a new submission: it waits for its backoff
                    // and, when paced, for a slot like any letter. When the
                    // run stops instead, the record above was the last.
                    if !written
                        || !self.sleep_until(Instant::now() + self.backoff(attempt))
                        || !self.wait_for_slot(letter.job.recipient)
                    {
                        self.report_outcome(
                            &letter.letter,
                            sender,
                            recipient,
                            Outcome::Temporary(reason),
                            &record.time,
                        );
                        return true;
                    }
                }
                Outcome::NoConnection(reason) => {
                    self.record_outcome(
                        &letter,
                        sender,
                        recipient,
                        Outcome::Temporary(reason.clone()),
                    );
                    // The server may allow fewer sessions than asked for:
                    // this connection gives up, the others go on. When it
                    // was the last one, the server is gone: stop the run.
                    if self.active.fetch_sub(1, Ordering::SeqCst) == 1 {
                        self.halt(Fatal::Connect(reason));
                    } else {
                        self.out
                            .line(&t!("run-connection-gave-up", reason = reason.as_str()));
                    }
                    return false;
                }
                other => {
                    self.record_outcome(&letter, sender, recipient, other);
                    return true;
                }
            }
        }
    }

    /// Exponential backoff with jitter: 1×, 2×, 4× … the base wait, ±50 %.
    fn backoff(&self, attempt: usize) -> Duration {
        let factor = 2f64.powi(attempt.saturating_sub(1).min(10) as i32);
        let jitter = 0.5 + fastrand::f64();
        self.retry_wait
            .mul_f64(factor * jitter)
            .min(Duration::from_secs(600))
    }

    /// One try: (re)connect if needed, record `data`, send. A connection
    /// that broke is dropped (by `try_once`) so the next try reconnects.
    fn attempt(
        &self,
        letter: &mut Prepared,
        session: &mut Option<Session>,
        ahead: &mut Option<Prepared>,
    ) -> Result<Outcome, Fatal> {
        let reused = session.is_some();
        let mut result = self.try_once(letter, session, ahead)?;
        if reused && closed_while_idle(&result) {
            // The server closed the idle connection between letters
            // (`try_once` dropped the session): reconnect once at once; it
            // is not a failure of this letter.
            result = self.try_once(letter, session, ahead)?;
        }
        if self.paced {
            self.pace
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .tried(letter.job.recipient);
        }
        Ok(match result {
            Ok(reply) => Outcome::Delivered(reply),
            Err(SmtpError::Connect(m)) if session.is_none() => {
                Outcome::NoConnection(t!("run-cannot-connect", reason = m))
            }
            Err(SmtpError::Refused(reply)) => Outcome::Refused(reply),
            Err(e @ SmtpError::Uncertain(_)) => Outcome::Uncertain(e.to_string()),
            Err(e) => Outcome::Temporary(e.to_string()),
        })
    }

    /// Opens a session if there is none, records `data` (unless written
    /// ahead), and sends. The record's sync runs during the envelope; the
    /// message goes out only once it is on disk.
    fn try_once(
        &self,
        letter: &mut Prepared,
        session: &mut Option<Session>,
        ahead: &mut Option<Prepared>,
    ) -> Result<Result<Reply, SmtpError>, Fatal> {
        if session.is_none() {
            match Session::open(self.settings) {
                Ok(s) => {
                    self.connected.store(true, Ordering::SeqCst);
                    *session = Some(s);
                }
                Err(SmtpError::Misconfigured(m))
                    if !(m.may_pass() && self.connected.load(Ordering::SeqCst)) =>
                {
                    return Err(Fatal::Misconfigured(m))
                }
                Err(SmtpError::Auth(m)) => return Err(Fatal::Auth(m)),
                Err(SmtpError::Tls(m)) => return Err(Fatal::Tls(m)),
                Err(SmtpError::Untrusted(u)) => return Err(Fatal::Untrusted(u)),
                Err(SmtpError::TokenRefused(m)) => return Err(Fatal::TokenRefused(m)),
                Err(SmtpError::Setup(m)) => return Err(Fatal::Setup(m)),
                Err(SmtpError::Connect(m)) => return Ok(Err(SmtpError::Connect(m))),
                Err(e) => return Ok(Err(SmtpError::Connect(e.to_string()))),
            }
        }
        // i18n: not shown (a panic message for a bug)
        let live = session.as_mut().expect("opened above");
        let ticket = match letter.recorded.take() {
            Some(ticket) => ticket,
            None => self
                .journal
                .append_syncing(&self.record_for(letter, Event::Data, None, None))
                .map_err(|e| {
                    Fatal::Journal(t!("run-cannot-record", error = crate::i18n::error_text(&e)))
                })?,
        };
        letter.open = true;
        let ahead = std::cell::RefCell::new(ahead);
        let mut before_data = || {
            self.write_ahead(&mut ahead.borrow_mut());
            self.journal.wait_durable(ticket)?;
            // Not synced: it only has to survive this program being killed
            // (see `journal::Ledger`); it costs one write, not a disk flush.
            self.journal
                .append(&self.record_for(letter, Event::Dot, None, None))
                .map(|_| ())
        };
        let mut then = || self.then_after_dot(&mut ahead.borrow_mut());
        let sent = live.send(
            self.from,
            &letter.letter.to.email,
            &letter.bytes,
            &mut before_data,
            &mut then,
        );
        if live.is_unusable() {
            // Dead or out of step: closed without QUIT; the next try or
            // letter reconnects.
            *session = None;
        }
        match sent {
            Err(SmtpError::Withheld(m)) => {
                // The journal could not make `data` durable, so nothing was
                // sent: say so in it, if it still takes a line.
                let closed = self
                    .journal
                    .append(&self.record_for(letter, Event::Temporary, None, Some(m.clone())))
                    .is_ok();
                letter.open &= !closed;
                Err(Fatal::Journal(m))
            }
            other => Ok(other),
        }
    }

    /// The journal record of `event` for a letter; it carries the
    /// sender's name, by which a later run recognises the member if their
    /// address changes (see `crate::identity`).
    fn record_for(
        &self,
        prepared: &Prepared,
        event: Event,
        code: Option<u16>,
        reply: Option<String>,
    ) -> Record {
        let letter = &prepared.letter;
        Record {
            time: journal::now(),
            event,
            campaign: letter.key.campaign.clone(),
            sender: letter.key.sender.clone(),
            recipient: letter.key.recipient.clone(),
            name: Some(self.plan.senders[prepared.job.sender].name.clone()),
            message_id: Some(letter.message_id.clone()),
            code,
            reply,
            personal: self.plan.senders[prepared.job.sender].note.is_some(),
            boot: (event == Event::Data)
                .then(journal::boot_id)
                .flatten()
                .map(str::to_string),
        }
    }

    /// Appends a record; when the journal cannot take it, says so and
    /// stops the run (a rerun could not tell what was sent). False then.
    fn journal_or_halt(&self, record: &Record) -> bool {
        match self.journal.append(record) {
            Ok(_) => true,
            Err(e) => {
                eprintln!(
                    "{} {}",
                    t!("error-prefix"),
                    t!(
                        "run-journal-unwritable-path",
                        path = self.journal.path().display().to_string(),
                        error = crate::i18n::error_text(&e)
                    )
                );
                self.halt(Fatal::Journal(t!(
                    "run-journal-unwritable",
                    error = crate::i18n::error_text(&e)
                )));
                false
            }
        }
    }

    /// Journals, counts and reports a letter's final outcome in this run.
    fn record_outcome(
        &self,
        prepared: &Prepared,
        sender: &Sender,
        recipient: &Recipient,
        outcome: Outcome,
    ) {
        let (event, code, reply) = outcome_record(&outcome);
        let record = self.record_for(prepared, event, code, Some(reply));
        self.journal_or_halt(&record);
        self.report_outcome(&prepared.letter, sender, recipient, outcome, &record.time);
    }

    /// Counts and reports a letter's final outcome (already journalled, or
    /// the journal failed and said so): the tally, the progress bar, the
    /// `--json` event and the line.
    fn report_outcome(
        &self,
        letter: &Letter,
        sender: &Sender,
        recipient: &Recipient,
        outcome: Outcome,
        time: &str,
    ) {
        let (event, code, reply) = outcome_record(&outcome);
        let label = match event {
            Event::Delivered => "delivered",
            Event::Refused => "refused",
            Event::Uncertain => "uncertain",
            _ => "temporary",
        };
        {
            let tally = &self.tally;
            bump(match event {
                Event::Delivered => &tally.delivered,
                Event::Refused => &tally.refused,
                Event::Uncertain => &tally.uncertain,
                _ => &tally.temporary,
            });
            if self.show_progress {
                self.progress.set_message(t!(
                    "run-progress",
                    refused = count(&tally.refused),
                    uncertain = count(&tally.uncertain),
                    temporary = count(&tally.temporary)
                ));
            }
        }
        if self.show_progress {
            self.progress.inc(1);
        }
        self.out.event(|| {
            json!({
                "event": label,
                "sender": sender.name,
                "sender_id": sender.identity(),
                "recipient": recipient.email,
                "message_id": letter.message_id,
                "code": code,
                "reply": reply,
                "time": time,
            })
        });
        if self.out.quiet && matches!(outcome, Outcome::Delivered(_)) {
            return;
        }
        let who = who(self.plan, sender, recipient);
        let reply = reply.as_str();
        let line = match event {
            Event::Delivered => t!("run-line-delivered", who = who),
            Event::Refused => t!("run-line-refused", who = who, reply = reply),
            Event::Uncertain => t!("run-line-uncertain", who = who, reply = reply),
            _ => t!("run-line-temporary", who = who, reply = reply),
        };
        // On a terminal the line goes above the bar: who got a letter is
        // as worth seeing there as without a terminal.
        if self.show_progress {
            self.progress.println(line);
        } else {
            self.out.line(&line);
        }
    }
}

/// The journal event, reply code and reply text of an outcome.
fn outcome_record(outcome: &Outcome) -> (Event, Option<u16>, String) {
    match outcome {
        Outcome::Delivered(r) => (Event::Delivered, Some(r.code), r.to_string()),
        Outcome::Refused(r) => (Event::Refused, Some(r.code), r.to_string()),
        Outcome::Uncertain(m) => (Event::Uncertain, None, m.clone()),
        Outcome::Temporary(m) | Outcome::NoConnection(m) => (Event::Temporary, None, m.clone()),
    }
}

/// Whether a reused connection turned out to be closed: dropped, or a 421
/// (servers closing an idle connection usually say `421 … timeout` first,
/// which the next command then reads). Neither means the letter was taken.
fn closed_while_idle(result: &Result<Reply, SmtpError>) -> bool {
    match result {
        Err(SmtpError::Dropped(_)) => true,
        Err(SmtpError::Temporary(reply)) => reply.code == 421,
        _ => false,
    }
}

/// Prints the summary and picks the exit code.
pub(super) fn finish(
    run: &Run,
    journal_path: &std::path::Path,
    flags: &RunFlags,
) -> anyhow::Result<Exit> {
    let tally = &run.tally;
    let (delivered, refused, uncertain) = (
        count(&tally.delivered),
        count(&tally.refused),
        count(&tally.uncertain),
    );
    let untouched = run
        .jobs
        .len()
        .saturating_sub(run.next.load(Ordering::SeqCst).min(run.jobs.len()));
    let unfinished = count(&tally.temporary) + count(&tally.not_started) + untouched;
    let left = unfinished + run.held_back;
    let interrupted = INTERRUPTS.load(Ordering::SeqCst) > 0;
    run.out.summary(&t!(
        "run-summary",
        delivered = delivered,
        refused = refused,
        uncertain = uncertain,
        left = left,
        path = journal_path.display().to_string()
    ));
    // Said whatever ends the run: an exit code for a stop must not hide it.
    if uncertain > 0 {
        eprintln!(
            "{} {}",
            t!("hint-prefix"),
            t!(
                "run-uncertain-hint",
                status = flags.command("status", &[]),
                resend = flags.command("send", &["--resend-uncertain"])
            )
        );
    }
    let fatal = run.fatal.lock().unwrap_or_else(|e| e.into_inner()).take();
    match fatal {
        Some(Fatal::Auth(m)) => {
            return Err(Failure::failed(t!("run-auth-failed", reason = m))
                .hint(t!("run-auth-failed-hint"))
                .into())
        }
        Some(Fatal::Misconfigured(m)) => {
            return Err(Failure::failed(m.to_string()).hint(m.hint()).into())
        }
        Some(Fatal::TokenRefused(m)) => {
            return Err(Failure::failed(t!("run-auth-failed", reason = m))
                .hint(crate::transport::token_hint())
                .into())
        }
        Some(Fatal::Untrusted(u)) => {
            return Err(Failure::failed(u.to_string()).hint(u.hint()).into())
        }
        Some(Fatal::Tls(m)) => {
            return Err(Failure::failed(t!("run-tls-failed", reason = m))
                .hint(t!("run-tls-failed-hint"))
                .into())
        }
        // Exit 2 promises that nothing was sent; after a letter went out,
        // a problem of our own is a failure of the run.
        Some(Fatal::Setup(m)) if delivered + refused + uncertain > 0 => {
            return Err(Failure::failed(m).into())
        }
        Some(Fatal::Setup(m)) => return Err(Failure::usage(m).into()),
        Some(Fatal::Journal(m)) => {
            let sent = delivered + refused + uncertain > 0;
            let failure = if sent {
                Failure::failed(m)
            } else {
                Failure::usage(m)
            };
            return Err(failure
                .hint(t!(
                    "run-journal-hint",
                    path = journal_path.display().to_string()
                ))
                .into());
        }
        Some(Fatal::Closed(failure)) if !interrupted => return Err(failure.into()),
        Some(Fatal::Connect(m)) if left > 0 && !interrupted => {
            return Err(Failure {
                exit: Exit::TempFail,
                message: m,
                hint: Some(t!("run-connect-hint")),
            }
            .into())
        }
        _ => {}
    }
    if interrupted {
        eprintln!("{}", t!("run-interrupted"));
        return Ok(Exit::Interrupted);
    }
    if refused > 0 || uncertain > 0 {
        return Ok(Exit::Failed);
    }
    if unfinished > 0 {
        eprintln!("{} {}", t!("hint-prefix"), t!("run-temporary-left"));
    }
    if let (Some(max), true) = (run.max, run.held_back > 0) {
        eprintln!(
            "{} {}",
            t!("hint-prefix"),
            t!(
                "run-max-reached",
                max = max.to_string(),
                left = run.held_back
            )
        );
    }
    if left > 0 {
        return Ok(Exit::TempFail);
    }
    Ok(Exit::Success)
}

/// The first Ctrl-C stops after the letter in flight; the second ends the
/// program at once (the journal's `data` record already makes a letter in
/// flight count as uncertain).
pub(super) fn install_interrupt_handler() {
    crate::interrupt::while_sending(on_interrupt);
}

/// A Ctrl-C press while sending (see [`install_interrupt_handler`]).
fn on_interrupt() {
    let presses = INTERRUPTS.fetch_add(1, Ordering::SeqCst) + 1;
    if presses == 1 {
        eprintln!("\n{}", t!("run-stopping"));
    } else {
        // Only this handler may end the process outside `main`: a second
        // Ctrl-C means "now", and the journal is already truthful.
        std::process::exit(i32::from(Exit::Interrupted.code()));
    }
}
