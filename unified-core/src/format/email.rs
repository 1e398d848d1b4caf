//! The `email` format: an RFC 5321 mailbox (section 4.1.2), as `jsonschema` parses it.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::idna::is_a_label_payload;

/// A mailbox `local-part@domain`.
///
/// To agree with `jsonschema`, which runs the `email_address` crate first, this also takes the
/// display form `Name <local-part@domain>` (the last ` <` outside quotes starts the address, the
/// text after it is trimmed and must end in `>`). The local part is a dot-atom or a quoted string
/// of ASCII characters, at most 64 bytes; `""` (empty quoted) is taken only outside the display
/// form. The domain is an ASCII hostname (see [`is_hostname`]) or an address literal `[a.b.c.d]`
/// or `[IPv6:...]`.
pub(super) fn is_email(text: &str) -> bool {
    is_plain_email(text.as_bytes()) || is_any_email(text)
}

/// The common shape, in one pass: a dot-atom, one `@`, and a hostname whose labels are plain
/// (no `--` in their third and fourth places). Accepts only what [`is_any_email`] accepts; says
/// no to everything else, which then gets the full check.
fn is_plain_email(bytes: &[u8]) -> bool {
    let Some(at) = dot_atom_prefix(bytes) else {
        return false;
    };
    if bytes.get(at) != Some(&b'@') || at > 64 {
        return false;
    }
    let domain = &bytes[at + 1..];
    if domain.is_empty() || domain.len() > 253 {
        return false;
    }
    let mut label_start = 0;
    for (index, &byte) in domain.iter().enumerate() {
        if byte == b'.' {
            if !is_plain_label(&domain[label_start..index]) {
                return false;
            }
            label_start = index + 1;
        } else if !LABEL_BYTE[usize::from(byte)] {
            return false;
        }
    }
    is_plain_label(&domain[label_start..])
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

/// Every form the format takes: the display form, quoted local parts, address literals and
/// A-labels as well as the plain shape.
fn is_any_email(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Only a `<` can open the display form, and most addresses have none.
    let separator = if bytes.contains(&b'<') {
        display_separator(bytes)
    } else {
        None
    };
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

/// Where the display form's address starts: the last ` <` outside a quoted string (where `\`
/// escapes the next character).
fn display_separator(bytes: &[u8]) -> Option<usize> {
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
    separator
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
        is_dot_atom(bytes)
    }
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
            assert!(super::is_any_email(text), "{text}");
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
                let Ok(candidate) = std::str::from_utf8(&text) else {
                    continue;
                };
                if super::is_plain_email(&text) {
                    assert!(super::is_any_email(candidate), "{candidate}");
                }
                let reversed: String = candidate.chars().rev().collect();
                if super::is_plain_email(reversed.as_bytes()) {
                    assert!(super::is_any_email(&reversed), "{reversed}");
                }
            }
        }
    }

    /// Dot-atoms, quoted strings, address literals, A-labels and the display form.
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

    /// Malformed local parts, hostnames, A-labels, address literals and lengths.
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
}
