//! String format checks for fields that require a JSON Schema `format` (`email`, `uri`,
//! `date-time`, `uuid`), written to give the same verdicts as the `jsonschema` crate (0.61).

use std::net::{Ipv4Addr, Ipv6Addr};

/// A string format a field can require; each follows the JSON Schema format of the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `email`: an RFC 5321 mailbox, `local-part@domain`, with an ASCII hostname or an
    /// `[a.b.c.d]` / `[IPv6:...]` address literal as the domain.
    Email,
    /// `uri`: an RFC 3986 absolute URI, that is one with a scheme.
    Uri,
    /// `date-time`: an RFC 3339 `date-time`, such as `2024-02-29T23:59:60Z`.
    DateTime,
    /// `uuid`: an RFC 4122 UUID in its hyphenated 8-4-4-4-12 hex form, in either case.
    Uuid,
}

impl Format {
    /// The JSON Schema `format` keyword value: "email", "uri", "date-time", "uuid".
    #[must_use]
    pub const fn keyword(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Uri => "uri",
            Self::DateTime => "date-time",
            Self::Uuid => "uuid",
        }
    }

    /// Whether `text` is of this format.
    #[must_use]
    pub fn check(self, text: &str) -> bool {
        match self {
            Self::Email => is_email(text),
            Self::Uri => is_uri(text.as_bytes()),
            Self::DateTime => is_date_time(text.as_bytes()),
            Self::Uuid => is_uuid(text.as_bytes()),
        }
    }

    /// A short human description for error messages, e.g. "an email address", "a URI with a
    /// scheme", "an RFC 3339 date-time", "a UUID".
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Email => "an email address",
            Self::Uri => "a URI with a scheme",
            Self::DateTime => "an RFC 3339 date-time",
            Self::Uuid => "a UUID",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// uuid (RFC 4122 string form)
// ---------------------------------------------------------------------------------------------

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits of either case; no braces, no `urn:uuid:`.
fn is_uuid(bytes: &[u8]) -> bool {
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

// ---------------------------------------------------------------------------------------------
// date-time (RFC 3339 section 5.6)
// ---------------------------------------------------------------------------------------------

/// The value of the two ASCII digits at `at` and `at + 1`.
#[inline]
fn two_digits(bytes: &[u8], at: usize) -> Option<u32> {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(&tens), Some(&ones)) if tens.is_ascii_digit() && ones.is_ascii_digit() => {
            Some(u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
        }
        _ => None,
    }
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
fn is_date_time(bytes: &[u8]) -> bool {
    // Shortest form: `YYYY-MM-DDTHH:MM:SSZ`.
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return false;
    }
    let (Some(century), Some(year_of_century), Some(month), Some(day)) = (
        two_digits(bytes, 0),
        two_digits(bytes, 2),
        two_digits(bytes, 5),
        two_digits(bytes, 8),
    ) else {
        return false;
    };
    let year = century * 100 + year_of_century;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        two_digits(bytes, 11),
        two_digits(bytes, 14),
        two_digits(bytes, 17),
    ) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }

    let mut at = 19;
    if bytes[at] == b'.' {
        at += 1;
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return false;
        }
        at += digits;
    }

    // The offset east of UTC, in minutes.
    let offset: i32 = match bytes.get(at) {
        Some(b'Z' | b'z') if at + 1 == bytes.len() => 0,
        Some(&sign @ (b'+' | b'-')) if bytes.len() - at == 6 && bytes[at + 3] == b':' => {
            let (Some(offset_hour), Some(offset_minute)) =
                (two_digits(bytes, at + 1), two_digits(bytes, at + 4))
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

// ---------------------------------------------------------------------------------------------
// uri (RFC 3986 section 3, `URI` rule)
// ---------------------------------------------------------------------------------------------

/// unreserved (`ALPHA DIGIT - . _ ~`) and sub-delims (`! $ & ' ( ) * + , ; =`).
const PLAIN: u8 = 1;
const COLON: u8 = 2;
const AT_SIGN: u8 = 4;
const SLASH: u8 = 8;
const QUESTION_MARK: u8 = 16;

/// What a `reg-name` holds, besides percent-encoded octets.
const REG_NAME: u8 = PLAIN;
/// What a `userinfo` holds, besides percent-encoded octets.
const USERINFO: u8 = PLAIN | COLON;
/// What a path (any of its five kinds, once the authority is split off) holds.
const PATH: u8 = PLAIN | COLON | AT_SIGN | SLASH;
/// What a `query` or a `fragment` holds.
const QUERY_OR_FRAGMENT: u8 = PATH | QUESTION_MARK;

/// The character classes above for each byte; 0 for every other byte, `%` included.
const URI_BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut index = 0;
    while index < 256 {
        let byte = index as u8;
        table[index] = match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => PLAIN,
            b'-' | b'.' | b'_' | b'~' => PLAIN,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => PLAIN,
            b':' => COLON,
            b'@' => AT_SIGN,
            b'/' => SLASH,
            b'?' => QUESTION_MARK,
            _ => 0,
        };
        index += 1;
    }
    table
};

/// Skips the bytes of `class` and the percent-encoded octets from `at`; returns where the run
/// ends, or `None` on a `%` not followed by two hex digits.
#[inline]
fn skip_class(bytes: &[u8], mut at: usize, class: u8) -> Option<usize> {
    while let Some(&byte) = bytes.get(at) {
        if URI_BYTE_CLASS[usize::from(byte)] & class != 0 {
            at += 1;
        } else if byte == b'%' {
            match bytes.get(at + 1..at + 3) {
                Some([high, low]) if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() => {
                    at += 3;
                }
                _ => return None,
            }
        } else {
            break;
        }
    }
    Some(at)
}

/// Whether all of `bytes` is of `class` or percent-encoded octets.
#[inline]
fn all_of_class(bytes: &[u8], class: u8) -> bool {
    skip_class(bytes, 0, class) == Some(bytes.len())
}

/// `scheme ":" hier-part [ "?" query ] [ "#" fragment ]`.
fn is_uri(bytes: &[u8]) -> bool {
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let scheme_length = bytes
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count();
    if bytes.get(scheme_length) != Some(&b':') {
        return false;
    }
    let mut at = scheme_length + 1;

    // hier-part = "//" authority path-abempty / path-absolute / path-rootless / path-empty
    if bytes[at..].starts_with(b"//") {
        let start = at + 2;
        let end = bytes[start..]
            .iter()
            .position(|&b| matches!(b, b'/' | b'?' | b'#'))
            .map_or(bytes.len(), |length| start + length);
        if !is_authority(&bytes[start..end]) {
            return false;
        }
        at = end;
    }
    // Once the authority is gone every kind of path is `*( pchar / "/" )`: the rules that tell
    // them apart only keep a path from starting with `//`, which the branch above took.
    let Some(mut at) = skip_class(bytes, at, PATH) else {
        return false;
    };
    if bytes.get(at) == Some(&b'?') {
        let Some(end) = skip_class(bytes, at + 1, QUERY_OR_FRAGMENT) else {
            return false;
        };
        at = end;
    }
    if bytes.get(at) == Some(&b'#') {
        let Some(end) = skip_class(bytes, at + 1, QUERY_OR_FRAGMENT) else {
            return false;
        };
        at = end;
    }
    at == bytes.len()
}

/// `authority = [ userinfo "@" ] host [ ":" port ]`, with
/// `host = IP-literal / IPv4address / reg-name` (an IPv4 address is also a `reg-name`).
fn is_authority(bytes: &[u8]) -> bool {
    // A userinfo holds no `@`, so the first one ends it.
    let host_and_port = match bytes.iter().position(|&b| b == b'@') {
        Some(at) => {
            if !all_of_class(&bytes[..at], USERINFO) {
                return false;
            }
            &bytes[at + 1..]
        }
        None => bytes,
    };
    let after_host = if let Some(literal) = host_and_port.strip_prefix(b"[") {
        let Some(close) = literal.iter().position(|&b| b == b']') else {
            return false;
        };
        if !is_ip_literal(&literal[..close]) {
            return false;
        }
        &literal[close + 1..]
    } else {
        let Some(end) = skip_class(host_and_port, 0, REG_NAME) else {
            return false;
        };
        &host_and_port[end..]
    };
    match after_host.split_first() {
        None => true,
        // port = *DIGIT
        Some((b':', port)) => port.iter().all(u8::is_ascii_digit),
        Some(_) => false,
    }
}

/// The inside of `IP-literal = "[" ( IPv6address / IPvFuture ) "]"`.
fn is_ip_literal(bytes: &[u8]) -> bool {
    match bytes.split_first() {
        // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
        Some((b'v' | b'V', rest)) => {
            let version = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
            match rest[version..].split_first() {
                Some((b'.', address)) if version > 0 && !address.is_empty() => address
                    .iter()
                    .all(|&b| URI_BYTE_CLASS[usize::from(b)] & (PLAIN | COLON) != 0),
                _ => false,
            }
        }
        _ => is_rfc3986_ipv6(bytes),
    }
}

/// RFC 3986 `IPv6address`: eight 16-bit groups of 1-4 hex digits separated by `:`, the last two
/// optionally written as an `IPv4address`, with at most one `::` standing for one or more zero
/// groups. No zone identifier.
fn is_rfc3986_ipv6(bytes: &[u8]) -> bool {
    let mut groups = 0;
    let mut elided = false;
    let mut at = 0;
    if bytes.starts_with(b"::") {
        elided = true;
        at = 2;
        if at == bytes.len() {
            return true;
        }
    }
    loop {
        let start = at;
        let digits = bytes[at..]
            .iter()
            .take(4)
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        at += digits;
        if bytes.get(at) == Some(&b'.') {
            // ls32 in its dotted form: the rest is an IPv4 address, worth two groups.
            if !is_rfc3986_ipv4(&bytes[start..]) {
                return false;
            }
            groups += 2;
            break;
        }
        if digits == 0 {
            return false;
        }
        groups += 1;
        if groups > 8 {
            return false;
        }
        match bytes.get(at) {
            None => break,
            Some(b':') => at += 1,
            Some(_) => return false,
        }
        if bytes.get(at) == Some(&b':') {
            if elided {
                return false;
            }
            elided = true;
            at += 1;
            if at == bytes.len() {
                break;
            }
        }
    }
    if elided { groups <= 7 } else { groups == 8 }
}

/// RFC 3986 `IPv4address`: four `dec-octet`s, 0-255 without leading zeros, joined by dots.
fn is_rfc3986_ipv4(bytes: &[u8]) -> bool {
    let mut octets = 0;
    for octet in bytes.split(|&b| b == b'.') {
        octets += 1;
        let valid = match octet {
            [digit] => digit.is_ascii_digit(),
            [b'1'..=b'9', b'0'..=b'9'] => true,
            [b'1', b'0'..=b'9', b'0'..=b'9'] => true,
            [b'2', b'0'..=b'4', b'0'..=b'9'] => true,
            [b'2', b'5', b'0'..=b'5'] => true,
            _ => false,
        };
        if !valid || octets > 4 {
            return false;
        }
    }
    octets == 4
}

// ---------------------------------------------------------------------------------------------
// email (RFC 5321 mailbox, parsed the way `email_address` 0.2 and `jsonschema` do)
// ---------------------------------------------------------------------------------------------

/// A mailbox `local-part@domain`.
///
/// To agree with `jsonschema`, which runs the `email_address` crate first, this also takes the
/// display form `Name <local-part@domain>` (the last ` <` outside quotes starts the address, the
/// text after it is trimmed and must end in `>`). The local part is a dot-atom or a quoted string
/// of ASCII characters, at most 64 bytes; `""` (empty quoted) is taken only outside the display
/// form. The domain is an ASCII hostname (see [`is_hostname`]) or an address literal `[a.b.c.d]`
/// or `[IPv6:...]`.
fn is_email(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The last ` <` outside a quoted string (where `\` escapes the next character).
    let mut separator = None;
    let mut in_quotes = false;
    let mut escaped = false;
    for (index, &byte) in bytes.iter().enumerate() {
        if !in_quotes && byte == b' ' && bytes.get(index + 1) == Some(&b'<') {
            separator = Some(index);
        }
        if escaped {
            escaped = false;
        } else if in_quotes && byte == b'\\' {
            escaped = true;
        } else if byte == b'"' {
            in_quotes = !in_quotes;
        }
    }
    let address = match separator {
        Some(index) => {
            // Both ` ` and `<` are one byte, so `index + 2` is a character boundary.
            match text[index + 2..].trim().strip_suffix('>') {
                Some(address) => address,
                None => return false,
            }
        }
        None => text,
    };
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    let local_valid = if separator.is_none() && local == "\"\"" {
        // `jsonschema` takes an empty quoted local part (RFC 5321 allows it) when it opens the
        // text, which with no display part it does.
        true
    } else {
        is_local_part(local.as_bytes())
    };
    local_valid && is_email_domain(domain.as_bytes())
}

/// `local-part = dot-atom / quoted-string`, ASCII only, 1-64 bytes.
fn is_local_part(bytes: &[u8]) -> bool {
    if bytes.is_empty() || bytes.len() > 64 || !bytes.is_ascii() {
        return false;
    }
    if bytes.len() >= 2 && bytes[0] == b'"' && bytes[bytes.len() - 1] == b'"' {
        // quoted-string, at least one character between the quotes.
        let content = &bytes[1..bytes.len() - 1];
        if content.is_empty() {
            return false;
        }
        let mut at = 0;
        while let Some(&byte) = content.get(at) {
            match byte {
                // quoted-pair: `\` and a visible character (not a space).
                b'\\' => match content.get(at + 1) {
                    Some(0x21..=0x7E) => at += 2,
                    _ => return false,
                },
                // qtext and white space.
                b' ' | b'\t' | 0x21 | 0x23..=0x5B | 0x5D..=0x7E => at += 1,
                _ => return false,
            }
        }
        true
    } else {
        // dot-atom: atoms of atext joined by single dots.
        bytes.split(|&b| b == b'.').all(|atom| {
            !atom.is_empty()
                && atom.iter().all(|&b| {
                    b.is_ascii_alphanumeric()
                        || matches!(
                            b,
                            b'!' | b'#'
                                | b'$'
                                | b'%'
                                | b'&'
                                | b'\''
                                | b'*'
                                | b'+'
                                | b'-'
                                | b'/'
                                | b'='
                                | b'?'
                                | b'^'
                                | b'_'
                                | b'`'
                                | b'{'
                                | b'|'
                                | b'}'
                                | b'~'
                        )
                })
        })
    }
}

/// A hostname, `[IPv6:address]` (tag in any case) or `[a.b.c.d]`.
fn is_email_domain(bytes: &[u8]) -> bool {
    match bytes {
        [b'[', literal @ .., b']'] => {
            // Both forms are ASCII; anything else fails the UTF-8 or the address parse.
            let Ok(literal) = std::str::from_utf8(literal) else {
                return false;
            };
            match literal.get(..5) {
                Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => {
                    literal[5..].parse::<Ipv6Addr>().is_ok()
                }
                _ => literal.parse::<Ipv4Addr>().is_ok(),
            }
        }
        _ => is_hostname(bytes),
    }
}

/// An RFC 1123 hostname as `jsonschema` checks it: at most 253 bytes, no trailing dot, labels of
/// 1-63 of `A-Z a-z 0-9 -` neither starting nor ending with `-`. A label with `--` in its third
/// and fourth places must be an A-label: `xn--` and Punycode that decodes to a valid U-label.
fn is_hostname(bytes: &[u8]) -> bool {
    if bytes.is_empty() || bytes.len() > 253 {
        return false;
    }
    bytes.split(|&b| b == b'.').all(|label| {
        let shape_valid = matches!(label.len(), 1..=63)
            && label[0] != b'-'
            && label[label.len() - 1] != b'-'
            && label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-');
        shape_valid
            && match label {
                [b'x', b'n', b'-', b'-', payload @ ..] => is_a_label_payload(payload),
                [_, _, b'-', b'-', ..] => false,
                _ => true,
            }
    })
}

// ---------------------------------------------------------------------------------------------
// A-labels: Punycode (RFC 3492) and the IDNA 2008 checks on the decoded label (RFC 5891/5892)
// ---------------------------------------------------------------------------------------------

const PUNYCODE_BASE: u32 = 36;
const PUNYCODE_T_MIN: u32 = 1;
const PUNYCODE_T_MAX: u32 = 26;
const PUNYCODE_SKEW: u32 = 38;
const PUNYCODE_DAMP: u32 = 700;
const PUNYCODE_INITIAL_BIAS: u32 = 72;
const PUNYCODE_INITIAL_N: u32 = 0x80;

/// Longest decoded label: each code point takes at least one byte of a 63-byte label.
const MAX_LABEL_CHARS: usize = 64;

/// Whether the Punycode after `xn--` decodes and the result passes [`is_u_label`].
fn is_a_label_payload(payload: &[u8]) -> bool {
    let mut decoded = ['\0'; MAX_LABEL_CHARS];
    match punycode_decode(payload, &mut decoded) {
        Some(length) => is_u_label(&decoded[..length]),
        None => false,
    }
}

/// RFC 3492 section 6.1.
fn punycode_adapt(delta: u32, points: u32, first_time: bool) -> u32 {
    let mut delta = if first_time {
        delta / PUNYCODE_DAMP
    } else {
        delta / 2
    };
    delta += delta / points;
    let mut k = 0;
    while delta > ((PUNYCODE_BASE - PUNYCODE_T_MIN) * PUNYCODE_T_MAX) / 2 {
        delta /= PUNYCODE_BASE - PUNYCODE_T_MIN;
        k += PUNYCODE_BASE;
    }
    k + (PUNYCODE_BASE - PUNYCODE_T_MIN + 1) * delta / (delta + PUNYCODE_SKEW)
}

/// The value of a Punycode digit: `a-z` (either case) are 0-25, `0-9` are 26-35.
fn punycode_digit(byte: u8) -> Option<u32> {
    match byte {
        b'a'..=b'z' => Some(u32::from(byte - b'a')),
        b'A'..=b'Z' => Some(u32::from(byte - b'A')),
        b'0'..=b'9' => Some(u32::from(byte - b'0') + 26),
        _ => None,
    }
}

/// RFC 3492 section 6.2 decoding into `output`; the number of code points written, or `None`
/// where the input is not Punycode (bad digit, truncated number, overflow, not a scalar value).
fn punycode_decode(input: &[u8], output: &mut [char; MAX_LABEL_CHARS]) -> Option<usize> {
    // Basic code points come before the last `-`; a `-` that opens the input is not a delimiter.
    let (basic, encoded) = match input.iter().rposition(|&b| b == b'-') {
        Some(delimiter) if delimiter > 0 => (&input[..delimiter], &input[delimiter + 1..]),
        _ => (&input[..0], input),
    };
    let mut length = 0;
    for &byte in basic {
        *output.get_mut(length)? = char::from(byte);
        length += 1;
    }

    let mut n = PUNYCODE_INITIAL_N;
    let mut i: u32 = 0;
    let mut bias = PUNYCODE_INITIAL_BIAS;
    let mut digits = encoded.iter();
    while digits.len() > 0 {
        let old_i = i;
        let mut weight: u32 = 1;
        let mut k = PUNYCODE_BASE;
        loop {
            let digit = punycode_digit(*digits.next()?)?;
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let threshold = if k <= bias {
                PUNYCODE_T_MIN
            } else if k >= bias + PUNYCODE_T_MAX {
                PUNYCODE_T_MAX
            } else {
                k - bias
            };
            if digit < threshold {
                break;
            }
            weight = weight.checked_mul(PUNYCODE_BASE - threshold)?;
            k += PUNYCODE_BASE;
        }
        // `length` is below MAX_LABEL_CHARS, so the cast is lossless.
        let points = length as u32 + 1;
        bias = punycode_adapt(i - old_i, points, old_i == 0);
        n = n.checked_add(i / points)?;
        i %= points;
        let code_point = char::from_u32(n)?;
        if length == MAX_LABEL_CHARS {
            return None;
        }
        let position = i as usize;
        output.copy_within(position..length, position + 1);
        output[position] = code_point;
        length += 1;
        i += 1;
    }
    Some(length)
}

/// Code points that end in a virama (canonical combining class 9), after which a ZERO WIDTH
/// JOINER may stand (RFC 5892 appendix A.2), as `jsonschema` 0.61 lists them.
const VIRAMAS: [char; 50] = [
    '\u{094D}',
    '\u{09CD}',
    '\u{0A4D}',
    '\u{0ACD}',
    '\u{0B4D}',
    '\u{0BCD}',
    '\u{0C4D}',
    '\u{0CCD}',
    '\u{0D4D}',
    '\u{0DCA}',
    '\u{0E3A}',
    '\u{0F84}',
    '\u{1039}',
    '\u{1714}',
    '\u{1734}',
    '\u{17D2}',
    '\u{1A60}',
    '\u{1B44}',
    '\u{1BAA}',
    '\u{1BF2}',
    '\u{1BF3}',
    '\u{2D7F}',
    '\u{A806}',
    '\u{A8C4}',
    '\u{A953}',
    '\u{ABED}',
    '\u{10A3F}',
    '\u{11046}',
    '\u{1107F}',
    '\u{110B9}',
    '\u{11133}',
    '\u{111C0}',
    '\u{11235}',
    '\u{112EA}',
    '\u{1134D}',
    '\u{11442}',
    '\u{114C2}',
    '\u{115BF}',
    '\u{1163F}',
    '\u{116B6}',
    '\u{1172B}',
    '\u{11839}',
    '\u{119E0}',
    '\u{11A34}',
    '\u{11A47}',
    '\u{11A99}',
    '\u{11C3F}',
    '\u{11D44}',
    '\u{11D45}',
    '\u{11D97}',
];

/// The IDNA 2008 checks `jsonschema` makes on a decoded A-label: no leading combining mark, the
/// CONTEXTJ/CONTEXTO rules of RFC 5892 appendix A, a few DISALLOWED code points, and otherwise
/// only letters, combining marks and decimal digits beyond ASCII.
fn is_u_label(label: &[char]) -> bool {
    if label.first().is_some_and(|&first| is_combining_mark(first)) {
        return false;
    }
    let mut katakana_middle_dot = false;
    let mut hiragana_katakana_or_han = false;
    let mut arabic_indic_digits = false;
    let mut extended_arabic_indic_digits = false;
    for (index, &current) in label.iter().enumerate() {
        let previous = index.checked_sub(1).map(|before| label[before]);
        let next = label.get(index + 1).copied();
        let allowed = match current {
            // ZERO WIDTH JOINER, only after a virama (A.2).
            '\u{200D}' => previous.is_some_and(|p| VIRAMAS.contains(&p)),
            // MIDDLE DOT, only between two `l` (A.3).
            '\u{00B7}' => previous == Some('l') && next == Some('l'),
            // GREEK LOWER NUMERAL SIGN, only before a Greek character (A.4).
            '\u{0375}' => next.is_some_and(|n| ('\u{0370}'..='\u{03FF}').contains(&n)),
            // HEBREW GERESH and GERSHAYIM, only after a Hebrew character (A.5, A.6).
            '\u{05F3}' | '\u{05F4}' => {
                previous.is_some_and(|p| ('\u{0590}'..='\u{05FF}').contains(&p))
            }
            // KATAKANA MIDDLE DOT, only in a label with Hiragana, Katakana or Han (A.7).
            '\u{30FB}' => {
                katakana_middle_dot = true;
                true
            }
            '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' => {
                hiragana_katakana_or_han = true;
                true
            }
            // The two kinds of Arabic-Indic digits do not mix (A.8, A.9).
            '\u{0660}'..='\u{0669}' => {
                arabic_indic_digits = true;
                true
            }
            '\u{06F0}'..='\u{06F9}' => {
                extended_arabic_indic_digits = true;
                true
            }
            // DISALLOWED exceptions (RFC 5892 section 2.6).
            '\u{0640}'
            | '\u{07FA}'
            | '\u{302E}'
            | '\u{302F}'
            | '\u{3031}'..='\u{3035}'
            | '\u{303B}' => false,
            // ZERO WIDTH NON-JOINER and PVALID exceptions outside the letter categories.
            '\u{200C}' | '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => true,
            other => other.is_ascii() || is_letter_mark_or_digit(other),
        };
        if !allowed {
            return false;
        }
    }
    (!katakana_middle_dot || hiragana_katakana_or_han)
        && !(arabic_indic_digits && extended_arabic_indic_digits)
}

/// Bit of [`CATEGORY_BOUNDARIES`]: the general category is `L*`, `Mn`, `Mc` or `Nd`.
const LETTER_MARK_OR_DIGIT: u32 = 1;
/// Bit of [`CATEGORY_BOUNDARIES`]: the general category is `Mn`, `Mc` or `Me`.
const COMBINING_MARK: u32 = 2;

/// The [`CATEGORY_BOUNDARIES`] bits of a non-ASCII `c`.
fn category_bits(c: char) -> u32 {
    let code_point = u32::from(c);
    let after = CATEGORY_BOUNDARIES.partition_point(|&entry| entry >> 2 <= code_point);
    match after.checked_sub(1) {
        Some(index) => CATEGORY_BOUNDARIES[index] & 3,
        None => 0,
    }
}

/// Whether `c` (non-ASCII) is a letter, a nonspacing or spacing mark or a decimal digit.
fn is_letter_mark_or_digit(c: char) -> bool {
    category_bits(c) & LETTER_MARK_OR_DIGIT != 0
}

/// Whether `c` is a combining mark (`Mn`, `Mc`, `Me`).
fn is_combining_mark(c: char) -> bool {
    !c.is_ascii() && category_bits(c) & COMBINING_MARK != 0
}

/// Unicode 16.0 general categories beyond ASCII, as the `unicode-general-category` crate 1.1
/// (which `jsonschema` uses) reports them, reduced to the two bits above: each entry is
/// `first_code_point << 2 | bits`, and holds up to the next entry's first code point.
/// Surrogates and unassigned code points carry no bits.
static CATEGORY_BOUNDARIES: [u32; 1836] = [
    0x200, 0x2A9, 0x2AC, 0x2D5, 0x2D8, 0x2E9, 0x2EC, 0x301, 0x35C, 0x361, 0x3DC, 0x3E1, 0xB08,
    0xB19, 0xB48, 0xB81, 0xB94, 0xBB1, 0xBB4, 0xBB9, 0xBBC, 0xC03, 0xDC1, 0xDD4, 0xDD9, 0xDE0,
    0xDE9, 0xDF8, 0xDFD, 0xE00, 0xE19, 0xE1C, 0xE21, 0xE2C, 0xE31, 0xE34, 0xE39, 0xE88, 0xE8D,
    0xFD8, 0xFDD, 0x1208, 0x120F, 0x1222, 0x1229, 0x14C0, 0x14C5, 0x155C, 0x1565, 0x1568, 0x1581,
    0x1624, 0x1647, 0x16F8, 0x16FF, 0x1700, 0x1707, 0x170C, 0x1713, 0x1718, 0x171F, 0x1720, 0x1741,
    0x17AC, 0x17BD, 0x17CC, 0x1843, 0x186C, 0x1881, 0x192F, 0x1981, 0x19A8, 0x19B9, 0x19C3, 0x19C5,
    0x1B50, 0x1B55, 0x1B5B, 0x1B74, 0x1B7F, 0x1B95, 0x1B9F, 0x1BA4, 0x1BAB, 0x1BB9, 0x1BF4, 0x1BFD,
    0x1C00, 0x1C41, 0x1C47, 0x1C49, 0x1CC3, 0x1D2C, 0x1D35, 0x1E9B, 0x1EC5, 0x1EC8, 0x1F01, 0x1FAF,
    0x1FD1, 0x1FD8, 0x1FE9, 0x1FEC, 0x1FF7, 0x1FF8, 0x2001, 0x205B, 0x2069, 0x206F, 0x2091, 0x2097,
    0x20A1, 0x20A7, 0x20B8, 0x2101, 0x2167, 0x2170, 0x2181, 0x21AC, 0x21C1, 0x2220, 0x2225, 0x223C,
    0x225F, 0x2281, 0x232B, 0x2388, 0x238F, 0x2411, 0x24EB, 0x24F5, 0x24FB, 0x2541, 0x2547, 0x2561,
    0x258B, 0x2590, 0x2599, 0x25C0, 0x25C5, 0x2607, 0x2610, 0x2615, 0x2634, 0x263D, 0x2644, 0x264D,
    0x26A4, 0x26A9, 0x26C4, 0x26C9, 0x26CC, 0x26D9, 0x26E8, 0x26F3, 0x26F5, 0x26FB, 0x2714, 0x271F,
    0x2724, 0x272F, 0x2739, 0x273C, 0x275F, 0x2760, 0x2771, 0x2778, 0x277D, 0x278B, 0x2790, 0x2799,
    0x27C8, 0x27F1, 0x27F4, 0x27FB, 0x27FC, 0x2807, 0x2810, 0x2815, 0x282C, 0x283D, 0x2844, 0x284D,
    0x28A4, 0x28A9, 0x28C4, 0x28C9, 0x28D0, 0x28D5, 0x28DC, 0x28E1, 0x28E8, 0x28F3, 0x28F4, 0x28FB,
    0x290C, 0x291F, 0x2924, 0x292F, 0x2938, 0x2947, 0x2948, 0x2965, 0x2974, 0x2979, 0x297C, 0x2999,
    0x29C3, 0x29C9, 0x29D7, 0x29D8, 0x2A07, 0x2A10, 0x2A15, 0x2A38, 0x2A3D, 0x2A48, 0x2A4D, 0x2AA4,
    0x2AA9, 0x2AC4, 0x2AC9, 0x2AD0, 0x2AD5, 0x2AE8, 0x2AF3, 0x2AF5, 0x2AFB, 0x2B18, 0x2B1F, 0x2B28,
    0x2B2F, 0x2B38, 0x2B41, 0x2B44, 0x2B81, 0x2B8B, 0x2B90, 0x2B99, 0x2BC0, 0x2BE5, 0x2BEB, 0x2C00,
    0x2C07, 0x2C10, 0x2C15, 0x2C34, 0x2C3D, 0x2C44, 0x2C4D, 0x2CA4, 0x2CA9, 0x2CC4, 0x2CC9, 0x2CD0,
    0x2CD5, 0x2CE8, 0x2CF3, 0x2CF5, 0x2CFB, 0x2D14, 0x2D1F, 0x2D24, 0x2D2F, 0x2D38, 0x2D57, 0x2D60,
    0x2D71, 0x2D78, 0x2D7D, 0x2D8B, 0x2D90, 0x2D99, 0x2DC0, 0x2DC5, 0x2DC8, 0x2E0B, 0x2E0D, 0x2E10,
    0x2E15, 0x2E2C, 0x2E39, 0x2E44, 0x2E49, 0x2E58, 0x2E65, 0x2E6C, 0x2E71, 0x2E74, 0x2E79, 0x2E80,
    0x2E8D, 0x2E94, 0x2EA1, 0x2EAC, 0x2EB9, 0x2EE8, 0x2EFB, 0x2F0C, 0x2F1B, 0x2F24, 0x2F2B, 0x2F38,
    0x2F41, 0x2F44, 0x2F5F, 0x2F60, 0x2F99, 0x2FC0, 0x3003, 0x3015, 0x3034, 0x3039, 0x3044, 0x3049,
    0x30A4, 0x30A9, 0x30E8, 0x30F3, 0x30F5, 0x30FB, 0x3114, 0x311B, 0x3124, 0x312B, 0x3138, 0x3157,
    0x315C, 0x3161, 0x316C, 0x3175, 0x3178, 0x3181, 0x318B, 0x3190, 0x3199, 0x31C0, 0x3201, 0x3207,
    0x3210, 0x3215, 0x3234, 0x3239, 0x3244, 0x3249, 0x32A4, 0x32A9, 0x32D0, 0x32D5, 0x32E8, 0x32F3,
    0x32F5, 0x32FB, 0x3314, 0x331B, 0x3324, 0x332B, 0x3338, 0x3357, 0x335C, 0x3375, 0x337C, 0x3381,
    0x338B, 0x3390, 0x3399, 0x33C0, 0x33C5, 0x33CF, 0x33D0, 0x3403, 0x3411, 0x3434, 0x3439, 0x3444,
    0x3449, 0x34EF, 0x34F5, 0x34FB, 0x3514, 0x351B, 0x3524, 0x352B, 0x3539, 0x353C, 0x3551, 0x355F,
    0x3560, 0x357D, 0x358B, 0x3590, 0x3599, 0x35C0, 0x35E9, 0x3600, 0x3607, 0x3610, 0x3615, 0x365C,
    0x3669, 0x36C8, 0x36CD, 0x36F0, 0x36F5, 0x36F8, 0x3701, 0x371C, 0x372B, 0x372C, 0x373F, 0x3754,
    0x375B, 0x375C, 0x3763, 0x3780, 0x3799, 0x37C0, 0x37CB, 0x37D0, 0x3805, 0x38C7, 0x38C9, 0x38D3,
    0x38EC, 0x3901, 0x391F, 0x393C, 0x3941, 0x3968, 0x3A05, 0x3A0C, 0x3A11, 0x3A14, 0x3A19, 0x3A2C,
    0x3A31, 0x3A90, 0x3A95, 0x3A98, 0x3A9D, 0x3AC7, 0x3AC9, 0x3AD3, 0x3AF5, 0x3AF8, 0x3B01, 0x3B14,
    0x3B19, 0x3B1C, 0x3B23, 0x3B3C, 0x3B41, 0x3B68, 0x3B71, 0x3B80, 0x3C01, 0x3C04, 0x3C63, 0x3C68,
    0x3C81, 0x3CA8, 0x3CD7, 0x3CD8, 0x3CDF, 0x3CE0, 0x3CE7, 0x3CE8, 0x3CFB, 0x3D01, 0x3D20, 0x3D25,
    0x3DB4, 0x3DC7, 0x3E14, 0x3E1B, 0x3E21, 0x3E37, 0x3E60, 0x3E67, 0x3EF4, 0x3F1B, 0x3F1C, 0x4001,
    0x40AF, 0x40FD, 0x4128, 0x4141, 0x415B, 0x4169, 0x417B, 0x4185, 0x418B, 0x4195, 0x419F, 0x41B9,
    0x41C7, 0x41D5, 0x420B, 0x4239, 0x423F, 0x4241, 0x426B, 0x4278, 0x4281, 0x4318, 0x431D, 0x4320,
    0x4335, 0x4338, 0x4341, 0x43EC, 0x43F1, 0x4924, 0x4929, 0x4938, 0x4941, 0x495C, 0x4961, 0x4964,
    0x4969, 0x4978, 0x4981, 0x4A24, 0x4A29, 0x4A38, 0x4A41, 0x4AC4, 0x4AC9, 0x4AD8, 0x4AE1, 0x4AFC,
    0x4B01, 0x4B04, 0x4B09, 0x4B18, 0x4B21, 0x4B5C, 0x4B61, 0x4C44, 0x4C49, 0x4C58, 0x4C61, 0x4D6C,
    0x4D77, 0x4D80, 0x4E01, 0x4E40, 0x4E81, 0x4FD8, 0x4FE1, 0x4FF8, 0x5005, 0x59B4, 0x59BD, 0x5A00,
    0x5A05, 0x5A6C, 0x5A81, 0x5BAC, 0x5BC5, 0x5BE4, 0x5C01, 0x5C4B, 0x5C58, 0x5C7D, 0x5CCB, 0x5CD4,
    0x5D01, 0x5D4B, 0x5D50, 0x5D81, 0x5DB4, 0x5DB9, 0x5DC4, 0x5DCB, 0x5DD0, 0x5E01, 0x5ED3, 0x5F50,
    0x5F5D, 0x5F60, 0x5F71, 0x5F77, 0x5F78, 0x5F81, 0x5FA8, 0x602F, 0x6038, 0x603F, 0x6041, 0x6068,
    0x6081, 0x61E4, 0x6201, 0x6217, 0x621D, 0x62A7, 0x62A9, 0x62AC, 0x62C1, 0x63D8, 0x6401, 0x647C,
    0x6483, 0x64B0, 0x64C3, 0x64F0, 0x6519, 0x65B8, 0x65C1, 0x65D4, 0x6601, 0x66B0, 0x66C1, 0x6728,
    0x6741, 0x6768, 0x6801, 0x685F, 0x6870, 0x6881, 0x6957, 0x697C, 0x6983, 0x69F4, 0x69FF, 0x6A01,
    0x6A28, 0x6A41, 0x6A68, 0x6A9D, 0x6AA0, 0x6AC3, 0x6AFA, 0x6AFF, 0x6B3C, 0x6C03, 0x6C15, 0x6CD3,
    0x6D15, 0x6D34, 0x6D41, 0x6D68, 0x6DAF, 0x6DD0, 0x6E03, 0x6E0D, 0x6E87, 0x6EB9, 0x6F9B, 0x6FD0,
    0x7001, 0x7093, 0x70E0, 0x7101, 0x7128, 0x7135, 0x71F8, 0x7201, 0x722C, 0x7241, 0x72EC, 0x72F5,
    0x7300, 0x7343, 0x734C, 0x7353, 0x73A5, 0x73B7, 0x73B9, 0x73D3, 0x73D5, 0x73DF, 0x73E9, 0x73EC,
    0x7401, 0x7703, 0x7801, 0x7C58, 0x7C61, 0x7C78, 0x7C81, 0x7D18, 0x7D21, 0x7D38, 0x7D41, 0x7D60,
    0x7D65, 0x7D68, 0x7D6D, 0x7D70, 0x7D75, 0x7D78, 0x7D7D, 0x7DF8, 0x7E01, 0x7ED4, 0x7ED9, 0x7EF4,
    0x7EF9, 0x7EFC, 0x7F09, 0x7F14, 0x7F19, 0x7F34, 0x7F41, 0x7F50, 0x7F59, 0x7F70, 0x7F81, 0x7FB4,
    0x7FC9, 0x7FD4, 0x7FD9, 0x7FF4, 0x81C5, 0x81C8, 0x81FD, 0x8200, 0x8241, 0x8274, 0x8343, 0x8376,
    0x8387, 0x838A, 0x8397, 0x83C4, 0x8409, 0x840C, 0x841D, 0x8420, 0x8429, 0x8450, 0x8455, 0x8458,
    0x8465, 0x8478, 0x8491, 0x8494, 0x8499, 0x849C, 0x84A1, 0x84A4, 0x84A9, 0x84B8, 0x84BD, 0x84E8,
    0x84F1, 0x8500, 0x8515, 0x8528, 0x8539, 0x853C, 0x860D, 0x8614, 0xB001, 0xB394, 0xB3AD, 0xB3BF,
    0xB3C9, 0xB3D0, 0xB401, 0xB498, 0xB49D, 0xB4A0, 0xB4B5, 0xB4B8, 0xB4C1, 0xB5A0, 0xB5BD, 0xB5C0,
    0xB5FF, 0xB601, 0xB65C, 0xB681, 0xB69C, 0xB6A1, 0xB6BC, 0xB6C1, 0xB6DC, 0xB6E1, 0xB6FC, 0xB701,
    0xB71C, 0xB721, 0xB73C, 0xB741, 0xB75C, 0xB761, 0xB77C, 0xB783, 0xB800, 0xB8BD, 0xB8C0, 0xC015,
    0xC01C, 0xC0AB, 0xC0C0, 0xC0C5, 0xC0D8, 0xC0ED, 0xC0F4, 0xC105, 0xC25C, 0xC267, 0xC26C, 0xC275,
    0xC280, 0xC285, 0xC3EC, 0xC3F1, 0xC400, 0xC415, 0xC4C0, 0xC4C5, 0xC63C, 0xC681, 0xC700, 0xC7C1,
    0xC800, 0xD001, 0x13700, 0x13801, 0x29234, 0x29341, 0x293F8, 0x29401, 0x29834, 0x29841,
    0x298B0, 0x29901, 0x299BF, 0x299C2, 0x299CC, 0x299D3, 0x299F8, 0x299FD, 0x29A7B, 0x29A81,
    0x29B98, 0x29BC3, 0x29BC8, 0x29C5D, 0x29C80, 0x29C89, 0x29E24, 0x29E2D, 0x29F38, 0x29F41,
    0x29F48, 0x29F4D, 0x29F50, 0x29F55, 0x29F74, 0x29FC9, 0x2A00B, 0x2A00D, 0x2A01B, 0x2A01D,
    0x2A02F, 0x2A031, 0x2A08F, 0x2A0A0, 0x2A0B3, 0x2A0B4, 0x2A101, 0x2A1D0, 0x2A203, 0x2A209,
    0x2A2D3, 0x2A318, 0x2A341, 0x2A368, 0x2A383, 0x2A3C9, 0x2A3E0, 0x2A3ED, 0x2A3F0, 0x2A3F5,
    0x2A3FF, 0x2A401, 0x2A49B, 0x2A4B8, 0x2A4C1, 0x2A51F, 0x2A550, 0x2A581, 0x2A5F4, 0x2A603,
    0x2A611, 0x2A6CF, 0x2A704, 0x2A73D, 0x2A768, 0x2A781, 0x2A797, 0x2A799, 0x2A7FC, 0x2A801,
    0x2A8A7, 0x2A8DC, 0x2A901, 0x2A90F, 0x2A911, 0x2A933, 0x2A938, 0x2A941, 0x2A968, 0x2A981,
    0x2A9DC, 0x2A9E9, 0x2A9EF, 0x2A9F9, 0x2AAC3, 0x2AAC5, 0x2AACB, 0x2AAD5, 0x2AADF, 0x2AAE5,
    0x2AAFB, 0x2AB01, 0x2AB07, 0x2AB09, 0x2AB0C, 0x2AB6D, 0x2AB78, 0x2AB81, 0x2ABAF, 0x2ABC0,
    0x2ABC9, 0x2ABD7, 0x2ABDC, 0x2AC05, 0x2AC1C, 0x2AC25, 0x2AC3C, 0x2AC45, 0x2AC5C, 0x2AC81,
    0x2AC9C, 0x2ACA1, 0x2ACBC, 0x2ACC1, 0x2AD6C, 0x2AD71, 0x2ADA8, 0x2ADC1, 0x2AF8F, 0x2AFAC,
    0x2AFB3, 0x2AFB8, 0x2AFC1, 0x2AFE8, 0x2B001, 0x35E90, 0x35EC1, 0x35F1C, 0x35F2D, 0x35FF0,
    0x3E401, 0x3E9B8, 0x3E9C1, 0x3EB68, 0x3EC01, 0x3EC1C, 0x3EC4D, 0x3EC60, 0x3EC75, 0x3EC7B,
    0x3EC7D, 0x3ECA4, 0x3ECA9, 0x3ECDC, 0x3ECE1, 0x3ECF4, 0x3ECF9, 0x3ECFC, 0x3ED01, 0x3ED08,
    0x3ED0D, 0x3ED14, 0x3ED19, 0x3EEC8, 0x3EF4D, 0x3F4F8, 0x3F541, 0x3F640, 0x3F649, 0x3F720,
    0x3F7C1, 0x3F7F0, 0x3F803, 0x3F840, 0x3F883, 0x3F8C0, 0x3F9C1, 0x3F9D4, 0x3F9D9, 0x3FBF4,
    0x3FC41, 0x3FC68, 0x3FC85, 0x3FCEC, 0x3FD05, 0x3FD6C, 0x3FD99, 0x3FEFC, 0x3FF09, 0x3FF20,
    0x3FF29, 0x3FF40, 0x3FF49, 0x3FF60, 0x3FF69, 0x3FF74, 0x40001, 0x40030, 0x40035, 0x4009C,
    0x400A1, 0x400EC, 0x400F1, 0x400F8, 0x400FD, 0x40138, 0x40141, 0x40178, 0x40201, 0x403EC,
    0x407F7, 0x407F8, 0x40A01, 0x40A74, 0x40A81, 0x40B44, 0x40B83, 0x40B84, 0x40C01, 0x40C80,
    0x40CB5, 0x40D04, 0x40D09, 0x40D28, 0x40D41, 0x40DDB, 0x40DEC, 0x40E01, 0x40E78, 0x40E81,
    0x40F10, 0x40F21, 0x40F40, 0x41001, 0x41278, 0x41281, 0x412A8, 0x412C1, 0x41350, 0x41361,
    0x413F0, 0x41401, 0x414A0, 0x414C1, 0x41590, 0x415C1, 0x415EC, 0x415F1, 0x4162C, 0x41631,
    0x4164C, 0x41651, 0x41658, 0x4165D, 0x41688, 0x4168D, 0x416C8, 0x416CD, 0x416E8, 0x416ED,
    0x416F4, 0x41701, 0x417D0, 0x41801, 0x41CDC, 0x41D01, 0x41D58, 0x41D81, 0x41DA0, 0x41E01,
    0x41E18, 0x41E1D, 0x41EC4, 0x41EC9, 0x41EEC, 0x42001, 0x42018, 0x42021, 0x42024, 0x42029,
    0x420D8, 0x420DD, 0x420E4, 0x420F1, 0x420F4, 0x420FD, 0x42158, 0x42181, 0x421DC, 0x42201,
    0x4227C, 0x42381, 0x423CC, 0x423D1, 0x423D8, 0x42401, 0x42458, 0x42481, 0x424E8, 0x42601,
    0x426E0, 0x426F9, 0x42700, 0x42801, 0x42807, 0x42810, 0x42817, 0x4281C, 0x42833, 0x42841,
    0x42850, 0x42855, 0x42860, 0x42865, 0x428D8, 0x428E3, 0x428EC, 0x428FF, 0x42900, 0x42981,
    0x429F4, 0x42A01, 0x42A74, 0x42B01, 0x42B20, 0x42B25, 0x42B97, 0x42B9C, 0x42C01, 0x42CD8,
    0x42D01, 0x42D58, 0x42D81, 0x42DCC, 0x42E01, 0x42E48, 0x43001, 0x43124, 0x43201, 0x432CC,
    0x43301, 0x433CC, 0x43401, 0x43493, 0x434A0, 0x434C1, 0x434E8, 0x43501, 0x43598, 0x435A7,
    0x435B8, 0x435BD, 0x43618, 0x43A01, 0x43AA8, 0x43AAF, 0x43AB4, 0x43AC1, 0x43AC8, 0x43B09,
    0x43B14, 0x43BF3, 0x43C01, 0x43C74, 0x43C9D, 0x43CA0, 0x43CC1, 0x43D1B, 0x43D44, 0x43DC1,
    0x43E0B, 0x43E18, 0x43EC1, 0x43F14, 0x43F81, 0x43FDC, 0x44003, 0x4400D, 0x440E3, 0x4411C,
    0x44199, 0x441C3, 0x441C5, 0x441CF, 0x441D5, 0x441D8, 0x441FF, 0x4420D, 0x442C3, 0x442EC,
    0x4430B, 0x4430C, 0x44341, 0x443A4, 0x443C1, 0x443E8, 0x44403, 0x4440D, 0x4449F, 0x444D4,
    0x444D9, 0x44500, 0x44511, 0x44517, 0x4451D, 0x44520, 0x44541, 0x445CF, 0x445D0, 0x445D9,
    0x445DC, 0x44603, 0x4460D, 0x446CF, 0x44705, 0x44714, 0x44727, 0x44734, 0x4473B, 0x44741,
    0x4476C, 0x44771, 0x44774, 0x44801, 0x44848, 0x4484D, 0x448B3, 0x448E0, 0x448FB, 0x448FD,
    0x44907, 0x44908, 0x44A01, 0x44A1C, 0x44A21, 0x44A24, 0x44A29, 0x44A38, 0x44A3D, 0x44A78,
    0x44A7D, 0x44AA4, 0x44AC1, 0x44B7F, 0x44BAC, 0x44BC1, 0x44BE8, 0x44C03, 0x44C10, 0x44C15,
    0x44C34, 0x44C3D, 0x44C44, 0x44C4D, 0x44CA4, 0x44CA9, 0x44CC4, 0x44CC9, 0x44CD0, 0x44CD5,
    0x44CE8, 0x44CEF, 0x44CF5, 0x44CFB, 0x44D14, 0x44D1F, 0x44D24, 0x44D2F, 0x44D38, 0x44D41,
    0x44D44, 0x44D5F, 0x44D60, 0x44D75, 0x44D8B, 0x44D90, 0x44D9B, 0x44DB4, 0x44DC3, 0x44DD4,
    0x44E01, 0x44E28, 0x44E2D, 0x44E30, 0x44E39, 0x44E3C, 0x44E41, 0x44ED8, 0x44EDD, 0x44EE3,
    0x44F04, 0x44F0B, 0x44F0C, 0x44F17, 0x44F18, 0x44F1F, 0x44F2C, 0x44F33, 0x44F45, 0x44F4B,
    0x44F4D, 0x44F50, 0x44F87, 0x44F8C, 0x45001, 0x450D7, 0x4511D, 0x4512C, 0x45141, 0x45168,
    0x4517B, 0x4517D, 0x45188, 0x45201, 0x452C3, 0x45311, 0x45318, 0x4531D, 0x45320, 0x45341,
    0x45368, 0x45601, 0x456BF, 0x456D8, 0x456E3, 0x45704, 0x45761, 0x45773, 0x45778, 0x45801,
    0x458C3, 0x45904, 0x45911, 0x45914, 0x45941, 0x45968, 0x45A01, 0x45AAF, 0x45AE1, 0x45AE4,
    0x45B01, 0x45B28, 0x45B41, 0x45B90, 0x45C01, 0x45C6C, 0x45C77, 0x45CB0, 0x45CC1, 0x45CE8,
    0x45D01, 0x45D1C, 0x46001, 0x460B3, 0x460EC, 0x46281, 0x463A8, 0x463FD, 0x4641C, 0x46425,
    0x46428, 0x46431, 0x46450, 0x46455, 0x4645C, 0x46461, 0x464C3, 0x464D8, 0x464DF, 0x464E4,
    0x464EF, 0x464FD, 0x46503, 0x46505, 0x4650B, 0x46510, 0x46541, 0x46568, 0x46681, 0x466A0,
    0x466A9, 0x46747, 0x46760, 0x4676B, 0x46785, 0x46788, 0x4678D, 0x46793, 0x46794, 0x46801,
    0x46807, 0x4682D, 0x468CF, 0x468E9, 0x468EF, 0x468FC, 0x4691F, 0x46920, 0x46941, 0x46947,
    0x46971, 0x46A2B, 0x46A68, 0x46A75, 0x46A78, 0x46AC1, 0x46BE4, 0x46F01, 0x46F84, 0x46FC1,
    0x46FE8, 0x47001, 0x47024, 0x47029, 0x470BF, 0x470DC, 0x470E3, 0x47101, 0x47104, 0x47141,
    0x47168, 0x471C9, 0x47240, 0x4724B, 0x472A0, 0x472A7, 0x472DC, 0x47401, 0x4741C, 0x47421,
    0x47428, 0x4742D, 0x474C7, 0x474DC, 0x474EB, 0x474EC, 0x474F3, 0x474F8, 0x474FF, 0x47519,
    0x4751F, 0x47520, 0x47541, 0x47568, 0x47581, 0x47598, 0x4759D, 0x475A4, 0x475A9, 0x4762B,
    0x4763C, 0x47643, 0x47648, 0x4764F, 0x47661, 0x47664, 0x47681, 0x476A8, 0x47B81, 0x47BCF,
    0x47BDC, 0x47C03, 0x47C09, 0x47C0F, 0x47C11, 0x47C44, 0x47C49, 0x47CD3, 0x47CEC, 0x47CFB,
    0x47D0C, 0x47D41, 0x47D6B, 0x47D6C, 0x47EC1, 0x47EC4, 0x48001, 0x48E68, 0x49201, 0x49510,
    0x4BE41, 0x4BFC4, 0x4C001, 0x4D0C0, 0x4D103, 0x4D105, 0x4D11F, 0x4D158, 0x4D181, 0x50FEC,
    0x51001, 0x5191C, 0x58401, 0x5847B, 0x584C1, 0x584E8, 0x5A001, 0x5A8E4, 0x5A901, 0x5A97C,
    0x5A981, 0x5A9A8, 0x5A9C1, 0x5AAFC, 0x5AB01, 0x5AB28, 0x5AB41, 0x5ABB8, 0x5ABC3, 0x5ABD4,
    0x5AC01, 0x5ACC3, 0x5ACDC, 0x5AD01, 0x5AD10, 0x5AD41, 0x5AD68, 0x5AD8D, 0x5ADE0, 0x5ADF5,
    0x5AE40, 0x5B501, 0x5B5B4, 0x5B5C1, 0x5B5E8, 0x5B901, 0x5BA00, 0x5BC01, 0x5BD2C, 0x5BD3F,
    0x5BD41, 0x5BD47, 0x5BE20, 0x5BE3F, 0x5BE4D, 0x5BE80, 0x5BF81, 0x5BF88, 0x5BF8D, 0x5BF93,
    0x5BF94, 0x5BFC3, 0x5BFC8, 0x5C001, 0x61FE0, 0x62001, 0x63358, 0x633FD, 0x63424, 0x6BFC1,
    0x6BFD0, 0x6BFD5, 0x6BFF0, 0x6BFF5, 0x6BFFC, 0x6C001, 0x6C48C, 0x6C4C9, 0x6C4CC, 0x6C541,
    0x6C54C, 0x6C555, 0x6C558, 0x6C591, 0x6C5A0, 0x6C5C1, 0x6CBF0, 0x6F001, 0x6F1AC, 0x6F1C1,
    0x6F1F4, 0x6F201, 0x6F224, 0x6F241, 0x6F268, 0x6F277, 0x6F27C, 0x733C1, 0x733E8, 0x73C03,
    0x73CB8, 0x73CC3, 0x73D1C, 0x74597, 0x745A8, 0x745B7, 0x745CC, 0x745EF, 0x7460C, 0x74617,
    0x74630, 0x746AB, 0x746B8, 0x7490B, 0x74914, 0x75001, 0x75154, 0x75159, 0x75274, 0x75279,
    0x75280, 0x75289, 0x7528C, 0x75295, 0x7529C, 0x752A5, 0x752B4, 0x752B9, 0x752E8, 0x752ED,
    0x752F0, 0x752F5, 0x75310, 0x75315, 0x75418, 0x7541D, 0x7542C, 0x75435, 0x75454, 0x75459,
    0x75474, 0x75479, 0x754E8, 0x754ED, 0x754FC, 0x75501, 0x75514, 0x75519, 0x7551C, 0x75529,
    0x75544, 0x75549, 0x75A98, 0x75AA1, 0x75B04, 0x75B09, 0x75B6C, 0x75B71, 0x75BEC, 0x75BF1,
    0x75C54, 0x75C59, 0x75CD4, 0x75CD9, 0x75D3C, 0x75D41, 0x75DBC, 0x75DC1, 0x75E24, 0x75E29,
    0x75EA4, 0x75EA9, 0x75F0C, 0x75F11, 0x75F30, 0x75F39, 0x76000, 0x76803, 0x768DC, 0x768EF,
    0x769B4, 0x769D7, 0x769D8, 0x76A13, 0x76A14, 0x76A6F, 0x76A80, 0x76A87, 0x76AC0, 0x77C01,
    0x77C7C, 0x77C95, 0x77CAC, 0x78003, 0x7801C, 0x78023, 0x78064, 0x7806F, 0x78088, 0x7808F,
    0x78094, 0x7809B, 0x780AC, 0x780C1, 0x781B8, 0x7823F, 0x78240, 0x78401, 0x784B4, 0x784C3,
    0x784DD, 0x784F8, 0x78501, 0x78528, 0x78539, 0x7853C, 0x78A41, 0x78ABB, 0x78ABC, 0x78B01,
    0x78BB3, 0x78BC1, 0x78BE8, 0x79341, 0x793B3, 0x793C1, 0x793E8, 0x79741, 0x797BB, 0x797C1,
    0x797EC, 0x79F81, 0x79F9C, 0x79FA1, 0x79FB0, 0x79FB5, 0x79FBC, 0x79FC1, 0x79FFC, 0x7A001,
    0x7A314, 0x7A343, 0x7A35C, 0x7A401, 0x7A513, 0x7A52D, 0x7A530, 0x7A541, 0x7A568, 0x7B801,
    0x7B810, 0x7B815, 0x7B880, 0x7B885, 0x7B88C, 0x7B891, 0x7B894, 0x7B89D, 0x7B8A0, 0x7B8A5,
    0x7B8CC, 0x7B8D1, 0x7B8E0, 0x7B8E5, 0x7B8E8, 0x7B8ED, 0x7B8F0, 0x7B909, 0x7B90C, 0x7B91D,
    0x7B920, 0x7B925, 0x7B928, 0x7B92D, 0x7B930, 0x7B935, 0x7B940, 0x7B945, 0x7B94C, 0x7B951,
    0x7B954, 0x7B95D, 0x7B960, 0x7B965, 0x7B968, 0x7B96D, 0x7B970, 0x7B975, 0x7B978, 0x7B97D,
    0x7B980, 0x7B985, 0x7B98C, 0x7B991, 0x7B994, 0x7B99D, 0x7B9AC, 0x7B9B1, 0x7B9CC, 0x7B9D1,
    0x7B9E0, 0x7B9E5, 0x7B9F4, 0x7B9F9, 0x7B9FC, 0x7BA01, 0x7BA28, 0x7BA2D, 0x7BA70, 0x7BA85,
    0x7BA90, 0x7BA95, 0x7BAA8, 0x7BAAD, 0x7BAF0, 0x7EFC1, 0x7EFE8, 0x80001, 0xA9B80, 0xA9C01,
    0xADCE8, 0xADD01, 0xAE078, 0xAE081, 0xB3A88, 0xB3AC1, 0xBAF84, 0xBAFC1, 0xBB978, 0xBE001,
    0xBE878, 0xC0001, 0xC4D2C, 0xC4D41, 0xC8EC0, 0x380403, 0x3807C0,
];

#[cfg(test)]
mod tests {
    use super::Format;

    fn accepts(format: Format, cases: &[&str]) {
        for case in cases {
            assert!(
                format.check(case),
                "{} should accept {case:?}",
                format.keyword()
            );
        }
    }

    fn rejects(format: Format, cases: &[&str]) {
        for case in cases {
            assert!(
                !format.check(case),
                "{} should reject {case:?}",
                format.keyword()
            );
        }
    }

    #[test]
    fn keywords_and_descriptions() {
        let all = [Format::Email, Format::Uri, Format::DateTime, Format::Uuid];
        let keywords: Vec<_> = all.iter().map(|f| f.keyword()).collect();
        assert_eq!(keywords, ["email", "uri", "date-time", "uuid"]);
        assert_eq!(Format::Email.describe(), "an email address");
        assert_eq!(Format::Uri.describe(), "a URI with a scheme");
        assert_eq!(Format::DateTime.describe(), "an RFC 3339 date-time");
        assert_eq!(Format::Uuid.describe(), "a UUID");
    }

    #[test]
    fn uuid() {
        accepts(
            Format::Uuid,
            &[
                "00000000-0000-0000-0000-000000000000",
                "123e4567-e89b-12d3-a456-426614174000",
                "123E4567-E89B-12D3-A456-426614174000",
                "ffffffff-FFFF-ffff-FFFF-ffffffffffff",
            ],
        );
        rejects(
            Format::Uuid,
            &[
                "",
                "123e4567e89b12d3a456426614174000",
                "123e4567-e89b-12d3-a456-42661417400",
                "123e4567-e89b-12d3-a456-4266141740000",
                "123e4567-e89b-12d3a-456-426614174000",
                "123e4567-e89b-12d3-a456-42661417400g",
                "{123e4567-e89b-12d3-a456-426614174000}",
                "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
                "123e4567-e89b-12d3-a456-42661417400\u{e9}",
                " 23e4567-e89b-12d3-a456-426614174000",
            ],
        );
    }

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

    #[test]
    fn uri_accepts() {
        accepts(
            Format::Uri,
            &[
                "http://example.com",
                "https://user:pass@example.com:8080/a/b?c=d&e#frag",
                "urn:isbn:0451450523",
                "mailto:someone@example.org",
                "file:///etc/hosts",
                "a:",
                "A+b-c.d:x",
                "http://",
                "http://@:/",
                "http://example.com:",
                "http://%41%42/%7e?%20#%2F",
                "http://127.0.0.1:80",
                "http://999.999.999.999",
                "http://[::1]",
                "http://[::]:8080/",
                "http://[2001:db8::7]/c=GB?objectClass?one",
                "http://[1:2:3:4:5:6:7:8]",
                "http://[1:2:3:4:5:6:7::]",
                "http://[::1:2:3:4:5:6:7]",
                "http://[::ffff:192.0.2.1]",
                "http://[1:2:3:4:5:6:1.2.3.4]",
                "http://[ABCD:ef01::]",
                "http://user@[::1]:1/",
                "http://[v7.x:y]",
                "http://[VF.a-b_c~!$&'()*+,;=:]",
                "tel:+1-816-555-1212",
                "s:?#",
                "s:a:b@c/d//e?f?/@:#g?/",
            ],
        );
    }

    #[test]
    fn uri_rejects() {
        rejects(
            Format::Uri,
            &[
                "",
                "//example.com/path",
                "/relative",
                "example.com",
                "1http://x",
                ":x",
                "ht tp://x",
                "http://exa mple.com",
                "http://example.com/a b",
                "http://example.com/%",
                "http://example.com/%4",
                "http://example.com/%GG",
                "http://ex%zzample.com",
                "http://example.com:80a",
                "http://example.com:8:0",
                "http://a@b@c",
                "http://[::1",
                "http://[::1]]",
                "http://[::1]x",
                "http://x[::1]",
                "http://[::1]@x",
                "http://[1:2:3:4:5:6:7]",
                "http://[1:2:3:4:5:6:7:8:9]",
                "http://[1::2:3:4:5:6:7:8]",
                "http://[1:2:3:4:5:6::1.2.3.4]",
                "http://[1:2:3:4:5:6:7:1.2.3.4]",
                "http://[:::]",
                "http://[1:::2]",
                "http://[::1::2]",
                "http://[12345::]",
                "http://[::01.2.3.4]",
                "http://[::1.2.3.256]",
                "http://[::1.2.3]",
                "http://[1.2.3.4]",
                "http://[::1%25eth0]",
                "http://[]",
                "http://[v.x]",
                "http://[v1.]",
                "http://[v1x]",
                "http://[v1.%41]",
                "http://example.com/\u{e9}",
                "http://example.com/a#b#c",
                "http://example.com/<>",
                "http://example.com\\path",
            ],
        );
    }

    #[test]
    fn email_accepts() {
        accepts(
            Format::Email,
            &[
                "joe.bloggs@example.com",
                "a@b",
                "first.last+tag@sub.example.co.uk",
                "!#$%&'*+-/=?^_`{|}~@example.com",
                "\"quoted string\"@example.com",
                "\"a@b\"@example.com",
                "\"escaped \\\" quote\"@example.com",
                "\"\"@example.com",
                "user@[127.0.0.1]",
                "user@[IPv6:::1]",
                "user@[ipv6:2001:db8::1]",
                "user@[IPv6:::ffff:1.2.3.4]",
                "user@123.example",
                "user@xn--bcher-kva.example",
                "user@xn--mnchen-3ya.de",
                "Joe Bloggs <joe@example.com>",
                "J\u{f6}e <joe@example.com>",
                " <joe@example.com>",
                // The display form hides an empty quoted string in the display part.
                "\"\"@example.com <x@y.z>",
                "a@a-b.c",
            ],
        );
    }

    #[test]
    fn email_rejects() {
        rejects(
            Format::Email,
            &[
                "",
                "plainaddress",
                "@example.com",
                "user@",
                "user@@example.com",
                ".user@example.com",
                "user.@example.com",
                "us..er@example.com",
                "us er@example.com",
                "j\u{f6}e@example.com",
                "user@ex\u{e4}mple.com",
                "user@example.com.",
                "user@.example.com",
                "user@example..com",
                "user@-example.com",
                "user@example-.com",
                "user@exa_mple.com",
                "user@ab--cd.com",
                "user@XN--bcher-kva.example",
                "user@xn--.example",
                "user@xn---abc.example",
                "user@xn--99999999999.example",
                "\"\"x@example.com",
                "\"a\"b\"@example.com",
                "\"a\\ b\"@example.com",
                "x <\"\"@example.com>",
                "\"@example.com",
                "user@[127.0.0.256]",
                "user@[127.0.0.01]",
                "user@[::1]",
                "user@[IPv6:1.2.3.4]",
                "user@[IPv6:::1%eth0]",
                "user@[]",
                "<joe@example.com>",
                "Joe <joe@example.com",
                "Joe <joe@example.com> trailing",
                "a@a.b.",
            ],
        );
        let long_local = format!("{}@example.com", "a".repeat(65));
        let max_local = format!("{}@example.com", "a".repeat(64));
        let long_label = format!("a@{}.com", "b".repeat(64));
        let max_label = format!("a@{}.com", "b".repeat(63));
        // 255 and 253 bytes.
        let long_domain = format!("a@{}b", "b.".repeat(127));
        let max_domain = format!("a@{}b", "b.".repeat(126));
        assert!(!Format::Email.check(&long_local));
        assert!(Format::Email.check(&max_local));
        assert!(!Format::Email.check(&long_label));
        assert!(Format::Email.check(&max_label));
        assert!(!Format::Email.check(&long_domain));
        assert!(Format::Email.check(&max_domain));
    }

    #[test]
    fn punycode_decodes_known_labels() {
        let mut buffer = ['\0'; super::MAX_LABEL_CHARS];
        let decode = |payload: &str, buffer: &mut [char; super::MAX_LABEL_CHARS]| {
            super::punycode_decode(payload.as_bytes(), buffer)
                .map(|length| buffer[..length].iter().collect::<String>())
        };
        assert_eq!(
            decode("bcher-kva", &mut buffer).as_deref(),
            Some("b\u{fc}cher")
        );
        assert_eq!(
            decode("mnchen-3ya", &mut buffer).as_deref(),
            Some("m\u{fc}nchen")
        );
        // RFC 3492 section 7.1 (A): Arabic (Egyptian).
        assert_eq!(
            decode("egbpdaj6bu4bxfgehfvwxn", &mut buffer).as_deref(),
            Some(
                "\u{644}\u{64a}\u{647}\u{645}\u{627}\u{628}\u{62a}\u{643}\u{644}\u{645}\u{648}\
                 \u{634}\u{639}\u{631}\u{628}\u{64a}\u{61f}"
            )
        );
        assert_eq!(decode("-abc", &mut buffer), None);
        assert_eq!(decode("99999999999", &mut buffer), None);
    }

    #[test]
    fn u_label_rules() {
        use super::is_u_label;
        let label = |text: &str| text.chars().collect::<Vec<_>>();
        assert!(is_u_label(&label("b\u{fc}cher")));
        assert!(is_u_label(&label("l\u{b7}l")));
        assert!(!is_u_label(&label("a\u{b7}l")));
        assert!(!is_u_label(&label("\u{301}a")));
        assert!(!is_u_label(&label("a\u{200D}")));
        assert!(is_u_label(&label("\u{915}\u{94D}\u{200D}")));
        assert!(!is_u_label(&label("\u{30FB}a")));
        assert!(is_u_label(&label("\u{30FB}\u{30A2}")));
        assert!(!is_u_label(&label("\u{660}\u{6F0}")));
        assert!(!is_u_label(&label("a\u{640}")));
        assert!(!is_u_label(&label("a\u{2603}")));
        assert!(is_u_label(&label("\u{3007}")));
    }

    #[test]
    fn no_panics_on_odd_input() {
        let long = "a".repeat(100_000);
        let odd = [
            "\u{0}",
            "\u{10FFFF}",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
            "@",
            "[",
            "]",
            "%",
            "a:%",
            "a://[",
            "a://[v",
            "xn--@xn--",
            "a@xn--",
            "a@[IPv6:",
            "\"",
            " <",
            " <>",
            "0000-00-00T00:00:60+99:99",
            long.as_str(),
        ];
        for text in odd {
            for format in [Format::Email, Format::Uri, Format::DateTime, Format::Uuid] {
                let _ = format.check(text);
            }
        }
    }
}
