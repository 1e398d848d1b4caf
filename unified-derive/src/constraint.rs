//! Checks the constraint rules of a field (`max_length = 255`, `max_length(gorgias = 100)`):
//! each value of the right kind, each provider one that takes the field, no rule twice for one
//! provider, no empty range, and every pattern one the `regex` crate runs the way ECMA-262 (the
//! dialect JSON Schema names) reads it.

use std::fmt::Write as _;

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

/// A JSON Schema (ECMA-262) pattern in the `regex` crate's syntax, checked by its parser.
///
/// ECMA-262's `\d`, `\w` and `\b` are ASCII-only, the `regex` crate's Unicode-aware: they are
/// spelt out as ASCII classes. What ECMA-262 has and the `regex` crate lacks (look-around,
/// back-references) is refused here, spanned, rather than run differently.
pub fn translate_pattern(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    return Err("it ends with a lone `\\`".to_owned());
                };
                let ascii = match next {
                    'd' => Some(("0-9", false)),
                    'D' => Some(("0-9", true)),
                    'w' => Some(("A-Za-z0-9_", false)),
                    'W' => Some(("A-Za-z0-9_", true)),
                    '1'..='9' => {
                        return Err(format!("back-references (`\\{next}`) are not supported"));
                    }
                    'b' if !in_class => {
                        out.push_str("(?-u:\\b)");
                        continue;
                    }
                    'B' if !in_class => {
                        out.push_str("(?-u:\\B)");
                        continue;
                    }
                    _ => None,
                };
                match (ascii, in_class) {
                    (Some((class, false)), true) => out.push_str(class),
                    (Some((_, true)), true) => {
                        return Err(format!(
                            "`\\{next}` inside a character class is not supported; write the class out"
                        ));
                    }
                    (Some((class, negated)), false) => {
                        let _ = write!(out, "[{}{class}]", if negated { "^" } else { "" });
                    }
                    (None, _) => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is a literal in both dialects.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    chars.next();
                    out.push_str("\\]");
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.next() {
                    Some('=' | '!') => return Err("look-ahead is not supported".to_owned()),
                    Some('<') if matches!(ahead.next(), Some('=' | '!')) => {
                        return Err("look-behind is not supported".to_owned());
                    }
                    _ => out.push(c),
                }
            }
            _ => out.push(c),
        }
    }
    regex_syntax::Parser::new()
        .parse(&out)
        .map(drop)
        .map_err(|error| {
            error
                .to_string()
                .lines()
                .last()
                .unwrap_or("it does not parse")
                .trim()
                .trim_start_matches("error: ")
                .to_owned()
        })?;
    Ok(out)
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
        ] {
            let error = translate_pattern(pattern).unwrap_err();
            assert!(error.contains(why), "{pattern}: {error}");
        }
    }
}
