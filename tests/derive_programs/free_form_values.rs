// Free-form values: any JSON is accepted, but a required one may not be null, in the validator
// and in the schema alike.
use serde_json::{Value, json};
use unified_core::{Target, UnifiedModel};

unified_core::providers! {
    pub mod providers {
        acme => "Acme",
    }
}

/// An event.
#[derive(UnifiedModel)]
struct Event {
    /// Anything, always needed.
    payload: Value,
    /// Anything, optional.
    extra: Option<Value>,
    /// Counted things.
    count: Option<i64>,
    /// Measured things.
    ratio: Option<f64>,
}

pub fn main() {
    assert!(Event::is_valid(
        &json!({"payload": [1, "x"], "extra": null, "count": 2, "ratio": 0.5}),
        providers::acme
    ));
    // A whole float is not an `i64` to serde, so not to the validator either.
    assert!(!Event::is_valid(
        &json!({"payload": false, "count": 2.0}),
        providers::acme
    ));
    assert!(Event::is_valid(
        &json!({"payload": false, "count": 2}),
        providers::acme
    ));
    assert!(!Event::is_valid(&json!({"payload": null}), providers::acme));
    assert!(!Event::is_valid(
        &json!({"payload": 1, "count": 2.5}),
        providers::acme
    ));
    assert!(!Event::is_valid(
        &json!({"payload": 1, "ratio": "1"}),
        providers::acme
    ));
    let schema = Event::schema_for(Target::<providers::Set>::UNIFIED).to_value();
    assert_eq!(
        schema["properties"]["payload"]["not"],
        json!({"type": "null"})
    );
    assert_eq!(schema["required"], json!(["payload"]));
}
