//! The `date-time` format: an RFC 3339 `date-time` (RFC 3339 section 5.6).

/// The value of the two ASCII digits `tens` and `ones`.
#[inline(always)]
fn two_digits(tens: u8, ones: u8) -> Option<u32> {
    let (tens, ones) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
    (tens < 10 && ones < 10).then(|| u32::from(tens) * 10 + u32::from(ones))
}

/// Days in `month` (1-12) of `year`, with Gregorian leap years.
const fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// `full-date "T" full-time`:
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, `T` and `Z` in either case.
///
/// A leap second (`:60`) is accepted only where the time, moved to UTC by its offset, is
/// 23:59, on any date: the table of past leap seconds (RFC 3339 appendix D) is not consulted.
pub(super) fn is_date_time(bytes: &[u8]) -> bool {
    // The fixed part, `YYYY-MM-DDTHH:MM:SS`, read at known places.
    let Some((fixed, rest)) = bytes.split_first_chunk::<19>() else {
        return false;
    };
    let [
        y0,
        y1,
        y2,
        y3,
        dash,
        m0,
        m1,
        dash2,
        d0,
        d1,
        t,
        h0,
        h1,
        colon,
        n0,
        n1,
        colon2,
        s0,
        s1,
    ] = *fixed;
    if dash != b'-' || dash2 != b'-' || !matches!(t, b'T' | b't') || colon != b':' || colon2 != b':'
    {
        return false;
    }
    let (
        Some(century),
        Some(year_of_century),
        Some(month),
        Some(day),
        Some(hour),
        Some(minute),
        Some(second),
    ) = (
        two_digits(y0, y1),
        two_digits(y2, y3),
        two_digits(m0, m1),
        two_digits(d0, d1),
        two_digits(h0, h1),
        two_digits(n0, n1),
        two_digits(s0, s1),
    )
    else {
        return false;
    };
    let year = century * 100 + year_of_century;
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }

    let offset_text = match rest {
        [b'.', fraction @ ..] => {
            let digits = fraction
                .iter()
                .position(|byte| !byte.is_ascii_digit())
                .unwrap_or(fraction.len());
            if digits == 0 {
                return false;
            }
            &fraction[digits..]
        }
        _ => rest,
    };

    // The offset east of UTC, in minutes.
    let offset: i32 = match *offset_text {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] => {
            let (Some(offset_hour), Some(offset_minute)) = (two_digits(h0, h1), two_digits(m0, m1))
            else {
                return false;
            };
            if offset_hour > 23 || offset_minute > 59 {
                return false;
            }
            // At most 23 * 60 + 59, so the cast is lossless.
            let minutes = (offset_hour * 60 + offset_minute) as i32;
            if sign == b'+' { minutes } else { -minutes }
        }
        _ => return false,
    };

    // Leap seconds are inserted at the end of a UTC day only.
    second != 60 || ((hour * 60 + minute) as i32 - offset).rem_euclid(24 * 60) == 23 * 60 + 59
}

#[cfg(test)]
mod tests {
    use super::super::Format;
    use super::super::tests::{accepts, rejects};

    /// The RFC 3339 shape: digits, separators, fraction and offset.
    #[test]
    fn date_time_shapes() {
        accepts(
            Format::DateTime,
            &[
                "1985-04-12T23:20:50.52Z",
                "1996-12-19T16:39:57-08:00",
                "1937-01-01T12:00:27.87+00:20",
                "2024-01-01t00:00:00z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.123456789+23:59",
                "2024-06-30T12:00:00-00:00",
            ],
        );
        rejects(
            Format::DateTime,
            &[
                "",
                "2024-01-01",
                "2024-01-01T00:00:00",
                "2024-01-01 00:00:00Z",
                "2024-01-01T00:00Z",
                "2024-1-01T00:00:00Z",
                "24-01-01T00:00:00Z",
                "2024-01-01T00:00:00.Z",
                "2024-01-01T00:00:00ZZ",
                "2024-01-01T00:00:00+0100",
                "2024-01-01T00:00:00+01",
                "2024-01-01T00:00:00+01:00:00",
                "2024-01-01T00:00:00+24:00",
                "2024-01-01T00:00:00+01:60",
                "2024-01-01T24:00:00Z",
                "2024-01-01T00:60:00Z",
                "2024-01-01T00:00:61Z",
                "2024-13-01T00:00:00Z",
                "2024-00-01T00:00:00Z",
                "2024-01-00T00:00:00Z",
                "2024-01-32T00:00:00Z",
                "2024-04-31T00:00:00Z",
                "+2024-01-01T00:00:00Z",
                "2024-01-01T00:00:00,5Z",
                "2024-01-01T00:00:00\u{ff3a}",
                "\u{0662}024-01-01T00:00:00Z",
            ],
        );
    }

    /// February 29th only in Gregorian leap years.
    #[test]
    fn date_time_leap_years() {
        accepts(
            Format::DateTime,
            &[
                "2024-02-29T00:00:00Z",
                "2000-02-29T00:00:00Z",
                "1600-02-29T00:00:00Z",
                "0000-02-29T00:00:00Z",
                "2023-02-28T00:00:00Z",
            ],
        );
        rejects(
            Format::DateTime,
            &[
                "2023-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z",
                "2100-02-29T00:00:00Z",
                "2024-02-30T00:00:00Z",
            ],
        );
    }

    /// Second 60 only at 23:59 UTC, once the offset is taken off.
    #[test]
    fn date_time_leap_seconds() {
        accepts(
            Format::DateTime,
            &[
                "1998-12-31T23:59:60Z",
                "1998-12-31T23:59:60.5z",
                "1998-12-31T15:59:60-08:00",
                "1999-01-01T00:59:60+01:00",
                "1999-01-01T05:29:60+05:30",
                "1998-12-31T23:29:60-00:30",
                // Any date: the list of real leap seconds is not consulted.
                "2024-05-05T23:59:60Z",
            ],
        );
        rejects(
            Format::DateTime,
            &[
                "1998-12-31T23:58:60Z",
                "1998-12-31T22:59:60Z",
                "1998-12-31T23:59:60+01:00",
                "1998-12-31T23:59:60-00:01",
                "1998-12-31T00:00:60Z",
            ],
        );
    }
}
