//! `send --office-hours`: letters go out only on weekdays from 9:00 to
//! 18:00 in the recipients' time zone (the campaign's `time_zone`,
//! `Europe/Brussels` for the European Parliament), when someone in the
//! office reads them, as Proca's campaigns do. Outside those hours the run
//! sends nothing and exits 75 ("run again later"); when they end during a
//! run, it stops taking letters. Public holidays are not known.
//!
//! The clock is the system's. Tests set `APPEAL_TEST_CLOCK` (an RFC 3339
//! time such as `2026-11-28T10:00:00+01:00`) to start the run's clock
//! there; nothing else reads it.

use std::time::Instant;

use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::error::Failure;

/// The environment variable through which tests set the clock.
const TEST_CLOCK: &str = "APPEAL_TEST_CLOCK";
/// The first hour of a working day.
const OPENS: i8 = 9;
/// The hour a working day ends.
const CLOSES: i8 = 18;

/// The recipients' working hours and the run's clock.
pub(super) struct OfficeHours {
    zone: TimeZone,
    /// The zone's IANA name, for messages.
    name: String,
    /// The clock's reading at `started`.
    start: Timestamp,
    started: Instant,
}

impl OfficeHours {
    /// The working hours in the campaign's time zone; an unknown zone (or
    /// a system without time zone data) is exit 2.
    pub(super) fn new(time_zone: &str) -> anyhow::Result<OfficeHours> {
        let zone = TimeZone::get(time_zone).map_err(|e| {
            Failure::usage(crate::t!(
                "hours-unknown-zone",
                zone = time_zone,
                reason = crate::i18n::error_text(&e)
            ))
            .hint(crate::t!("hours-unknown-zone-hint"))
        })?;
        let start = match std::env::var(TEST_CLOCK) {
            Ok(text) => text
                .parse::<Timestamp>()
                .map_err(|e| Failure::usage(format!("`{TEST_CLOCK}={text}`: {e}")))?,
            Err(_) => Timestamp::now(),
        };
        Ok(OfficeHours {
            zone,
            name: time_zone.to_string(),
            start,
            started: Instant::now(),
        })
    }

    /// The clock's time at `at` (an instant of this process).
    pub(super) fn time_at(&self, at: Instant) -> Timestamp {
        let elapsed = at.saturating_duration_since(self.started).as_secs() as i64;
        Timestamp::from_second(self.start.as_second() + elapsed).unwrap_or(self.start)
    }

    /// The clock's time now.
    pub(super) fn now(&self) -> Timestamp {
        self.time_at(Instant::now())
    }

    /// Whether letters may go out at `at`.
    pub(super) fn open_at(&self, at: Timestamp) -> bool {
        let local = at.to_zoned(self.zone.clone());
        is_weekday(local.weekday()) && (OPENS..CLOSES).contains(&local.hour())
    }

    /// The error of a run started outside the hours: exit 75.
    pub(super) fn closed(&self, at: Timestamp) -> Failure {
        let local = at.to_zoned(self.zone.clone());
        let opens = self.next_opening(&local);
        Failure {
            exit: crate::error::Exit::TempFail,
            message: crate::t!(
                "hours-closed",
                day = weekday_name(local.weekday()),
                time = clock(&local),
                zone = self.name.as_str()
            ),
            hint: Some(crate::t!(
                "hours-closed-hint",
                day = weekday_name(opens.weekday()),
                time = clock(&opens),
                zone = self.name.as_str()
            )),
        }
    }

    /// The end of a run stopped because the hours ended: exit 75.
    pub(super) fn ended(&self, at: Timestamp) -> Failure {
        let local = at.to_zoned(self.zone.clone());
        let opens = self.next_opening(&local);
        Failure {
            exit: crate::error::Exit::TempFail,
            message: crate::t!(
                "hours-ended",
                day = weekday_name(local.weekday()),
                time = clock(&local),
                zone = self.name.as_str()
            ),
            hint: Some(crate::t!(
                "hours-ended-hint",
                day = weekday_name(opens.weekday()),
                time = clock(&opens),
                zone = self.name.as_str()
            )),
        }
    }

    /// When letters that take `active` seconds of sending, started at
    /// `from`, are done, counting only office hours.
    pub(super) fn finish(&self, from: Timestamp, active: f64) -> Timestamp {
        let mut left = active.max(0.0) as i64;
        let mut at = from.to_zoned(self.zone.clone());
        loop {
            if !self.open_at(at.timestamp()) {
                at = self.next_opening(&at);
            }
            let closes = at
                .date()
                .at(CLOSES, 0, 0, 0)
                .to_zoned(self.zone.clone())
                .unwrap_or_else(|_| at.clone());
            let today = closes.timestamp().as_second() - at.timestamp().as_second();
            if left <= today || today <= 0 {
                return Timestamp::from_second(at.timestamp().as_second() + left)
                    .unwrap_or(at.timestamp());
            }
            left -= today;
            at = closes;
        }
    }

    /// The next time the office opens after `local` (its own opening if
    /// `local` is before 9:00 on a weekday).
    fn next_opening(&self, local: &Zoned) -> Zoned {
        let mut day = local.date();
        if !(is_weekday(day.weekday()) && local.hour() < OPENS) {
            day = day.tomorrow().unwrap_or(day);
        }
        while !is_weekday(day.weekday()) {
            day = day.tomorrow().unwrap_or(day);
        }
        day.at(OPENS, 0, 0, 0)
            .to_zoned(self.zone.clone())
            .unwrap_or_else(|_| local.clone())
    }
}

/// The weekday's name in the interface's language: `Saturday`, `Samstag`.
fn weekday_name(day: Weekday) -> String {
    match day {
        Weekday::Monday => crate::t!("hours-weekday-monday"),
        Weekday::Tuesday => crate::t!("hours-weekday-tuesday"),
        Weekday::Wednesday => crate::t!("hours-weekday-wednesday"),
        Weekday::Thursday => crate::t!("hours-weekday-thursday"),
        Weekday::Friday => crate::t!("hours-weekday-friday"),
        Weekday::Saturday => crate::t!("hours-weekday-saturday"),
        Weekday::Sunday => crate::t!("hours-weekday-sunday"),
    }
}

/// The time of day on a 24-hour clock, `14:05`, as both languages write it.
fn clock(at: &Zoned) -> String {
    at.strftime("%H:%M").to_string()
}

fn is_weekday(day: Weekday) -> bool {
    !matches!(day, Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(now: &str) -> OfficeHours {
        OfficeHours {
            zone: TimeZone::get("Europe/Brussels").unwrap(),
            name: "Europe/Brussels".into(),
            start: now.parse().unwrap(),
            started: Instant::now(),
        }
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn weekdays_nine_to_six_in_brussels() {
        let h = hours("2026-11-27T10:00:00+01:00");
        assert!(h.open_at(ts("2026-11-27T09:00:00+01:00"))); // Friday
        assert!(h.open_at(ts("2026-11-27T17:59:59+01:00")));
        assert!(!h.open_at(ts("2026-11-27T18:00:00+01:00")));
        assert!(!h.open_at(ts("2026-11-27T08:59:59+01:00")));
        assert!(!h.open_at(ts("2026-11-28T12:00:00+01:00"))); // Saturday
                                                              // Summer time: 9:00 in Brussels is 7:00 UTC.
        assert!(h.open_at(ts("2026-06-01T07:00:00Z")));
        assert!(!h.open_at(ts("2026-06-01T06:59:00Z")));
    }

    #[test]
    fn finishing_skips_nights_and_weekends() {
        let h = hours("2026-11-27T17:00:00+01:00");
        // Two hours of sending from Friday 17:00: one hour on Friday, one
        // on Monday from 9:00.
        let done = h.finish(ts("2026-11-27T17:00:00+01:00"), 7200.0);
        assert_eq!(done, ts("2026-11-30T10:00:00+01:00"));
        let done = h.finish(ts("2026-11-28T03:00:00+01:00"), 60.0);
        assert_eq!(done, ts("2026-11-30T09:01:00+01:00"));
        let message = h.closed(ts("2026-11-28T10:00:00+01:00")).message;
        assert_eq!(
            message,
            "outside office hours: it is Saturday 10:00 in Europe/Brussels; --office-hours sends on weekdays from 9:00 to 18:00 there"
        );
    }
}
