//! Custom checks: functions a model names with `#[unified(check = path)]`, on a field or on the
//! model, for rules only code can express. A check is handed the value (built, whatever the
//! validation mode) and a [`Checker`] that knows the view and records violations with codes of
//! the user's own namespace ([`Code::custom`]) at pointers relative to the value.

use std::borrow::Cow;

use serde::Deserializer;
use serde_json::{Map, Value};

use crate::provider::{Provider, ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::{Path, pointer_segments};
use crate::rule::Rule;
use crate::validate::field_rule::FieldRule;
use crate::validate::field_value::FieldValue;
use crate::validate::mode::{Build, Mode};
use crate::validate::reading::Reading;
use crate::validate::recorder::Recorder;

/// What a custom check records its violations with.
pub struct Checker<'a, S: 'static> {
    view: Target<S>,
    at: &'a Path<'a>,
    record: &'a mut dyn FnMut(&Path<'_>, Code, Message),
    /// The rule of the field being checked; `None` for a model's own checks.
    field: Option<&'a FieldRule<S>>,
}

impl<S: ProviderSet> Checker<'_, S> {
    /// The view the value is checked for.
    pub fn view(&self) -> Target<S> {
        self.view
    }

    /// The provider the value is checked for; `None` for the unified target.
    pub fn provider(&self) -> Option<Provider<S>> {
        self.view.provider()
    }

    /// Records a violation at `pointer`, relative to the checked value (`""` is the value
    /// itself, `"/0/name"` a member of it), with a code of the user's namespace
    /// ([`Code::custom`]) and an English message. The message should describe, never quote the
    /// value (it may be a secret).
    pub fn report(&mut self, pointer: &str, code: Code, message: impl Into<Cow<'static, str>>) {
        self.report_with(pointer, code, message, Map::new());
    }

    /// [`Checker::report`] with parameters for translations (see
    /// [`ValidationError::params`](crate::ValidationError::params)).
    pub fn report_with(
        &mut self,
        pointer: &str,
        code: Code,
        message: impl Into<Cow<'static, str>>,
        params: Map<String, Value>,
    ) {
        let segments: Vec<Cow<'_, str>> = pointer_segments(pointer).collect();
        let message = Message::Custom {
            text: message.into(),
            params,
        };
        record_below(self.at, &segments, code, message, &mut *self.record);
    }
}

/// Records at `at` followed by `segments`, building the path one segment at a time.
fn record_below(
    at: &Path<'_>,
    segments: &[Cow<'_, str>],
    code: Code,
    message: Message,
    record: &mut dyn FnMut(&Path<'_>, Code, Message),
) {
    match segments.split_first() {
        None => record(at, code, message),
        Some((first, rest)) => record_below(&at.key(first), rest, code, message, record),
    }
}

/// Item types whose Rust equality is JSON Schema's equality of the JSON they come from, so
/// `unique_items` can compare built items: strings, booleans, integers and unit enums. Not
/// floats (`f64` rounds `2^53 + 1` to `2^53`, so two numbers JSON Schema counts as different
/// would build equal items; `f32` rounds sooner), models (a `null` member and an absent one
/// build alike), free-form values (`1` and `1.0` differ in serde's `Value`) or parsed types
/// (`Uuid` folds case).
#[diagnostic::on_unimplemented(
    message = "`unique_items` compares items as JSON Schema does, which `{Self}` cannot promise",
    label = "not an item `unique_items` can compare",
    note = "`unique_items` applies to lists of strings, booleans, integers or unit enums; \
            floats round distinct JSON numbers to one value"
)]
pub trait UniqueItem {}

/// Implements [`UniqueItem`] for types whose equality is JSON's.
macro_rules! unique_item_types {
    ($($ty:ty),+) => { $(impl UniqueItem for $ty {})+ };
}

unique_item_types!(String, bool, i8, i16, i32, i64, u8, u16, u32, u64, usize);

/// The `unique_items` rule, as a check: a list is built to compare its items (as JSON Schema
/// does, by value), where the view enforces the rule.
pub fn unique_items<S: ProviderSet, T: UniqueItem + PartialEq>(
    items: &[T],
    checker: &mut Checker<'_, S>,
) {
    let Some(field) = checker.field else {
        return;
    };
    let view = checker.view;
    for constraint in field.constraints {
        if !matches!(constraint.rule, Rule::UniqueItems) || !constraint.views.contains(view) {
            continue;
        }
        let repeated = items
            .iter()
            .enumerate()
            .any(|(index, item)| items[..index].contains(item));
        if repeated {
            let message = Message::Constraint {
                rule: Rule::UniqueItems,
                view: constraint.per_provider.then(|| view.name()),
            };
            (checker.record)(checker.at, Code::UniqueItems, message);
        }
    }
}

/// A check of a field's value of type `T`.
pub type FieldCheck<S, T> = fn(&T, &mut Checker<'_, S>);

/// `check` as a [`FieldCheck`]: where the derive names a check, so a function of the wrong shape
/// is an error on its name that says which shape is expected.
pub const fn field_check<S, T>(check: FieldCheck<S, T>) -> FieldCheck<S, T> {
    check
}

/// How a check may take a field's value of type `Self`: as it is, or a list as a slice (`&[T]`
/// rather than `&Vec<T>`, as clippy's `ptr_arg` asks of a function).
#[diagnostic::on_unimplemented(
    message = "a check of a `{Self}` field cannot take `&{U}`",
    label = "this check takes `&{U}`",
    note = "a check takes the field's type as `&{Self}` (a list also as a slice, `&[T]`), and `&mut Checker<'_, Set>`"
)]
pub trait CheckedAs<U: ?Sized> {
    /// The value as the check takes it.
    fn checked_as(&self) -> &U;
}

impl<T> CheckedAs<T> for T {
    fn checked_as(&self) -> &T {
        self
    }
}

impl<T> CheckedAs<[T]> for Vec<T> {
    fn checked_as(&self) -> &[T] {
        self
    }
}

/// Runs `check`, written for `U`, on a field's `value` of type `T`.
pub fn check_as<S, T: CheckedAs<U>, U: ?Sized>(
    value: &T,
    checker: &mut Checker<'_, S>,
    check: fn(&U, &mut Checker<'_, S>),
) {
    check(value.checked_as(), checker);
}

/// Runs `checks` on `value`, recording into `recorder`.
pub(crate) fn run_checks<S: ProviderSet, T, R: Recorder>(
    value: &T,
    checks: &[FieldCheck<S, T>],
    field: Option<&FieldRule<S>>,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    let mut record = |at: &Path<'_>, code: Code, message: Message| {
        recorder.record(at, code, message);
    };
    let mut checker = Checker {
        view,
        at,
        record: &mut record,
        field,
    };
    for check in checks {
        check(value, &mut checker);
    }
}

/// Reads a field that has custom checks: its value is built whatever the mode `B` (the checks
/// need it), then handed to each check. Where the view holds the field to `unique_items`, the
/// list is first read as JSON, so that a list with a refused item is still checked for repeats
/// (its value cannot be built), as JSON Schema checks every keyword at once.
pub fn read_checked<'de, S, T, B, D, R>(
    input: D,
    reading: Reading<'_, S, R>,
    checks: &[FieldCheck<S, T>],
) -> Result<B::Out<T>, D::Error>
where
    S: ProviderSet,
    T: FieldValue<S>,
    B: Mode,
    D: Deserializer<'de>,
    R: Recorder,
{
    let Reading {
        view,
        at,
        recorder,
        field,
        merge,
    } = reading;
    let unique = field.and_then(|field| {
        field.constraints.iter().find(|constraint| {
            matches!(constraint.rule, Rule::UniqueItems) && constraint.views.contains(view)
        })
    });
    let reading = Reading {
        view,
        at,
        recorder: &mut *recorder,
        field,
        merge,
    };
    let (value, written) = match unique {
        Some(_) => {
            let written = <Value as serde::Deserialize>::deserialize(input)?;
            let value = T::read::<Build, &Value, R>(&written, reading)
                .map_err(<D::Error as serde::de::Error>::custom)?;
            (value, Some(written))
        }
        None => (T::read::<Build, D, R>(input, reading)?, None),
    };
    match (&value, unique, written) {
        (Some(value), ..) if !recorder.done() => {
            run_checks(value, checks, field, view, at, recorder);
        }
        (None, Some(constraint), Some(Value::Array(items)))
            if !recorder.done() && has_repeats(&items) =>
        {
            let message = Message::Constraint {
                rule: Rule::UniqueItems,
                view: constraint.per_provider.then(|| view.name()),
            };
            recorder.record(at, Code::UniqueItems, message);
        }
        _ => {}
    }
    Ok(B::keep(|| value))
}

/// Whether two items of `items` are equal as JSON Schema compares them.
fn has_repeats(items: &[Value]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(index, item)| items[..index].iter().any(|other| json_equal(item, other)))
}

/// JSON Schema's equality: numbers by their mathematical value (`1` is `1.0`), arrays item by
/// item, objects member by member.
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => match (exact(a), exact(b)) {
            (Some(a), Some(b)) => a == b,
            // A float beyond the integers: compared as floats (neither is an exact integer).
            _ => a.as_f64() == b.as_f64() && a.is_f64() && b.is_f64(),
        },
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, value)| b.get(key).is_some_and(|other| json_equal(value, other)))
        }
        _ => a == b,
    }
}

/// A number as an exact integer, where it is one.
fn exact(number: &serde_json::Number) -> Option<i128> {
    if let Some(value) = number.as_i64() {
        return Some(i128::from(value));
    }
    if let Some(value) = number.as_u64() {
        return Some(i128::from(value));
    }
    number
        .as_f64()
        .filter(|value| value.fract() == 0.0 && value.abs() < 1.7e38)
        .map(|value| value as i128)
}
