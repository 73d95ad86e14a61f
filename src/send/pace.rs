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

    pub(super) fn estimate(&self, letters: usize) -> Option<String> {
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
    fn estimates_read_well() {
        let p = Pace::parse(Some("6/min"), true).unwrap();
        assert_eq!(p.estimate(1).unwrap(), "0 s");
        assert_eq!(p.estimate(120).unwrap(), "20 min");
    }
}
