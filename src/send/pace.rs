//! How fast letters may start: `--rate N/min`, `N/h`, `N/s` or
//! `unlimited`, shared by all connections of a run.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::error::Failure;

use super::{Job, GROUP_DEFAULT_PER_RECIPIENT, GROUP_DEFAULT_RATE};

/// How fast letters may start: overall (`--rate`) and to any one
/// recipient (`--per-recipient`).
#[derive(Debug)]
pub(super) struct Pace {
    pub(super) interval: Option<Duration>,
    pub(super) label: String,
    /// The least time between two letters to the same recipient.
    pub(super) per_recipient: Option<Duration>,
    /// `--per-recipient` as given (or its default), for the summary.
    pub(super) per_recipient_label: String,
    /// How long from now each recipient (by index) must still wait
    /// because of letters an earlier run sent: see [`Pace::carry_over`].
    busy: HashMap<usize, Duration>,
}

impl Pace {
    /// `N/min`, `N/h`, `N/s` or `unlimited` for both; groups default to a
    /// gentle pace overall and per recipient.
    pub(super) fn parse(
        rate: Option<&str>,
        per_recipient: Option<&str>,
        group: bool,
    ) -> anyhow::Result<Pace> {
        let default = |value: &str| if group { value } else { "unlimited" }.to_string();
        let rate = rate.map_or_else(|| default(GROUP_DEFAULT_RATE), |r| r.trim().to_string());
        let per = per_recipient.map_or_else(
            || default(GROUP_DEFAULT_PER_RECIPIENT),
            |r| r.trim().to_string(),
        );
        Ok(Pace {
            interval: interval(&rate).ok_or_else(|| {
                Failure::usage(crate::t!("send-rate-invalid", rate = rate.as_str()))
                    .hint(crate::t!("send-rate-invalid-hint"))
            })?,
            label: rate,
            per_recipient: interval(&per).ok_or_else(|| {
                Failure::usage(crate::t!("send-per-recipient-invalid", rate = per.as_str()))
                    .hint(crate::t!("send-per-recipient-invalid-hint"))
            })?,
            per_recipient_label: per,
            busy: HashMap::new(),
        })
    }

    /// Letters sent by earlier runs count too: a recipient who got a
    /// letter `ago` before now waits the rest of the per-recipient
    /// interval, so a rerun (say, by cron after exit 75) never exceeds the
    /// pace. `last` gives, for recipient indexes, how long ago that was.
    pub(super) fn carry_over(&mut self, last: impl Iterator<Item = (usize, Duration)>) {
        let Some(per) = self.per_recipient else {
            return;
        };
        for (recipient, ago) in last {
            if let Some(rest) = per.checked_sub(ago).filter(|d| !d.is_zero()) {
                self.busy.insert(recipient, rest);
            }
        }
    }

    /// Whether letters wait at all.
    pub(super) fn is_paced(&self) -> bool {
        self.interval.is_some() || self.per_recipient.is_some()
    }

    pub(super) fn start(&self) -> Pacer {
        let now = Instant::now();
        Pacer {
            interval: self.interval,
            per_recipient: self.per_recipient,
            next: now,
            recipients: self.busy.iter().map(|(r, d)| (*r, now + *d)).collect(),
        }
    }

    /// Seconds from now to the last letter's start, for letters to these
    /// recipients in this order: the pacer's own rule played through on a
    /// clock of its own (including what earlier runs left to wait).
    pub(super) fn seconds_to_send(&self, recipients: impl Iterator<Item = usize>) -> f64 {
        let mut next = 0.0_f64;
        let mut free: HashMap<usize, f64> = self
            .busy
            .iter()
            .map(|(r, d)| (*r, d.as_secs_f64()))
            .collect();
        let mut last = 0.0_f64;
        for r in recipients {
            let mut at = next;
            if let Some(per) = self.per_recipient {
                at = at.max(free.get(&r).copied().unwrap_or(0.0));
                free.insert(r, at + per.as_secs_f64());
            }
            next = at + self.interval.map_or(0.0, |i| i.as_secs_f64());
            last = at;
        }
        last
    }
}

/// The order letters go out in: member by member, each to every
/// recipient, arranged so that no two consecutive letters go to the same
/// recipient where that can be avoided (always taking the recipient with
/// the most letters left that is not the last one's). With every letter
/// pending this is the plain member-by-member order; after a partial run
/// it keeps the rest spread out. Letters to one recipient keep their order.
pub(super) fn interleave(jobs: Vec<Job>) -> Vec<Job> {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, VecDeque};
    let mut queues: HashMap<usize, VecDeque<Job>> = HashMap::new();
    for job in &jobs {
        queues.entry(job.recipient).or_default().push_back(*job);
    }
    // (letters left, the recipient's place reversed: the first wins a tie).
    let mut heap: BinaryHeap<(usize, Reverse<usize>)> =
        queues.iter().map(|(r, q)| (q.len(), Reverse(*r))).collect();
    let mut order = Vec::with_capacity(jobs.len());
    let mut last: Option<usize> = None;
    while let Some(top) = heap.pop() {
        let (left, Reverse(recipient)) = if Some(top.1 .0) == last {
            match heap.pop() {
                Some(second) => {
                    heap.push(top);
                    second
                }
                None => top,
            }
        } else {
            top
        };
        let queue = queues.get_mut(&recipient).expect("queued above"); // i18n: not shown (cannot fail)
        order.push(queue.pop_front().expect("not empty while counted")); // i18n: not shown (cannot fail)
        if left > 1 {
            heap.push((left - 1, Reverse(recipient)));
        }
        last = Some(recipient);
    }
    order
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

/// A duration as people say it: `45 s`, `4 min 40 s`, `1 h 5 min`
/// (German `4 Min. 40 s`, `1 Std. 5 Min.`).
pub(super) fn spoken(duration: Duration) -> String {
    let secs = duration.as_secs_f64().round() as u64;
    let (hours, minutes, seconds) = (secs / 3600, secs % 3600 / 60, secs % 60);
    match secs {
        0..=59 => crate::t!("pace-duration-seconds", seconds = secs),
        60..=3599 if seconds == 0 => crate::t!("pace-duration-minutes", minutes = minutes),
        60..=3599 => crate::t!(
            "pace-duration-minutes-seconds",
            minutes = minutes,
            seconds = seconds
        ),
        _ if minutes == 0 => crate::t!("pace-duration-hours", hours = hours),
        _ => crate::t!(
            "pace-duration-hours-minutes",
            hours = hours,
            minutes = minutes
        ),
    }
}

/// The time between letters for `N/min`, `N/h`, `N/s`; `None` inside for
/// `unlimited`, outer `None` when it is not a rate.
fn interval(rate: &str) -> Option<Option<Duration>> {
    if rate == "unlimited" {
        return Some(None);
    }
    let (count, unit) = rate.split_once('/')?;
    let count: f64 = count.trim().parse().ok()?;
    let seconds = match unit.trim() {
        "s" | "sec" => 1.0,
        "min" | "m" => 60.0,
        "h" | "hour" => 3600.0,
        _ => return None,
    };
    // At least one letter a day, at most a million a second.
    Duration::try_from_secs_f64(seconds / count)
        .ok()
        .filter(|i| {
            count > 0.0 && *i <= Duration::from_secs(86_400) && *i >= Duration::from_micros(1)
        })
        .map(Some)
}

/// Hands out start times spaced by the interval, across all connections,
/// and keeps letters to the same recipient apart by the per-recipient
/// interval.
pub(super) struct Pacer {
    interval: Option<Duration>,
    per_recipient: Option<Duration>,
    next: Instant,
    /// When each recipient may get their next letter.
    recipients: HashMap<usize, Instant>,
}

impl Pacer {
    /// A try of a letter to `recipient` has just ended: its next letter
    /// waits the per-recipient interval from now, not just from this one's
    /// slot, so that a letter that started late (the run's first, which
    /// waits for the connection and login; a slow server) does not bring
    /// the next one closer to it than the pace allows.
    pub(super) fn tried(&mut self, recipient: usize) {
        if let Some(per) = self.per_recipient {
            let free = Instant::now() + per;
            let entry = self.recipients.entry(recipient).or_insert(free);
            *entry = (*entry).max(free);
        }
    }

    /// The moment the next letter, to `recipient`, may start.
    pub(super) fn slot(&mut self, recipient: usize) -> Option<Instant> {
        if self.interval.is_none() && self.per_recipient.is_none() {
            return None;
        }
        let now = Instant::now();
        let mut at = self.next.max(now);
        if let Some(per) = self.per_recipient {
            if let Some(free) = self.recipients.get(&recipient) {
                at = at.max(*free);
            }
            self.recipients.insert(recipient, at + per);
        }
        if let Some(interval) = self.interval {
            self.next = at + interval;
        }
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs(pairs: &[(usize, usize)]) -> Vec<Job> {
        pairs
            .iter()
            .map(|&(sender, recipient)| Job { sender, recipient })
            .collect()
    }

    fn pairs(jobs: &[Job]) -> Vec<(usize, usize)> {
        jobs.iter().map(|j| (j.sender, j.recipient)).collect()
    }

    #[test]
    fn letters_interleave_recipients() {
        // Everything pending: member by member.
        let all: Vec<(usize, usize)> = (0..3).flat_map(|s| (0..2).map(move |r| (s, r))).collect();
        assert_eq!(pairs(&interleave(jobs(&all))), all);
        // Member 0's letters went out earlier except to recipient 1: the
        // rest no longer starts with two letters to recipient 0 in a row.
        let rest = [(0, 1), (1, 0), (1, 1), (2, 0), (2, 1), (3, 0)];
        let order = pairs(&interleave(jobs(&rest)));
        assert_eq!(order, [(1, 0), (0, 1), (2, 0), (1, 1), (3, 0), (2, 1)]);
        assert!(order.windows(2).all(|w| w[0].1 != w[1].1));
        // One recipient: nothing to interleave.
        assert_eq!(
            pairs(&interleave(jobs(&[(0, 4), (1, 4)]))),
            [(0, 4), (1, 4)]
        );
    }

    #[test]
    fn letters_to_one_recipient_keep_their_distance() {
        // 60/min overall, 2 per minute to any one recipient.
        let pace = Pace::parse(Some("60/min"), Some("120/h"), true).unwrap();
        let mut p = pace.start();
        let a0 = p.slot(0).unwrap();
        let b0 = p.slot(1).unwrap();
        let a1 = p.slot(0).unwrap();
        let b1 = p.slot(1).unwrap();
        assert_eq!(b0 - a0, Duration::from_secs(1));
        assert_eq!(a1 - a0, Duration::from_secs(30));
        assert_eq!(b1 - a1, Duration::from_secs(1));
        // The estimate plays the same rule: 2 recipients × 3 letters.
        assert_eq!(pace.seconds_to_send([0, 1, 0, 1, 0, 1].into_iter()), 61.0);
        // A recipient written to 20 s ago by an earlier run waits 10 s more.
        let mut pace = Pace::parse(Some("60/min"), Some("120/h"), true).unwrap();
        pace.carry_over([(1, Duration::from_secs(20)), (0, Duration::from_secs(40))].into_iter());
        assert_eq!(pace.seconds_to_send([0, 1].into_iter()), 10.0);
        let mut p = pace.start();
        let a = p.slot(0).unwrap();
        // (less the microseconds between `start` and the first slot)
        assert_eq!((p.slot(1).unwrap() - a).as_secs_f64().round(), 10.0);
        // A try that ended late pushes the recipient's next slot with it.
        let mut p = Pace::parse(Some("unlimited"), Some("3600/h"), true)
            .unwrap()
            .start();
        let first = p.slot(0).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        p.tried(0);
        assert!(p.slot(0).unwrap() >= first + Duration::from_millis(1020));
        assert!(Pace::parse(None, Some("unlimited"), false)
            .unwrap()
            .per_recipient
            .is_none());
        assert_eq!(
            Pace::parse(None, None, true).unwrap().per_recipient,
            Some(Duration::from_secs(180))
        );
        for bad in ["20", "0/h", "many/h", "5/week"] {
            let err = Pace::parse(None, Some(bad), true).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("`--per-recipient {bad}` is not a rate")
            );
        }
    }

    #[test]
    fn rates_parse() {
        let p = Pace::parse(Some("20/min"), None, false).unwrap();
        assert_eq!(p.interval, Some(Duration::from_secs(3)));
        let p = Pace::parse(Some("3600/h"), None, false).unwrap();
        assert_eq!(p.interval, Some(Duration::from_secs(1)));
        assert!(Pace::parse(None, None, false).unwrap().interval.is_none());
        assert_eq!(
            Pace::parse(None, None, true).unwrap().interval,
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
            assert!(Pace::parse(Some(bad), None, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn pacer_spaces_starts() {
        let mut p = Pace::parse(Some("10/s"), None, false).unwrap().start();
        let a = p.slot(0).unwrap();
        let b = p.slot(1).unwrap();
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
        // Letters done in no measurable time, unpaced: no rate yet, not
        // an infinite one.
        assert_eq!(per_minute(3, Duration::ZERO, None), 0.0);
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
        assert_eq!(spoken(Duration::from_secs(3659)), "1 h");
        assert_eq!(spoken(Duration::from_secs(3660)), "1 h 1 min");
    }

    #[test]
    fn estimates_read_well() {
        let p = Pace::parse(Some("6/min"), Some("unlimited"), true).unwrap();
        let spoken_secs = |s: f64| spoken(Duration::from_secs_f64(s));
        assert_eq!(spoken_secs(p.seconds_to_send([0].into_iter())), "0 s");
        assert_eq!(
            spoken_secs(p.seconds_to_send((0..120).map(|i| i % 6))),
            "19 min 50 s"
        );
        assert_eq!(spoken_secs(4.0 * 86_400.0), "96 h");
    }
}
