//! Resolves the command line, the configuration and the campaign into a
//! [`Plan`]: exactly which letters to make, from whom, to whom.
//!
//! Everything is loaded and validated here, before any letter is written or
//! sent; `preview`, `send` and `status` share it so they agree on what "the
//! letters" are. Letters are rendered lazily, one at a time, so a campaign
//! of 100,000 letters never sits in memory.

use anyhow::Context;
use chrono::NaiveDate;

use crate::campaign::{Campaign, CampaignSource, Recipient};
use crate::cli::{GlobalArgs, SelectArgs, SenderArgs};
use crate::config::Loaded;
use crate::error::Failure;
use crate::letter::{Letter, Letters};
use crate::prompt::Prompt;
use crate::sender::{read_senders, Sender};
use crate::suggest::RunFlags;

/// The letters a command works on.
pub struct Plan {
    /// The campaign, validated.
    pub campaign: Campaign,
    /// The compiled template.
    pub letters: Letters,
    /// Who signs: one activist, or every member of a group.
    pub senders: Vec<Sender>,
    /// Whether the senders came from a `--senders` file.
    pub group: bool,
    /// The recipients selected, in campaign order.
    pub recipients: Vec<Recipient>,
    /// The sending account's address (From), when known.
    pub from_address: Option<String>,
    /// Recipients left out because they left office, for the notice.
    pub former: Vec<Recipient>,
}

impl Plan {
    /// Loads the campaign and resolves senders and recipients.
    pub fn build(
        global: &GlobalArgs,
        config: &Loaded,
        sender_args: &SenderArgs,
        select: &SelectArgs,
        prompt: &mut dyn Prompt,
        today: NaiveDate,
    ) -> anyhow::Result<Plan> {
        let campaign = campaign_source(global).load()?;
        let flags = RunFlags::new(global);
        let (recipients, former) = select_recipients(&campaign, select, today, &flags)?;
        let recipients = if select.choose {
            choose_recipients(recipients, prompt)?
        } else {
            recipients
        };
        let letters = Letters::compile(&campaign, today)?;
        let configured = config.config.sender.clone().unwrap_or_default();
        let from_address = sender_args.email.clone().or(configured.email.clone());
        let (senders, group) = match &select.senders {
            Some(path) => {
                if sender_args.name.is_some() || sender_args.city.is_some() {
                    return Err(Failure::usage(crate::t!("plan-name-with-senders")).into());
                }
                if sender_args.postcode.is_some() || sender_args.address.is_some() {
                    return Err(Failure::usage(crate::t!("plan-postcode-with-senders"))
                        .hint(crate::t!("plan-postcode-with-senders-hint"))
                        .into());
                }
                let (members, notices) = read_senders(path)?;
                if !global.quiet {
                    for notice in notices {
                        eprintln!("{notice}");
                    }
                }
                (members, true)
            }
            None => (
                vec![single_sender(sender_args, &configured, prompt, &flags)?],
                false,
            ),
        };
        if let Some(address) = &from_address {
            crate::sender::check_email(address).map_err(Failure::usage)?;
        }
        Ok(Plan {
            campaign,
            letters,
            senders,
            group,
            recipients,
            from_address,
            former,
        })
    }

    /// How many letters the plan makes.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.senders.len() * self.recipients.len()
    }

    /// The (sender, recipient) pairs in order: member by member, each
    /// member's letters in campaign order.
    pub fn pairs(&self) -> impl Iterator<Item = (&Sender, &Recipient)> + '_ {
        self.senders
            .iter()
            .flat_map(move |s| self.recipients.iter().map(move |r| (s, r)))
    }

    /// Renders one letter; an error names the recipient.
    pub fn render(&self, sender: &Sender, recipient: &Recipient) -> anyhow::Result<Letter> {
        self.letters
            .render(recipient, sender, self.from_address.as_deref())
            .with_context(|| crate::t!("plan-letter-to", name = recipient.name.as_str()))
    }

    /// The `index`th (sender, recipient) pair in the order of [`pairs`](Self::pairs).
    pub fn pair(&self, index: usize) -> (&Sender, &Recipient) {
        let n = self.recipients.len();
        (&self.senders[index / n], &self.recipients[index % n])
    }

    /// The notice about recipients who left office, if any were left out.
    pub fn former_notice(&self) -> Option<String> {
        if self.former.is_empty() {
            return None;
        }
        let names: Vec<String> = self
            .former
            .iter()
            .map(|r| format!("{} ({})", r.full_name(), r.why_left()))
            .collect();
        Some(crate::t!(
            "plan-former-notice",
            count = names.len(),
            names = names.join(", ")
        ))
    }
}

/// The campaign the global flags point at.
pub fn campaign_source(global: &GlobalArgs) -> CampaignSource {
    CampaignSource {
        dir: global.campaign.clone(),
        recipients: global.recipients.clone(),
        template: global.template.clone(),
    }
}

/// Applies `--to` and the left-office rule; a selector that matches no one
/// is an error (a typo must not silently send to nobody).
fn select_recipients(
    campaign: &Campaign,
    select: &SelectArgs,
    today: NaiveDate,
    flags: &RunFlags,
) -> anyhow::Result<(Vec<Recipient>, Vec<Recipient>)> {
    let selectors: Vec<(String, &str)> = select
        .to
        .iter()
        .map(|s| (s.trim().to_lowercase(), s.as_str()))
        .collect();
    if let Some(empty) = select.to.iter().find(|s| s.trim().is_empty()) {
        return Err(
            Failure::usage(crate::t!("plan-to-empty", value = format!("{empty:?}"))).into(),
        );
    }
    let matches = |r: &Recipient, sel: &str| {
        r.name.to_lowercase().contains(sel) || r.email.to_lowercase().contains(sel)
    };
    for (sel, typed) in &selectors {
        if !campaign.recipients.iter().any(|r| matches(r, sel)) {
            return Err(
                Failure::usage(crate::t!("plan-to-matches-none", value = *typed))
                    .hint(crate::t!(
                        "plan-to-matches-none-hint",
                        command = flags.command("recipients", &[])
                    ))
                    .into(),
            );
        }
    }
    let by_party = crate::choose::Filter::party(&select.party, &campaign.recipients)?;
    let by_role = crate::choose::Filter::role(&select.role, &campaign.recipients)?;
    let chosen = campaign
        .recipients
        .iter()
        .filter(|r| selectors.is_empty() || selectors.iter().any(|(s, _)| matches(r, s)))
        .filter(|r| by_party.keeps(r) && by_role.keeps(r));
    let (former, current): (Vec<Recipient>, Vec<Recipient>) = chosen
        .cloned()
        .partition(|r| r.has_left(today) && !select.include_former);
    let flags: Vec<String> = [
        ("--to", &select.to),
        ("--party", &select.party),
        ("--role", &select.role),
    ]
    .into_iter()
    .flat_map(|(flag, values)| values.iter().map(move |v| format!("{flag} {v}")))
    .collect();
    if current.is_empty() && !flags.is_empty() {
        if former.is_empty() {
            return Err(Failure::usage(crate::t!(
                "plan-selection-matches-none",
                flags = flags.join(" ")
            ))
            .hint(crate::t!("plan-selection-matches-none-hint"))
            .into());
        }
        return Err(Failure::usage(crate::t!(
            "plan-selection-only-former",
            flags = flags.join(" ")
        ))
        .hint(crate::t!("plan-selection-only-former-hint"))
        .into());
    }
    Ok((current, former))
}

/// `--choose`: the checklist on the terminal; without one, exit 2.
fn choose_recipients(
    recipients: Vec<Recipient>,
    prompt: &mut dyn Prompt,
) -> anyhow::Result<Vec<Recipient>> {
    if !prompt.interactive() {
        return Err(Failure::usage(crate::t!("plan-choose-needs-terminal"))
            .hint(crate::t!("plan-choose-needs-terminal-hint"))
            .into());
    }
    crate::choose::checklist(recipients, prompt)
}

/// The activist: flags, else the configuration, else a question on the
/// terminal, else exit 2 saying how to give a name.
fn single_sender(
    args: &SenderArgs,
    configured: &crate::config::SenderConfig,
    prompt: &mut dyn Prompt,
    flags: &RunFlags,
) -> anyhow::Result<Sender> {
    let name = match args.name.clone().or(configured.name.clone()) {
        Some(name) => name,
        None if prompt.interactive() => prompt.input(&crate::t!("plan-ask-name"), None, false)?,
        None => {
            return Err(Failure::usage(crate::t!("plan-no-sender-name"))
                .hint(crate::t!(
                    "plan-no-sender-name-hint",
                    command = flags.command("setup", &[])
                ))
                .into())
        }
    };
    let email = args.email.as_deref().or(configured.email.as_deref());
    let city = args.city.as_deref().or(configured.city.as_deref());
    let postcode = args.postcode.as_deref().or(configured.postcode.as_deref());
    let address = args.address.as_deref().or(configured.address.as_deref());
    Sender::new(&name, email, city)
        .and_then(|s| s.with_constituency(postcode, address))
        .map_err(|m| Failure::usage(m).into())
}
