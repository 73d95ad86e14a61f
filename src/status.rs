//! `appeal status`: what the journal says about the campaign's letters
//! (the same selection as `send`): delivered, refused, uncertain, to retry,
//! and still to send. Read-only: it never locks or writes the journal.

use chrono::NaiveDate;
use serde_json::json;

use crate::cli::{GlobalArgs, ListFormat, StatusArgs};
use crate::config::Loaded;
use crate::error::{Exit, Failure};
use crate::identity::History;
use crate::journal::{self, Outcome, State};
use crate::plan::Plan;
use crate::prompt::Prompt;
use crate::suggest::RunFlags;

/// One letter that needs a person's attention.
struct Detail {
    sender: String,
    recipient: String,
    state: Attention,
    outcome: Outcome,
}

/// The states of letters that need a person's attention.
#[derive(Clone, Copy)]
enum Attention {
    Temporary,
    Refused,
    Uncertain,
    HandedOver,
}

impl Attention {
    /// The `state` in `--format json`: scripts read it, so it is the same
    /// in every language.
    fn json(self) -> &'static str {
        match self {
            Attention::Temporary => "temporary",
            Attention::Refused => "refused",
            Attention::Uncertain => "uncertain",
            Attention::HandedOver => "handed over", // i18n: not shown (a JSON value for scripts)
        }
    }

    /// The state as the text format shows it, in the interface's language.
    fn shown(self) -> String {
        match self {
            Attention::Temporary => crate::t!("status-state-temporary"),
            Attention::Refused => crate::t!("status-state-refused"),
            Attention::Uncertain => crate::t!("status-state-uncertain"),
            Attention::HandedOver => crate::t!("status-state-handed-over"),
        }
    }
}

/// The width of the state column: the longest of the states but "handed
/// over" (rare, and allowed to push its line out), so that English keeps
/// its nine columns.
fn state_column_width() -> usize {
    [
        Attention::Temporary,
        Attention::Refused,
        Attention::Uncertain,
    ]
    .iter()
    .map(|state| state.shown().chars().count())
    .max()
    .unwrap_or(0)
}

/// Neither a name nor an address: `status` needs only the address (the
/// letters are found by it), so that is what it asks for.
fn no_address() -> Failure {
    Failure::usage(crate::t!("status-no-address")).hint(crate::t!("status-no-address-hint"))
}

/// Runs `appeal status`.
pub fn run(
    global: &GlobalArgs,
    args: &StatusArgs,
    config: &Loaded,
    prompt: &mut dyn Prompt,
    today: NaiveDate,
) -> anyhow::Result<Exit> {
    // Letters are keyed by the sender's address: without a name, the
    // address stands in for it, and nobody is asked for one. A group's
    // names come from its members file, so none stands in there.
    let configured = config.config.sender.clone().unwrap_or_default();
    let mut sender = args.sender.clone();
    if args.select.senders.is_none() && sender.name.is_none() && configured.name.is_none() {
        sender.name = sender.email.clone().or(configured.email);
    }
    if sender.name.is_none() && configured.name.is_none() && args.select.senders.is_none() {
        return Err(no_address().into());
    }
    let plan = Plan::build(global, config, &sender, &args.select, prompt, today)?;
    let path = match &args.journal {
        Some(p) => p.clone(),
        None => journal::default_path(&plan.campaign.id)?,
    };
    let (ledger, warnings) = journal::read(&path)?;
    for w in warnings {
        eprintln!("{w}");
    }
    let history = History::find(&plan, &ledger)?;
    if !global.quiet {
        for notice in history.notices(&plan) {
            eprintln!("{notice}");
        }
    }
    let (mut delivered, mut failed, mut uncertain, mut temporary, mut never) = (0, 0, 0, 0, 0);
    // Delivered letters that carried a personal paragraph.
    let mut personal = 0;
    let mut handed_over = 0;
    let mut details = Vec::new();
    for (index, (sender, recipient)) in plan.pairs().enumerate() {
        let detail = |state, outcome: Outcome| Detail {
            sender: sender.name.clone(),
            recipient: recipient.email.clone(),
            state,
            outcome,
        };
        match history.state(&ledger, &plan, index / plan.recipients.len(), recipient) {
            State::Delivered(o) => {
                delivered += 1;
                personal += usize::from(o.personal);
            }
            State::Pending => never += 1,
            State::Temporary(o) => {
                temporary += 1;
                details.push(detail(Attention::Temporary, o));
            }
            State::Refused(o) => {
                failed += 1;
                details.push(detail(Attention::Refused, o));
            }
            State::Uncertain(o) => {
                uncertain += 1;
                details.push(detail(Attention::Uncertain, o));
            }
            State::HandedOver(o) => {
                handed_over += 1;
                details.push(detail(Attention::HandedOver, o));
            }
        }
    }
    let pending = temporary + never;
    match args.format {
        ListFormat::Json => {
            let details: Vec<_> = details
                .iter()
                .map(|d| {
                    json!({
                        "state": d.state.json(),
                        "sender": d.sender,
                        "recipient": d.recipient,
                        "time": d.outcome.time,
                        "reply": d.outcome.reply,
                    })
                })
                .collect();
            println!(
                "{}",
                json!({
                    "campaign": plan.campaign.id,
                    "journal": path.display().to_string(),
                    "letters": plan.len(),
                    "delivered": delivered,
                    "delivered_personal": personal,
                    "failed": failed,
                    "uncertain": uncertain,
                    "handed_over": handed_over,
                    "pending": pending,
                    "temporary": temporary,
                    "details": details,
                })
            );
        }
        ListFormat::Text => {
            println!(
                "{}",
                crate::t!(
                    "status-campaign",
                    title = plan.campaign.title.as_str(),
                    id = plan.campaign.id.as_str()
                )
            );
            println!(
                "{}",
                crate::t!("status-journal", path = path.display().to_string())
            );
            println!("{}", crate::t!("status-letters", count = plan.len()));
            println!("{}", crate::t!("status-delivered", count = delivered));
            println!("{}", crate::t!("status-own-words", count = personal));
            println!("{}", crate::t!("status-refused", count = failed));
            println!("{}", crate::t!("status-uncertain", count = uncertain));
            if handed_over > 0 {
                println!("{}", crate::t!("status-handed-over", count = handed_over));
            }
            println!(
                "{}",
                crate::t!(
                    "status-pending",
                    count = pending,
                    temporary = temporary,
                    never = never
                )
            );
            let width = state_column_width();
            for d in &details {
                println!(
                    "  {:<width$} {} → {}  {}  {}",
                    d.state.shown(),
                    d.sender,
                    d.recipient,
                    crate::journal::local_time(&d.outcome.time),
                    d.outcome.reply
                );
            }
            if uncertain > 0 {
                let resend = RunFlags::new(global)
                    .with_letters(&args.sender, &args.select)
                    .with_journal(args.journal.as_deref())
                    .command("send", &["--resend-uncertain"]);
                println!("{}", crate::t!("status-uncertain-advice", resend = resend));
            }
        }
    }
    Ok(Exit::Success)
}
