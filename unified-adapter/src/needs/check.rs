//! Holding one part of a request to needs: every violation, each at its place, with a code and
//! a message that names who needs it and never quotes a value.

use core::fmt;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use serde_json::Value;
use unified_core::{Code, Part, ReportText, ValidationError};

use super::pointer::{Container, Found, Missing, find, passes_through};
use super::{Need, Rule};

/// Every violation of `needs` by `document`, the `part` of a request (needs of other parts are
/// left alone). `who` names whose needs they are (`Teamwork Project Management's API`).
pub fn check<W: fmt::Display + ?Sized>(
    needs: &[Need],
    part: Part,
    document: &Value,
    who: &W,
) -> Vec<ValidationError> {
    // Named as text only where a violation is written.
    let who: &dyn fmt::Display = &who;
    let mut errors = Vec::new();
    for need in needs.iter().filter(|need| need.part == part) {
        let missing = missing_for(&need.rule);
        match &need.rule {
            Rule::Required(at) => {
                for found in find(document, at, missing) {
                    match not_text(part, at, &found, who) {
                        Some(error) => errors.push(error),
                        // Where a list is not there, neither are its items' places.
                        None if found.outside == Some(Container::List) => {}
                        None if !holds(&found) => errors.push(ValidationError::new(
                            found.pointer(),
                            Code::Required,
                            format!("is required by {who}"),
                        )),
                        None => {}
                    }
                }
            }
            Rule::OneOf(named) => {
                let found: Vec<(&str, Found<'_, '_>)> = named
                    .iter()
                    .flat_map(|at| {
                        find(document, at, missing)
                            .into_iter()
                            .map(move |f| (*at, f))
                    })
                    .collect();
                let wrong: Vec<ValidationError> = found
                    .iter()
                    .filter_map(|(at, found)| not_text(part, at, found, who))
                    .collect();
                if !wrong.is_empty() {
                    errors.extend(wrong);
                } else if !found.iter().any(|(_, found)| holds(found)) {
                    let (first, others) = named.split_first().unwrap_or((&"", &[]));
                    let others: Vec<String> = others.iter().map(|at| format!("`{at}`")).collect();
                    errors.push(ValidationError::new(
                        *first,
                        Code::Required,
                        format!(
                            "is required by {who} unless {} is given",
                            others.join(" or ")
                        ),
                    ));
                }
            }
            Rule::Text { at, .. } => {
                for found in find(document, at, missing) {
                    if let Some(error) = not_text(part, at, &found, who)
                        .or_else(|| text_rules(&need.rule, &found, who))
                    {
                        errors.push(error);
                    }
                }
            }
            Rule::Flag(at) => {
                for found in find(document, at, missing) {
                    if let Some(error) = not_flag(part, at, &found, who) {
                        errors.push(error);
                    }
                }
            }
            Rule::Kept(at) => {
                for found in find(document, at, missing) {
                    if found.value == Some(&Value::Null) {
                        errors.push(ValidationError::new(
                            found.pointer(),
                            Code::Cleared,
                            format!("cannot be cleared: {who} requires one"),
                        ));
                    }
                }
            }
            Rule::Unchangeable(at) => {
                for found in find(document, at, missing) {
                    if found.value.is_some() {
                        errors.push(ValidationError::new(
                            found.pointer(),
                            Code::Unsupported,
                            format!("cannot be changed through {who}: leave it out"),
                        ));
                    }
                }
            }
        }
    }
    // Two needs may find the same fault (an object two places sit in): it is said once.
    let mut said: Vec<(ReportText, Code)> = Vec::new();
    errors.retain(|error| {
        let key = (error.pointer.clone(), error.code);
        let new = !said.contains(&key);
        said.push(key);
        new
    });
    errors
}

/// Whether a missing place is found for `rule`: only `Required` and `OneOf` are broken by
/// what is not there, so the other rules leave it out rather than walk to it.
fn missing_for(rule: &Rule) -> Missing {
    match rule {
        Rule::Required(_) | Rule::OneOf(_) => Missing::Found,
        Rule::Text { .. } | Rule::Flag(_) | Rule::Kept(_) | Rule::Unchangeable(_) => {
            Missing::LeftOut
        }
    }
}

/// Whether the place holds text.
fn holds(found: &Found<'_, '_>) -> bool {
    matches!(found.value, Some(Value::String(text)) if !text.is_empty())
}

/// The violation of what a place inside the pass-through member sits in, when that is not the
/// object or list the place needs (the member itself may be null: then nothing passes through).
/// Elsewhere the model has typed what places sit in.
fn not_inside(
    part: Part,
    at: &str,
    found: &Found<'_, '_>,
    who: &dyn fmt::Display,
) -> Option<ValidationError> {
    let container = found.outside.filter(|_| passes_through(part, at))?;
    let outer = &found.walked;
    let the_member = outer.matches('/').count() == 1;
    (!the_member).then(|| {
        let kind = match container {
            Container::Object => "an object",
            Container::List => "a list",
        };
        ValidationError::new(
            outer.clone(),
            Code::Type,
            format!("must be {kind}: {who} takes what is inside it"),
        )
    })
}

/// The violation of a place that is given but is not text. Inside the pass-through member a
/// given `null` is a value (it would replace the adapter's); elsewhere the model has typed the
/// place, and `null` is its absence.
fn not_text(
    part: Part,
    at: &str,
    found: &Found<'_, '_>,
    who: &dyn fmt::Display,
) -> Option<ValidationError> {
    if found.outside.is_some() {
        return not_inside(part, at, found, who);
    }
    let through = passes_through(part, at);
    match found.value {
        None => None,
        Some(Value::Null) if !through => None,
        Some(Value::String(text)) if text.is_empty() => Some(ValidationError::new(
            found.pointer(),
            Code::Empty,
            format!("must not be empty for {who}"),
        )),
        Some(Value::String(_)) => None,
        Some(_) => Some(ValidationError::new(
            found.pointer(),
            Code::Type,
            format!("must be text for {who}"),
        )),
    }
}

/// The violation of a place that is given but is not `true` or `false`.
fn not_flag(
    part: Part,
    at: &str,
    found: &Found<'_, '_>,
    who: &dyn fmt::Display,
) -> Option<ValidationError> {
    if found.outside.is_some() {
        return not_inside(part, at, found, who);
    }
    match found.value {
        None | Some(Value::Bool(_)) => None,
        Some(Value::Null) if !passes_through(part, at) => None,
        Some(_) => Some(ValidationError::new(
            found.pointer(),
            Code::Type,
            format!("must be true or false for {who}"),
        )),
    }
}

/// The violation of text that is given but not among the allowed values, not matching the
/// pattern or not of the format.
fn text_rules(
    rule: &Rule,
    found: &Found<'_, '_>,
    who: &dyn fmt::Display,
) -> Option<ValidationError> {
    let Rule::Text {
        among,
        pattern,
        format,
        ..
    } = rule
    else {
        return None;
    };
    let Some(Value::String(text)) = found.value else {
        return None;
    };
    if let Some(among) = among
        && !among.contains(&text.as_str())
    {
        return Some(ValidationError::new(
            found.pointer(),
            Code::Enum,
            format!("must be one of {} for {who}", among.join(", ")),
        ));
    }
    if let Some(pattern) = pattern
        && !compiled(pattern).is_some_and(|regex| regex.is_match(text))
    {
        return Some(ValidationError::new(
            found.pointer(),
            Code::Pattern,
            format!("must match `{pattern}` for {who}"),
        ));
    }
    if let Some(format) = format
        && !format.check(text)
    {
        return Some(ValidationError::new(
            found.pointer(),
            Code::Format,
            format!("must be {} for {who}", format.describe()),
        ));
    }
    None
}

/// A need's pattern, compiled once.
fn compiled(pattern: &'static str) -> Option<regex::Regex> {
    static COMPILED: OnceLock<RwLock<HashMap<&'static str, Option<regex::Regex>>>> =
        OnceLock::new();
    let cache = COMPILED.get_or_init(Default::default);
    if let Some(regex) = cache
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(pattern)
    {
        return regex.clone();
    }
    let regex = regex::Regex::new(pattern).ok();
    cache
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(pattern, regex.clone());
    regex
}
