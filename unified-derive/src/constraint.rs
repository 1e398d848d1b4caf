//! Checks the constraint rules of a field (`max_length = 255`, `max_length(gorgias = 100)`):
//! each value of the right kind, each provider one that takes the field, no rule twice for one
//! provider, no empty range, and every pattern one the `regex` crate runs the way ECMA-262 (the
//! dialect JSON Schema names) reads it.

use syn::{Ident, Lit};

use crate::ctxt::Ctxt;
use crate::model::{Constraint, Presence, RuleKind};
use crate::syntax::{RawRule, RuleValue};

/// The checked constraints of a field; a rule with a mistake is reported and left out.
pub fn check_rules(cx: &Ctxt, rules: &[RawRule], presence: &Presence) -> Vec<Constraint> {
    let mut checked: Vec<Constraint> = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        if let (
            Some(provider),
            Presence::Listed {
                required,
                supported,
            },
        ) = (&rule.provider, presence)
            && !required.contains(provider)
            && !supported.contains(provider)
        {
            cx.error_spanned_by(
                provider,
                format!("`{provider}` does not take this field, so it has no `{}`; list it in `required` or `supported`", rule.key),
            );
            continue;
        }
        if rules[..index]
            .iter()
            .any(|other| other.key == rule.key && other.provider == rule.provider)
        {
            let whom = rule
                .provider
                .as_ref()
                .map_or_else(|| "for every provider".to_owned(), |p| format!("for `{p}`"));
            cx.error_spanned_by(&rule.key, format!("`{}` is given twice {whom}", rule.key));
            continue;
        }
        if let Some(kind) = rule_kind(cx, &rule.key, &rule.value) {
            checked.push(Constraint {
                key: rule.key.clone(),
                provider: rule.provider.clone(),
                kind,
            });
        }
    }
    check_ranges(cx, &checked);
    checked
}

/// The rule's value, checked for its kind.
fn rule_kind(cx: &Ctxt, key: &Ident, value: &RuleValue) -> Option<RuleKind> {
    let name = key.to_string();
    match name.as_str() {
        "min_length" | "max_length" | "min_items" | "max_items" | "multiple_of" => {
            let count = match (&value.minus, &value.lit) {
                (None, Lit::Int(int)) => int.base10_parse::<u64>().ok(),
                _ => None,
            };
            let Some(count) = count else {
                cx.error_spanned_by(
                    &value.lit,
                    format!("`{name}` takes a whole number of 0 or more, as in `{name} = 10`"),
                );
                return None;
            };
            Some(match name.as_str() {
                "min_length" => RuleKind::MinLength(count),
                "max_length" => RuleKind::MaxLength(count),
                "min_items" => RuleKind::MinItems(count),
                "max_items" => RuleKind::MaxItems(count),
                _ if count == 0 => {
                    cx.error_spanned_by(
                        &value.lit,
                        "`multiple_of` takes a whole number above 0 (it is exact only for whole divisors)",
                    );
                    return None;
                }
                _ => RuleKind::MultipleOf(count),
            })
        }
        "minimum" | "maximum" | "exclusive_minimum" | "exclusive_maximum" => {
            let magnitude = match &value.lit {
                Lit::Int(int) => int.base10_parse::<f64>().ok(),
                Lit::Float(float) => float.base10_parse::<f64>().ok(),
                _ => None,
            }
            .filter(|number| number.is_finite());
            let Some(magnitude) = magnitude else {
                cx.error_spanned_by(
                    &value.lit,
                    format!("`{name}` takes a number, as in `{name} = 1` or `{name} = -2.5`"),
                );
                return None;
            };
            let bound = if value.minus.is_some() {
                -magnitude
            } else {
                magnitude
            };
            Some(match name.as_str() {
                "minimum" => RuleKind::Minimum(bound),
                "maximum" => RuleKind::Maximum(bound),
                "exclusive_minimum" => RuleKind::ExclusiveMinimum(bound),
                _ => RuleKind::ExclusiveMaximum(bound),
            })
        }
        "unique_items" => match (&value.minus, &value.lit) {
            (None, Lit::Bool(flag)) => Some(RuleKind::UniqueItems(flag.value)),
            _ => {
                cx.error_spanned_by(
                    &value.lit,
                    "`unique_items` is a flag: `unique_items`, or `unique_items(provider = false)` to lift it for one provider",
                );
                None
            }
        },
        _ => {
            let Lit::Str(text) = &value.lit else {
                cx.error_spanned_by(
                    &value.lit,
                    "`pattern` takes a string, as in `pattern = \"^[a-z]+$\"`",
                );
                return None;
            };
            if value.minus.is_some() {
                cx.error_spanned_by(&value.lit, "`pattern` takes a string, not a negative one");
                return None;
            }
            match translate_pattern(&text.value()) {
                Ok(translated) => Some(RuleKind::Pattern {
                    source: text.value(),
                    translated,
                }),
                Err(why) => {
                    cx.error_spanned_by(text, format!("invalid pattern: {why}"));
                    None
                }
            }
        }
    }
}

/// Refuses a lower bound above an upper one that apply to one provider (no value could pass
/// there): both for the same provider, or one for every provider that the other's provider does
/// not override.
fn check_ranges(cx: &Ctxt, rules: &[Constraint]) {
    let overridden = |rule: &Constraint, provider: &Ident| {
        rules
            .iter()
            .any(|other| other.key == rule.key && other.provider.as_ref() == Some(provider))
    };
    let meet = |low: &Constraint, high: &Constraint| match (&low.provider, &high.provider) {
        (None, None) => true,
        (Some(a), Some(b)) => a == b,
        (None, Some(p)) => !overridden(low, p),
        (Some(p), None) => !overridden(high, p),
    };
    for low in rules {
        for high in rules {
            if !meet(low, high) {
                continue;
            }
            let empty = match (&low.kind, &high.kind) {
                (RuleKind::MinLength(a), RuleKind::MaxLength(b))
                | (RuleKind::MinItems(a), RuleKind::MaxItems(b)) => a > b,
                (RuleKind::Minimum(a), RuleKind::Maximum(b)) => a > b,
                (RuleKind::ExclusiveMinimum(a), RuleKind::Maximum(b))
                | (RuleKind::Minimum(a), RuleKind::ExclusiveMaximum(b))
                | (RuleKind::ExclusiveMinimum(a), RuleKind::ExclusiveMaximum(b)) => a >= b,
                _ => false,
            };
            if empty {
                cx.error_spanned_by(
                    &high.key,
                    format!(
                        "`{}` is below `{}`, so no value could pass",
                        high.key, low.key
                    ),
                );
            }
        }
    }
}

/// ECMA-262's white space and line terminators, the `\s` of its patterns (the `regex` crate's
/// `\s` differs at U+0085 and U+FEFF).
const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// A JSON Schema (ECMA-262) pattern in the `regex` crate's syntax, checked by compiling it.
///
/// Only ECMA-262's own syntax is taken, each piece spelt so the `regex` crate reads it the same
/// way: `\d`, `\w`, `\b` and `\s` as ECMA-262's classes (ASCII digits and word characters, its
/// own white space), `.` as any character but a line terminator, `[`, `&` and `~` inside a class
/// as the literals they are there. What the two dialects read differently and cannot be spelt
/// alike is refused: look-around, back-references, `\D`, `\W` and `\S` inside a class, the empty
/// classes `[]` and `[^]`, `--` inside a class, inline flags, and escapes ECMA-262 does not have.
pub fn translate_pattern(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    return Err("it ends with a lone `\\`".to_owned());
                };
                escape(next, in_class, &mut chars, &mut out)?;
            }
            '[' if in_class => out.push_str(r"\["),
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '-' if in_class && chars.peek() == Some(&'-') => {
                return Err(
                    "`--` inside a character class is not supported; escape one of them".to_owned(),
                );
            }
            '[' => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    return Err("an empty class (`[]` or `[^]`) is not supported".to_owned());
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '(' if !in_class && chars.peek() == Some(&'?') => {
                chars.next();
                match chars.next() {
                    Some(':') => out.push_str("(?:"),
                    Some('=' | '!') => return Err("look-ahead is not supported".to_owned()),
                    Some('<') => match chars.peek() {
                        Some('=' | '!') => return Err("look-behind is not supported".to_owned()),
                        _ => out.push_str("(?<"),
                    },
                    _ => {
                        return Err(
                            "only `(?:` and `(?<name>` groups are ECMA-262 syntax here".to_owned()
                        );
                    }
                }
            }
            _ => out.push(c),
        }
    }
    regex::Regex::new(&out).map_err(|error| {
        error
            .to_string()
            .lines()
            .last()
            .unwrap_or("it does not compile")
            .trim()
            .trim_start_matches("error: ")
            .to_owned()
    })?;
    Ok(out)
}

/// The escape `\next`, in or out of a class.
fn escape(
    next: char,
    in_class: bool,
    chars: &mut core::iter::Peekable<core::str::Chars<'_>>,
    out: &mut String,
) -> Result<(), String> {
    let class = |set: &str, negated: bool| -> Result<String, String> {
        match (in_class, negated) {
            (false, false) => Ok(format!("[{set}]")),
            (false, true) => Ok(format!("[^{set}]")),
            (true, false) => Ok(set.to_owned()),
            (true, true) => Err(format!(
                "`\\{next}` inside a character class is not supported; write the class out"
            )),
        }
    };
    let spelt = match next {
        'd' | 'D' => class("0-9", next == 'D')?,
        'w' | 'W' => class("A-Za-z0-9_", next == 'W')?,
        's' | 'S' => class(ECMA_SPACE, next == 'S')?,
        'b' if in_class => r"\x08".to_owned(),
        'b' | 'B' => format!(r"(?-u:\{next})"),
        't' | 'n' | 'r' | 'f' | 'v' => format!(r"\{next}"),
        '0' if !chars.peek().is_some_and(char::is_ascii_digit) => r"\x00".to_owned(),
        '1'..='9' => return Err(format!("back-references (`\\{next}`) are not supported")),
        'x' => {
            let hex: String = (0..2).filter_map(|_| chars.next()).collect();
            if hex.len() != 2 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err("`\\x` takes two hex digits".to_owned());
            }
            format!(r"\x{{{hex}}}")
        }
        'u' => {
            let hex: String = (0..4).filter_map(|_| chars.next()).collect();
            if hex.len() != 4 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err("`\\u` takes four hex digits".to_owned());
            }
            format!(r"\x{{{hex}}}")
        }
        '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|'
        | '-' => format!(r"\{next}"),
        '/' => "/".to_owned(),
        other => {
            return Err(format!(
                "`\\{other}` is not an escape this pattern dialect reads alike in ECMA-262 and here"
            ));
        }
    };
    out.push_str(&spelt);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::translate_pattern;

    #[test]
    fn ecma_classes_become_ascii() {
        assert_eq!(translate_pattern(r"^\d+$").unwrap(), "^[0-9]+$");
        assert_eq!(translate_pattern(r"[\w.-]").unwrap(), "[A-Za-z0-9_.-]");
        assert_eq!(translate_pattern(r"\W").unwrap(), "[^A-Za-z0-9_]");
        assert_eq!(translate_pattern(r"\\d").unwrap(), r"\\d");
    }

    #[test]
    fn what_regex_cannot_run_is_refused() {
        for (pattern, why) in [
            ("(?=a)", "look-ahead"),
            ("(?<!a)b", "look-behind"),
            (r"(a)\1", "back-references"),
            (r"[\D]", "inside a character class"),
            ("(", "unclosed"),
            (r"\A", "not an escape"),
            (r"\<", "not an escape"),
            ("[]", "empty class"),
            ("[^]x]", "empty class"),
            ("(?i)a", "only `(?:`"),
            ("(?P<n>a)", "only `(?:`"),
            ("[a--b]", "`--`"),
        ] {
            let error = translate_pattern(pattern).unwrap_err();
            assert!(error.contains(why), "{pattern}: {error}");
        }
    }
}
