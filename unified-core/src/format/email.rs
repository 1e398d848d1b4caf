//! The `email` format: an RFC 5321 `Mailbox` (section 4.1.2), as JSON Schema draft 2020-12
//! defines it.

use super::idna::is_a_label_payload;

/// An RFC 5321 `Mailbox`: `Local-part "@" ( Domain / address-literal )`.
///
/// The local part is a `Dot-string` (atoms of `atext` joined by single dots) or a
/// `Quoted-string` (`qtextSMTP`, which is the printable ASCII characters and the space but not
/// `"` or `\`, and `quoted-pairSMTP`, a `\` before any of those or `"` or `\`), at most 64
/// octets (section 4.5.3.1.1). The domain is an ASCII hostname (see [`is_hostname`]) or an
/// address literal (see [`is_address_literal`]).
///
/// Nothing else: not the display form `Name <local-part@domain>` of RFC 5322, which a
/// provider would refuse as an address, and not the folding white space of RFC 5322 quoted
/// strings (a tab between the quotes). The `jsonschema` crate takes both, refuses a quoted
/// space (`"a\ b"`) and reads address literals as Rust's `Ipv4Addr` and `Ipv6Addr` do (no
/// leading zeros, a `::` for one group); `tests/agreement.rs` lists these departures with the
/// RFC's verdict.
pub(super) fn is_email(text: &str) -> bool {
    is_plain_email(text.as_bytes()) || is_any_email(text.as_bytes())
}

/// The common shape, in one pass: a dot-atom, one `@`, and a hostname whose labels are plain
/// (no `--` in their third and fourth places). Accepts only what [`is_any_email`] accepts; says
/// no to everything else, which then gets the full check.
fn is_plain_email(bytes: &[u8]) -> bool {
    // The local part byte by byte: a dot or the `@` ends an atom, which may not be empty.
    let mut at = 0;
    let mut atom_start = 0;
    loop {
        let Some(&byte) = bytes.get(at) else {
            return false;
        };
        if ATEXT[usize::from(byte)] {
            at += 1;
            continue;
        }
        if at == atom_start {
            return false;
        }
        match byte {
            b'.' => {
                at += 1;
                atom_start = at;
            }
            b'@' => break,
            _ => return false,
        }
    }
    let domain = &bytes[at + 1..];
    if at > 64 || domain.len() > 253 {
        return false;
    }
    // The domain a label at a time: a run of label bytes, then a dot or the end.
    let mut rest = domain;
    loop {
        let length = rest
            .iter()
            .position(|&byte| !LABEL_BYTE[usize::from(byte)])
            .unwrap_or(rest.len());
        let (label, after) = rest.split_at(length);
        if !is_plain_label(label) {
            return false;
        }
        match after {
            [] => return true,
            [b'.', next @ ..] => rest = next,
            _ => return false,
        }
    }
}

/// The bytes of a hostname label: `A-Z a-z 0-9 -`.
const LABEL_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut index = 0;
    while index < 256 {
        let byte = index as u8;
        table[index] = byte.is_ascii_alphanumeric() || byte == b'-';
        index += 1;
    }
    table
};

/// A label of 1-63 letters, digits and hyphens (already checked), not starting or ending with
/// `-`, and not of the reserved `??--` shape that A-labels have.
#[inline]
fn is_plain_label(label: &[u8]) -> bool {
    match label {
        [] => false,
        [b'-', ..] | [.., b'-'] => false,
        [_, _, b'-', b'-', ..] => false,
        _ => label.len() <= 63,
    }
}

/// Every form a `Mailbox` takes: quoted local parts, address literals and A-labels as well as
/// the plain shape.
fn is_any_email(bytes: &[u8]) -> bool {
    // Neither a hostname nor an address literal holds an `@`, so the last one ends the local
    // part (which holds more only when quoted).
    let Some(at) = bytes.iter().rposition(|&byte| byte == b'@') else {
        return false;
    };
    is_local_part(&bytes[..at]) && is_email_domain(&bytes[at + 1..])
}

/// `Local-part = Dot-string / Quoted-string`, at most 64 octets.
fn is_local_part(bytes: &[u8]) -> bool {
    if bytes.len() > 64 {
        return false;
    }
    match bytes {
        [b'"', content @ .., b'"'] => is_quoted_content(content),
        _ => is_dot_atom(bytes),
    }
}

/// `*QcontentSMTP`, the text between the quotes of a `Quoted-string` (possibly none):
/// `qtextSMTP = %d32-33 / %d35-91 / %d93-126` and `quoted-pairSMTP = %d92 %d32-126`.
fn is_quoted_content(content: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&byte) = content.get(at) {
        match byte {
            b'\\' => match content.get(at + 1) {
                Some(0x20..=0x7E) => at += 2,
                _ => return false,
            },
            0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E => at += 1,
            _ => return false,
        }
    }
    true
}

/// `atext` of RFC 5322: the characters of a dot-atom's atoms.
const ATEXT: [bool; 256] = {
    let mut table = [false; 256];
    let mut index = 0;
    while index < 256 {
        let byte = index as u8;
        table[index] = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
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
            );
        index += 1;
    }
    table
};

/// `dot-atom`: atoms of `atext` joined by single dots (no dot first, last or twice in a row).
fn is_dot_atom(bytes: &[u8]) -> bool {
    dot_atom_prefix(bytes) == Some(bytes.len())
}

/// The length of the dot-atom that `bytes` starts with, which ends at the first byte that is
/// neither `atext` nor a dot (or with the bytes); `None` if that prefix is not a dot-atom. One
/// pass over the bytes.
fn dot_atom_prefix(bytes: &[u8]) -> Option<usize> {
    let mut after_dot = true;
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == b'.' {
            if after_dot {
                return None;
            }
            after_dot = true;
        } else if !ATEXT[usize::from(byte)] {
            return (!after_dot).then_some(index);
        } else {
            after_dot = false;
        }
    }
    (!after_dot).then_some(bytes.len())
}

/// `Domain / address-literal`: a hostname or a bracketed address literal.
fn is_email_domain(bytes: &[u8]) -> bool {
    match bytes {
        [b'[', literal @ .., b']'] => is_address_literal(literal),
        _ => is_hostname(bytes),
    }
}

/// The text between the brackets of an `address-literal`: an `IPv4-address-literal`, or
/// `IPv6:` (in any case, as ABNF strings are) and an `IPv6-addr`.
///
/// The `General-address-literal` form, `Standardized-tag ":" 1*dcontent`, is for tags
/// registered with IANA; the only one is `IPv6`, whose content is the `IPv6-addr` above, so no
/// other tag is taken.
fn is_address_literal(literal: &[u8]) -> bool {
    match literal.split_at_checked(5) {
        Some((tag, address)) if tag.eq_ignore_ascii_case(b"IPv6:") => is_ipv6_address(address),
        _ => is_ipv4_address(literal),
    }
}

/// `IPv4-address-literal = Snum 3("." Snum)`, where `Snum = 1*3DIGIT` is a value of 0-255;
/// RFC 5321 allows leading zeros (`001`).
fn is_ipv4_address(bytes: &[u8]) -> bool {
    let mut count = 0;
    for snum in bytes.split(|&byte| byte == b'.') {
        count += 1;
        let in_range = match snum {
            [a] => a.is_ascii_digit(),
            [a, b] => a.is_ascii_digit() && b.is_ascii_digit(),
            [a, b, c] => snum.iter().all(u8::is_ascii_digit) && (*a, *b, *c) <= (b'2', b'5', b'5'),
            _ => false,
        };
        if count > 4 || !in_range {
            return false;
        }
    }
    count == 4
}

/// `IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp`: groups of 1-4 hex
/// digits separated by `:`, the last two possibly written as an IPv4 address; eight groups, or
/// at most six around one `::` (which RFC 5321 lets stand for two groups or more, never one).
fn is_ipv6_address(bytes: &[u8]) -> bool {
    // An IPv4 address after the last `:` counts as two groups.
    let last_colon = bytes.iter().rposition(|&byte| byte == b':');
    let (hex, ipv4_groups) = match last_colon {
        Some(colon) if bytes[colon + 1..].contains(&b'.') => {
            if !is_ipv4_address(&bytes[colon + 1..]) {
                return false;
            }
            // `a::1.2.3.4` keeps its `::`; `a:b:c:d:e:f:1.2.3.4` loses the `:` before the IPv4.
            let end = if bytes[..colon].ends_with(b":") {
                colon + 1
            } else {
                colon
            };
            (&bytes[..end], 2)
        }
        Some(_) => (bytes, 0),
        None => return false,
    };
    let compressed = hex.windows(2).position(|pair| pair == b"::");
    match compressed {
        Some(index) => match (hex_groups(&hex[..index]), hex_groups(&hex[index + 2..])) {
            (Some(head), Some(tail)) => head + tail + ipv4_groups <= 6,
            _ => false,
        },
        None => hex_groups(hex) == Some(8 - ipv4_groups),
    }
}

/// How many `IPv6-hex` groups (1-4 hex digits) `bytes` holds, separated by single `:`; `None`
/// if it is not such a list. Empty text holds none.
fn hex_groups(bytes: &[u8]) -> Option<usize> {
    if bytes.is_empty() {
        return Some(0);
    }
    let mut count = 0;
    for group in bytes.split(|&byte| byte == b':') {
        if !(1..=4).contains(&group.len()) || !group.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        count += 1;
    }
    Some(count)
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

#[cfg(test)]
mod tests {
    use super::super::Format;
    use super::super::tests::{accepts, rejects};

    /// The one-pass check of the plain shape never accepts what the full check refuses, and
    /// takes the plain addresses the bodies carry.
    #[test]
    fn plain_shape_agrees_with_the_full_check() {
        let plain = [
            "joe.bloggs@example.com",
            "a@b",
            "first.last+tag@sub.example.co.uk",
            "user@123.example",
            "a@a-b.c",
        ];
        for text in plain {
            assert!(super::is_plain_email(text.as_bytes()), "{text}");
            assert!(super::is_any_email(text.as_bytes()), "{text}");
        }
        let bytes = b"a.b@-_.xn<\"[]@ -";
        let mut text = Vec::new();
        // Every string of up to four of these bytes around a fixed core.
        for length in 0..=4u32 {
            for mut code in 0..bytes.len().pow(length) {
                text.clear();
                text.extend_from_slice(b"a");
                for _ in 0..length {
                    text.push(bytes[code % bytes.len()]);
                    code /= bytes.len();
                }
                text.extend_from_slice(b"@x.ab");
                let reversed: Vec<u8> = text.iter().rev().copied().collect();
                for candidate in [&text, &reversed] {
                    if super::is_plain_email(candidate) {
                        assert!(
                            super::is_any_email(candidate),
                            "{}",
                            String::from_utf8_lossy(candidate)
                        );
                    }
                }
            }
        }
    }

    /// Dot-atoms, quoted strings (empty too, and with a quoted space), address literals
    /// (IPv4 with leading zeros, which `Snum` allows, and every IPv6 form) and A-labels.
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
                "\" \"@example.com",
                "\"a\\ b\"@example.com",
                "\"a\\\\b\"@example.com",
                "\"a..b\"@example.com",
                "user@[127.0.0.1]",
                "user@[0.0.0.0]",
                "user@[255.255.255.255]",
                "user@[127.0.0.01]",
                "user@[127.000.000.001]",
                "user@[IPv6:::1]",
                "user@[IPv6:::]",
                "user@[ipv6:2001:db8::1]",
                "user@[IPv6:1:2:3:4:5:6:7:8]",
                "user@[IPv6:1:2:3::6:7:8]",
                "user@[IPv6:1:2:3:4:5:6::]",
                "user@[IPv6:::3:4:5:6:7:8]",
                "user@[IPv6:::ffff:1.2.3.4]",
                "user@[IPv6:1:2:3:4:5:6:1.2.3.4]",
                "user@[IPv6:1:2:3:4::1.2.3.4]",
                "user@[IPv6:1::4:1.2.3.4]",
                "user@[IPv6:::01.2.3.4]",
                "user@[IPv6:ABCD:ef01::1]",
                "user@123.example",
                "user@xn--bcher-kva.example",
                "user@xn--mnchen-3ya.de",
                "a@a-b.c",
            ],
        );
    }

    /// Malformed local parts, hostnames, A-labels, address literals and lengths, and the display
    /// form of RFC 5322, which is not a `Mailbox`.
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
                "\"j\u{f6}e\"@example.com",
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
                "\"a\tb\"@example.com",
                "\"a\\\tb\"@example.com",
                "\"a\\\u{e9}b\"@example.com",
                "\"a\\\"@example.com",
                "\"a\".b@example.com",
                "a.\"b\"@example.com",
                "\"@example.com",
                "user@[127.0.0.256]",
                "user@[127.0.0.300]",
                "user@[127.0.0.0001]",
                "user@[127.0.0]",
                "user@[127.0.0.1.2]",
                "user@[127.0..1]",
                "user@[::1]",
                "user@[IPv6:1.2.3.4]",
                "user@[IPv6:::1%eth0]",
                "user@[IPv6:1:2:3:4:5:6:7]",
                "user@[IPv6:1:2:3:4:5:6:7:8:9]",
                "user@[IPv6:1:2:3:4:5:6:7::]",
                "user@[IPv6:1::3:4:5:6:7:8]",
                "user@[IPv6:1::2::3]",
                "user@[IPv6:::::1]",
                "user@[IPv6:12345::1]",
                "user@[IPv6:1:2:3:4:5::1.2.3.4]",
                "user@[IPv6:1:2:3:4:5:6:7:1.2.3.4]",
                "user@[IPv6::1.2.3.4]",
                "user@[IPv6:::1.2.3.256]",
                "user@[IPv6:]",
                "user@[x-tag:abc]",
                "user@[]",
                "Joe Bloggs <joe@example.com>",
                "J\u{f6}e <joe@example.com>",
                " <joe@example.com>",
                "\"Joe Bloggs\" <joe@example.com>",
                "\"\"@example.com <x@y.z>",
                "x <\"\"@example.com>",
                "<joe@example.com>",
                "Joe <joe@example.com",
                "Joe <joe@example.com> trailing",
                "\"Winston Smith\" <winston.smith@recdep.minitrue> (Records Department)",
                "a@b, c@d",
                "a@a.b.",
            ],
        );
        let long_quoted = format!("\"{}\"@example.com", "a".repeat(63));
        let max_quoted = format!("\"{}\"@example.com", "a".repeat(62));
        assert!(!Format::Email.check(&long_quoted));
        assert!(Format::Email.check(&max_quoted));
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
}
