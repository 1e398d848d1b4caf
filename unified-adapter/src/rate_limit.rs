//! How a provider tells its rate limit in its answers' headers, declared by its adapter
//! ([`Adapter::RATE_LIMITS`](crate::Adapter::RATE_LIMITS)), and the one reading of every style
//! into what the IETF draft's `RateLimit-*` headers say: the limit, what is left of it and the
//! seconds until it resets, with HTTP's own `Retry-After` in seconds. A value that does not
//! read is left out: it is never an error and never quoted.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::native::NativeResponse;

/// HTTP's header for how long to wait before asking again (RFC 9110, section 10.2.3), read from
/// every provider's answer: its meaning is HTTP's, not a provider's.
pub const RETRY_AFTER: &str = "retry-after";

/// The smallest reset value read as a time (Unix epoch seconds, 2001-09-09) rather than as
/// seconds to wait: no window lasts 31 years, and no reset time is that old.
pub const EPOCH_FLOOR: u64 = 1_000_000_000;

/// How a provider's answers tell its quota: the limit and what is left of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Quota {
    /// Not told, or not documented.
    Unknown,
    /// One header of `used/limit` (Gorgias' `X-Gorgias-Account-Api-Call-Limit: 10/40`).
    UsedOfLimit(&'static str),
    /// One header with the limit and one with what is left.
    LimitAndRemaining {
        /// The limit's header.
        limit: &'static str,
        /// The header of what is left.
        remaining: &'static str,
    },
}

/// How a provider's answers tell when its limit resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reset {
    /// Not told, or not documented.
    Unknown,
    /// By `Retry-After` (Gorgias sends it with a 429 only).
    RetryAfter,
    /// A header of the seconds until the reset, or of the reset's time in Unix epoch seconds
    /// when it is above [`EPOCH_FLOOR`] (Teamwork documents the one and may mean the other).
    SecondsOrEpoch(&'static str),
}

/// The rate-limit headers of a provider's answers, as its adapter declares them (names in
/// lowercase): [`RateLimitHeaders::NONE`] for a provider that documents none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimitHeaders {
    quota: Quota,
    reset: Reset,
}

/// A provider's rate limit as one of its answers told it, in the units of the `RateLimit-*`
/// headers; a part it did not tell is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// The requests the window allows.
    pub limit: Option<u64>,
    /// The requests left in the window.
    pub remaining: Option<u64>,
    /// The seconds until the window resets.
    pub reset: Option<u64>,
    /// The seconds to wait before asking again (`Retry-After`).
    pub retry_after: Option<u64>,
}

impl RateLimitHeaders {
    /// No rate-limit header is documented; `Retry-After` is still read.
    pub const NONE: RateLimitHeaders = RateLimitHeaders::new(Quota::Unknown, Reset::Unknown);

    /// Headers that tell the quota as `quota` says and the reset as `reset` says.
    pub const fn new(quota: Quota, reset: Reset) -> Self {
        RateLimitHeaders { quota, reset }
    }

    /// The headers to keep from an answer to read it: the declared ones and `Retry-After`.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        let quota = match self.quota {
            Quota::Unknown => [None, None],
            Quota::UsedOfLimit(name) => [Some(name), None],
            Quota::LimitAndRemaining { limit, remaining } => [Some(limit), Some(remaining)],
        };
        let reset = match self.reset {
            Reset::SecondsOrEpoch(name) => Some(name),
            Reset::Unknown | Reset::RetryAfter => None,
        };
        quota
            .into_iter()
            .chain([reset, Some(RETRY_AFTER)])
            .flatten()
    }

    /// The rate limit `answer` tells, as of `now` (for a time it gives).
    pub fn read(&self, answer: &NativeResponse, now: SystemTime) -> RateLimit {
        let now = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let number = |name: &str| answer.header(name).and_then(whole);
        let retry_after = answer
            .header(RETRY_AFTER)
            .and_then(|value| whole(value).or_else(|| Some(http_date(value)?.saturating_sub(now))));
        let (limit, remaining) = match self.quota {
            Quota::Unknown => (None, None),
            Quota::UsedOfLimit(name) => answer
                .header(name)
                .and_then(|value| value.split_once('/'))
                .and_then(|(used, limit)| Some((whole(used)?, whole(limit)?)))
                .map_or((None, None), |(used, limit)| {
                    (Some(limit), Some(limit.saturating_sub(used)))
                }),
            Quota::LimitAndRemaining { limit, remaining } => (number(limit), number(remaining)),
        };
        let reset = match self.reset {
            Reset::Unknown => None,
            Reset::RetryAfter => retry_after,
            Reset::SecondsOrEpoch(name) => number(name).map(|value| match value {
                time if time > EPOCH_FLOOR => time.saturating_sub(now),
                seconds => seconds,
            }),
        };
        RateLimit {
            limit,
            remaining,
            reset,
            retry_after,
        }
    }
}

/// A whole number of ASCII digits, spaces around it allowed; anything else is no number.
fn whole(text: &str) -> Option<u64> {
    let text = text.trim_matches([' ', '\t']);
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, the one form RFC 9110 lets senders use) in
/// Unix epoch seconds. Read here rather than with a crate: it is one fixed layout, and the
/// adapter protocol has no date crate to lean on. The obsolete forms are left unread.
fn http_date(text: &str) -> Option<u64> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = text.trim().split(' ').collect();
    let [weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let fixed = |text: &str, width: usize| whole(text).filter(|_| text.len() == width);
    let weekday = weekday.strip_suffix(',')?;
    if !DAYS.contains(&weekday) {
        return None;
    }
    let (day, year) = (fixed(day, 2)?, fixed(year, 4)?);
    let month = MONTHS.iter().position(|name| name == month)? as u64 + 1;
    let [hour, minute, second] = time.split(':').collect::<Vec<_>>()[..] else {
        return None;
    };
    let (hour, minute, second) = (fixed(hour, 2)?, fixed(minute, 2)?, fixed(second, 2)?);
    if !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 || year < 1970 {
        return None;
    }
    Some(days_since_epoch(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days from 1970-01-01 to the proleptic Gregorian `year`-`month`-`day` (Howard Hinnant's
/// `days_from_civil`, for years from 1970).
fn days_since_epoch(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = of_era * 365 + of_era / 4 - of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::Value;

    use super::*;

    const GORGIAS: RateLimitHeaders = RateLimitHeaders::new(
        Quota::UsedOfLimit("x-gorgias-account-api-call-limit"),
        Reset::RetryAfter,
    );

    const TEAMWORK: RateLimitHeaders = RateLimitHeaders::new(
        Quota::LimitAndRemaining {
            limit: "x-rate-limit-limit",
            remaining: "x-rate-limit-remaining",
        },
        Reset::SecondsOrEpoch("x-rate-limit-reset"),
    );

    /// 2026-11-27T10:00:00Z.
    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_795_773_600)
    }

    fn answer(headers: &[(&'static str, &str)]) -> NativeResponse {
        NativeResponse {
            status: 200,
            headers: headers
                .iter()
                .map(|&(name, value)| (name, value.to_owned()))
                .collect(),
            body: Value::Null,
        }
    }

    fn read(declared: RateLimitHeaders, headers: &[(&'static str, &str)]) -> RateLimit {
        declared.read(&answer(headers), now())
    }

    #[test]
    fn gorgias_used_of_limit_becomes_limit_and_remaining() {
        let told = read(GORGIAS, &[("x-gorgias-account-api-call-limit", "10/40")]);
        assert_eq!(
            told,
            RateLimit {
                limit: Some(40),
                remaining: Some(30),
                ..RateLimit::default()
            }
        );
        let refused = read(
            GORGIAS,
            &[
                ("x-gorgias-account-api-call-limit", "41/40"),
                ("retry-after", "7"),
            ],
        );
        assert_eq!(
            refused,
            RateLimit {
                limit: Some(40),
                remaining: Some(0),
                reset: Some(7),
                retry_after: Some(7),
            }
        );
    }

    #[test]
    fn teamwork_reset_is_an_epoch_time_above_the_floor_and_seconds_below_it() {
        let epoch = read(
            TEAMWORK,
            &[
                ("x-rate-limit-limit", "150"),
                ("x-rate-limit-remaining", "0"),
                ("x-rate-limit-reset", "1795773660"),
            ],
        );
        assert_eq!(
            epoch,
            RateLimit {
                limit: Some(150),
                remaining: Some(0),
                reset: Some(60),
                retry_after: None,
            }
        );
        assert_eq!(
            read(TEAMWORK, &[("x-rate-limit-reset", "42")]).reset,
            Some(42)
        );
        assert_eq!(
            read(TEAMWORK, &[("x-rate-limit-reset", "1000000000")]).reset,
            Some(1_000_000_000),
            "the floor itself is seconds"
        );
        // A reset time already past is no wait at all.
        assert_eq!(
            read(TEAMWORK, &[("x-rate-limit-reset", "1795773000")]).reset,
            Some(0)
        );
    }

    #[test]
    fn odd_values_are_left_out() {
        for odd in [
            "",
            " ",
            "-1",
            "1.5",
            "+3",
            "1e3",
            "ten",
            "0x10",
            "99999999999999999999",
        ] {
            let told = read(
                TEAMWORK,
                &[
                    ("x-rate-limit-limit", odd),
                    ("x-rate-limit-remaining", odd),
                    ("x-rate-limit-reset", odd),
                    ("retry-after", odd),
                ],
            );
            assert_eq!(told, RateLimit::default(), "{odd:?}");
        }
        for odd in ["40", "10/", "/40", "10/40/2", "a/40", "10 / forty", "10:40"] {
            let told = read(GORGIAS, &[("x-gorgias-account-api-call-limit", odd)]);
            assert_eq!(told, RateLimit::default(), "{odd:?}");
        }
        assert_eq!(
            read(GORGIAS, &[("x-gorgias-account-api-call-limit", " 10/40 ")]).remaining,
            Some(30),
            "spaces around a number are allowed"
        );
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_as_a_date_from_now() {
        let after = |value: &str| read(RateLimitHeaders::NONE, &[("retry-after", value)]);
        assert_eq!(after("120").retry_after, Some(120));
        assert_eq!(after("Fri, 27 Nov 2026 10:01:30 GMT").retry_after, Some(90));
        assert_eq!(
            after("Fri, 27 Nov 2026 09:59:00 GMT").retry_after,
            Some(0),
            "a date already past is no wait at all"
        );
        for odd in [
            "Friday, 27-Nov-26 10:01:30 GMT",
            "Fri Nov 27 10:01:30 2026",
            "Fri, 27 Nov 2026 10:01:30 UTC",
            "Fri, 32 Nov 2026 10:01:30 GMT",
            "Fri, 27 Now 2026 10:01:30 GMT",
            "Fri, 27 Nov 2026 24:01:30 GMT",
            "Fri, 7 Nov 2026 10:01:30 GMT",
        ] {
            assert_eq!(after(odd).retry_after, None, "{odd:?}");
        }
        assert_eq!(
            after("120").reset,
            None,
            "no reset without a declaration that says where it is"
        );
    }

    #[test]
    fn dates_count_days_as_the_calendar_does() {
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            http_date("Tue, 29 Feb 2000 00:00:00 GMT"),
            Some(951_782_400)
        );
        assert_eq!(
            http_date("Fri, 27 Nov 2026 10:00:00 GMT"),
            Some(1_795_773_600)
        );
    }

    #[test]
    fn only_the_declared_headers_and_retry_after_are_kept() {
        assert_eq!(
            RateLimitHeaders::NONE.names().collect::<Vec<_>>(),
            ["retry-after"]
        );
        assert_eq!(
            GORGIAS.names().collect::<Vec<_>>(),
            ["x-gorgias-account-api-call-limit", "retry-after"]
        );
        assert_eq!(
            TEAMWORK.names().collect::<Vec<_>>(),
            [
                "x-rate-limit-limit",
                "x-rate-limit-remaining",
                "x-rate-limit-reset",
                "retry-after"
            ]
        );
        assert_eq!(read(RateLimitHeaders::NONE, &[]), RateLimit::default());
    }
}
