//! JSON text written straight into a buffer, for the error envelope: every 400 writes one, and
//! going through serde's serializer cost more than the rest of its rendering. Strings are
//! escaped as `serde_json` escapes them, so the text is the same byte for byte.

/// `text` as a JSON string at the end of `out`.
pub(crate) fn push_string(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    push_contents(out, text);
    out.push(b'"');
}

/// `text` escaped as inside a JSON string, at the end of `out`.
pub(crate) fn push_contents(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(offset) = first_to_escape(&bytes[start..]) {
        let at = start + offset;
        out.extend_from_slice(&bytes[start..at]);
        push_escape(out, bytes[at]);
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// `"name":` at the end of `out`, after a comma unless `first`.
pub(crate) fn push_key(out: &mut Vec<u8>, name: &str, first: bool) {
    if !first {
        out.push(b',');
    }
    push_string(out, name);
    out.push(b':');
}

/// Where the first byte JSON must escape is: a quote, a backslash or a control character.
/// Eight bytes are tested at a time, with word operations.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether any byte of `word` is zero (exact when asked only whether there is one).
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(word);
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
        let quote = has_zero(word ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
        if (below_space || quote || backslash)
            && let Some(at) = chunk.iter().position(|&byte| needs_escape(byte))
        {
            return Some(offset + at);
        }
        offset += 8;
    }
    let rest = chunks.remainder();
    rest.iter()
        .position(|&byte| needs_escape(byte))
        .map(|at| offset + at)
}

/// Whether JSON must escape `byte` in a string.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The escape of `byte`, one [`needs_escape`] holds for.
fn push_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => 0,
    };
    if short == 0 {
        out.extend_from_slice(b"\\u00");
        out.push(HEX[usize::from(byte >> 4)]);
        out.push(HEX[usize::from(byte & 0xf)]);
    } else {
        out.push(b'\\');
        out.push(short);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn every_byte_that_needs_it_is_escaped_at_any_place_in_a_word() {
        for byte in 0..=0x7f_u8 {
            for place in 0..17 {
                let mut text = "a".repeat(place);
                text.push(char::from(byte));
                text.push_str("é b");
                let mut out = Vec::new();
                push_string(&mut out, &text);
                let expected = serde_json::to_vec(&text).expect("a string serializes");
                assert_eq!(out, expected, "byte {byte:#04x} after {place} bytes");
            }
        }
    }

    proptest! {
        #[test]
        fn strings_are_written_as_serde_json_writes_them(text in any::<String>()) {
            let mut out = Vec::new();
            push_string(&mut out, &text);
            prop_assert_eq!(out, serde_json::to_vec(&text).expect("a string serializes"));
        }
    }
}
