//! The European Parliament's Open Data API v2, as far as `recipients
//! fetch` needs it: the committee's current organisation id, the sitting
//! MEPs page by page, and one MEP's record with e-mail and memberships.
//!
//! Responses are JSON-LD whose `@context` maps `data` to `@graph`: every
//! answer is `{"data": [...], "@context": ...}`, and ids are relative to
//! `https://data.europarl.europa.eu/` (`person/1294`, `org/6586`,
//! `def/ep-roles/MEMBER`). The HTTP client paces its requests, retries a
//! busy (429) or failing (5xx) server with backoff and gives up cleanly
//! after a timeout; it never runs unless the user runs the command.

use std::io::Read;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Failure;

/// The largest page the API serves.
pub const PAGE: usize = 100;
/// At most this many requests a second: a German committee costs about 110
/// requests, far below the reported limit of 500 per 5 minutes.
const PACE: Duration = Duration::from_millis(200);
/// Retries of one request before the run gives up.
const RETRIES: u32 = 4;
/// The longest wait a `Retry-After` may ask for.
const LONGEST_WAIT: Duration = Duration::from_secs(60);

/// A client for one base URL, with pacing and retries.
pub struct Api {
    base: String,
    agent: ureq::Agent,
    retry_wait: Duration,
    last: Option<Instant>,
    /// Requests made so far, for the summary.
    pub requests: usize,
}

/// One sitting MEP from `/meps/show-current`.
#[derive(Debug, Deserialize)]
pub struct Sitting {
    /// The person id as a string of digits, e.g. `1294`.
    pub identifier: String,
    /// `Elio DI RUPO`: for messages.
    #[serde(default)]
    pub label: String,
    /// The two-letter code of the country represented.
    #[serde(rename = "api:country-of-representation", default)]
    pub country: Option<String>,
    /// The political group's abbreviation, e.g. `S&D`.
    #[serde(rename = "api:political-group", default)]
    pub group: Option<String>,
}

/// One MEP's full record from `/meps/{id}`, as far as it is used.
#[derive(Debug, Deserialize)]
pub struct Person {
    /// `person/1294`.
    pub id: String,
    /// `Elio`.
    #[serde(rename = "givenName")]
    pub given_name: String,
    /// `Di Rupo`.
    #[serde(rename = "familyName")]
    pub family_name: String,
    /// `mailto:elio.dirupo@europarl.europa.eu`.
    #[serde(rename = "hasEmail", default)]
    pub email: Option<OneOrMany>,
    /// `http://publications.europa.eu/resource/authority/human-sex/FEMALE`.
    #[serde(rename = "hasGender", default)]
    pub gender: Option<String>,
    /// Every membership: mandates, groups, committees, delegations.
    #[serde(rename = "hasMembership", default)]
    pub memberships: Vec<Membership>,
}

/// A value the API gives as one string or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One value.
    One(String),
    /// Several; the first is used.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The first value.
    pub fn first(&self) -> Option<&str> {
        match self {
            OneOrMany::One(one) => Some(one),
            OneOrMany::Many(many) => many.first().map(String::as_str),
        }
    }
}

/// One `hasMembership` entry.
#[derive(Debug, Deserialize)]
pub struct Membership {
    /// The body, e.g. `org/6586`.
    #[serde(default)]
    pub organization: Option<String>,
    /// `def/ep-roles/MEMBER`, `MEMBER_SUBSTITUTE`, `CHAIR`, `VICE_CHAIR`, …
    #[serde(default)]
    pub role: Option<String>,
    /// When: `startDate` and, once it ended, `endDate`.
    #[serde(rename = "memberDuring", default)]
    pub during: Option<Period>,
}

/// A `PeriodOfTime`.
#[derive(Debug, Deserialize)]
pub struct Period {
    /// The first day.
    #[serde(rename = "startDate", default)]
    pub start: Option<NaiveDate>,
    /// The last day, absent while it lasts.
    #[serde(rename = "endDate", default)]
    pub end: Option<NaiveDate>,
}

impl Membership {
    /// Whether the membership is in force on `today`.
    pub fn current(&self, today: NaiveDate) -> bool {
        self.during
            .as_ref()
            .is_some_and(|d| d.start.is_none_or(|s| s <= today) && d.end.is_none_or(|e| e >= today))
    }
}

/// What went wrong talking to the API: the network (exit 1) or the data
/// (exit 2, naming the record).
pub fn network_failure(url: &str, why: &str) -> Failure {
    Failure::failed(crate::t!("fetch-network-failure", url = url, why = why))
        .hint(crate::t!("fetch-network-failure-hint"))
}

/// Data that is not in the shape the API documents: exit 2, naming where.
pub fn bad_data(what: &str, url: &str, why: impl std::fmt::Display) -> Failure {
    Failure::usage(crate::t!(
        "fetch-bad-data",
        what = what,
        url = url,
        why = why.to_string()
    ))
    .hint(crate::t!("fetch-bad-data-hint"))
}

impl Api {
    /// A client for `base` (no trailing slash needed); `retry_wait` is the
    /// first wait before a retry.
    pub fn new(base: &str, retry_wait: Duration) -> Api {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(30)))
            .user_agent(format!("appeal/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Api {
            base: base.trim_end_matches('/').to_string(),
            agent,
            retry_wait,
            last: None,
            requests: 0,
        }
    }

    /// The base URL, for the file's source comment.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The organisation id (`org/6586`) of the committee's current term.
    pub fn committee(&mut self, abbreviation: &str) -> anyhow::Result<String> {
        let url = format!(
            "{}/corporate-bodies/{abbreviation}?format=application/ld+json",
            self.base
        );
        let Some(doc) = self.get(&url)? else {
            return Err(Failure::usage(crate::t!(
                "fetch-unknown-committee",
                committee = abbreviation
            ))
            .hint(crate::t!("fetch-unknown-committee-hint"))
            .into());
        };
        let body = first_record(&doc, &crate::t!("fetch-what-committee"), &url)?;
        let current = match body.get("hasCurrentVersion") {
            Some(Value::String(id)) => Some(id.clone()),
            Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).map(String::from),
            Some(Value::Array(a)) => a.first().and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                other => other.get("id").and_then(Value::as_str).map(String::from),
            }),
            _ => None,
        };
        current.ok_or_else(|| {
            bad_data(
                &crate::t!("fetch-what-named-committee", committee = abbreviation),
                &url,
                crate::t!("fetch-why-no-current-version"),
            )
            .into()
        })
    }

    /// One page of the sitting MEPs, from `offset`.
    pub fn sitting(&mut self, offset: usize) -> anyhow::Result<Vec<Sitting>> {
        let url = format!(
            "{}/meps/show-current?format=application/ld+json&offset={offset}&limit={PAGE}",
            self.base
        );
        let doc = self
            .get(&url)?
            .ok_or_else(|| network_failure(&url, "404 Not Found"))?; // i18n: not shown (the HTTP status line)
        let data = data_array(&doc, &crate::t!("fetch-what-sitting-list"), &url)?;
        data.iter()
            .enumerate()
            .map(|(i, record)| {
                Sitting::deserialize(record).map_err(|e| {
                    bad_data(
                        &crate::t!(
                            "fetch-what-list-record",
                            number = (offset + i + 1).to_string()
                        ),
                        &url,
                        e,
                    )
                    .into()
                })
            })
            .collect()
    }

    /// One MEP's full record.
    pub fn person(&mut self, sitting: &Sitting) -> anyhow::Result<Person> {
        let id = &sitting.identifier;
        let url = format!("{}/meps/{id}?format=application/ld+json", self.base);
        let what = crate::t!(
            "fetch-what-mep-record",
            name = sitting.label.as_str(),
            id = format!("person/{id}")
        );
        let doc = self
            .get(&url)?
            .ok_or_else(|| bad_data(&what, &url, "404 Not Found"))?; // i18n: not shown (the HTTP status line)
        let record = first_record(&doc, &what, &url)?;
        Person::deserialize(record).map_err(|e| bad_data(&what, &url, e).into())
    }

    /// GETs `url` as JSON: None on 404; 429 and 5xx and broken connections
    /// retried with backoff; anything else, or giving up, is a failure.
    fn get(&mut self, url: &str) -> anyhow::Result<Option<Value>> {
        let mut attempt = 0;
        loop {
            self.pace();
            self.requests += 1;
            let outcome = self
                .agent
                .get(url)
                .header("Accept", "application/ld+json")
                .call();
            let (why, asked_wait) = match outcome {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    match status {
                        200..=299 => {
                            let mut text = String::new();
                            response
                                .body_mut()
                                .as_reader()
                                .read_to_string(&mut text)
                                .map_err(|e| network_failure(url, &e.to_string()))?;
                            return serde_json::from_str(&text).map(Some).map_err(|e| {
                                bad_data(&crate::t!("fetch-what-answer"), url, e).into()
                            });
                        }
                        404 => return Ok(None),
                        429 | 500..=599 => {
                            let wait = response
                                .headers()
                                .get("retry-after")
                                .and_then(|v| v.to_str().ok())
                                .and_then(|v| v.trim().parse::<u64>().ok())
                                .map(|s| Duration::from_secs(s).min(LONGEST_WAIT));
                            (
                                crate::t!("fetch-server-answered", status = status.to_string()),
                                wait,
                            )
                        }
                        _ => {
                            return Err(network_failure(
                                url,
                                &crate::t!("fetch-server-answered", status = status.to_string()),
                            )
                            .into())
                        }
                    }
                }
                Err(e) => (e.to_string(), None),
            };
            if attempt >= RETRIES {
                let why = crate::t!("fetch-gave-up", why = why, attempts = attempt + 1);
                return Err(network_failure(url, &why).into());
            }
            std::thread::sleep(asked_wait.unwrap_or(self.retry_wait * 2u32.pow(attempt)));
            attempt += 1;
        }
    }

    /// Waits until the next request keeps to [`PACE`].
    fn pace(&mut self) {
        if let Some(last) = self.last {
            let since = last.elapsed();
            if since < PACE {
                std::thread::sleep(PACE - since);
            }
        }
        self.last = Some(Instant::now());
    }
}

/// The `data` array of a JSON-LD answer.
fn data_array<'a>(doc: &'a Value, what: &str, url: &str) -> anyhow::Result<&'a Vec<Value>> {
    doc.get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| bad_data(what, url, crate::t!("fetch-why-no-data-list")).into())
}

/// The one record of an answer about one thing.
fn first_record<'a>(doc: &'a Value, what: &str, url: &str) -> anyhow::Result<&'a Value> {
    data_array(doc, what, url)?
        .first()
        .ok_or_else(|| bad_data(what, url, crate::t!("fetch-why-empty-data-list")).into())
}
