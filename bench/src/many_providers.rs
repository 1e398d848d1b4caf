//! The source of a model crate for a set of any number of providers, as a user with hundreds of
//! integrations writes one: two models (`Ticket`, 20 fields, and the `Contact` it lists, 5),
//! each field with its own required and supported lists, every kind of rule, per-provider rule
//! values and allowed values, and a custom check. The build-cost bench compiles it for several
//! set sizes; the set-size bench validates with it.
//!
//! Which providers take a field, and their own rule values, are drawn per provider and field
//! from a hash of the two, never from the set's size: provider `p0001` takes the same fields
//! with the same rules in a set of 10 as in a set of 1,000, so validating for it measures the
//! same work in both.

use std::fmt::Write as _;

/// The id of provider `index` (from 0): `p0001`.
pub fn provider_id(index: usize) -> String {
    format!("p{:04}", index + 1)
}

/// What one provider does with a field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Takes {
    Required,
    Supported,
    Absent,
}

/// A field of a generated model: its declaration without the provider lists, and the rule
/// attributes that may carry per-provider values.
struct FieldSpec {
    name: &'static str,
    ty: &'static str,
    rules: &'static str,
    /// A per-provider rule written as `rule(p = value)` for about one provider in ten that
    /// takes the field.
    own_rule: Option<(&'static str, &'static str)>,
    /// Allowed values for about one provider in ten that takes the field.
    allowed: Option<&'static str>,
}

const fn field(name: &'static str, ty: &'static str, rules: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        rules,
        own_rule: None,
        allowed: None,
    }
}

const TICKET: [FieldSpec; 20] = [
    FieldSpec {
        own_rule: Some(("max_length", "100")),
        ..field("subject", "String", "min_length = 1, max_length = 200")
    },
    field("description", "String", "max_length = 10000"),
    FieldSpec {
        allowed: Some(r#"["open", "pending", "closed"]"#),
        ..field("status", "String", "")
    },
    FieldSpec {
        own_rule: Some(("maximum", "3")),
        ..field("priority", "i64", "minimum = 1, maximum = 5")
    },
    field("due_at", "String", r#"format = "date-time""#),
    field("requester_email", "String", r#"format = "email""#),
    field("url", "String", r#"format = "uri""#),
    field("external_id", "String", r#"format = "uuid""#),
    FieldSpec {
        own_rule: Some(("max_items", "5")),
        ..field(
            "tags",
            "Vec<String>",
            "unique_items, min_items = 1, max_items = 20",
        )
    },
    field("code", "String", r#"pattern = "^[A-Z]{2,4}-[0-9]+$""#),
    field(
        "score",
        "f64",
        "exclusive_minimum = 0, exclusive_maximum = 100",
    ),
    field("estimate", "i64", "multiple_of = 5"),
    field("contacts", "Vec<Contact>", "max_items = 50"),
    field("is_public", "bool", ""),
    field("assignee_id", "String", ""),
    field("team_ids", "Vec<String>", ""),
    field(
        "custom_fields",
        "serde_json::Map<String, serde_json::Value>",
        "",
    ),
    field("created_by", "String", ""),
    field("channel", "String", ""),
    field("title", "String", "check = title_is_trimmed"),
];

const CONTACT: [FieldSpec; 5] = [
    field("name", "String", "min_length = 1"),
    field("email", "String", r#"format = "email""#),
    field("phone", "String", r#"pattern = "^\\+?[0-9 ]+$""#),
    FieldSpec {
        allowed: Some(r#"["requester", "cc"]"#),
        ..field("role", "String", "")
    },
    field("primary", "bool", ""),
];

/// A well-mixed hash of a provider, a field and a purpose, the same on every machine.
fn draw(provider: usize, field: usize, purpose: u64) -> u64 {
    let mut x = (provider as u64) << 32 ^ (field as u64) << 8 ^ purpose;
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What provider `provider` does with field `field` of a model (`model` keeps the two models'
/// draws apart): required for one in four, supported for one in three, absent otherwise.
fn takes(model: u64, provider: usize, field: usize) -> Takes {
    match draw(provider, field, model) % 12 {
        0..=2 => Takes::Required,
        3..=6 => Takes::Supported,
        _ => Takes::Absent,
    }
}

/// Whether provider `provider` has its own value of a rule of field `field`.
fn has_own(model: u64, provider: usize, field: usize) -> bool {
    draw(provider, field, model + 100).is_multiple_of(10)
}

/// The items of the model crate for a set of `providers` providers: the set, the models and
/// their custom check, with no inner attributes, so that they may also be included in a module.
pub fn crate_source(providers: usize) -> String {
    let mut out = String::new();
    out.push_str("unified_core::providers! {\n    /// The set.\n    pub mod providers {\n");
    for index in 0..providers {
        let _ = writeln!(
            out,
            "        {} => \"Provider {}\",",
            provider_id(index),
            index + 1
        );
    }
    out.push_str("    }\n}\n\n");
    out.push_str(
        "/// A title has no white space at either end.\n\
         #[allow(clippy::ptr_arg)]\n\
         pub fn title_is_trimmed(title: &String, check: &mut unified_core::Checker<'_, providers::Set>) {\n    \
         if title.trim() != title {\n        \
         check.report(\"\", unified_core::Code::custom(\"tickets.untrimmed\"), \"has white space at an end\");\n    \
         }\n}\n\n",
    );
    write_model(&mut out, "Ticket", 1, &TICKET, providers);
    write_model(&mut out, "Contact", 2, &CONTACT, providers);
    out
}

fn write_model(out: &mut String, name: &str, model: u64, fields: &[FieldSpec], providers: usize) {
    let _ = writeln!(
        out,
        "/// The {name} model.\n#[derive(unified_core::UnifiedModel, Debug)]\npub struct {name} {{"
    );
    for (index, spec) in fields.iter().enumerate() {
        let takes: Vec<Takes> = (0..providers).map(|p| takes(model, p, index)).collect();
        let listed = |wanted: Takes| -> Vec<String> {
            (0..providers)
                .filter(|&p| takes[p] == wanted)
                .map(provider_id)
                .collect()
        };
        let owners: Vec<String> = (0..providers)
            .filter(|&p| takes[p] != Takes::Absent && has_own(model, p, index))
            .map(provider_id)
            .collect();
        let _ = writeln!(out, "    /// The {} field.", spec.name);
        for (attribute, ids) in [
            ("required", listed(Takes::Required)),
            ("supported", listed(Takes::Supported)),
        ] {
            if !ids.is_empty() {
                let _ = writeln!(out, "    #[{attribute}({})]", ids.join(", "));
            }
        }
        let mut rules: Vec<String> = Vec::new();
        if !spec.rules.is_empty() {
            rules.push(spec.rules.to_owned());
        }
        if let (Some((rule, value)), false) = (spec.own_rule, owners.is_empty()) {
            let own: Vec<String> = owners.iter().map(|id| format!("{id} = {value}")).collect();
            rules.push(format!("{rule}({})", own.join(", ")));
        }
        if let (Some(values), false) = (spec.allowed, owners.is_empty()) {
            let own: Vec<String> = owners.iter().map(|id| format!("{id} = {values}")).collect();
            rules.push(format!("allowed({})", own.join(", ")));
        }
        if !rules.is_empty() {
            let _ = writeln!(out, "    #[unified({})]", rules.join(", "));
        }
        let _ = writeln!(out, "    pub {}: Option<{}>,", spec.name, spec.ty);
    }
    out.push_str("}\n\n");
}

/// The ticket fields provider `index` requires, in declaration order, as the generator drew them.
pub fn ticket_required(index: usize) -> Vec<&'static str> {
    TICKET
        .iter()
        .enumerate()
        .filter(|(field, _)| takes(1, index, *field) == Takes::Required)
        .map(|(_, spec)| spec.name)
        .collect()
}

/// What provider `index` requires of a ticket, as a valid document: the smallest body it takes.
pub fn minimal_ticket(index: usize) -> serde_json::Value {
    valid_ticket(index, |takes| takes == Takes::Required)
}

/// Every field provider `index` takes, each with a valid value, and every contact field.
pub fn full_ticket(index: usize) -> serde_json::Value {
    valid_ticket(index, |takes| takes != Takes::Absent)
}

/// A valid ticket for provider `index` with the fields it takes as `wanted` accepts.
fn valid_ticket(index: usize, wanted: impl Fn(Takes) -> bool) -> serde_json::Value {
    let mut body = serde_json::Map::new();
    for (field_index, spec) in TICKET.iter().enumerate() {
        if wanted(takes(1, index, field_index)) {
            body.insert(spec.name.to_owned(), valid_value(spec.name, index));
        }
    }
    serde_json::Value::Object(body)
}

/// A body with a broken value in every ticket field: for any provider, each field it takes
/// breaks a rule and each it does not is unsupported.
pub fn broken_ticket() -> serde_json::Value {
    let mut body = serde_json::Map::new();
    for spec in &TICKET {
        body.insert(spec.name.to_owned(), invalid_value(spec.name));
    }
    serde_json::Value::Object(body)
}

/// A valid value of a ticket field for provider `index` (contacts hold one contact with every
/// field that provider takes).
fn valid_value(name: &str, index: usize) -> serde_json::Value {
    use serde_json::json;
    match name {
        "subject" | "description" | "assignee_id" | "created_by" | "channel" => json!("Printer"),
        "title" => json!("Printer on fire"),
        "status" => json!("open"),
        "priority" => json!(2),
        "due_at" => json!("2026-12-06T10:00:00Z"),
        "requester_email" => json!("ada@example.org"),
        "url" => json!("https://example.org/t/1"),
        "external_id" => json!("9b2f4a52-8f3c-4d0e-9a55-2f4b6c8d1e0a"),
        "tags" => json!(["a", "b"]),
        "code" => json!("AB-12"),
        "score" => json!(42.5),
        "estimate" => json!(10),
        "is_public" => json!(true),
        "team_ids" => json!(["t1"]),
        "custom_fields" => json!({"plan": "gold"}),
        "contacts" => {
            let mut contact = serde_json::Map::new();
            for (field_index, spec) in CONTACT.iter().enumerate() {
                if takes(2, index, field_index) != Takes::Absent {
                    let value = match spec.name {
                        "name" => json!("Ada"),
                        "email" => json!("ada@example.org"),
                        "phone" => json!("+44 20 7946 0000"),
                        "role" => json!("cc"),
                        _ => json!(true),
                    };
                    contact.insert(spec.name.to_owned(), value);
                }
            }
            json!([contact])
        }
        _ => json!(null),
    }
}

/// A value that breaks the field's rule (or its type, for fields without one).
fn invalid_value(name: &str) -> serde_json::Value {
    use serde_json::json;
    match name {
        "subject" => json!(""),
        "status" => json!("lost"),
        "priority" => json!(9),
        "due_at" => json!("yesterday"),
        "requester_email" => json!("ada"),
        "url" => json!("not a uri"),
        "external_id" => json!("42"),
        "tags" => json!(["a", "a"]),
        "code" => json!("ab"),
        "score" => json!(100),
        "estimate" => json!(7),
        "title" => json!(" padded "),
        "contacts" => json!([{"email": "nobody", "phone": "x"}]),
        _ => json!(17),
    }
}
