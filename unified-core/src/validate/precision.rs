//! Numbers are judged as the value the field will hold: serde rounds a JSON number to the
//! nearest `f32` or `f64`, so a field's bounds apply to the rounded value, and its schema writes
//! each bound as the threshold on the JSON number that keeps the rounded value within it. Both
//! then refuse `2.4999999` for an `f32` below 2.5 (it rounds to 2.5), and what validates builds
//! a value that keeps the field's rules.

use crate::rule::Rule;
use crate::validate::number::Number;

/// How exactly a number type holds JSON numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// Every number it takes, as written (integer types, and types that are not numbers).
    Exact,
    /// Rounded to the nearest `f64`, as serde reads one.
    F64,
    /// Rounded to the nearest `f32`, as serde reads one (an integer directly, a float through
    /// its `f64`).
    F32,
}

/// From this magnitude an `f64` holds no odd integer.
pub const F64_EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// From this magnitude an `f32` holds no odd integer.
pub const F32_EXACT_INTEGERS: f64 = 16_777_216.0;

impl Precision {
    /// Where a float type's integers stop being exact: a float field with `multiple_of` holds
    /// numbers strictly within it, so a multiple written is the multiple held (`2^53 + 3` would
    /// build the `f64` `2^53 + 4`, `3.0000001` the `f32` 3).
    pub fn exact_integers(self) -> Option<f64> {
        match self {
            Precision::Exact => None,
            Precision::F64 => Some(F64_EXACT_INTEGERS),
            Precision::F32 => Some(F32_EXACT_INTEGERS),
        }
    }

    /// The number a field of this precision holds for `number`.
    pub fn held(self, number: Number) -> Number {
        match (self, number) {
            (Precision::Exact, _) => number,
            (Precision::F64, _) => Number::Float(number.as_f64()),
            (Precision::F32, Number::Positive(value)) => Number::Float(f64::from(value as f32)),
            (Precision::F32, Number::Negative(value)) => Number::Float(f64::from(value as f32)),
            (Precision::F32, Number::Float(value)) => Number::Float(f64::from(value as f32)),
        }
    }

    /// The JSON Schema keyword and value of the bound rule `rule` for this precision: the
    /// threshold on the JSON number at which the held value crosses the bound, as `minimum` or
    /// `exclusiveMinimum` (and likewise above) by where a tie rounds. `None` keeps the rule's
    /// own keyword (an exact type, a rule that is not a bound, or a bound the rounding cannot
    /// cross).
    pub fn threshold(self, rule: Rule) -> Option<(&'static str, ThresholdValue)> {
        let (bound, above, exclusive) = match rule {
            Rule::Minimum(bound) => (bound, false, false),
            Rule::ExclusiveMinimum(bound) => (bound, false, true),
            Rule::Maximum(bound) => (bound, true, false),
            Rule::ExclusiveMaximum(bound) => (bound, true, true),
            _ => return None,
        };
        match self {
            Precision::Exact => None,
            Precision::F32 => f32_threshold(bound, above, exclusive),
            Precision::F64 => f64_threshold(bound, above, exclusive),
        }
    }
}

/// A threshold: a float, or an integer where only an integer can be written exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ThresholdValue {
    /// An `f64` written as JSON.
    Float(f64),
    /// An integer beyond 2^53.
    Integer(i128),
}

/// The threshold of an `f32` field's bound: the last `f32` the held value may be (`last`) and
/// the next one beyond it; the JSON numbers that round to `last` or nearer end halfway.
fn f32_threshold(
    bound: f64,
    above: bool,
    exclusive: bool,
) -> Option<(&'static str, ThresholdValue)> {
    let last = if above {
        largest_f32_within(bound, exclusive)?
    } else {
        -largest_f32_within(-bound, exclusive)?
    };
    let beyond = if above {
        last.next_up()
    } else {
        last.next_down()
    };
    if !beyond.is_finite() {
        // The type's own range ends there.
        return None;
    }
    let halfway = (f64::from(last) + f64::from(beyond)) / 2.0;
    // At exactly halfway the number rounds to the even one of the two.
    let tie_keeps = last.to_bits() % 2 == 0;
    Some((keyword(above, !tie_keeps), ThresholdValue::Float(halfway)))
}

/// The largest `f32` at most `bound` (below it, where `exclusive`).
fn largest_f32_within(bound: f64, exclusive: bool) -> Option<f32> {
    if !bound.is_finite() {
        return None;
    }
    let mut candidate = bound as f32;
    while f64::from(candidate) > bound || (exclusive && f64::from(candidate) == bound) {
        candidate = candidate.next_down();
    }
    candidate.is_finite().then_some(candidate)
}

/// The threshold of an `f64` field's bound: below 2^53 every integer is exact and a float
/// token is read as the `f64` JSON Schema compares, so the bound stands; beyond it an integer
/// rounds, and the threshold is the integer halfway to the next `f64`.
fn f64_threshold(
    bound: f64,
    above: bool,
    exclusive: bool,
) -> Option<(&'static str, ThresholdValue)> {
    if !bound.is_finite() || bound.abs() < F64_EXACT_INTEGERS {
        return None;
    }
    let last = if above {
        if exclusive { bound.next_down() } else { bound }
    } else if exclusive {
        bound.next_up()
    } else {
        bound
    };
    let beyond = if above {
        last.next_up()
    } else {
        last.next_down()
    };
    // Integers in JSON reach the `u64` and `i64` range only.
    let within = |value: f64| value.abs() < 1.9e19;
    if !beyond.is_finite() || !within(last) || !within(beyond) {
        return None;
    }
    let halfway = (last as i128 + beyond as i128) / 2;
    let tie_keeps = last.to_bits() % 2 == 0;
    Some((keyword(above, !tie_keeps), ThresholdValue::Integer(halfway)))
}

/// The JSON Schema keyword of a bound on this side.
fn keyword(above: bool, exclusive: bool) -> &'static str {
    match (above, exclusive) {
        (true, false) => "maximum",
        (true, true) => "exclusiveMaximum",
        (false, false) => "minimum",
        (false, true) => "exclusiveMinimum",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a held value keeps `rule`, judged directly.
    fn keeps(rule: Rule, held: f64) -> bool {
        match rule {
            Rule::Minimum(bound) => held >= bound,
            Rule::ExclusiveMinimum(bound) => held > bound,
            Rule::Maximum(bound) => held <= bound,
            Rule::ExclusiveMaximum(bound) => held < bound,
            _ => true,
        }
    }

    /// Whether the JSON number `value` keeps the threshold.
    fn within(threshold: (&str, ThresholdValue), value: f64) -> bool {
        let limit = match threshold.1 {
            ThresholdValue::Float(limit) => limit,
            ThresholdValue::Integer(limit) => limit as f64,
        };
        match threshold.0 {
            "minimum" => value >= limit,
            "exclusiveMinimum" => value > limit,
            "maximum" => value <= limit,
            _ => value < limit,
        }
    }

    #[test]
    fn an_f32_threshold_admits_exactly_the_numbers_whose_f32_keeps_the_bound() {
        let rules = [
            Rule::ExclusiveMaximum(2.5),
            Rule::Maximum(2.5),
            Rule::ExclusiveMaximum(0.2),
            Rule::ExclusiveMinimum(0.0),
            Rule::Minimum(-1.1),
            Rule::ExclusiveMinimum(-1.1),
            Rule::Maximum(1e-3),
        ];
        for rule in rules {
            let threshold = Precision::F32.threshold(rule).expect("a float bound");
            let limit = match threshold.1 {
                ThresholdValue::Float(limit) => limit,
                ThresholdValue::Integer(_) => unreachable!(),
            };
            // Numbers around the threshold and the bound, a few f64 steps apart.
            let mut probes = Vec::new();
            for centre in [limit, rule_bound(rule)] {
                let mut below = centre;
                let mut above = centre;
                for _ in 0..40 {
                    probes.extend([below, above]);
                    below = below.next_down();
                    above = above.next_up();
                }
            }
            for value in probes {
                let held = Precision::F32.held(Number::Float(value)).as_f64();
                assert_eq!(
                    within(threshold, value),
                    keeps(rule, held),
                    "{rule:?} at {value:e} (held {held:e})"
                );
            }
        }
        assert_eq!(Precision::F32.threshold(Rule::MinLength(1)), None);
    }

    fn rule_bound(rule: Rule) -> f64 {
        match rule {
            Rule::Minimum(bound)
            | Rule::ExclusiveMinimum(bound)
            | Rule::Maximum(bound)
            | Rule::ExclusiveMaximum(bound) => bound,
            _ => 0.0,
        }
    }

    #[test]
    fn an_f64_threshold_moves_only_beyond_exact_integers() {
        assert_eq!(Precision::F64.threshold(Rule::Maximum(2.5)), None);
        let two_53 = F64_EXACT_INTEGERS;
        // 2^53 + 1 rounds to 2^53 (the even one): it keeps `maximum = 2^53`.
        assert_eq!(
            Precision::F64.threshold(Rule::Maximum(two_53)),
            Some(("maximum", ThresholdValue::Integer(9_007_199_254_740_993)))
        );
        assert_eq!(
            Precision::F64
                .held(Number::Positive(9_007_199_254_740_993))
                .as_f64(),
            two_53
        );
        // 2^53 + 3 rounds to 2^53 + 4, beyond `maximum = 2^53 + 2`.
        assert_eq!(
            Precision::F64.threshold(Rule::Maximum(two_53 + 2.0)),
            Some((
                "exclusiveMaximum",
                ThresholdValue::Integer(9_007_199_254_740_995)
            ))
        );
        assert_eq!(
            Precision::F64
                .held(Number::Positive(9_007_199_254_740_995))
                .as_f64(),
            two_53 + 4.0
        );
    }

    #[test]
    fn integers_round_to_an_f32_once() {
        // 16777217 = 2^24 + 1 is halfway: it rounds to the even 2^24, directly as serde does.
        assert_eq!(
            Precision::F32.held(Number::Positive(16_777_217)).as_f64(),
            16_777_216.0
        );
    }
}
