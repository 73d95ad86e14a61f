//! `appeal send`: checks everything, asks (on a terminal), then sends one
//! individual letter per (sender, recipient) over as few SMTP sessions as
//! possible, recording each in the journal so that a rerun finishes the job
//! and nothing is ever delivered twice by accident.
//!
//! This module decides *what* to send and *when* (journal states, retries,
//! pacing, Ctrl-C); `transport` does the talking and `journal` the
//! remembering.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use lettre::Address;
use serde_json::json;

use crate::campaign::Recipient;
use crate::cli::{GlobalArgs, SendArgs};
use crate::config::Loaded;
use crate::error::{Exit, Failure};
use crate::journal::{self, Event, Journal, Key, Ledger, Record, State};
use crate::letter::Letter;
use crate::plan::Plan;
use crate::prompt::Prompt;
use crate::sender::Sender;
use crate::transport::{Reply, Session, Settings, SmtpError};

/// Default pace of group campaigns: the European Parliament's mail filters
/// treat many similar letters in a short time as bulk mail.
pub const GROUP_DEFAULT_RATE: &str = "6/min";

/// Ctrl-C presses seen; the first stops after the letter in flight.
static INTERRUPTS: AtomicUsize = AtomicUsize::new(0);

/// One letter to send: indexes into the plan's senders and recipients.
#[derive(Clone, Copy)]
struct Job {
    sender: usize,
    recipient: usize,
}

/// Letters grouped by what the journal says about them.
struct Selection {
    to_send: Vec<Job>,
    skipped: Vec<(Job, &'static str, journal::Outcome)>,
}

/// Runs `appeal send`.
pub fn run(
    global: &GlobalArgs,
    args: &SendArgs,
    config: &Loaded,
    prompt: &mut dyn Prompt,
    today: NaiveDate,
) -> anyhow::Result<Exit> {
    if !args.yes && !args.dry_run && !prompt.interactive() {
        return Err(Failure::usage("there is no terminal to confirm sending on")
            .hint(
                "pass --yes to send without confirmation (or --dry-run to see what would be sent)",
            )
            .into());
    }
    let mut plan = Plan::build(global, config, &args.sender, &args.select, prompt, today)?;
    let from = account_address(&plan)?;
    let mut settings = crate::check::smtp_settings(config, from.domain(), global.verbose > 0)?;
    let pace = Pace::parse(args.rate.as_deref(), plan.group)?;
    let retry_wait = Duration::from_secs_f64(args.retry_wait.max(0.0));
    let journal_path = match &args.journal {
        Some(p) => p.clone(),
        None => journal::default_path(&plan.campaign.id)?,
    };
    let out = Output::new(args.json, global.quiet);
    if let Some(notice) = plan.former_notice() {
        out.note(&notice);
    }

    // The lock is taken before the journal is read, so the states we act
    // on cannot change under us. A dry run only reads.
    let journal = if args.dry_run {
        None
    } else {
        Some(Journal::open(&journal_path)?)
    };
    let (ledger, warnings) = journal::read(&journal_path)?;
    for w in warnings {
        eprintln!("{w}");
    }
    let mut selection = select(&plan, &ledger, args);
    if let Some(max) = args.max {
        selection
            .to_send
            .truncate(usize::try_from(max).unwrap_or(usize::MAX));
    }
    report_skipped(&plan, &selection, &out);

    if selection.to_send.is_empty() {
        out.summary("nothing to send");
        return Ok(Exit::Success);
    }
    let subject = check_every_letter_renders(&plan, &selection)?;
    if !args.dry_run {
        // Before the summary and the questions: a failing password command
        // should not come after the user has said yes.
        crate::check::add_password(&mut settings, config, prompt)?;
    }
    print_summary(
        &plan,
        &selection,
        &subject,
        &settings,
        &pace,
        &journal_path,
        &out,
    );
    if args.dry_run {
        return dry_run(&plan, &selection, &out);
    }
    if !confirmed(&mut plan, &selection, args, prompt)? {
        out.summary("nothing was sent");
        return Ok(Exit::Success);
    }
    let journal = journal.expect("opened unless dry run");
    install_interrupt_handler();
    let run = Run {
        plan: &plan,
        from: &from,
        settings: &settings,
        journal: &journal,
        jobs: &selection.to_send,
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        fatal: Mutex::new(None),
        paced: pace.interval.is_some(),
        pace: Mutex::new(pace.start()),
        retries: args.retries,
        retry_wait,
        tally: Tally::default(),
        out: &out,
        progress: out.progress_bar(selection.to_send.len()),
        show_progress: out.shows_progress(),
    };
    let connections = usize::from(args.connections)
        .min(selection.to_send.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..connections {
            scope.spawn(|| run.worker());
        }
    });
    run.progress.finish_and_clear();
    finish(&run, &journal_path)
}

/// Renders every letter once before anything is sent, so that a template
/// failing for one (sender, recipient) stops the run before the first
/// letter rather than in the middle. Returns the first letter's subject.
fn check_every_letter_renders(plan: &Plan, selection: &Selection) -> anyhow::Result<String> {
    let jobs = &selection.to_send;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = jobs.len().div_ceil(threads).max(256);
    let render_all = |part: &[Job]| -> anyhow::Result<()> {
        for job in part {
            plan.render(&plan.senders[job.sender], &plan.recipients[job.recipient])?;
        }
        Ok(())
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(share)
            .map(|part| scope.spawn(move || render_all(part)))
            .collect();
        // The first failure in campaign order is the one reported.
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect::<anyhow::Result<Vec<()>>>()
    })?;
    match jobs.first() {
        Some(job) => Ok(plan
            .render(&plan.senders[job.sender], &plan.recipients[job.recipient])?
            .subject),
        None => Ok(String::new()),
    }
}

/// On a terminal: offers the personal paragraph, then asks to send
/// (default No). `--yes` skips both; `--edit` opens the editor anyway.
fn confirmed(
    plan: &mut Plan,
    selection: &Selection,
    args: &SendArgs,
    prompt: &mut dyn Prompt,
) -> anyhow::Result<bool> {
    if !plan.group && (args.edit || (prompt.interactive() && !args.yes)) {
        add_personal_paragraph(plan, prompt, args.edit)?;
    }
    if args.yes {
        return Ok(true);
    }
    prompt.confirm(
        &format!("Send {} letter(s) now?", selection.to_send.len()),
        false,
    )
}

/// The sending account's address: the letters' From and envelope sender.
fn account_address(plan: &Plan) -> anyhow::Result<Address> {
    let address = plan.from_address.as_deref().ok_or_else(|| {
        Failure::usage("no sender address: letters must come from your own mail account")
            .hint("pass `--email you@example.org`, or set `email` under [sender] (`appeal setup`)")
    })?;
    address.parse().map_err(|e| {
        Failure::usage(format!("`{address}` is not a valid email address ({e})")).into()
    })
}

/// Splits the plan's letters by their journal state.
fn select(plan: &Plan, ledger: &Ledger, args: &SendArgs) -> Selection {
    let mut selection = Selection {
        to_send: Vec::new(),
        skipped: Vec::new(),
    };
    for (si, sender) in plan.senders.iter().enumerate() {
        for (ri, recipient) in plan.recipients.iter().enumerate() {
            let job = Job {
                sender: si,
                recipient: ri,
            };
            match ledger.state(&key(plan, sender, recipient)) {
                State::Pending | State::Temporary(_) => selection.to_send.push(job),
                State::Delivered(_) | State::Refused(_) if args.again => {
                    selection.to_send.push(job)
                }
                State::Uncertain(_) if args.resend_uncertain || args.again => {
                    selection.to_send.push(job)
                }
                State::Delivered(o) => selection.skipped.push((job, "delivered earlier", o)),
                State::Refused(o) => selection.skipped.push((job, "refused earlier", o)),
                State::Uncertain(o) => selection.skipped.push((job, "uncertain", o)),
            }
        }
    }
    selection
}

fn key(plan: &Plan, sender: &Sender, recipient: &Recipient) -> Key {
    Key::new(&plan.campaign.id, sender, recipient)
}

fn who(plan: &Plan, sender: &Sender, recipient: &Recipient) -> String {
    if plan.group {
        format!(
            "{} → {} <{}>",
            sender.name,
            recipient.full_name(),
            recipient.email
        )
    } else {
        format!("{} <{}>", recipient.full_name(), recipient.email)
    }
}

fn report_skipped(plan: &Plan, selection: &Selection, out: &Output) {
    for (job, why, outcome) in &selection.skipped {
        let sender = &plan.senders[job.sender];
        let recipient = &plan.recipients[job.recipient];
        out.event(|| {
            json!({
                "event": "skipped",
                "reason": why,
                "sender": sender.name,
                "sender_id": sender.identity(),
                "recipient": recipient.email,
                "reply": outcome.reply,
                "time": outcome.time,
            })
        });
        let hint = match *why {
            "uncertain" => " (pass --resend-uncertain to send it again)",
            _ => " (pass --again to send a second letter)",
        };
        out.line(&format!(
            "skipped    {}: {why} {}{hint}",
            who(plan, sender, recipient),
            outcome.time
        ));
    }
}

fn print_summary(
    plan: &Plan,
    selection: &Selection,
    subject: &str,
    settings: &Settings,
    pace: &Pace,
    journal_path: &std::path::Path,
    out: &Output,
) {
    out.line(&format!(
        "campaign:  {} ({})",
        plan.campaign.title, plan.campaign.id
    ));
    if plan.group {
        out.line(&format!(
            "from:      {} members, via {}",
            plan.senders.len(),
            plan.from_address.as_deref().unwrap_or("")
        ));
    } else {
        let s = &plan.senders[0];
        out.line(&format!(
            "from:      {} <{}>",
            s.name,
            plan.from_address.as_deref().unwrap_or("")
        ));
    }
    out.line(&format!("subject:   {subject}"));
    out.line(&format!(
        "server:    {} ({})",
        settings.server(),
        settings.security
    ));
    out.line(&format!("journal:   {}", journal_path.display()));
    out.line(&format!("letters:   {} to send", selection.to_send.len()));
    let recipients: Vec<usize> = {
        let mut seen: Vec<usize> = selection.to_send.iter().map(|j| j.recipient).collect();
        seen.sort_unstable();
        seen.dedup();
        seen
    };
    for ri in recipients {
        let r = &plan.recipients[ri];
        out.line(&format!("  to {} <{}>", r.full_name(), r.email));
    }
    if let Some(eta) = pace.estimate(selection.to_send.len()) {
        out.line(&format!(
            "pace:      {} (about {} to finish)",
            pace.label, eta
        ));
    }
}

/// `--dry-run`: the letters that would go out, without connecting.
fn dry_run(plan: &Plan, selection: &Selection, out: &Output) -> anyhow::Result<Exit> {
    for job in &selection.to_send {
        let sender = &plan.senders[job.sender];
        let recipient = &plan.recipients[job.recipient];
        let letter = plan.render(sender, recipient)?;
        out.event(|| {
            json!({
                "event": "would_send",
                "sender": sender.name,
                "sender_id": sender.identity(),
                "recipient": recipient.email,
                "subject": letter.subject,
                "message_id": letter.message_id,
            })
        });
        out.line(&format!("would send {}", who(plan, sender, recipient)));
    }
    out.summary(&format!(
        "dry run: {} letter(s) would be sent; nothing was sent and no connection was made",
        selection.to_send.len()
    ));
    Ok(Exit::Success)
}

/// Offers the activist a paragraph of their own, inserted after the
/// greeting of every letter.
fn add_personal_paragraph(
    plan: &mut Plan,
    prompt: &mut dyn Prompt,
    edit: bool,
) -> anyhow::Result<()> {
    let paragraph = if edit {
        let template = "\n# Write a paragraph of your own above this line; it goes after the\n# greeting of every letter. Lines starting with # are left out.\n# Leave it empty to send the letter as it is.\n";
        prompt
            .edit(template)?
            .map(|text| {
                text.lines()
                    .filter(|l| !l.starts_with('#'))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    } else if prompt.confirm("Add a sentence of your own after the greeting?", false)? {
        prompt.input("Your sentence", None, true)?
    } else {
        String::new()
    };
    let paragraph = paragraph.trim();
    if !paragraph.is_empty() {
        plan.senders[0].note = Some(paragraph.to_string());
        eprintln!("your paragraph will follow the greeting in every letter");
    }
    Ok(())
}

/// How fast letters may start.
struct Pace {
    interval: Option<Duration>,
    label: String,
}

impl Pace {
    /// `N/min`, `N/h`, `N/s` or `unlimited`; groups default to a gentle pace.
    fn parse(rate: Option<&str>, group: bool) -> anyhow::Result<Pace> {
        let rate = match rate {
            Some(r) => r.trim().to_string(),
            None if group => GROUP_DEFAULT_RATE.to_string(),
            None => "unlimited".to_string(),
        };
        if rate == "unlimited" {
            return Ok(Pace {
                interval: None,
                label: rate,
            });
        }
        let bad = || {
            Failure::usage(format!("`--rate {rate}` is not a rate"))
                .hint("write it like `20/min`, `500/h` or `unlimited`")
        };
        let (count, unit) = rate.split_once('/').ok_or_else(bad)?;
        let count: f64 = count.trim().parse().map_err(|_| bad())?;
        let seconds = match unit.trim() {
            "s" | "sec" => 1.0,
            "min" | "m" => 60.0,
            "h" | "hour" => 3600.0,
            _ => return Err(bad().into()),
        };
        // At least one letter a day, at most a million a second.
        let interval = Duration::try_from_secs_f64(seconds / count)
            .ok()
            .filter(|i| {
                count > 0.0 && *i <= Duration::from_secs(86_400) && *i >= Duration::from_micros(1)
            })
            .ok_or_else(bad)?;
        Ok(Pace {
            interval: Some(interval),
            label: rate,
        })
    }

    fn start(&self) -> Pacer {
        Pacer {
            interval: self.interval,
            next: Instant::now(),
        }
    }

    fn estimate(&self, letters: usize) -> Option<String> {
        let interval = self.interval?;
        let secs = interval.as_secs_f64() * letters.saturating_sub(1) as f64;
        Some(if secs < 120.0 {
            format!("{secs:.0} s")
        } else if secs < 7200.0 {
            format!("{:.0} min", secs / 60.0)
        } else {
            format!("{:.1} h", secs / 3600.0)
        })
    }
}

/// Hands out start times spaced by the interval, across all connections.
struct Pacer {
    interval: Option<Duration>,
    next: Instant,
}

impl Pacer {
    /// The moment the next letter may start.
    fn slot(&mut self) -> Option<Instant> {
        let interval = self.interval?;
        let now = Instant::now();
        let at = self.next.max(now);
        self.next = at + interval;
        Some(at)
    }
}

/// Counts of outcomes in this run; atomics, so connections never wait
/// on each other to count.
#[derive(Default)]
struct Tally {
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

/// Where messages for people and scripts go.
struct Output {
    json: bool,
    quiet: bool,
    terminal: bool,
}

impl Output {
    fn new(json: bool, quiet: bool) -> Output {
        Output {
            json,
            quiet,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// A per-letter or informational line (stderr; not with -q).
    fn line(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// A notice (stderr; not with -q).
    fn note(&self, text: &str) {
        self.line(text);
    }

    /// The final summary: always shown.
    fn summary(&self, text: &str) {
        eprintln!("{text}");
    }

    /// One JSON event on stdout, with --json.
    fn event(&self, value: impl FnOnce() -> serde_json::Value) {
        if self.json {
            let value = value();
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = serde_json::to_writer(&mut out, &value);
            let _ = out.write_all(b"\n");
            let _ = out.flush();
        }
    }

    /// Whether a progress bar is drawn: on a terminal, unless -q.
    fn shows_progress(&self) -> bool {
        self.terminal && !self.quiet
    }

    fn progress_bar(&self, total: usize) -> ProgressBar {
        if !self.shows_progress() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(total as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} letters  {per_sec}  eta {eta}  {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    }
}

/// What stopped the run early.
enum Fatal {
    Auth(String),
    Tls(String),
    Setup(String),
    Connect(String),
}

/// Shared state of one sending run.
struct Run<'a> {
    plan: &'a Plan,
    from: &'a Address,
    settings: &'a Settings,
    journal: &'a Journal,
    jobs: &'a [Job],
    next: AtomicUsize,
    stop: AtomicBool,
    fatal: Mutex<Option<Fatal>>,
    /// Whether letters are paced at all (no lock per letter when not).
    paced: bool,
    pace: Mutex<Pacer>,
    retries: u32,
    retry_wait: Duration,
    tally: Tally,
    out: &'a Output,
    progress: ProgressBar,
    /// Whether the bar is drawn: a hidden bar still takes a lock per call,
    /// which the connections would contend for.
    show_progress: bool,
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
    fn worker(&self) {
        let mut session: Option<Session> = None;
        loop {
            if self.stopping() {
                break;
            }
            let i = self.next.fetch_add(1, Ordering::SeqCst);
            let Some(job) = self.jobs.get(i) else { break };
            if !self.wait_for_slot() {
                self.next_not_started();
                break;
            }
            self.send_with_retries(*job, &mut session);
        }
        if let Some(s) = session {
            s.quit();
        }
    }

    fn next_not_started(&self) {
        bump(&self.tally.not_started);
    }

    /// Waits for the pacer; false when the run is stopping.
    fn wait_for_slot(&self) -> bool {
        if !self.paced {
            return !self.stopping();
        }
        let slot = self.pace.lock().unwrap_or_else(|e| e.into_inner()).slot();
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

    fn send_with_retries(&self, job: Job, session: &mut Option<Session>) {
        let sender = &self.plan.senders[job.sender];
        let recipient = &self.plan.recipients[job.recipient];
        let letter = match self.plan.render(sender, recipient) {
            Ok(l) => l,
            Err(e) => {
                // Checked before connecting, so only a bug gets here.
                self.next_not_started();
                self.halt(Fatal::Setup(format!("{e:#}")));
                return;
            }
        };
        let bytes = letter.message(SystemTime::now()).formatted();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = match self.attempt(&letter, &bytes, session) {
                Ok(o) => o,
                Err(fatal) => {
                    self.halt(fatal);
                    // Not attempted: nothing sent, nothing recorded beyond `start`.
                    self.next_not_started();
                    return;
                }
            };
            match outcome {
                Outcome::Temporary(reason) | Outcome::NoConnection(reason)
                    if attempt <= self.retries as usize && !self.stopping() =>
                {
                    self.out.line(&format!(
                        "retrying  {}: {reason} (attempt {} of {})",
                        who(self.plan, sender, recipient),
                        attempt + 1,
                        self.retries + 1
                    ));
                    if !self.sleep_until(Instant::now() + self.backoff(attempt)) {
                        self.record_outcome(&letter, sender, recipient, Outcome::Temporary(reason));
                        return;
                    }
                }
                Outcome::NoConnection(reason) => {
                    self.record_outcome(
                        &letter,
                        sender,
                        recipient,
                        Outcome::Temporary(reason.clone()),
                    );
                    self.halt(Fatal::Connect(reason));
                    return;
                }
                other => {
                    self.record_outcome(&letter, sender, recipient, other);
                    return;
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

    /// One try: (re)connect if needed, record `start`, send. A connection
    /// that broke is dropped so the next try reconnects.
    fn attempt(
        &self,
        letter: &Letter,
        bytes: &[u8],
        session: &mut Option<Session>,
    ) -> Result<Outcome, Fatal> {
        let reused = session.is_some();
        let mut result = self.try_once(letter, bytes, session)?;
        if reused && matches!(result, Err(SmtpError::Dropped(_))) {
            // The server closed the idle connection between letters:
            // reconnect once at once; it is not a failure of this letter.
            *session = None;
            result = self.try_once(letter, bytes, session)?;
        }
        let result = match result {
            Ok(r) => Ok(r),
            Err(SmtpError::Connect(m)) if session.is_none() => {
                return Ok(Outcome::NoConnection(format!("cannot connect: {m}")))
            }
            Err(e) => Err(e),
        };
        let (outcome, broken) = match result {
            Ok(reply) => (Outcome::Delivered(reply), false),
            Err(e) => {
                let broken = e.breaks_connection();
                let text = e.to_string();
                match e {
                    SmtpError::Refused(reply) => (Outcome::Refused(reply), broken),
                    SmtpError::Uncertain(_) => (Outcome::Uncertain(text), true),
                    SmtpError::Setup(m) => return Err(Fatal::Setup(m)),
                    other => (Outcome::Temporary(other.to_string()), broken),
                }
            }
        };
        if broken {
            // The next try or letter reconnects.
            *session = None;
        }
        Ok(outcome)
    }

    /// Opens a session if there is none, records `start`, and sends.
    fn try_once(
        &self,
        letter: &Letter,
        bytes: &[u8],
        session: &mut Option<Session>,
    ) -> Result<Result<Reply, SmtpError>, Fatal> {
        if session.is_none() {
            match Session::open(self.settings) {
                Ok(s) => *session = Some(s),
                Err(SmtpError::Auth(m)) => return Err(Fatal::Auth(m)),
                Err(SmtpError::Tls(m)) => return Err(Fatal::Tls(m)),
                Err(SmtpError::Setup(m)) => return Err(Fatal::Setup(m)),
                Err(SmtpError::Connect(m)) => return Ok(Err(SmtpError::Connect(m))),
                Err(e) => return Ok(Err(SmtpError::Connect(e.to_string()))),
            }
        }
        let live = session.as_mut().expect("opened above");
        // `start` before MAIL; `data` once the server said 354, on disk
        // before any of the message is sent (the journal's syncer shares
        // the fdatasync with the other connections' letters).
        self.record(letter, Event::Start, None, None)
            .map_err(|e| Fatal::Setup(format!("cannot write the journal: {e}")))?;
        let mut before_data = || {
            self.journal
                .append_durable(&self.record_for(letter, Event::Data, None, None))
        };
        match live.send(self.from, &letter.to.email, bytes, &mut before_data) {
            Err(SmtpError::Setup(m)) => {
                // The journal could not make `data` durable, so nothing was
                // sent: say so in it, if it still takes a line.
                let _ = self.record(letter, Event::Temporary, None, Some(m.clone()));
                Err(Fatal::Setup(m))
            }
            other => Ok(other),
        }
    }

    fn record_for(
        &self,
        letter: &Letter,
        event: Event,
        code: Option<u16>,
        reply: Option<String>,
    ) -> Record {
        Record {
            time: journal::now(),
            event,
            campaign: letter.key.campaign.clone(),
            sender: letter.key.sender.clone(),
            recipient: letter.key.recipient.clone(),
            message_id: Some(letter.message_id.clone()),
            code,
            reply,
        }
    }

    fn record(
        &self,
        letter: &Letter,
        event: Event,
        code: Option<u16>,
        reply: Option<String>,
    ) -> std::io::Result<u64> {
        self.journal
            .append(&self.record_for(letter, event, code, reply))
    }

    /// Journals, counts and reports a letter's final outcome in this run.
    fn record_outcome(
        &self,
        letter: &Letter,
        sender: &Sender,
        recipient: &Recipient,
        outcome: Outcome,
    ) {
        let (event, code, reply, label) = match &outcome {
            Outcome::Delivered(r) => (Event::Delivered, Some(r.code), r.to_string(), "delivered"),
            Outcome::Refused(r) => (Event::Refused, Some(r.code), r.to_string(), "refused"),
            Outcome::Uncertain(m) => (Event::Uncertain, None, m.clone(), "uncertain"),
            Outcome::Temporary(m) | Outcome::NoConnection(m) => {
                (Event::Temporary, None, m.clone(), "temporary")
            }
        };
        if let Err(e) = self.record(letter, event, code, Some(reply.clone())) {
            eprintln!(
                "error: cannot write the journal `{}`: {e}",
                self.journal.path().display()
            );
            self.halt(Fatal::Setup(format!("cannot write the journal: {e}")));
        }
        {
            let tally = &self.tally;
            bump(match event {
                Event::Delivered => &tally.delivered,
                Event::Refused => &tally.refused,
                Event::Uncertain => &tally.uncertain,
                _ => &tally.temporary,
            });
            if self.show_progress {
                self.progress.set_message(format!(
                    "{} refused, {} uncertain, {} to retry",
                    count(&tally.refused),
                    count(&tally.uncertain),
                    count(&tally.temporary)
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
                "time": journal::now(),
            })
        });
        if self.out.quiet && matches!(outcome, Outcome::Delivered(_)) {
            return;
        }
        let line = match &outcome {
            Outcome::Delivered(_) => format!("delivered  {}", who(self.plan, sender, recipient)),
            _ => format!("{label:<10} {}: {reply}", who(self.plan, sender, recipient)),
        };
        if !self.show_progress {
            self.out.line(&line);
        } else if !matches!(outcome, Outcome::Delivered(_)) {
            self.progress.println(line);
        }
    }
}

/// Prints the summary and picks the exit code.
fn finish(run: &Run, journal_path: &std::path::Path) -> anyhow::Result<Exit> {
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
    let left = count(&tally.temporary) + count(&tally.not_started) + untouched;
    let interrupted = INTERRUPTS.load(Ordering::SeqCst) > 0;
    run.out.summary(&format!(
        "summary: {} delivered, {} refused, {} uncertain, {} left to send (journal: {})",
        delivered,
        refused,
        uncertain,
        left,
        journal_path.display()
    ));
    let fatal = run.fatal.lock().unwrap_or_else(|e| e.into_inner()).take();
    match fatal {
        Some(Fatal::Auth(m)) => {
            return Err(Failure::failed(format!("authentication failed: {m}"))
                .hint("check `username` and the password (providers such as Gmail need an app password); nothing more was tried")
                .into())
        }
        Some(Fatal::Tls(m)) => {
            return Err(Failure::failed(format!("TLS failed: {m}"))
                .hint("check `host` (it must match the certificate) and `security`; for a self-hosted server set `ca_file`")
                .into())
        }
        // Exit 2 promises that nothing was sent; after a letter went out,
        // a problem of our own is a failure of the run.
        Some(Fatal::Setup(m)) if delivered + refused + uncertain > 0 => {
            return Err(Failure::failed(m).into())
        }
        Some(Fatal::Setup(m)) => return Err(Failure::usage(m).into()),
        Some(Fatal::Connect(m)) if left > 0 && !interrupted => {
            return Err(Failure {
                exit: Exit::TempFail,
                message: m,
                hint: Some(
                    "the letters not sent are recorded; run the same command again later".into(),
                ),
            }
            .into())
        }
        _ => {}
    }
    if interrupted {
        eprintln!("interrupted: the letters sent are recorded; run the same command again to send the rest");
        return Ok(Exit::Interrupted);
    }
    if refused > 0 || uncertain > 0 {
        if uncertain > 0 {
            eprintln!("hint: uncertain letters may have arrived; check with `appeal status`, and resend them only with --resend-uncertain");
        }
        return Ok(Exit::Failed);
    }
    if left > 0 {
        eprintln!("hint: temporary failures are left; run the same command again later");
        return Ok(Exit::TempFail);
    }
    Ok(Exit::Success)
}

/// The first Ctrl-C stops after the letter in flight; the second ends the
/// program at once (the journal's `data` record already makes a letter in
/// flight count as uncertain).
fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        let presses = INTERRUPTS.fetch_add(1, Ordering::SeqCst) + 1;
        if presses == 1 {
            eprintln!("\nstopping after the letter in flight (Ctrl-C again to stop at once)");
        } else {
            // Only this handler may end the process outside `main`: a second
            // Ctrl-C means "now", and the journal is already truthful.
            std::process::exit(i32::from(Exit::Interrupted.code()));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse() {
        let p = Pace::parse(Some("20/min"), false).unwrap();
        assert_eq!(p.interval, Some(Duration::from_secs(3)));
        let p = Pace::parse(Some("3600/h"), false).unwrap();
        assert_eq!(p.interval, Some(Duration::from_secs(1)));
        assert!(Pace::parse(None, false).unwrap().interval.is_none());
        assert_eq!(
            Pace::parse(None, true).unwrap().interval,
            Some(Duration::from_secs(10))
        );
        for bad in [
            "fast",
            "0/min",
            "5/day",
            "-1/h",
            "x/min",
            "1e-300/min",
            "inf/s",
            "NaN/h",
        ] {
            assert!(Pace::parse(Some(bad), false).is_err(), "{bad}");
        }
    }

    #[test]
    fn pacer_spaces_starts() {
        let mut p = Pace::parse(Some("10/s"), false).unwrap().start();
        let a = p.slot().unwrap();
        let b = p.slot().unwrap();
        assert_eq!(b - a, Duration::from_millis(100));
    }

    #[test]
    fn estimates_read_well() {
        let p = Pace::parse(Some("6/min"), true).unwrap();
        assert_eq!(p.estimate(1).unwrap(), "0 s");
        assert_eq!(p.estimate(120).unwrap(), "20 min");
    }
}
