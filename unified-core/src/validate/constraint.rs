//! The constraints a field's value can carry beyond its type, per view: lengths of strings and
//! lists, ranges and multiples of numbers, and patterns. Each is checked where the engine reads
//! the value (`read.rs`) and written into the field's schema as the JSON Schema keyword of the
//! same meaning, so the schema and the validator say the same thing.

use core::cmp::Ordering;

use serde_json::Value;

use crate::provider::{ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::Path;
use crate::rule::Rule;
use crate::validate::mask::Mask;
use crate::validate::number::Number;
use crate::validate::precision::{F64_EXACT_INTEGERS, Precision, ThresholdValue};
use crate::validate::recorder::Recorder;

/// One constraint and the views it applies to.
pub struct Constraint<S: 'static> {
    /// The views that enforce it.
    pub views: Mask<S>,
    /// What it asks of the value.
    pub rule: Rule,
    /// Whether it is one provider's variant, which messages name ("for Gorgias").
    pub per_provider: bool,
}

// The rules' meanings for the validator and the schema, beside the checks that use them.
impl Rule {
    /// The code of a violation of this rule.
    pub const fn code(self) -> Code {
        match self {
            Rule::MinLength(_) => Code::MinLength,
            Rule::MaxLength(_) => Code::MaxLength,
            Rule::MinItems(_) => Code::MinItems,
            Rule::MaxItems(_) => Code::MaxItems,
            Rule::Minimum(_) => Code::Minimum,
            Rule::Maximum(_) => Code::Maximum,
            Rule::ExclusiveMinimum(_) => Code::ExclusiveMinimum,
            Rule::ExclusiveMaximum(_) => Code::ExclusiveMaximum,
            Rule::MultipleOf(_) => Code::MultipleOf,
            Rule::Pattern(_) => Code::Pattern,
            Rule::UniqueItems => Code::UniqueItems,
        }
    }

    /// The JSON Schema keyword and its value.
    pub fn keyword(self) -> (&'static str, Value) {
        match self {
            Rule::MinLength(n) => ("minLength", n.into()),
            Rule::MaxLength(n) => ("maxLength", n.into()),
            Rule::MinItems(n) => ("minItems", n.into()),
            Rule::MaxItems(n) => ("maxItems", n.into()),
            Rule::Minimum(n) => ("minimum", bound(n)),
            Rule::Maximum(n) => ("maximum", bound(n)),
            Rule::ExclusiveMinimum(n) => ("exclusiveMinimum", bound(n)),
            Rule::ExclusiveMaximum(n) => ("exclusiveMaximum", bound(n)),
            Rule::MultipleOf(n) => ("multipleOf", n.into()),
            Rule::Pattern(pattern) => ("pattern", pattern.source.into()),
            Rule::UniqueItems => ("uniqueItems", true.into()),
        }
    }
}

/// An integer threshold as JSON (it fits an `i64` or a `u64`: see `precision.rs`).
fn integer(value: i128) -> Value {
    i64::try_from(value)
        .map(Value::from)
        .or_else(|_| u64::try_from(value).map(Value::from))
        .unwrap_or_else(|_| Value::from(value as f64))
}

/// A float field with `multiple_of`: strictly within its exact integers (`limit`), unless a
/// bound says more.
fn exact_integers_only(object: &mut crate::json::Map, limit: f64) {
    for (keyword, limit) in [("exclusiveMinimum", -limit), ("exclusiveMaximum", limit)] {
        let stricter = object
            .get(keyword)
            .and_then(crate::json::Value::as_f64)
            .is_some_and(|existing| {
                if limit < 0.0 {
                    existing >= limit
                } else {
                    existing <= limit
                }
            });
        if !stricter {
            object.insert(keyword.into(), bound(limit).into());
        }
    }
}

/// A bound as JSON: an integer when it is one, so `minimum: 1` reads as written.
fn bound(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < F64_EXACT_INTEGERS {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

/// Records each violated string constraint of `constraints` for `view`.
#[inline]
pub(crate) fn check_text<S: ProviderSet, R: Recorder>(
    constraints: &[Constraint<S>],
    text: &str,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    check_each(constraints, view, at, recorder, |rule| match rule {
        Rule::MinLength(n) => (text.chars().count() as u64) < n,
        Rule::MaxLength(n) => text.len() as u64 > n && text.chars().count() as u64 > n,
        Rule::Pattern(pattern) => !pattern.is_match(text),
        _ => false,
    });
}

/// Records each violated list constraint for a list of `count` items.
#[inline]
pub(crate) fn check_items<S: ProviderSet, R: Recorder>(
    constraints: &[Constraint<S>],
    count: usize,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    check_each(constraints, view, at, recorder, |rule| match rule {
        Rule::MinItems(n) => (count as u64) < n,
        Rule::MaxItems(n) => count as u64 > n,
        _ => false,
    });
}

/// The range of an integer type, as its schema's `minimum` and `maximum` say it.
#[derive(Clone, Copy, Debug)]
pub struct IntegerRange {
    /// The smallest value.
    pub min: i64,
    /// The largest value.
    pub max: u64,
    /// The type's name, for messages (`i8`).
    pub name: &'static str,
}

impl IntegerRange {
    /// The side of the range `number` falls outside of, with the limit it breaks.
    fn outside(self, number: Number) -> Option<(Side, Number)> {
        let min = Number::Negative(self.min);
        let max = Number::Positive(self.max);
        match number {
            Number::Negative(value) if value < self.min => Some((Side::Below, min)),
            Number::Positive(value) if value > self.max => Some((Side::Above, max)),
            _ => None,
        }
    }
}

/// A side of a range.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Below,
    Above,
}

/// The side a bound rule limits.
fn side_of(rule: Rule) -> Option<Side> {
    match rule {
        Rule::Minimum(_) | Rule::ExclusiveMinimum(_) => Some(Side::Below),
        Rule::Maximum(_) | Rule::ExclusiveMaximum(_) => Some(Side::Above),
        _ => None,
    }
}

/// Whether the bound rule `rule` is at least as strict as the type's `limit` on its side.
fn binds(rule: Rule, limit: Number) -> bool {
    match rule {
        Rule::Minimum(n) | Rule::ExclusiveMinimum(n) => {
            compare(limit, n) != Some(Ordering::Greater)
        }
        Rule::Maximum(n) | Rule::ExclusiveMaximum(n) => compare(limit, n) != Some(Ordering::Less),
        _ => false,
    }
}

/// Records each violated number constraint of `view` for `number`, and the integer type's
/// `range` where `number` is outside it. One number beyond both a bound and the type's limit
/// on the same side is one violation, with the binding (stricter) limit.
#[inline]
///
/// A float type's bounds judge the value the field will hold (`precision`): the number rounded
/// as serde rounds it. A float field with `multiple_of` holds numbers strictly within its exact
/// integers (±2^53 for `f64`, ±2^24 for `f32`), where the multiple written is the one held.
pub(crate) fn check_number<S: ProviderSet, R: Recorder>(
    constraints: &[Constraint<S>],
    number: Number,
    precision: Precision,
    range: Option<IntegerRange>,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    let written = number;
    let number = precision.held(number);
    if let Some(limit) = precision.exact_integers()
        && written.as_f64().abs() >= limit
        && constraints.iter().any(|constraint| {
            matches!(constraint.rule, Rule::MultipleOf(_)) && constraint.views.contains(view)
        })
    {
        let rule = if written.as_f64() < 0.0 {
            Rule::ExclusiveMinimum(-limit)
        } else {
            Rule::ExclusiveMaximum(limit)
        };
        recorder.record(at, rule.code(), Message::Constraint { rule, view: None });
        return;
    }
    let outside = range.and_then(|range| range.outside(number));
    let mut said = false;
    for constraint in constraints {
        let rule = constraint.rule;
        // A multiple is judged as written: within the exact integers it is the one held.
        let judged = if matches!(rule, Rule::MultipleOf(_)) {
            written
        } else {
            number
        };
        if !constraint.views.contains(view) || !breaks(rule, judged) {
            continue;
        }
        if let Some((side, limit)) = outside
            && side_of(rule) == Some(side)
        {
            if !binds(rule, limit) {
                // The type's limit is the stricter: it is said below.
                continue;
            }
            said = true;
        }
        record(constraint, view, at, recorder);
    }
    if let (Some((side, _)), Some(range)) = (outside, range)
        && !said
    {
        record_out_of_range(side, range, at, recorder);
    }
}

/// Whether `number` breaks the number rule `rule`.
fn breaks(rule: Rule, number: Number) -> bool {
    match rule {
        Rule::Minimum(n) => compare(number, n) == Some(Ordering::Less),
        Rule::Maximum(n) => compare(number, n) == Some(Ordering::Greater),
        Rule::ExclusiveMinimum(n) => compare(number, n) != Some(Ordering::Greater),
        Rule::ExclusiveMaximum(n) => compare(number, n) != Some(Ordering::Less),
        Rule::MultipleOf(n) => !is_multiple(number, n),
        _ => false,
    }
}

/// An integer outside its type's range: `minimum` below it, `maximum` above, as the type's
/// schema says.
fn record_out_of_range<R: Recorder>(
    side: Side,
    range: IntegerRange,
    at: &Path<'_>,
    recorder: &mut R,
) {
    let IntegerRange { min, max, name } = range;
    let (code, text, limit) = match side {
        Side::Below => (
            Code::Minimum,
            format!("must be at least {min}, the smallest {name}"),
            Value::from(min),
        ),
        Side::Above => (
            Code::Maximum,
            format!("must be at most {max}, the largest {name}"),
            Value::from(max),
        ),
    };
    let mut params = serde_json::Map::new();
    params.insert("limit".into(), limit);
    recorder.record(
        at,
        code,
        Message::Custom {
            text: text.into(),
            params,
        },
    );
}

/// Records each constraint of `view` that `broken` says the value breaks.
#[inline(always)]
fn check_each<S: ProviderSet, R: Recorder>(
    constraints: &[Constraint<S>],
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
    broken: impl Fn(Rule) -> bool,
) {
    // Most fields have no constraint: no loop, no call.
    if constraints.is_empty() {
        return;
    }
    for constraint in constraints {
        if constraint.views.contains(view) && broken(constraint.rule) {
            record(constraint, view, at, recorder);
        }
    }
}

fn record<S: ProviderSet, R: Recorder>(
    constraint: &Constraint<S>,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    recorder.record(
        at,
        constraint.rule.code(),
        Message::Constraint {
            rule: constraint.rule,
            view: constraint.per_provider.then(|| view.name()),
        },
    );
}

/// `number` against `bound`, exactly: integers are compared as integers where the bound is
/// one, so `2^63 - 1` is not rounded to `2^63` on the way.
fn compare(number: Number, bound: f64) -> Option<Ordering> {
    let integral_bound = bound.fract() == 0.0 && bound.abs() < 1.7e38;
    match number {
        Number::Positive(value) if integral_bound => {
            if bound < 0.0 {
                Some(Ordering::Greater)
            } else {
                Some(u128::from(value).cmp(&(bound as u128)))
            }
        }
        Number::Negative(value) if integral_bound => Some(i128::from(value).cmp(&(bound as i128))),
        Number::Positive(value) => (value as f64).partial_cmp(&bound),
        Number::Negative(value) => (value as f64).partial_cmp(&bound),
        Number::Float(value) => value.partial_cmp(&bound),
    }
}

/// Whether `number` is `divisor` times an integer; exact for every JSON number, since the
/// remainder of two doubles is exact.
fn is_multiple(number: Number, divisor: u64) -> bool {
    match number {
        Number::Positive(value) => value % divisor == 0,
        Number::Negative(value) => value.unsigned_abs() % divisor == 0,
        Number::Float(value) => value.is_finite() && value % (divisor as f64) == 0.0,
    }
}

/// Writes the constraints of `view` into a field's schema object, a float type's bounds as the
/// thresholds of its `precision` (see `precision.rs`).
pub(crate) fn write_schema<S: ProviderSet>(
    constraints: &[Constraint<S>],
    view: Target<S>,
    object: &mut crate::json::Map,
    precision: Precision,
) {
    let mut multiple_of = false;
    for constraint in constraints {
        if constraint.views.contains(view) {
            multiple_of |= matches!(constraint.rule, Rule::MultipleOf(_));
            let (keyword, value) = match precision.threshold(constraint.rule) {
                Some((keyword, ThresholdValue::Float(limit))) => (keyword, Value::from(limit)),
                Some((keyword, ThresholdValue::Integer(limit))) => (keyword, integer(limit)),
                None => constraint.rule.keyword(),
            };
            // A bound of the type itself (`u8`'s 0 and 255) stays where it is the stricter.
            let looser = |existing: &crate::json::Value| match (existing.as_f64(), value.as_f64()) {
                (Some(existing), Some(new)) if keyword == "minimum" => new < existing,
                (Some(existing), Some(new)) if keyword == "maximum" => new > existing,
                _ => false,
            };
            if !object.get(keyword).is_some_and(looser) {
                object.insert(keyword.into(), value.into());
            }
        }
    }
    if let Some(limit) = precision.exact_integers().filter(|_| multiple_of) {
        exact_integers_only(object, limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_exactly() {
        assert_eq!(
            compare(
                Number::Positive(i64::MAX as u64),
                9_223_372_036_854_775_807.0
            ),
            Some(Ordering::Less),
            "the bound rounds up to 2^63; the integer is below it"
        );
        assert_eq!(compare(Number::Negative(-5), -5.0), Some(Ordering::Equal));
        assert_eq!(compare(Number::Positive(3), -1.0), Some(Ordering::Greater));
        assert_eq!(compare(Number::Float(0.5), 1.0), Some(Ordering::Less));
        assert_eq!(compare(Number::Positive(2), 1.5), Some(Ordering::Greater));
    }

    #[test]
    fn multiples_are_exact() {
        assert!(is_multiple(Number::Positive(10), 5));
        assert!(is_multiple(Number::Negative(-15), 5));
        assert!(is_multiple(Number::Float(1e20), 5));
        assert!(!is_multiple(Number::Float(2.5), 5));
        assert!(!is_multiple(Number::Float(f64::NAN), 5));
    }
}
