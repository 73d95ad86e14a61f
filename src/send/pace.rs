//! How fast letters may start: `--rate N/min`, `N/h`, `N/s` or
//! `unlimited`, shared by all connections of a run.

use std::time::{Duration, Instant};

use crate::error::Failure;

use super::GROUP_DEFAULT_RATE;

/// How fast letters may start.
pub(super) struct Pace {
    pub(super) interval: Option<Duration>,
    pub(super) label: String,
}

impl Pace {
    /// `N/min`, `N/h`, `N/s` or `unlimited`; groups default to a gentle pace.
    pub(super) fn parse(rate: Option<&str>, group: bool) -> anyhow::Result<Pace> {
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

    pub(super) fn start(&self) -> Pacer {
        Pacer {
            interval: self.interval,
            next: Instant::now(),
        }
    }

    /// How long `letters` take at this pace (the first starts at once),
    /// as the summary says it; None when unpaced.
    pub(super) fn estimate(&self, letters: usize) -> Option<String> {
        let interval = self.interval?;
        let waits = u32::try_from(letters.saturating_sub(1)).unwrap_or(u32::MAX);
        Some(spoken(interval.saturating_mul(waits)))
    }
}

/// Letters per minute so far. A paced run counts the slot it waits for
/// next, so that the first letters, sent at once, do not read as a burst
/// (`75/s`) the pace never allows.
pub(super) fn per_minute(done: u64, elapsed: Duration, interval: Option<Duration>) -> f64 {
    let span = elapsed + interval.unwrap_or_default();
    if done == 0 || span.is_zero() {
        return 0.0;
    }
    done as f64 * 60.0 / span.as_secs_f64()
}

/// Time left for the `total - done` letters still to finish: the later
/// of what the pace allows (the last letter starts `total - 1` intervals
/// after the first) and what the letters so far took each. None before
/// there is anything to go by.
pub(super) fn eta(
    done: u64,
    total: u64,
    elapsed: Duration,
    interval: Option<Duration>,
) -> Option<Duration> {
    let left = total.saturating_sub(done);
    if left == 0 {
        return Some(Duration::ZERO);
    }
    let paced = interval.map(|i| {
        i.saturating_mul(u32::try_from(total - 1).unwrap_or(u32::MAX))
            .saturating_sub(elapsed)
    });
    let observed = (done > 0).then(|| elapsed.mul_f64(left as f64 / done as f64));
    match (paced, observed) {
        (Some(p), Some(o)) => Some(p.max(o)),
        (p, o) => p.or(o),
    }
}

/// A duration as people say it: `45 s`, `4 min 40 s`, `1 h 5 min`.
pub(super) fn spoken(duration: Duration) -> String {
    let secs = duration.as_secs_f64().round() as u64;
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 if secs.is_multiple_of(60) => format!("{} min", secs / 60),
        60..=3599 => format!("{} min {} s", secs / 60, secs % 60),
        _ if secs % 3600 < 60 => format!("{} h", secs / 3600),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

/// Hands out start times spaced by the interval, across all connections.
pub(super) struct Pacer {
    interval: Option<Duration>,
    next: Instant,
}

impl Pacer {
    /// The moment the next letter may start.
    pub(super) fn slot(&mut self) -> Option<Instant> {
        let interval = self.interval?;
        let now = Instant::now();
        let at = self.next.max(now);
        self.next = at + interval;
        Some(at)
    }
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
    fn a_paced_run_shows_its_pace_not_its_first_burst() {
        let ten = Some(Duration::from_secs(10));
        // Six letters a minute: the first went at once, the third at 20 s.
        let rate = per_minute(1, Duration::from_millis(13), ten);
        assert!((5.99..6.0).contains(&rate), "{rate}");
        let rate = per_minute(3, Duration::from_millis(20_500), ten);
        assert!((5.8..=6.0).contains(&rate), "{rate}");
        assert_eq!(per_minute(0, Duration::ZERO, None), 0.0);
        assert_eq!(per_minute(30, Duration::from_secs(60), None), 30.0);
    }

    #[test]
    fn the_eta_counts_the_pace() {
        let ten = Some(Duration::from_secs(10));
        // 29 letters at 6/min: the last starts 280 s after the first.
        let first = eta(1, 29, Duration::from_millis(13), ten).unwrap();
        assert_eq!(first, Duration::from_millis(279_987));
        assert_eq!(spoken(first), "4 min 40 s");
        assert_eq!(
            eta(28, 29, Duration::from_millis(270_200), ten),
            Some(Duration::from_millis(9_800))
        );
        assert_eq!(
            eta(29, 29, Duration::from_secs(280), ten),
            Some(Duration::ZERO)
        );
        // Before the first letter: the pace alone.
        assert_eq!(
            eta(0, 7, Duration::ZERO, ten),
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn a_server_slower_than_the_pace_sets_the_eta() {
        // 1 letter/s allowed, but each took 4 s: 5 left take 20 s.
        let one = Some(Duration::from_secs(1));
        assert_eq!(
            eta(5, 10, Duration::from_secs(20), one),
            Some(Duration::from_secs(20))
        );
        // Unpaced: what the letters so far took, nothing before the first.
        assert_eq!(
            eta(2, 6, Duration::from_secs(1), None),
            Some(Duration::from_secs(2))
        );
        assert_eq!(eta(0, 6, Duration::ZERO, None), None);
    }

    #[test]
    fn durations_are_spoken() {
        assert_eq!(spoken(Duration::from_millis(400)), "0 s");
        assert_eq!(spoken(Duration::from_secs(59)), "59 s");
        assert_eq!(spoken(Duration::from_secs(120)), "2 min");
        assert_eq!(spoken(Duration::from_secs(280)), "4 min 40 s");
        assert_eq!(spoken(Duration::from_secs(3900)), "1 h 5 min");
        assert_eq!(spoken(Duration::from_secs(7200)), "2 h");
    }

    #[test]
    fn estimates_read_well() {
        let p = Pace::parse(Some("6/min"), true).unwrap();
        assert_eq!(p.estimate(1).unwrap(), "0 s");
        assert_eq!(p.estimate(29).unwrap(), "4 min 40 s");
        assert_eq!(p.estimate(121).unwrap(), "20 min");
        assert_eq!(p.estimate(1201).unwrap(), "3 h 20 min");
    }
}
