//! Needs as JSON Schema (draft 2020-12, in keywords that OpenAPI 3.0 also has): what a part
//! must keep beside its model's schema, in the same terms [`check`](super::check) holds it to.

use unified_core::json::{Map, Value};
use unified_core::{Format, Part, json};

use super::pointer::{Step, passes_through, segments};
use super::{Need, Rule};

/// The schema of the needs of `part`, for an `allOf` beside the model's schema: an object with
/// a description naming `who` and the needs' clauses, or `None` when `part` has none.
pub fn schema(needs: &[Need], part: Part, who: &str) -> Option<Value> {
    let clauses: Vec<Value> = needs
        .iter()
        .filter(|need| need.part == part)
        .flat_map(clauses)
        .collect();
    (!clauses.is_empty()).then(|| {
        json!({
            "description": format!("What {who} needs beyond the unified model."),
            "allOf": clauses,
        })
    })
}

/// The needs of the query as OpenAPI documents parameters one by one: per parameter a need
/// names, whether it must be given, and the schema its value must also keep (with a
/// description naming `who`).
pub fn parameter_schemas(needs: &[Need], who: &str) -> Vec<(String, bool, Value)> {
    let mut parameters: Vec<(String, bool, Vec<Value>)> = Vec::new();
    for clause in needs
        .iter()
        .filter(|need| need.part == Part::Query)
        .flat_map(clauses)
    {
        // A query need names one parameter (see `Need::mistake`): each clause is about it, and
        // so is each branch of a choice.
        let Some((name, inner, required)) = about_one_member(&clause) else {
            continue;
        };
        match parameters.iter_mut().find(|(known, ..)| *known == name) {
            Some((_, must, schemas)) => {
                *must |= required;
                schemas.push(inner);
            }
            None => parameters.push((name, required, vec![inner])),
        }
    }
    parameters
        .into_iter()
        .map(|(name, required, schemas)| {
            let schema = json!({
                "description": format!("What {who} needs beyond the unified model."),
                "allOf": schemas,
            });
            (name, required, schema)
        })
        .collect()
}

/// The one member a clause is about, what it asks of that member's value, and whether the
/// member must be there.
fn about_one_member(clause: &Value) -> Option<(String, Value, bool)> {
    if let Some(branches) = clause.get("anyOf").and_then(Value::as_array) {
        let members: Vec<(String, Value, bool)> = branches
            .iter()
            .map(about_one_member)
            .collect::<Option<_>>()?;
        let name = members.first()?.0.clone();
        if members.iter().any(|(other, ..)| *other != name) {
            return None;
        }
        let required = members.iter().all(|(_, _, required)| *required);
        let inner = members.into_iter().map(|(_, inner, _)| inner).collect();
        return Some((name, json!({ "anyOf": Value::Array(inner) }), required));
    }
    let (name, inner) = clause.get("properties")?.as_object()?.iter().next()?;
    let required = clause["required"]
        .as_array()
        .is_some_and(|required| required.iter().any(|member| member == name));
    Some((name.clone(), inner.clone(), required))
}

/// The clauses of one need: each place, where given, holds what the need takes there; and for
/// a required place (or one of several), that it holds text.
fn clauses(need: &Need) -> Vec<Value> {
    let part = need.part;
    let given = |at: &str, leaf: Value| {
        segments(at).map(|steps| where_given(&steps, leaf, passes_through(part, at)))
    };
    let text = |at: &str| given_text(part, at, Asked::default());
    match &need.rule {
        Rule::Required(at) => {
            let text = text(at);
            given(at, text)
                .into_iter()
                .chain(segments(at).map(|steps| holding(&steps)))
                .collect()
        }
        Rule::OneOf(places) => {
            let mut clauses: Vec<Value> =
                places.iter().filter_map(|at| given(at, text(at))).collect();
            let holds: Vec<Value> = places
                .iter()
                .filter_map(|at| segments(at).map(|steps| holding(&steps)))
                .collect();
            clauses.push(json!({ "anyOf": holds }));
            clauses
        }
        Rule::Text {
            at,
            among,
            pattern,
            format,
        } => {
            let asked = Asked {
                among: among.as_deref(),
                pattern: *pattern,
                format: *format,
            };
            given(at, given_text(part, at, asked)).into_iter().collect()
        }
        Rule::Flag(at) => {
            let flag = if passes_through(part, at) {
                json!({"type": "boolean"})
            } else {
                json!({"type": ["boolean", "null"]})
            };
            given(at, flag).into_iter().collect()
        }
        Rule::Kept(at) => given(at, json!({"not": {"type": "null"}}))
            .into_iter()
            .collect(),
        // Nothing given there is taken.
        Rule::Unchangeable(at) => given(at, json!({"not": {}})).into_iter().collect(),
    }
}

/// What a need asks of text besides being text.
#[derive(Clone, Copy, Default)]
struct Asked<'a> {
    among: Option<&'a [&'a str]>,
    pattern: Option<&'a str>,
    format: Option<Format>,
}

/// The schema of text given at `at`: a non-empty string, and what else is `asked`. Outside the
/// pass-through member, `null` is the place's absence.
fn given_text(part: Part, at: &str, asked: Asked<'_>) -> Value {
    let Asked {
        among,
        pattern,
        format,
    } = asked;
    let nullable = !passes_through(part, at);
    let mut leaf = Map::new();
    leaf.insert(
        "type".into(),
        if nullable {
            json!(["string", "null"])
        } else {
            json!("string")
        },
    );
    leaf.insert("minLength".into(), json!(1));
    if let Some(among) = among {
        let mut values: Vec<Value> = among.iter().map(|value| json!(*value)).collect();
        if nullable {
            values.push(Value::Null);
        }
        leaf.insert("enum".into(), Value::Array(values));
    }
    if let Some(pattern) = pattern {
        leaf.insert("pattern".into(), json!(pattern));
    }
    if let Some(format) = format {
        leaf.insert("format".into(), json!(format.keyword()));
    }
    Value::Object(leaf)
}

/// Where the place `steps` names is given, it keeps `leaf`; with `through`, what it sits in
/// below the pass-through member is the object or list the next step needs.
fn where_given(steps: &[Step], leaf: Value, through: bool) -> Value {
    nest(steps, leaf, 0, &|depth| through && depth >= 2, &|_| false)
}

/// The place `steps` names holds text: each member on the way is there (up to the last `*`,
/// after which each item's is).
fn holding(steps: &[Step]) -> Value {
    let after_last_items = steps
        .iter()
        .rposition(|step| *step == Step::Items)
        .map_or(0, |index| index + 1);
    let leaf = json!({"type": "string", "minLength": 1});
    nest(
        steps,
        leaf,
        0,
        &|depth| depth >= after_last_items,
        &|depth| depth >= after_last_items,
    )
}

/// `leaf` at the end of `steps`, the step at position `depth` applied to what it names; where
/// `typed(depth)`, that is the object or list the step needs, and where `present(depth)`, the
/// member is there.
fn nest(
    steps: &[Step],
    leaf: Value,
    depth: usize,
    typed: &dyn Fn(usize) -> bool,
    present: &dyn Fn(usize) -> bool,
) -> Value {
    let Some((step, rest)) = steps.split_first() else {
        return leaf;
    };
    let inner = nest(rest, leaf, depth + 1, typed, present);
    let mut level = Map::new();
    match step {
        Step::Key(key) => {
            if typed(depth) {
                level.insert("type".into(), json!("object"));
            }
            if present(depth) {
                level.insert("required".into(), json!([key.as_ref()]));
            }
            level.insert("properties".into(), json!({ key.as_ref(): inner }));
        }
        Step::Items => {
            if typed(depth) {
                level.insert("type".into(), json!("array"));
            }
            level.insert("items".into(), inner);
        }
    }
    Value::Object(level)
}
