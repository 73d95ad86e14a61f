//! `appeal recipients`: the campaign's recipients as a table or JSON, and
//! `--check`, which validates everything a send would depend on and lists
//! every problem at once.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::json;

use crate::campaign::{Campaign, CampaignSource, Recipient};
use crate::cli::{ListFormat, RecipientsArgs};
use crate::error::{Exit, Failure, Problems};
use crate::letter::Letters;
use crate::sender::Sender;

/// Runs `appeal recipients`.
pub fn run(
    source: &CampaignSource,
    args: &RecipientsArgs,
    today: NaiveDate,
) -> anyhow::Result<Exit> {
    if args.check {
        return check(source, today);
    }
    let campaign = source.load()?;
    match args.format {
        ListFormat::Text => print_table(&campaign, today, source.is_builtin_list())?,
        ListFormat::Json => print_json(&campaign, today)?,
    }
    Ok(Exit::Success)
}

fn print_table(campaign: &Campaign, today: NaiveDate, builtin: bool) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = campaign
        .recipients
        .iter()
        .map(|r| {
            [
                r.full_name(),
                r.party.clone().unwrap_or_default(),
                r.current_role().unwrap_or_default().to_string(),
                r.email.clone(),
                in_office(r, today),
            ]
        })
        .collect();
    let header = [
        crate::t!("list-heading-name"),
        crate::t!("list-heading-party"),
        crate::t!("list-heading-role"),
        crate::t!("list-heading-email"),
        crate::t!("list-heading-in-office"),
    ];
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2), width(3)];
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        crate::t!(
            "list-title",
            title = campaign.title.as_str(),
            id = campaign.id.as_str(),
            count = rows.len()
        )
    )?;
    for row in std::iter::once(header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate().take(4) {
            line.push_str(cell);
            line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
        }
        line.push_str(&row[4]);
        writeln!(out, "{line}")?;
    }
    if builtin {
        // The note under the built-in campaign's table: it is from 2022,
        // and how to write to today's committee instead.
        writeln!(out, "\n{}", crate::t!("list-builtin-note"))?;
    }
    Ok(())
}

/// The IN OFFICE cell: `yes`, `until DAY`, or `no (why)`.
fn in_office(r: &Recipient, today: NaiveDate) -> String {
    match r.ended_on() {
        Some(_) if r.has_left(today) => match r.left_office {
            Some(day) if Some(day) == r.ended_on() => {
                crate::t!("list-in-office-left", date = crate::i18n::long_date(day))
            }
            _ => crate::t!(
                "list-in-office-role-ended",
                date = crate::i18n::long_date(r.role_ended.unwrap_or_default())
            ),
        },
        Some(day) => crate::t!("list-in-office-until", date = crate::i18n::long_date(day)),
        None => crate::t!("list-in-office-yes"),
    }
}

fn print_json(campaign: &Campaign, today: NaiveDate) -> anyhow::Result<()> {
    let recipients: Vec<_> = campaign
        .recipients
        .iter()
        .map(|r| {
            json!({
                "name": r.name,
                "salutation": r.salutation,
                "title": r.title,
                "family_name": r.family_name(),
                "email": r.email,
                "party": r.party,
                "left_office": r.left_office.map(|d| d.to_string()),
                "role": r.role,
                "role_now": r.role_now,
                "role_ended": r.role_ended.map(|d| d.to_string()),
                "ep_id": r.ep_id,
                "in_office": !r.has_left(today),
            })
        })
        .collect();
    let doc = json!({
        "campaign": { "id": campaign.id, "title": campaign.title, "language": campaign.language },
        "recipients": recipients,
    });
    println!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(())
}

/// Validates the campaign and renders the letter for every recipient with
/// a sample sender; exit 1 with every problem listed.
fn check(source: &CampaignSource, today: NaiveDate) -> anyhow::Result<Exit> {
    // The checker's findings are its result: exit 1, whatever their kind.
    let found = |message: String| -> anyhow::Error { Failure::failed(message).into() };
    let (campaign, mut problems) = source.load_lenient().map_err(|e| found(format!("{e:#}")))?;
    if !campaign.template_origin.is_empty() {
        match Letters::compile(&campaign, today) {
            Ok(letters) => problems.extend(render_problems(&campaign, &letters)),
            Err(e) => problems.push(format!("{e:#}")),
        }
    }
    if !problems.is_empty() {
        return Err(found(Problems(problems).to_string()));
    }
    let current = campaign
        .recipients
        .iter()
        .filter(|r| !r.has_left(today))
        .count();
    println!(
        "{}",
        crate::t!(
            "list-check-ok",
            count = campaign.recipients.len(),
            current = current,
            template = campaign.template_origin.as_str()
        )
    );
    Ok(Exit::Success)
}

/// Renders the letter for every recipient with a sample sender. The same
/// template error for several recipients is listed once.
fn render_problems(campaign: &Campaign, letters: &Letters) -> Vec<String> {
    let sample = Sender::new("Erika Mustermann", Some("erika@example.org"), Some("Köln"))
        // i18n: not shown (cannot fail)
        .expect("a valid sample sender");
    let mut failures: Vec<(String, Vec<&str>)> = Vec::new();
    for r in &campaign.recipients {
        if let Err(e) = letters.render(r, &sample, sample.email.as_deref()) {
            let text = format!("{e:#}");
            match failures.iter_mut().find(|(t, _)| *t == text) {
                Some((_, names)) => names.push(&r.name),
                None => failures.push((text, vec![&r.name])),
            }
        }
    }
    failures
        .into_iter()
        .map(|(text, names)| match names.as_slice() {
            [one] => crate::t!("list-check-letter-problem", name = *one, problem = text),
            [first, rest @ ..] => crate::t!(
                "list-check-letters-problem",
                name = *first,
                more = rest.len(),
                problem = text
            ),
            [] => text,
        })
        .collect()
}
