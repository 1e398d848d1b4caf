//! `xn--` labels: Punycode decoding (RFC 3492) and the IDNA 2008 checks on the decoded U-label
//! (RFC 5891 section 5.4, RFC 5892).

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::char::canonical_combining_class;

/// Punycode `base` (RFC 3492 section 5): the number of digit values.
const PUNYCODE_BASE: u32 = 36;
/// Punycode `tmin` (RFC 3492 section 5): the smallest digit threshold.
const PUNYCODE_T_MIN: u32 = 1;
/// Punycode `tmax` (RFC 3492 section 5): the largest digit threshold.
const PUNYCODE_T_MAX: u32 = 26;
/// Punycode `skew` (RFC 3492 section 5), used by the bias adaptation.
const PUNYCODE_SKEW: u32 = 38;
/// Punycode `damp` (RFC 3492 section 5): how much the first bias adaptation scales down.
const PUNYCODE_DAMP: u32 = 700;
/// Punycode `initial_bias` (RFC 3492 section 5).
const PUNYCODE_INITIAL_BIAS: u32 = 72;
/// Punycode `initial_n` (RFC 3492 section 5): the first code point past ASCII.
const PUNYCODE_INITIAL_N: u32 = 0x80;

/// Longest decoded label: each code point takes at least one byte of a 63-byte label.
const MAX_LABEL_CHARS: usize = 64;

/// Whether the Punycode after `xn--` decodes and the result passes [`is_u_label`].
pub(super) fn is_a_label_payload(payload: &[u8]) -> bool {
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

/// The IDNA 2008 checks `jsonschema` makes on a decoded A-label: no leading combining mark, the
/// CONTEXTJ/CONTEXTO rules of RFC 5892 appendix A, a few DISALLOWED code points, and otherwise
/// only letters, combining marks and decimal digits beyond ASCII.
///
/// ZERO WIDTH JOINER follows RFC 5892: it stands after any character of combining class Virama
/// (a few more than `jsonschema` lists). ZERO WIDTH NON-JOINER is taken anywhere, as
/// `jsonschema` takes it.
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
            // ZERO WIDTH NON-JOINER: RFC 5892 A.1 allows it in joining contexts that need
            // Unicode joining types; `jsonschema` takes it everywhere, and so do we, to agree.
            '\u{200C}' => true,
            // ZERO WIDTH JOINER, only after a virama (A.2).
            '\u{200D}' => previous.is_some_and(is_virama),
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
            // PVALID exceptions outside the letter categories (RFC 5892 section 2.6).
            '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => true,
            other => other.is_ascii() || is_letter_mark_or_digit(other),
        };
        if !allowed {
            return false;
        }
    }
    (!katakana_middle_dot || hiragana_katakana_or_han)
        && !(arabic_indic_digits && extended_arabic_indic_digits)
}

/// Canonical_Combining_Class Virama, the class RFC 5892 appendix A.1 and A.2 ask of the
/// character before a joiner.
const VIRAMA: u8 = 9;

/// Characters of combining class [`VIRAMA`] that `jsonschema` 0.61 does not take before a
/// ZERO WIDTH JOINER (its virama table predates them). Found by holding every code point against
/// `jsonschema` before a joiner; listed so a body and its schema get one verdict.
const VIRAMAS_JSONSCHEMA_LACKS: [char; 19] = [
    '\u{0D3B}',
    '\u{0D3C}',
    '\u{0EBA}',
    '\u{103A}',
    '\u{1715}',
    '\u{1BAB}',
    '\u{A82C}',
    '\u{A9C0}',
    '\u{AAF6}',
    '\u{11070}',
    '\u{11134}',
    '\u{113CE}',
    '\u{113CF}',
    '\u{113D0}',
    '\u{1193D}',
    '\u{1193E}',
    '\u{11F41}',
    '\u{11F42}',
    '\u{1612F}',
];

/// Whether a ZERO WIDTH JOINER may follow `c`: a virama (RFC 5892 appendix A.2) that
/// `jsonschema` also knows.
fn is_virama(c: char) -> bool {
    canonical_combining_class(c) == VIRAMA && !VIRAMAS_JSONSCHEMA_LACKS.contains(&c)
}

/// Whether `c` is a letter (`L*`), a nonspacing or spacing mark (`Mn`, `Mc`) or a decimal digit
/// (`Nd`): the LetterDigits categories of RFC 5892 section 2.1, plus `Lt` as `jsonschema` has it.
fn is_letter_mark_or_digit(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
            | GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::DecimalNumber
    )
}

/// Whether `c` is a combining mark (`Mn`, `Mc`, `Me`), which may not open a label
/// (RFC 5891 section 5.4).
fn is_combining_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    )
}

#[cfg(test)]
mod tests {
    /// Decoding gives RFC 3492's results and refuses what is not Punycode.
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

    /// The CONTEXTJ/CONTEXTO rules, the DISALLOWED exceptions and the category check.
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
        // Viramas by combining class, less the ones `jsonschema` does not know.
        assert!(is_u_label(&label("\u{1000}\u{1039}\u{200D}")));
        assert!(!is_u_label(&label("\u{1000}\u{103A}\u{200D}")));
        assert!(!is_u_label(&label("\u{A985}\u{A9C0}\u{200D}")));
        assert!(!is_u_label(&label("\u{11F04}\u{11F42}\u{200D}")));
        assert!(!is_u_label(&label("\u{915}\u{93C}\u{200D}")));
        assert!(!is_u_label(&label("\u{200D}\u{915}")));
        // ZERO WIDTH NON-JOINER: anywhere, as `jsonschema` takes it.
        assert!(is_u_label(&label("\u{915}\u{94D}\u{200C}")));
        assert!(is_u_label(&label("\u{915}\u{94D}\u{200C}a")));
        assert!(is_u_label(&label(
            "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}"
        )));
        assert!(is_u_label(&label("\u{645}\u{200C}")));
        assert!(!is_u_label(&label("\u{30FB}a")));
        assert!(is_u_label(&label("\u{30FB}\u{30A2}")));
        assert!(!is_u_label(&label("\u{660}\u{6F0}")));
        assert!(!is_u_label(&label("a\u{640}")));
        assert!(!is_u_label(&label("a\u{2603}")));
        assert!(is_u_label(&label("\u{3007}")));
    }
}
