//! Holding one part of a request to needs: every violation, each at its place, with a code and
//! a message that names who needs it and never quotes a value.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use serde_json::Value;
use unified_core::{Code, Part, ValidationError};

use super::pointer::{Found, find, passes_through, segments};
use super::{Need, Rule};

/// Every violation of `needs` by `document`, the `part` of a request (needs of other parts are
/// left alone). `who` names whose needs they are (`Teamwork Project Management's API`).
pub fn check(needs: &[Need], part: Part, document: &Value, who: &str) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    for need in needs.iter().filter(|need| need.part == part) {
        match &need.rule {
            Rule::Required(at) => {
                for found in places(at, document) {
                    match not_text(part, at, &found, who) {
                        Some(error) => errors.push(error),
                        None if !holds(&found) => errors.push(ValidationError::new(
                            found.pointer,
                            Code::Required,
                            format!("is required by {who}"),
                        )),
                        None => {}
                    }
                }
            }
            Rule::OneOf(named) => {
                let found: Vec<(&str, Found<'_>)> = named
                    .iter()
                    .flat_map(|at| places(at, document).into_iter().map(move |f| (*at, f)))
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
                for found in places(at, document) {
                    if let Some(error) = not_text(part, at, &found, who)
                        .or_else(|| among_and_pattern(&need.rule, &found, who))
                    {
                        errors.push(error);
                    }
                }
            }
        }
    }
    errors
}

/// The places `at` names in `document`.
fn places<'v>(at: &str, document: &'v Value) -> Vec<Found<'v>> {
    segments(at).map_or_else(Vec::new, |steps| find(document, &steps))
}

/// Whether the place holds text.
fn holds(found: &Found<'_>) -> bool {
    matches!(found.value, Some(Value::String(text)) if !text.is_empty())
}

/// The violation of a place that is given but is not text. Inside the pass-through member a
/// given `null` is a value (it would replace the adapter's), and what the place sits in must be
/// an object; elsewhere the model has typed the place, and `null` is its absence.
fn not_text(part: Part, at: &str, found: &Found<'_>, who: &str) -> Option<ValidationError> {
    let through = passes_through(part, at);
    if let Some(outer) = found.not_an_object.as_ref().filter(|_| through) {
        // The pass-through member itself may be null: then nothing passes through.
        let the_member = outer.matches('/').count() == 1;
        return (!the_member).then(|| {
            ValidationError::new(
                outer.clone(),
                Code::Type,
                format!("must be an object: {who} takes what is inside it"),
            )
        });
    }
    match found.value {
        None => None,
        Some(Value::Null) if !through => None,
        Some(Value::String(text)) if text.is_empty() => Some(ValidationError::new(
            found.pointer.clone(),
            Code::Empty,
            format!("must not be empty for {who}"),
        )),
        Some(Value::String(_)) => None,
        Some(_) => Some(ValidationError::new(
            found.pointer.clone(),
            Code::Type,
            format!("must be text for {who}"),
        )),
    }
}

/// The violation of a place that is given but not among the allowed values or not matching
/// the pattern.
fn among_and_pattern(rule: &Rule, found: &Found<'_>, who: &str) -> Option<ValidationError> {
    let Rule::Text { among, pattern, .. } = rule else {
        return None;
    };
    let Some(Value::String(text)) = found.value else {
        return None;
    };
    if let Some(among) = among
        && !among.contains(&text.as_str())
    {
        return Some(ValidationError::new(
            found.pointer.clone(),
            Code::Enum,
            format!("must be one of {} for {who}", among.join(", ")),
        ));
    }
    if let Some(pattern) = pattern
        && !compiled(pattern).is_some_and(|regex| regex.is_match(text))
    {
        return Some(ValidationError::new(
            found.pointer.clone(),
            Code::Pattern,
            format!("must match `{pattern}` for {who}"),
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
