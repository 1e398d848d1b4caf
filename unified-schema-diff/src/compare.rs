//! The rule-based comparison of two schemas: walks both at once and records each keyword
//! change with the way it moves what the schema accepts.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::change::{Code, Effect};
use crate::keywords::{
    ANNOTATIONS, BOUNDS, accepts_anything, closed, custom_check, escaped, listed_values, object_of,
    one_of_values, required, types,
};

/// One change the rules found, before it is placed in a file and given a level.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Finding {
    /// Where, as a pointer into the schema compared.
    pub pointer: String,
    /// What kind.
    pub code: Code,
    /// Which way.
    pub effect: Effect,
    /// In words.
    pub message: String,
}

/// Keywords the walk compares itself; any other that differs is a [`Code::SchemaChanged`].
const COMPARED: [&str; 22] = [
    "type",
    "nullable",
    "const",
    "enum",
    "oneOf",
    "anyOf",
    "allOf",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "pattern",
    "format",
    "uniqueItems",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
];

/// How deep the walk goes before it calls what is left a [`Code::SchemaChanged`]: far beyond
/// any model, and a bound on a schema that nests without end.
const MAX_DEPTH: usize = 64;

/// Every change between `old` and `new`, with pointers below `at`.
pub(crate) fn compare(old: &Value, new: &Value, at: &str) -> Vec<Finding> {
    let mut walk = Walk::default();
    walk.schema(old, new, at, "", 0);
    walk.findings
}

/// Where the walk is: the two schemas there, the pointer to them, the field they describe and
/// how deep it is.
#[derive(Clone, Copy)]
struct Here<'a> {
    old: &'a Map<String, Value>,
    new: &'a Map<String, Value>,
    at: &'a str,
    field: &'a str,
    depth: usize,
}

#[derive(Default)]
struct Walk {
    findings: Vec<Finding>,
}

impl Walk {
    fn note(&mut self, pointer: String, code: Code, effect: Effect, message: String) {
        self.findings.push(Finding {
            pointer,
            code,
            effect,
            message,
        });
    }

    fn schema(&mut self, old: &Value, new: &Value, at: &str, field: &str, depth: usize) {
        if old == new {
            return;
        }
        if depth > MAX_DEPTH {
            let message = format!(
                "{}: the schemas differ below the depth compared",
                shown(field)
            );
            self.note(at.into(), Code::SchemaChanged, Effect::Unknown, message);
            return;
        }
        if old == &Value::Bool(false) || new == &Value::Bool(false) {
            let (code, effect, now) = if new == &Value::Bool(false) {
                (
                    Code::ConstraintAdded,
                    Effect::Narrower,
                    "now takes no value",
                )
            } else {
                (Code::ConstraintRemoved, Effect::Wider, "now takes values")
            };
            let message = format!("{} {now}", shown(field));
            self.note(at.into(), code, effect, message);
            return;
        }
        let (old, new) = (object_of(old), object_of(new));
        let here = Here {
            old: &old,
            new: &new,
            at,
            field,
            depth,
        };
        self.types(here);
        self.values(here);
        self.bounds(here);
        self.text_rules(here);
        self.objects(here);
        self.arrays(here);
        self.combined(here);
        self.custom_checks(here);
        self.others(here);
    }

    fn types(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            ..
        } = here;
        let f = &shown(field);
        let pointer = format!("{at}/type");
        match (types(old), types(new)) {
            (Some(old), Some(new)) => {
                let gone: Vec<&String> = old.difference(&new).collect();
                if !gone.is_empty() {
                    let message = format!("{f} no longer takes {}", listed(&gone));
                    self.note(
                        pointer.clone(),
                        Code::TypeNarrowed,
                        Effect::Narrower,
                        message,
                    );
                }
                let added: Vec<&String> = new.difference(&old).collect();
                if !added.is_empty() {
                    let message = format!("{f} now also takes {}", listed(&added));
                    self.note(pointer, Code::TypeWidened, Effect::Wider, message);
                }
            }
            (None, Some(new)) => {
                let message = format!(
                    "{f} now takes only {}",
                    listed(&new.iter().collect::<Vec<_>>())
                );
                self.note(pointer, Code::TypeNarrowed, Effect::Narrower, message);
            }
            (Some(_), None) => {
                let message = format!("{f} now takes any type");
                self.note(pointer, Code::TypeWidened, Effect::Wider, message);
            }
            (None, None) => {}
        }
    }

    fn values(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            ..
        } = here;
        let f = &shown(field);
        let pointer = |schema: &Map<String, Value>| {
            let keyword = ["const", "enum", "oneOf"]
                .into_iter()
                .find(|keyword| schema.contains_key(*keyword))
                .unwrap_or("enum");
            format!("{at}/{keyword}")
        };
        match (listed_values(old), listed_values(new)) {
            (Some(before), Some(after)) => {
                for value in before.iter().filter(|value| !after.contains(value)) {
                    let message = format!("{f} no longer allows {value}");
                    self.note(pointer(old), Code::ValueRemoved, Effect::Narrower, message);
                }
                for value in after.iter().filter(|value| !before.contains(value)) {
                    let message = format!("{f} now allows {value}");
                    self.note(pointer(new), Code::ValueAdded, Effect::Wider, message);
                }
            }
            (None, Some(_)) | (Some(_), None)
                if old.contains_key("oneOf") && new.contains_key("oneOf") =>
            {
                let message = format!("{f}: a list of values and alternatives replace each other");
                self.note(
                    format!("{at}/oneOf"),
                    Code::SchemaChanged,
                    Effect::Unknown,
                    message,
                );
            }
            (None, Some(after)) => {
                let message = format!("{f} now allows only {}", values_listed(&after));
                self.note(pointer(new), Code::ValueRemoved, Effect::Narrower, message);
            }
            (Some(_), None) => {
                let message = format!("{f} no longer lists its allowed values");
                self.note(pointer(old), Code::ValueAdded, Effect::Wider, message);
            }
            (None, None) => {}
        }
    }

    fn bounds(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            ..
        } = here;
        let f = &shown(field);
        for bound in &BOUNDS {
            let (was, is) = (old.get(bound.keyword), new.get(bound.keyword));
            if was != is
                && (was.is_some_and(Value::is_boolean) || is.is_some_and(Value::is_boolean))
            {
                // OpenAPI 3.0's boolean `exclusiveMinimum`: its meaning rests on `minimum`.
                let message = format!("{f}: {} changed", bound.keyword);
                let pointer = format!("{at}/{}", bound.keyword);
                self.note(pointer, Code::SchemaChanged, Effect::Unknown, message);
                continue;
            }
            let before = old.get(bound.keyword).and_then(Value::as_f64);
            let after = new.get(bound.keyword).and_then(Value::as_f64);
            let tighter = match (before, after) {
                (None, None) => continue,
                (Some(before), Some(after)) if before == after => continue,
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(before), Some(after)) => (after > before) == bound.lower,
            };
            let shown = |value: Option<f64>| value.map_or("none".to_owned(), |v| v.to_string());
            let message = format!(
                "{f}: {} {} → {}",
                bound.keyword,
                shown(before),
                shown(after)
            );
            let pointer = format!("{at}/{}", bound.keyword);
            if tighter {
                self.note(pointer, Code::LimitTightened, Effect::Narrower, message);
            } else {
                self.note(pointer, Code::LimitLoosened, Effect::Wider, message);
            }
        }
        let before = old.get("multipleOf").and_then(Value::as_f64);
        let after = new.get("multipleOf").and_then(Value::as_f64);
        let effect = match (before, after) {
            (None, None) => return,
            (Some(before), Some(after)) if before == after => return,
            (None, Some(_)) => Effect::Narrower,
            (Some(_), None) => Effect::Wider,
            (Some(before), Some(after)) if (after / before).fract() == 0.0 => Effect::Narrower,
            (Some(before), Some(after)) if (before / after).fract() == 0.0 => Effect::Wider,
            _ => Effect::Unknown,
        };
        let code = match effect {
            Effect::Wider => Code::LimitLoosened,
            _ => Code::LimitTightened,
        };
        let message = format!("{f}: multipleOf {before:?} → {after:?}");
        self.note(format!("{at}/multipleOf"), code, effect, message);
    }

    fn text_rules(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            ..
        } = here;
        let f = &shown(field);
        for (keyword, codes) in [
            (
                "pattern",
                [
                    Code::PatternAdded,
                    Code::PatternRemoved,
                    Code::PatternChanged,
                ],
            ),
            (
                "format",
                [Code::FormatAdded, Code::FormatRemoved, Code::FormatChanged],
            ),
        ] {
            let (before, after) = (old.get(keyword), new.get(keyword));
            let pointer = format!("{at}/{keyword}");
            match (before, after) {
                (None, Some(after)) => {
                    let message = format!("{f} must now match the {keyword} {after}");
                    self.note(pointer, codes[0], Effect::Narrower, message);
                }
                (Some(before), None) => {
                    let message = format!("{f} no longer has to match the {keyword} {before}");
                    self.note(pointer, codes[1], Effect::Wider, message);
                }
                (Some(before), Some(after)) if before != after => {
                    let message = format!("{f}: {keyword} {before} → {after}");
                    self.note(pointer, codes[2], Effect::Unknown, message);
                }
                _ => {}
            }
        }
    }

    fn objects(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            depth,
        } = here;
        let f = &shown(field);
        let empty = Map::new();
        let properties = |schema: &Map<String, Value>| {
            schema
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_else(|| empty.clone())
        };
        let (before, after) = (properties(old), properties(new));
        for (name, schema) in &before {
            let pointer = format!("{at}/properties/{}", escaped(name));
            let path = child(field, name);
            let shown_field = shown(&path);
            match after.get(name) {
                Some(new_schema) => self.schema(schema, new_schema, &pointer, &path, depth + 1),
                None if closed(new) => {
                    let message = format!(
                        "{shown_field} is no longer listed, and unlisted fields are refused"
                    );
                    self.note(pointer, Code::PropertyRemoved, Effect::Narrower, message);
                }
                None if new
                    .get("additionalProperties")
                    .is_some_and(Value::is_object) =>
                {
                    self.schema(schema, &unlisted(new), &pointer, &path, depth + 1);
                }
                None if !accepts_anything(schema) => {
                    let message = format!("{shown_field} is no longer listed: any value is taken");
                    self.note(pointer, Code::PropertyRemoved, Effect::Wider, message);
                }
                None => {}
            }
        }
        for (name, schema) in after.iter().filter(|(name, _)| !before.contains_key(*name)) {
            let pointer = format!("{at}/properties/{}", escaped(name));
            let path = child(field, name);
            let message = format!("{} is newly listed", shown(&path));
            self.note(pointer.clone(), Code::PropertyAdded, Effect::Wider, message);
            if !closed(old) {
                self.schema(&unlisted(old), schema, &pointer, &path, depth + 1);
            }
        }
        let (was, is) = (required(old), required(new));
        for name in is.difference(&was) {
            let message = format!("{} is now required", shown(&child(field, name)));
            self.note(
                format!("{at}/required"),
                Code::RequiredAdded,
                Effect::Narrower,
                message,
            );
        }
        for name in was.difference(&is) {
            let message = format!("{} is no longer required", shown(&child(field, name)));
            self.note(
                format!("{at}/required"),
                Code::RequiredRemoved,
                Effect::Wider,
                message,
            );
        }
        let pointer = format!("{at}/additionalProperties");
        match (
            old.get("additionalProperties"),
            new.get("additionalProperties"),
        ) {
            (before, after) if before == after => {}
            (Some(before @ Value::Object(_)), Some(after @ Value::Object(_))) => {
                let path = child(field, "*");
                self.schema(before, after, &pointer, &path, depth + 1);
            }
            (_, Some(Value::Bool(false))) => {
                let message = format!("{f} no longer takes fields beyond the listed ones");
                self.note(
                    pointer,
                    Code::AdditionalPropertiesClosed,
                    Effect::Narrower,
                    message,
                );
            }
            (Some(Value::Bool(false)), _) => {
                let message = format!("{f} now takes fields beyond the listed ones");
                self.note(
                    pointer,
                    Code::AdditionalPropertiesOpened,
                    Effect::Wider,
                    message,
                );
            }
            _ => {
                let message = format!("{f}: the rule for unlisted fields changed");
                self.note(pointer, Code::SchemaChanged, Effect::Unknown, message);
            }
        }
    }

    fn arrays(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            depth,
        } = here;
        let f = &shown(field);
        let pointer = format!("{at}/items");
        let path = format!("{field}[]");
        let items = shown(&path);
        match (old.get("items"), new.get("items")) {
            (Some(before), Some(after)) => self.schema(before, after, &pointer, &path, depth + 1),
            (None, Some(after)) if !accepts_anything(after) => {
                let message = format!("{items}: items now have rules");
                self.note(pointer, Code::ConstraintAdded, Effect::Narrower, message);
            }
            (Some(before), None) if !accepts_anything(before) => {
                let message = format!("{items}: items no longer have rules");
                self.note(pointer, Code::ConstraintRemoved, Effect::Wider, message);
            }
            _ => {}
        }
        let unique =
            |schema: &Map<String, Value>| schema.get("uniqueItems") == Some(&Value::Bool(true));
        if unique(old) != unique(new) {
            let pointer = format!("{at}/uniqueItems");
            if unique(new) {
                let message = format!("{f}'s items must now be unique");
                self.note(pointer, Code::LimitTightened, Effect::Narrower, message);
            } else {
                let message = format!("{f}'s items no longer have to be unique");
                self.note(pointer, Code::LimitLoosened, Effect::Wider, message);
            }
        }
    }

    /// `allOf` members are matched by equality first, so inserting one (a provider's new need)
    /// is one change; the members left are compared in order. `anyOf` and a `oneOf` that is not
    /// a list of values are compared member by member when their counts agree.
    fn combined(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            depth,
        } = here;
        let f = &shown(field);
        let members = |schema: &Map<String, Value>, keyword: &str| -> Vec<Value> {
            schema
                .get(keyword)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let (before, after) = (members(old, "allOf"), members(new, "allOf"));
        if before != after {
            let gone: Vec<usize> = (0..before.len())
                .filter(|i| !after.contains(&before[*i]))
                .collect();
            let added: Vec<usize> = (0..after.len())
                .filter(|i| !before.contains(&after[*i]))
                .collect();
            let paired = gone.len().min(added.len());
            for (old_index, new_index) in gone.iter().zip(&added) {
                let pointer = format!("{at}/allOf/{new_index}");
                self.schema(
                    &before[*old_index],
                    &after[*new_index],
                    &pointer,
                    field,
                    depth + 1,
                );
            }
            for index in &added[paired..] {
                let message = format!(
                    "{f}: {}",
                    constraint_named(&after[*index], "a new constraint")
                );
                self.note(
                    format!("{at}/allOf/{index}"),
                    Code::ConstraintAdded,
                    Effect::Narrower,
                    message,
                );
            }
            for index in &gone[paired..] {
                let message = format!(
                    "{f}: {}",
                    constraint_named(&before[*index], "a constraint is gone")
                );
                self.note(
                    format!("{at}/allOf/{index}"),
                    Code::ConstraintRemoved,
                    Effect::Wider,
                    message,
                );
            }
        }
        for keyword in ["anyOf", "oneOf"] {
            if keyword == "oneOf" && (one_of_values(old).is_some() || one_of_values(new).is_some())
            {
                // A list of values, compared by `values`.
                continue;
            }
            let (before, after) = (members(old, keyword), members(new, keyword));
            if before == after {
                continue;
            }
            // A document must match exactly one `oneOf` member: widening one member can make a
            // document match two and be refused, so only `anyOf` is compared member by member.
            if keyword == "anyOf" && before.len() == after.len() {
                for (index, (old_member, new_member)) in before.iter().zip(&after).enumerate() {
                    let pointer = format!("{at}/{keyword}/{index}");
                    self.schema(old_member, new_member, &pointer, field, depth + 1);
                }
            } else {
                let message = format!("{f}: the {keyword} alternatives changed");
                self.note(
                    format!("{at}/{keyword}"),
                    Code::SchemaChanged,
                    Effect::Unknown,
                    message,
                );
            }
        }
    }

    fn custom_checks(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            ..
        } = here;
        let f = &shown(field);
        let (before, after) = (custom_check(old), custom_check(new));
        if before != after {
            let message = match (before, after) {
                (None, Some(_)) => format!("{f} gained a check made in code"),
                (Some(_), None) => format!("{f} lost a check made in code"),
                _ => format!("{f}'s check made in code is another one"),
            };
            self.note(
                format!("{at}/description"),
                Code::CustomCheckChanged,
                Effect::Unknown,
                message,
            );
        }
    }

    fn others(&mut self, here: Here<'_>) {
        let Here {
            old,
            new,
            at,
            field,
            ..
        } = here;
        let f = &shown(field);
        let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for key in keys {
            let known = COMPARED.contains(&key.as_str())
                || ANNOTATIONS.contains(&key.as_str())
                || BOUNDS.iter().any(|bound| bound.keyword == key);
            if !known && old.get(key) != new.get(key) {
                let message = format!("{f}: `{key}` changed, which the rules do not compare");
                self.note(
                    format!("{at}/{}", escaped(key)),
                    Code::SchemaChanged,
                    Effect::Unknown,
                    message,
                );
            }
        }
    }
}

/// What a schema takes for a field it does not list: its `additionalProperties`, or anything.
fn unlisted(schema: &Map<String, Value>) -> Value {
    match schema.get("additionalProperties") {
        Some(rule @ Value::Object(_)) => rule.clone(),
        Some(Value::Bool(false)) => Value::Bool(false),
        _ => Value::Object(Map::new()),
    }
}

/// The path of field `name` below `parent`: `emails[].type`.
fn child(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// A field's path as messages show it: `` `emails[].type` ``, or the document itself.
fn shown(path: &str) -> String {
    if path.is_empty() {
        "the document".to_owned()
    } else {
        format!("`{path}`")
    }
}

fn listed(names: &[&String]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn values_listed(values: &[Value]) -> String {
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a combined constraint is for, from its description when it has one.
fn constraint_named(member: &Value, otherwise: &str) -> String {
    member
        .get("description")
        .and_then(Value::as_str)
        .map_or_else(
            || otherwise.to_owned(),
            |text| text.trim_end_matches('.').to_owned(),
        )
}
