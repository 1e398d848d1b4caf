//! Custom checks (`#[unified(check = path)]`) on fields and on a model: they see the provider,
//! record violations with codes of the user's namespace at pointers relative to the value, run
//! the same in every way of validating, and the schema says it does not express them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use unified_core::{Checker, Code, Target, UnifiedModel};

unified_core::providers! {
    /// The providers of the test model.
    pub mod providers {
        acme => "Acme",
        beta => "Beta",
    }
}

const SEATS_OVER_PLAN: Code = Code::custom("billing.seats_over_plan");
const TAG_CASE: Code = Code::custom("billing.tag_case");
const RANGE: Code = Code::custom("billing.range");

/// Beta's plans stop at 10 seats, Acme's at 100.
fn seats_within_plan(seats: &i64, check: &mut Checker<'_, providers::Set>) {
    let limit = if check.provider() == Some(providers::beta) {
        10
    } else {
        100
    };
    if *seats > limit {
        let mut params = Map::new();
        params.insert("limit".into(), limit.into());
        check.report_with("", SEATS_OVER_PLAN, "exceeds the seats of the plan", params);
    }
}

/// Tags are lowercase. A check of a list takes it as a slice (or as `&Vec<T>`).
fn lowercase_tags(tags: &[String], check: &mut Checker<'_, providers::Set>) {
    for (index, tag) in tags.iter().enumerate() {
        if tag.chars().any(char::is_uppercase) {
            check.report(&format!("/{index}"), TAG_CASE, "must be lowercase");
        }
    }
}

/// The smallest order is not above the largest.
fn ordered_range(order: &Order, check: &mut Checker<'_, providers::Set>) {
    if let (Some(min), Some(max)) = (order.min, order.max)
        && min > max
    {
        check.report("/min", RANGE, "must not be above `max`");
    }
}

/// An order.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Default)]
#[unified(check = ordered_range)]
struct Order {
    /// Seats.
    #[unified(check = seats_within_plan)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seats: Option<i64>,
    /// Tags.
    #[unified(check = lowercase_tags)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    /// The smallest order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    /// The largest order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
}

/// Orders, to check nested models and relative pointers.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Default)]
struct Basket {
    /// The orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    orders: Option<Vec<Order>>,
}

fn codes_every_way(document: &Value, view: Target<providers::Set>) -> Vec<(String, String)> {
    let report = Basket::validate(document, view);
    let text = serde_json::to_vec(document).unwrap();
    assert_eq!(
        report,
        Basket::validate_slice(&text, view),
        "text and Value agree"
    );
    assert_eq!(report.is_valid(), Basket::is_valid(document, view));
    assert_eq!(report.is_valid(), Basket::is_valid_slice(&text, view));
    match Basket::from_slice(&text, view) {
        Ok(_) => assert!(report.is_valid()),
        Err(built) => assert_eq!(built, report, "building refuses the same"),
    }
    report
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code.to_string()))
        .collect()
}

#[test]
fn checks_see_the_provider_and_point_inside_the_value() {
    let document = json!({"orders": [
        {"seats": 50, "tags": ["a", "Bee", "c", "DEE"]},
        {"min": 5, "max": 2},
    ]});
    assert_eq!(
        codes_every_way(&document, Target::of(providers::acme)),
        [
            ("/orders/0/tags/1".to_owned(), "billing.tag_case".to_owned()),
            ("/orders/0/tags/3".to_owned(), "billing.tag_case".to_owned()),
            ("/orders/1/min".to_owned(), "billing.range".to_owned()),
        ]
    );
    let beta = codes_every_way(&document, Target::of(providers::beta));
    assert_eq!(
        beta[0],
        (
            "/orders/0/seats".to_owned(),
            "billing.seats_over_plan".to_owned()
        )
    );
    assert_eq!(beta.len(), 4);
    assert!(
        codes_every_way(
            &json!({"orders": [{"seats": 5, "tags": ["a"]}]}),
            Target::of(providers::beta)
        )
        .is_empty()
    );
}

#[test]
fn custom_errors_carry_their_message_and_parameters() {
    let report = Order::validate(&json!({"seats": 11}), Target::of(providers::beta));
    let error = &report.errors()[0];
    assert_eq!(error.code, SEATS_OVER_PLAN);
    assert_eq!(error.message, "exceeds the seats of the plan");
    assert_eq!(
        Value::Object(error.params.as_map().clone()),
        json!({"limit": 10})
    );
    let serialized = serde_json::to_value(&report).unwrap();
    assert_eq!(serialized[0]["code"], "billing.seats_over_plan");
}

#[test]
fn checks_run_only_on_values_that_could_be_read() {
    // A seat count of the wrong type is a type error; the check does not see it.
    let report = Order::validate(
        &json!({"seats": "many", "min": 1, "max": "x"}),
        Target::of(providers::beta),
    );
    let codes: Vec<String> = report.errors().iter().map(|e| e.code.to_string()).collect();
    assert_eq!(codes, ["type", "type"]);
}

#[test]
fn the_schema_says_what_it_does_not_express() {
    let schema = Order::schema_for(Target::UNIFIED).to_value();
    let seats = schema["properties"]["seats"]["description"]
        .as_str()
        .unwrap();
    assert_eq!(
        seats,
        "Seats.\n\nAlso checked in code by `seats_within_plan`, which this schema does not express."
    );
    let model = schema["description"].as_str().unwrap();
    assert!(
        model.ends_with(
            "Also checked in code by `ordered_range`, which this schema does not express."
        ),
        "{model}"
    );
}

#[test]
fn custom_codes_are_their_own_namespace() {
    assert_eq!(RANGE.as_str(), "billing.range");
    for built_in in [Code::Type, Code::Required, Code::MaxLength, Code::Pattern] {
        assert!(!built_in.as_str().contains('.'));
    }
}
