//! `appeal recipients fetch`: today's seats of a committee, for one
//! country, from the European Parliament's Open Data API, written as a
//! `recipients.toml`.
//!
//! There is no server-side filter by country or committee, so the run
//! pages through the sitting MEPs, keeps the country's, and asks for each
//! of them one by one (`api`). The seats found become recipients
//! (`file`), merged with a hand-kept list when one is given. Nothing is
//! written unless everything worked. This and sending are the only uses
//! of the network, and this one happens only when the command is run.

pub mod api;
pub mod file;

use std::time::Duration;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use lettre::Address;

use crate::campaign::Salutation;
use crate::cli::{FetchArgs, SeatRole};
use crate::error::{Exit, Failure};
use api::{Api, Person, Sitting};

/// One seat found: a recipient to write.
#[derive(Clone, Debug)]
pub struct Seat {
    /// The person id, e.g. `1294`.
    pub ep_id: String,
    /// `Given Family`.
    pub name: String,
    /// The family name as the data give it (written when it is not the
    /// last word of `name`).
    pub family_name: String,
    /// From `hasGender`.
    pub salutation: Option<Salutation>,
    /// From `hasEmail`, without `mailto:`.
    pub email: String,
    /// The political group.
    pub group: Option<String>,
    /// The highest seat held on the committee.
    pub role: SeatRole,
}

/// What to fetch, resolved from the flags.
pub struct Query {
    /// Committee abbreviation, upper case.
    pub committee: String,
    /// Country code, upper case.
    pub country: String,
    /// The seats wanted.
    pub roles: Vec<SeatRole>,
}

/// The outcome of a fetch: the seats and those left out for want of an
/// address.
pub struct Fetched {
    /// The seats, ordered by role, then family name.
    pub seats: Vec<Seat>,
    /// MEPs with a seat but no published address: warned about, not written.
    pub without_email: Vec<String>,
    /// The base URL asked.
    pub source: String,
}

/// Runs `appeal recipients fetch`.
pub fn run(args: &FetchArgs, quiet: bool, today: NaiveDate) -> anyhow::Result<Exit> {
    let query = Query::from_args(&args.committee, &args.country, &args.role)?;
    // Read the list to merge before any request: a typo there costs nothing.
    let merge = args
        .merge
        .as_deref()
        .map(file::MergeSource::read)
        .transpose()?;
    let mut api = Api::new(&args.api_url, Duration::from_secs_f64(args.retry_wait));
    let fetched = fetch(&mut api, &query, quiet, today)?;
    let written = file::render(&query, &fetched, merge.as_ref(), today)?;
    file::output(&written.text, args.out.as_deref())?;
    if !quiet {
        report(&fetched, &written, args.out.as_deref());
    }
    Ok(Exit::Success)
}

impl Query {
    /// Checks the committee and country codes; the default roles are
    /// members and the chair roles.
    pub fn from_args(committee: &str, country: &str, roles: &[SeatRole]) -> anyhow::Result<Query> {
        let committee = committee.trim().to_uppercase();
        if committee.is_empty() || !committee.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Failure::usage(crate::t!(
                "fetch-bad-committee",
                committee = committee.as_str()
            ))
            .hint(crate::t!("fetch-bad-committee-hint"))
            .into());
        }
        let country = country.trim().to_uppercase();
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(
                Failure::usage(crate::t!("fetch-bad-country", country = country.as_str()))
                    .hint(crate::t!("fetch-country-hint"))
                    .into(),
            );
        }
        let mut roles = if roles.is_empty() {
            vec![SeatRole::Chair, SeatRole::ViceChair, SeatRole::Member]
        } else {
            roles.to_vec()
        };
        roles.sort();
        roles.dedup();
        Ok(Query {
            committee,
            country,
            roles,
        })
    }
}

/// Asks the API: the committee, the sitting MEPs, then each of the
/// country's MEPs.
pub fn fetch(
    api: &mut Api,
    query: &Query,
    quiet: bool,
    today: NaiveDate,
) -> anyhow::Result<Fetched> {
    let org = api.committee(&query.committee)?;
    let mut sitting: Vec<Sitting> = Vec::new();
    let mut offset = 0;
    loop {
        let page = api.sitting(offset)?;
        let full = page.len() == api::PAGE;
        offset += page.len();
        sitting.extend(page.into_iter().filter(|m| {
            m.country.as_deref().map(str::to_uppercase) == Some(query.country.clone())
        }));
        if !full {
            break;
        }
    }
    if sitting.is_empty() {
        return Err(Failure::usage(crate::t!(
            "fetch-no-mep-for-country",
            country = query.country.as_str()
        ))
        .hint(crate::t!("fetch-country-hint"))
        .into());
    }
    let bar = progress(sitting.len() as u64, quiet);
    let mut seats = Vec::new();
    let mut without_email = Vec::new();
    for member in &sitting {
        bar.set_message(member.label.clone());
        let person = api.person(member)?;
        bar.inc(1);
        let Some(role) = seat_on(&person, &org, &query.roles, today) else {
            continue;
        };
        match email_of(&person, member, api.base())? {
            Some(email) => seats.push(Seat {
                ep_id: member.identifier.clone(),
                name: format!("{} {}", person.given_name.trim(), person.family_name.trim()),
                family_name: person.family_name.trim().to_string(),
                salutation: salutation_of(&person),
                email,
                group: member.group.clone().filter(|g| !g.trim().is_empty()),
                role,
            }),
            None => without_email.push(format!(
                "{} {} (person/{})",
                person.given_name.trim(),
                person.family_name.trim(),
                member.identifier
            )),
        }
    }
    bar.finish_and_clear();
    seats.sort_by(|a, b| {
        (a.role, a.family_name.to_lowercase()).cmp(&(b.role, b.family_name.to_lowercase()))
    });
    Ok(Fetched {
        seats,
        without_email,
        source: api.base().to_string(),
    })
}

/// The highest wanted seat `person` holds today on the committee `org`.
fn seat_on(person: &Person, org: &str, wanted: &[SeatRole], today: NaiveDate) -> Option<SeatRole> {
    person
        .memberships
        .iter()
        .filter(|m| m.organization.as_deref() == Some(org) && m.current(today))
        .filter_map(|m| m.role.as_deref().and_then(seat_role))
        .filter(|r| wanted.contains(r))
        .min()
}

/// `def/ep-roles/VICE_CHAIR` → vice-chair; roles that are no seat (e.g.
/// `MEMBER_PARLIAMENT`) → None.
fn seat_role(uri: &str) -> Option<SeatRole> {
    match uri.rsplit('/').next()? {
        "CHAIR" => Some(SeatRole::Chair),
        "VICE_CHAIR" | "VICE_CHAIR_FIRST" => Some(SeatRole::ViceChair),
        "MEMBER" => Some(SeatRole::Member),
        "MEMBER_SUBSTITUTE" => Some(SeatRole::Substitute),
        _ => None,
    }
}

/// The role as written to the file and matched by `--role`.
pub fn role_name(role: SeatRole) -> &'static str {
    match role {
        SeatRole::Chair => "chair",
        SeatRole::ViceChair => "vice-chair",
        SeatRole::Member => "member",
        SeatRole::Substitute => "substitute",
    }
}

/// `hasGender` ends in `FEMALE` or `MALE`; anything else gets the neutral
/// greeting.
fn salutation_of(person: &Person) -> Option<Salutation> {
    match person.gender.as_deref()?.rsplit('/').next()? {
        "FEMALE" => Some(Salutation::Frau),
        "MALE" => Some(Salutation::Herr),
        _ => None,
    }
}

/// The published address (`mailto:` stripped), checked; None when there is
/// none. Never derived from the name.
fn email_of(person: &Person, member: &Sitting, base: &str) -> anyhow::Result<Option<String>> {
    let Some(raw) = person.email.as_ref().and_then(|e| e.first()) else {
        return Ok(None);
    };
    let address = raw.trim().strip_prefix("mailto:").unwrap_or(raw.trim());
    address.parse::<Address>().map_err(|e| {
        api::bad_data(
            &crate::t!(
                "fetch-what-mep-record",
                name = member.label.as_str(),
                id = person.id.as_str()
            ),
            &format!("{base}/meps/{}", member.identifier),
            crate::t!(
                "fetch-why-bad-email",
                value = raw,
                error = crate::sender::address_problem(&e)
            ),
        )
    })?;
    Ok(Some(address.to_string()))
}

/// A progress bar on stderr, hidden with `-q` or without a terminal.
fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(&crate::t!("fetch-progress"))
            .expect("a valid progress template"), // i18n: not shown (cannot fail)
    );
    bar
}

/// The closing lines on stderr: what was written, who has no address, and
/// the changes against the merged list.
fn report(fetched: &Fetched, written: &file::Written, out: Option<&std::path::Path>) {
    for change in &written.changes {
        eprintln!("{change}");
    }
    if !fetched.without_email.is_empty() {
        eprintln!(
            "{}",
            crate::t!(
                "fetch-without-email-warning",
                names = fetched.without_email.join(", ")
            )
        );
    }
    let count = fetched.seats.len();
    eprintln!(
        "{}",
        match out {
            Some(path) => crate::t!(
                "fetch-wrote-file",
                count = count,
                path = path.display().to_string()
            ),
            None => crate::t!("fetch-wrote-stdout", count = count),
        }
    );
}

#[cfg(test)]
mod tests {
    use crate::i18n::{message_in, Lang};

    /// The progress bar's template comes from the message files: in both
    /// languages it must be one indicatif accepts (else the fetch would
    /// panic), with the bar, the count and the name.
    #[test]
    fn the_progress_template_is_valid_in_both_languages() {
        assert_eq!(
            message_in(Lang::En, "fetch-progress", &[]),
            "asking for each MEP {bar:30} {pos}/{len} {wide_msg}"
        );
        for lang in [Lang::En, Lang::De] {
            let template = message_in(lang, "fetch-progress", &[]);
            assert!(
                indicatif::ProgressStyle::with_template(&template).is_ok(),
                "{template}"
            );
            assert!(
                template.ends_with("{bar:30} {pos}/{len} {wide_msg}"),
                "{template}"
            );
        }
    }
}
