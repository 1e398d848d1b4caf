//! What each adapter declares its provider needs is read twice: by the check the gateway runs
//! before sending, and as the schema the gateway's documents show. Held against each other on
//! generated parts, with the `jsonschema` crate reading the schema: every part the check passes,
//! the schema takes, and every part it refuses, the schema refuses.

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use unified_adapter::needs::{api_of, check, schema};
use unified_core::{Part, Provider};
use unified_models::providers::Set;
use unified_tests::reference_validator;

/// A value a place might hold: absent, null, text of each kind a need looks at, another kind.
fn value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        20 => Just(None),
        1 => Just(Some(Value::Null)),
        1 => Just(Some(json!(""))),
        1 => Just(Some(json!("Ada"))),
        1 => Just(Some(json!("99"))),
        1 => Just(Some(json!("ada@example.org"))),
        1 => Just(Some(json!("https://example.org/ada.png"))),
        1 => Just(Some(json!("owner"))),
        1 => Just(Some(json!("member"))),
        1 => Just(Some(json!("admin"))),
        1 => Just(Some(json!(7))),
        1 => Just(Some(json!(true))),
        1 => Just(Some(json!(["Ada"]))),
        1 => Just(Some(json!({}))),
    ]
}

/// `document` with `value` at the place `pointer` names (`*` an item), making the objects and
/// lists on the way unless `plain` holds a value of another kind there instead.
fn put(document: &mut Value, pointer: &str, value: Value, plain: Option<Value>) {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let mut here = document;
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        if !last && index > 0 && plain.is_some() && index == segments.len() - 2 {
            // What the place sits in is some other value.
            if let (Value::Object(members), Some(plain)) = (&mut *here, plain.clone()) {
                members.insert((*segment).to_owned(), plain);
            }
            return;
        }
        here = match (segment, &mut *here) {
            (&"*", Value::Array(items)) => {
                if items.is_empty() {
                    items.push(if last { Value::Null } else { json!({}) });
                }
                items.last_mut().expect("one item")
            }
            (&"*", _) => return,
            (key, Value::Object(members)) => {
                let next = if last {
                    Value::Null
                } else if segments[index + 1] == "*" {
                    json!([])
                } else {
                    json!({})
                };
                members.entry((*key).to_owned()).or_insert(next)
            }
            _ => return,
        };
    }
    *here = value;
}

/// A part holding, at some of `places`, values of every kind.
fn part(places: Vec<&'static str>) -> impl Strategy<Value = Value> {
    let per_place: Vec<_> = places
        .into_iter()
        .map(|place| {
            (
                value(),
                prop_oneof![
                    8 => Just(None),
                    1 => Just(Some(json!("x"))),
                    1 => Just(Some(Value::Null))
                ],
            )
                .prop_map(move |(value, plain)| (place, value, plain))
        })
        .collect();
    per_place.prop_map(|chosen| {
        let mut document = Value::Object(Map::new());
        for (place, value, plain) in chosen {
            if let Some(value) = value {
                put(&mut document, place, value, plain);
            }
        }
        document
    })
}

#[test]
fn the_check_and_the_schema_of_every_adapters_needs_agree() {
    let adapters = unified_providers::adapters();
    let compared = Cell::new(0usize);
    let refused = Cell::new(0usize);
    for provider in Provider::<Set>::all() {
        let adapter = adapters
            .find(provider, "ticketing/users", "create")
            .expect("an adapter per provider");
        let needs = adapter.needs();
        let who = api_of(provider.name());
        for part_kind in [Part::Body, Part::Query] {
            let Some(rendered) = schema(needs, part_kind, &who) else {
                continue;
            };
            let validator = reference_validator(&rendered.to_serde_json());
            let places: Vec<&'static str> = needs
                .iter()
                .filter(|need| need.part() == part_kind)
                .flat_map(|need| need.places())
                .collect();
            let mut runner = TestRunner::new(Config {
                cases: 400,
                failure_persistence: None,
                ..Config::default()
            });
            runner
                .run(&part(places), |document| {
                    let errors = check(needs, part_kind, &document, &who);
                    prop_assert_eq!(
                        errors.is_empty(),
                        validator.is_valid(&document),
                        "{} {}: {}\ncheck: {:?}",
                        provider.name(),
                        part_kind,
                        document,
                        errors
                    );
                    compared.set(compared.get() + 1);
                    refused.set(refused.get() + usize::from(!errors.is_empty()));
                    Ok(())
                })
                .unwrap();
        }
    }
    let (compared, refused) = (compared.get(), refused.get());
    assert!(compared >= 4000, "{compared} parts compared");
    assert!(
        refused > compared / 10 && refused < compared * 9 / 10,
        "both verdicts are common: {refused} of {compared} refused"
    );
}
