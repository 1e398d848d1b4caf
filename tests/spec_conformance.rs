//! The model against the normative spec page itself: for every top-level field of every part,
//! the spec's provider lists, counts, type and allowed values must come out of our model exactly.
//! The spec text is parsed here independently of the model.

use std::collections::BTreeSet;

use serde_json::Value;
use unified_core::{FieldCoverage, Part, Provider, Target};
use unified_models::providers::Set;
use unified_tests::{exported_schema, spec_dir, users_create};

/// What the spec says of one field.
#[derive(Debug, Default)]
struct SpecField {
    type_text: String,
    /// The field carries the "required·" marker under its name.
    marked_required: bool,
    /// The first line of its description, if it has one.
    description: Option<String>,
    required: BTreeSet<String>,
    supported: BTreeSet<String>,
    every_provider: bool,
    possible_values: Option<String>,
}

fn spec_lines() -> Vec<String> {
    let text = std::fs::read_to_string(spec_dir().join("ticketing-users-create.txt"))
        .expect("the spec page is in ../shared/spec");
    text.lines().map(|line| line.trim().to_owned()).collect()
}

fn section(lines: &[String], part: Part) -> &[String] {
    let heading = match part {
        Part::Query => "Query Parameters",
        Part::Body => "Request Body",
        Part::Response => "Response Body",
    };
    let start = lines
        .iter()
        .position(|l| l == heading)
        .expect("section heading");
    let end = lines[start + 1..]
        .iter()
        .position(|l| {
            ["Query Parameters", "Request Body", "Response Body"].contains(&l.as_str())
                || l.starts_with("curl ")
        })
        .map_or(lines.len(), |offset| start + 1 + offset);
    &lines[start + 1..end]
}

const TYPE_WORDS: [&str; 8] = [
    "",
    "string",
    "string[]",
    "object[]",
    "boolean",
    "Record<string, any>",
    "string · uuid",
    "string · date-time",
];

/// The type text if `line` is the header line of `field`.
fn header_type(line: &str, field: &str) -> Option<String> {
    let rest = line.strip_prefix(field)?;
    TYPE_WORDS.contains(&rest).then(|| rest.to_owned())
}

fn parse_count(line: &str) -> Option<(usize, usize)> {
    let (supported, rest) = line.split_once(" supported")?;
    let supported = supported.parse().ok()?;
    if rest.is_empty() {
        return Some((supported, 0));
    }
    let required = rest.strip_suffix(" required")?.parse().ok()?;
    Some((supported, required))
}

fn parse_field(lines: &[String], field: &str, all_fields: &[&str]) -> SpecField {
    let start = lines
        .iter()
        .position(|line| header_type(line, field).is_some())
        .unwrap_or_else(|| panic!("field `{field}` is in the spec"));
    let mut spec = SpecField {
        type_text: header_type(&lines[start], field).unwrap(),
        ..SpecField::default()
    };
    read_marker_and_description(lines, start, &mut spec);
    let names: Vec<&str> = Provider::<Set>::all().map(|p| p.name()).collect();
    let mut i = start + 1;
    while i < lines.len() {
        let line = &lines[i];
        if all_fields.iter().any(|f| header_type(line, f).is_some()) {
            spec.every_provider = true;
            return spec;
        }
        if line == "Possible values:" && spec.possible_values.is_none() {
            spec.possible_values = Some(lines[i + 1].clone());
        }
        if let Some((supported, required)) = parse_count(line) {
            i += 1;
            while i + 1 < lines.len() && names.contains(&lines[i].as_str()) {
                let name = lines[i].clone();
                match lines[i + 1].as_str() {
                    "required" => spec.required.insert(name.clone()),
                    "supported" => spec.supported.insert(name.clone()),
                    other => panic!("`{field}`: unexpected marker `{other}` after {name}"),
                };
                i += 2;
                if spec.possible_values.as_deref() == lines.get(i).map(String::as_str) {
                    i += 1;
                }
            }
            assert_eq!(spec.required.len(), required, "`{field}`: required count");
            assert_eq!(
                spec.required.len() + spec.supported.len(),
                supported,
                "`{field}`: supported count"
            );
            spec.supported.extend(spec.required.iter().cloned());
            return spec;
        }
        i += 1;
    }
    spec.every_provider = true;
    spec
}

/// The "required·" marker and the description that follow a field's header line.
fn read_marker_and_description(lines: &[String], header: usize, spec: &mut SpecField) {
    let mut next = header + 1;
    if lines.get(next).map(String::as_str) == Some("required·") {
        spec.marked_required = true;
        next += 1;
    }
    while lines.get(next).is_some_and(|line| line.is_empty()) {
        next += 1;
    }
    spec.description = lines
        .get(next)
        .filter(|line| {
            parse_count(line).is_none() && !line.ends_with("string") && *line != "Possible values:"
        })
        .cloned();
}

/// Fields whose description is ours, not the spec's, and why.
const OWN_DESCRIPTIONS: [(&str, &str, &str); 4] = [
    ("body", "remote_data", "the spec's names the vendor"),
    ("body", "custom_fields", "the spec has none"),
    ("body", "status", "the spec has none"),
    (
        "query",
        "truto_response_format",
        "the spec's first line, then its list of formats",
    ),
];

/// Fields whose provider lists overrule the "required·" marker: lists with explicit "required"
/// entries decide. Where a marked field's lists only say "supported" (the response's `id` and
/// `name`), the marker makes it required from every provider that supports it.
const MARKER_OVERRULED_BY_LISTS: [(&str, &str); 1] = [("body", "name")];

/// Fields marked "required·" whose lists only say "supported", so every provider that supports
/// them requires them.
const MARKER_OVER_SUPPORTED_LISTS: [(&str, &str); 2] = [("response", "id"), ("response", "name")];

fn names(ids: &[&str]) -> BTreeSet<String> {
    ids.iter()
        .map(|id| {
            Provider::<Set>::from_id(id)
                .expect("known id")
                .name()
                .to_owned()
        })
        .collect()
}

fn json_type_of(schema: &Value) -> String {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => vec![],
    };
    let base = match types.as_slice() {
        ["string"] => "string".to_owned(),
        ["boolean"] => "boolean".to_owned(),
        ["object"] => "Record<string, any>".to_owned(),
        ["array"] => format!("{}[]", schema["items"]["type"].as_str().unwrap_or("?")),
        other => format!("{other:?}"),
    };
    match schema.get("format").and_then(Value::as_str) {
        Some(format) => format!("{base} · {format}"),
        None => base,
    }
}

#[test]
fn every_field_matches_the_spec() {
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let coverage = operation.coverage();
    let lines = spec_lines();
    let every: BTreeSet<String> = Provider::<Set>::all()
        .map(|p| p.name().to_owned())
        .collect();
    let mut checked = 0;
    let mut overruled: Vec<(&str, &str)> = Vec::new();
    let mut marked: Vec<(&str, &str)> = Vec::new();
    for (part, rows) in [
        (Part::Body, &coverage.parts.body),
        (Part::Query, &coverage.parts.query),
        (Part::Response, &coverage.parts.response),
    ] {
        let lines = section(&lines, part);
        let fields: Vec<&str> = rows.iter().map(|row| row.field).collect();
        let schema = operation.schema(part, Target::UNIFIED).to_value();
        for FieldCoverage {
            field,
            required,
            supported,
            ..
        } in rows
        {
            let spec = parse_field(lines, field, &fields);
            let ours_required = names(required);
            let ours_supported = names(supported);
            if spec.every_provider {
                assert_eq!(
                    ours_supported, every,
                    "{part} `{field}`: every provider takes it"
                );
                let expected = if spec.marked_required {
                    every.clone()
                } else {
                    BTreeSet::new()
                };
                assert_eq!(ours_required, expected, "{part} `{field}`: required");
            } else {
                let marker_decides = spec.marked_required && spec.required.is_empty();
                let expected = if marker_decides {
                    marked.push((part.as_str(), *field));
                    spec.supported.clone()
                } else {
                    if spec.marked_required {
                        overruled.push((part.as_str(), *field));
                    }
                    spec.required.clone()
                };
                assert_eq!(ours_required, expected, "{part} `{field}`: required");
                assert_eq!(
                    ours_supported, spec.supported,
                    "{part} `{field}`: supported"
                );
            }
            let field_schema = &schema["properties"][*field];
            check_description(part, field, field_schema, spec.description.as_deref());
            check_nested(lines, part, field, field_schema);
            if !spec.type_text.is_empty() {
                let ours = json_type_of(field_schema);
                // The issue adds formats the page does not print (`avatar` is a URI).
                let ours = if spec.type_text.contains(" · ") {
                    ours
                } else {
                    ours.split(" · ").next().unwrap_or_default().to_owned()
                };
                assert_eq!(ours, spec.type_text, "{part} `{field}`: type");
            }
            if let Some(values) = &spec.possible_values {
                let ours: String = listed_values(field_schema)
                    .or_else(|| listed_values(&field_schema["items"]["properties"]["name"]))
                    .or_else(|| {
                        // A per-provider restriction shows in that provider's schema only.
                        let pivotal = Target::of(unified_models::providers::pivotal_tracker);
                        let schema = operation.schema(part, pivotal).to_value();
                        listed_values(&schema["properties"][*field]["items"]["properties"]["name"])
                    })
                    .unwrap_or_default();
                assert_eq!(&ours, values, "{part} `{field}`: allowed values");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 15 + 6 + 14, "every field of the spec was checked");
    assert_eq!(
        overruled, MARKER_OVERRULED_BY_LISTS,
        "where lists overrule the marker"
    );
    assert_eq!(
        marked, MARKER_OVER_SUPPORTED_LISTS,
        "where the marker makes supported fields required"
    );
}

fn check_description(part: Part, field: &str, schema: &Value, spec: Option<&str>) {
    let ours = schema["description"].as_str().unwrap_or_default();
    match OWN_DESCRIPTIONS
        .iter()
        .find(|(p, f, _)| *p == part.as_str() && *f == field)
    {
        Some((_, _, why)) => {
            assert!(
                !ours.is_empty(),
                "{part} `{field}` has a description ({why})"
            );
            if let Some(spec) = spec.filter(|_| why.starts_with("the spec's first line")) {
                assert!(
                    ours.starts_with(spec),
                    "{part} `{field}`: {ours:?} starts with {spec:?}"
                );
            }
        }
        // The spec's own text, less any pointer to the vendor's guides.
        None => assert!(
            spec.is_some_and(|spec| !ours.is_empty() && spec.starts_with(ours)),
            "{part} `{field}`: description {ours:?}, spec {spec:?}"
        ),
    }
}

/// The properties of list items (`emails[].email`): type, the "required·" marker, description.
fn check_nested(lines: &[String], part: Part, field: &str, schema: &Value) {
    let Some(properties) = schema["items"]["properties"].as_object() else {
        return;
    };
    let parent = lines
        .iter()
        .position(|line| header_type(line, field).is_some())
        .expect("the parent is in the spec");
    let required = schema["items"]["required"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (child, child_schema) in properties {
        let header = parent
            + 1
            + lines[parent + 1..]
                .iter()
                .position(|line| header_type(line, child).is_some())
                .unwrap_or_else(|| panic!("{part} `{field}[].{child}` is in the spec"));
        let mut spec = SpecField {
            type_text: header_type(&lines[header], child).unwrap(),
            ..SpecField::default()
        };
        read_marker_and_description(lines, header, &mut spec);
        let ours_type = json_type_of(child_schema);
        let ours_type = ours_type.split(" · ").next().unwrap_or_default();
        assert_eq!(
            ours_type, spec.type_text,
            "{part} `{field}[].{child}`: type"
        );
        assert_eq!(
            required.contains(&Value::from(child.as_str())),
            spec.marked_required,
            "{part} `{field}[].{child}`: required"
        );
        assert_eq!(
            child_schema["description"].as_str(),
            spec.description.as_deref(),
            "{part} `{field}[].{child}`: description"
        );
    }
}

/// The string values a schema lists, run together.
fn listed_values(schema: &Value) -> Option<String> {
    let values = unified_tests::listed_choices(schema)?;
    Some(values.iter().filter_map(Value::as_str).collect())
}

/// The values the spec lists beside a provider of `field` ("Pivotal Tracker", "supported",
/// "ownermemberviewer": the field's possible values again), run together, by provider name.
fn values_by_provider(lines: &[String], field: &str) -> Vec<(String, String)> {
    let names: Vec<&str> = Provider::<Set>::all().map(|p| p.name()).collect();
    let start = lines
        .iter()
        .position(|line| header_type(line, field).is_some())
        .unwrap_or_else(|| panic!("`{field}` is in the spec"));
    let below = &lines[start..];
    let values = below
        .iter()
        .position(|line| line == "Possible values:")
        .map(|at| below[at + 1].clone())
        .unwrap_or_else(|| panic!("`{field}` lists its values"));
    let count = below
        .iter()
        .position(|line| parse_count(line).is_some())
        .unwrap_or_else(|| panic!("`{field}` counts its providers"));
    let mut found = Vec::new();
    let mut i = count + 1;
    while i + 1 < below.len() && names.contains(&below[i].as_str()) {
        if below.get(i + 2) == Some(&values) {
            found.push((below[i].clone(), values.clone()));
            i += 1;
        }
        i += 2;
    }
    found
}

/// Where the spec lists a field's values beside a provider, that provider's exported schema
/// allows exactly them, and no other provider's schema narrows the field: the model says what
/// the spec says and nothing more (a provider's own values belong to its adapter's needs).
#[test]
fn values_listed_per_provider_are_the_specs_and_no_others() {
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let lines = spec_lines();
    let body = section(&lines, Part::Body);
    let roles = values_by_provider(body, "roles");
    assert_eq!(
        roles,
        [("Pivotal Tracker".to_owned(), "ownermemberviewer".to_owned())]
    );
    let status = values_by_provider(body, "status");
    assert_eq!(
        status,
        [(
            "SolarWinds Service Desk".to_owned(),
            "activeinactive".to_owned()
        )]
    );
    for provider in Provider::<Set>::all() {
        let schema = exported_schema(operation, Part::Body, Target::of(provider));
        let listed = |pointer: &str| schema.pointer(pointer).and_then(listed_values);
        for (pointer, listed_by_spec) in [
            ("/properties/roles/items/properties/name", &roles),
            ("/properties/status", &status),
        ] {
            let expected = listed_by_spec
                .iter()
                .find(|(name, _)| name == provider.name())
                .map(|(_, values)| values.clone());
            assert_eq!(
                listed(pointer),
                expected,
                "{} at {pointer}",
                provider.name()
            );
        }
    }
}
