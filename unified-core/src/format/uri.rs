//! The `uri` format: an absolute URI, the `URI` rule of RFC 3986 section 3.

/// Class bit of unreserved (`ALPHA DIGIT - . _ ~`) and sub-delims (`! $ & ' ( ) * + , ; =`).
const PLAIN: u8 = 1;
/// Class bit of `:`.
const COLON: u8 = 2;
/// Class bit of `@`.
const AT_SIGN: u8 = 4;
/// Class bit of `/`.
const SLASH: u8 = 8;
/// Class bit of `?`.
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
pub(super) fn is_uri(bytes: &[u8]) -> bool {
    is_plain_uri(bytes) || is_any_uri(bytes)
}

/// Whether a byte may follow the first of a scheme (`ALPHA / DIGIT / "+" / "-" / "."`).
#[inline]
fn is_scheme_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.')
}

/// The common shape, in one pass: `scheme://host[:port]` with a plain host (no userinfo, IP
/// literal or percent-encoding), then path, query and fragment without percent-encoding.
/// Accepts only what [`is_any_uri`] accepts; says no to everything else, which then gets the
/// full check.
fn is_plain_uri(bytes: &[u8]) -> bool {
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut at = 1;
    while bytes.get(at).is_some_and(|&byte| is_scheme_byte(byte)) {
        at += 1;
    }
    if bytes.get(at..at + 3) != Some(b"://") {
        return false;
    }
    at += 3;
    while bytes
        .get(at)
        .is_some_and(|&byte| URI_BYTE_CLASS[usize::from(byte)] & REG_NAME != 0)
    {
        at += 1;
    }
    if bytes.get(at) == Some(&b':') {
        at += 1;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    // The authority ends where the path, query or fragment starts, or with the text.
    if !matches!(bytes.get(at), None | Some(b'/' | b'?' | b'#')) {
        return false;
    }
    // Path, query and fragment all take `QUERY_OR_FRAGMENT` bytes once split; only `#` may not
    // come twice.
    let mut in_fragment = false;
    for &byte in &bytes[at..] {
        if URI_BYTE_CLASS[usize::from(byte)] & QUERY_OR_FRAGMENT != 0 {
            continue;
        }
        if byte == b'#' && !in_fragment {
            in_fragment = true;
            continue;
        }
        return false;
    }
    true
}

/// Every form of the `URI` rule, the plain shape included.
fn is_any_uri(bytes: &[u8]) -> bool {
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let scheme_length = bytes.iter().take_while(|&&b| is_scheme_byte(b)).count();
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

#[cfg(test)]
mod tests {
    use super::super::Format;
    use super::super::tests::{accepts, rejects};

    /// The one-pass check of the plain shape never accepts what the full check refuses, and
    /// takes the plain URIs the bodies carry.
    #[test]
    fn plain_shape_agrees_with_the_full_check() {
        for text in [
            "https://cdn.example.org/users/grace.png",
            "http://example.com",
            "http://example.com:8080/a?b=c#d?e",
            "http://",
        ] {
            assert!(super::is_plain_uri(text.as_bytes()), "{text}");
            assert!(super::is_any_uri(text.as_bytes()), "{text}");
        }
        let bytes = b"a:/?#@[]%1.x ";
        let mut text = Vec::new();
        // Every string of up to five of these bytes after `h://`, and before it.
        for length in 0..=5u32 {
            for mut code in 0..bytes.len().pow(length) {
                let mut tail = Vec::new();
                for _ in 0..length {
                    tail.push(bytes[code % bytes.len()]);
                    code /= bytes.len();
                }
                for (head, rest) in [(&b"h://"[..], &tail[..]), (&tail[..], &b"h://x"[..])] {
                    text.clear();
                    text.extend_from_slice(head);
                    text.extend_from_slice(rest);
                    if super::is_plain_uri(&text) {
                        assert!(
                            super::is_any_uri(&text),
                            "{}",
                            String::from_utf8_lossy(&text)
                        );
                    }
                }
            }
        }
    }

    /// Absolute URIs of every `hier-part` kind, host kind and percent-encoding.
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

    /// Relative references, stray characters, bad escapes, ports and IP literals.
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
}
