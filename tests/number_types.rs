//! Every integer width and `f32` as field types: their natural bounds in the schema and the
//! validator, and the promise that what the validator accepts deserializes into the field's
//! Rust type (so a whole number written as a float is refused for integers, where JSON Schema's
//! `integer` takes it: the one departure from the schema, held here against `jsonschema`).

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use unified_core::{Code, Target, UnifiedModel};

unified_core::providers! {
    /// The provider of the test model.
    pub mod providers {
        acme => "Acme",
    }
}

/// One field per number type.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Default)]
struct Numbers {
    /// An `i8`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tiny: Option<i8>,
    /// An `i16`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    short: Option<i16>,
    /// An `i32`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    int: Option<i32>,
    /// An `i64`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    long: Option<i64>,
    /// A `u8`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    byte: Option<u8>,
    /// A `u16`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    port: Option<u16>,
    /// A `u32`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
    /// A `u64`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    big: Option<u64>,
    /// A `usize`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    size: Option<usize>,
    /// An `f32`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ratio: Option<f32>,
    /// A `u8` with a bound wider than its own.
    #[unified(minimum = -10)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wide: Option<u8>,
    /// A `u8` with a rule of its own on top of its bounds.
    #[unified(maximum = 100, multiple_of = 10)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    percent: Option<u8>,
}

const FIELDS: [&str; 12] = [
    "tiny", "short", "int", "long", "byte", "port", "count", "big", "size", "ratio", "percent",
    "wide",
];

fn acme() -> Target<providers::Set> {
    Target::of(providers::acme)
}

fn codes(document: &Value) -> Vec<(String, Code)> {
    Numbers::validate(document, acme())
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code))
        .collect()
}

#[test]
fn each_width_takes_exactly_its_range() {
    let cases: [(&str, i128, i128); 9] = [
        ("tiny", i8::MIN.into(), i8::MAX.into()),
        ("short", i16::MIN.into(), i16::MAX.into()),
        ("int", i32::MIN.into(), i32::MAX.into()),
        ("long", i64::MIN.into(), i64::MAX.into()),
        ("byte", 0, u8::MAX.into()),
        ("port", 0, u16::MAX.into()),
        ("count", 0, u32::MAX.into()),
        ("big", 0, u64::MAX.into()),
        ("size", 0, usize::MAX as i128),
    ];
    for (field, min, max) in cases {
        let at = |value: i128| {
            let number: Value = serde_json::from_str(&value.to_string()).unwrap();
            json!({ field: number })
        };
        assert!(codes(&at(min)).is_empty(), "{field} = {min}");
        assert!(codes(&at(max)).is_empty(), "{field} = {max}");
        let pointer = format!("/{field}");
        if min > i128::from(i64::MIN) {
            assert_eq!(
                codes(&at(min - 1)),
                [(pointer.clone(), Code::Minimum)],
                "{field}"
            );
        }
        if max < i128::from(u64::MAX) {
            assert_eq!(
                codes(&at(max + 1)),
                [(pointer.clone(), Code::Maximum)],
                "{field}"
            );
        }
        // What was accepted deserializes.
        let built: Numbers = serde_json::from_value(at(max)).unwrap();
        assert_eq!(serde_json::to_value(&built).unwrap(), at(max));
    }
    let report = Numbers::validate(&json!({"byte": 256}), acme());
    assert_eq!(
        report.errors()[0].message,
        "must be at most 255, the largest u8"
    );
}

#[test]
fn integers_refuse_whole_floats_that_serde_would_refuse() {
    for text in ["1.0", "1e3", "-0.0", "1e19"] {
        let document: Value = serde_json::from_str(&format!(r#"{{"long": {text}}}"#)).unwrap();
        assert_eq!(
            codes(&document),
            [("/long".to_owned(), Code::Type)],
            "{text}"
        );
        assert!(serde_json::from_value::<Numbers>(document.clone()).is_err());
        // JSON Schema's `integer` takes them where they are in range: the listed departure.
        let schema = Numbers::schema_for(acme()).to_value();
        let reference = unified_tests::reference_validator(&schema);
        if text != "1e19" {
            assert!(reference.is_valid(&document), "{text}");
        }
    }
}

#[test]
fn f32_takes_numbers_within_its_range() {
    assert!(codes(&json!({"ratio": 0.5})).is_empty());
    assert!(codes(&json!({"ratio": 3})).is_empty());
    assert_eq!(
        codes(&json!({"ratio": 1e39})),
        [("/ratio".to_owned(), Code::ExclusiveMaximum)]
    );
    assert_eq!(
        codes(&json!({"ratio": -1e39})),
        [("/ratio".to_owned(), Code::ExclusiveMinimum)]
    );
    // `f32::MAX` as serde_json writes it is above `f32::MAX` as a double, and still an `f32`.
    let text = serde_json::to_string(&json!({"ratio": f32::MAX})).unwrap();
    assert!(Numbers::is_valid_slice(text.as_bytes(), acme()), "{text}");
    let schema = Numbers::schema_for(acme()).to_value();
    let reference = unified_tests::reference_validator(&schema);
    for ratio in [
        json!(f32::MAX),
        json!(3.4028236e38),
        json!(1e39),
        json!(-3.4028235e38),
    ] {
        let document = json!({"ratio": ratio});
        assert_eq!(
            Numbers::is_valid(&document, acme()),
            reference.is_valid(&document),
            "{document}"
        );
    }
    let report = Numbers::validate(&json!({"byte": -1}), acme());
    assert_eq!(
        report.errors()[0].params.as_map().clone(),
        *json!({"limit": 0}).as_object().unwrap()
    );
    let built = Numbers::from_value(&json!({"ratio": 0.25}), acme()).unwrap();
    assert_eq!(built.ratio, Some(0.25));
}

#[test]
fn schemas_carry_the_natural_bounds() {
    let schema = Numbers::schema_for(acme()).to_value();
    let properties = &schema["properties"];
    assert_eq!(properties["tiny"]["minimum"], -128);
    assert_eq!(properties["tiny"]["maximum"], 127);
    assert_eq!(properties["long"]["minimum"], i64::MIN);
    assert_eq!(properties["big"]["maximum"], u64::MAX);
    assert_eq!(properties["byte"]["type"], json!(["integer", "null"]));
    // A rule narrower than the type's bound replaces it; a wider one does not.
    assert_eq!(properties["percent"]["maximum"], 100);
    assert_eq!(
        properties["wide"]["minimum"], 0,
        "u8's own bound is the stricter"
    );
    assert_eq!(properties["percent"]["multipleOf"], 10);
    assert_eq!(properties["ratio"]["type"], json!(["number", "null"]));
}

/// An integer near one of the bounds, or small.
fn integer() -> impl Strategy<Value = Value> {
    let edges: Vec<i128> = [
        i8::MIN.into(),
        i8::MAX.into(),
        i16::MIN.into(),
        i16::MAX.into(),
        i32::MIN.into(),
        i32::MAX.into(),
        i64::MIN.into(),
        i64::MAX.into(),
        u8::MAX.into(),
        u16::MAX.into(),
        u32::MAX.into(),
        u64::MAX.into(),
        0,
        100,
    ]
    .to_vec();
    (prop::sample::select(edges), -2i128..=2).prop_map(|(edge, step)| {
        let value = (edge + step).clamp(i128::from(i64::MIN), i128::from(u64::MAX));
        serde_json::from_str(&value.to_string()).expect("an integer in JSON's range")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn integers_agree_with_the_schema_and_always_deserialize(
        values in prop::collection::vec(prop::option::of(integer()), FIELDS.len())
    ) {
        let document: Value = FIELDS
            .iter()
            .zip(values)
            .filter_map(|(field, value)| Some(((*field).to_owned(), value?)))
            .collect::<serde_json::Map<String, Value>>()
            .into();
        static REFERENCE: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
        let reference = REFERENCE.get_or_init(|| {
            unified_tests::reference_validator(&Numbers::schema_for(acme()).to_value())
        });
        let ours = Numbers::is_valid(&document, acme());
        prop_assert_eq!(ours, reference.is_valid(&document), "{}", document);
        if ours {
            prop_assert!(serde_json::from_value::<Numbers>(document.clone()).is_ok(), "{}", document);
        }
    }
}

/// Bounds that meet an integer type's own limits.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Default)]
struct Bounded {
    /// An `i8` above -100.
    #[unified(minimum = -100)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tiny: Option<i8>,
    /// A `u32` with the minimum its type has anyway.
    #[unified(minimum = 0)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
}

#[test]
fn a_number_beyond_a_bound_and_its_type_is_one_violation_with_the_binding_limit() {
    // (document, pointer, code, the limit reported)
    let cases = [
        // The rule's -100 is stricter than the i8's -128.
        (json!({"tiny": -129}), "/tiny", Code::Minimum, json!(-100)),
        // The same limit twice is said once.
        (json!({"count": -5}), "/count", Code::Minimum, json!(0)),
    ];
    for (document, pointer, code, limit) in cases {
        let report = Bounded::validate(&document, acme());
        let errors = report.errors();
        assert_eq!(errors.len(), 1, "{document}: {report}");
        assert_eq!(
            (errors[0].pointer.as_str(), errors[0].code),
            (pointer, code)
        );
        assert_eq!(errors[0].params["limit"], limit, "{document}");
    }
    // Where the type's limit is the stricter, it is the one said: `wide` is a `u8` with a
    // minimum of -10, `percent` a `u8` with a maximum of 100.
    for (document, pointer, code, limit) in [
        (json!({"wide": -11}), "/wide", Code::Minimum, json!(0)),
        (
            json!({"percent": 256}),
            "/percent",
            Code::Maximum,
            json!(100),
        ),
    ] {
        let report = Numbers::validate(&document, acme());
        let errors: Vec<_> = report
            .errors()
            .iter()
            .filter(|error| error.code != Code::MultipleOf)
            .collect();
        assert_eq!(errors.len(), 1, "{document}: {report}");
        assert_eq!(
            (errors[0].pointer.as_str(), errors[0].code),
            (pointer, code)
        );
        assert_eq!(errors[0].params["limit"], limit, "{document}");
    }
}

#[test]
fn an_integer_written_as_a_float_is_said_to_be_read_as_one() {
    for text in ["-0", "1.0", "1e3"] {
        let document: Value = serde_json::from_str(&format!(r#"{{"long": {text}}}"#)).unwrap();
        let report = Numbers::validate(&document, acme());
        assert_eq!(
            report.errors()[0].message,
            "must be an integer, not a number serde reads as a float (written with a fraction, \
             an exponent, or as -0)",
            "{text}"
        );
    }
    let report = Numbers::validate(&json!({"long": 1.5}), acme());
    assert_eq!(
        report.errors()[0].message,
        "must be an integer, not a number with a fraction"
    );
}

/// Floats with bounds their types round across, and a multiple an `f64` cannot always hold.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Default)]
struct Measured {
    /// Below 2.5, as an `f32`.
    #[unified(exclusive_maximum = 2.5)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scale: Option<f32>,
    /// Above 0, as an `f32`.
    #[unified(exclusive_minimum = 0)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    share: Option<f32>,
    /// Below 0.2 for Acme (an `f32` nearest 0.2 is above it).
    #[unified(exclusive_maximum(acme = 0.2))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rate: Option<f32>,
    /// A multiple of 3, as an `f64`.
    #[unified(multiple_of = 3)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    triple: Option<f64>,
    /// At most 2^53, as an `f64`.
    #[unified(maximum = 9007199254740992.0)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    large: Option<f64>,
    /// A multiple of 3, as an `f32`.
    #[unified(multiple_of = 3)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<f32>,
}

/// Whether the built value keeps `Measured`'s rules for Acme, judged on the values it holds.
fn keeps_its_rules(built: &Measured) -> bool {
    built.scale.is_none_or(|scale| scale < 2.5)
        && built.share.is_none_or(|share| share > 0.0)
        && built.rate.is_none_or(|rate| f64::from(rate) < 0.2)
        && built
            .triple
            .is_none_or(|triple| triple.abs() < 9_007_199_254_740_992.0 && triple % 3.0 == 0.0)
        && built
            .large
            .is_none_or(|large| large <= 9_007_199_254_740_992.0)
}

/// The validator, serde with the rules on the built value, and `jsonschema` on the exported
/// schema agree on `text`.
fn agree_on(text: &str) -> Result<(), TestCaseError> {
    let document: Value = serde_json::from_str(text).unwrap();
    let ours = Measured::is_valid_slice(text.as_bytes(), acme());
    let built = serde_json::from_str::<Measured>(text).ok();
    let held = built.as_ref().is_some_and(keeps_its_rules);
    let schema = Measured::schema_for(acme()).to_value();
    let reference = unified_tests::reference_validator(&schema).is_valid(&document);
    prop_assert_eq!(ours, reference, "validator vs jsonschema: {}", text);
    // What is accepted builds a value that keeps its rules. The one way back that does not
    // hold: a float that is no multiple may round to one (`3.0000001` builds the `f32` 3),
    // refused as JSON Schema refuses it.
    if ours || !text.contains("step") {
        prop_assert_eq!(ours, held, "validator vs the built value: {}", text);
    }
    if ours {
        prop_assert_eq!(Measured::from_slice(text.as_bytes(), acme()).ok(), built);
    }
    Ok(())
}

#[test]
fn a_number_is_judged_as_the_value_the_field_will_hold() {
    for text in [
        // Each rounds onto the bound its JSON number keeps.
        r#"{"scale": 2.4999999}"#,
        r#"{"share": 5e-324}"#,
        r#"{"rate": 0.19999999999}"#,
        r#"{"triple": 9007199254740993}"#,
        // And their neighbours the type holds apart.
        r#"{"scale": 2.4999998}"#,
        r#"{"share": 1e-45}"#,
        r#"{"rate": 0.1999999}"#,
        r#"{"triple": 9007199254740990}"#,
        r#"{"triple": -9007199254740993}"#,
        r#"{"large": 9007199254740993}"#,
        r#"{"large": 9007199254740995}"#,
        r#"{"large": 9007199254740994}"#,
        r#"{"step": 3.0000001}"#,
        r#"{"step": 16777215}"#,
        r#"{"step": 16777217}"#,
        r#"{"step": -16777216}"#,
        r#"{"triple": 9007199254740989}"#,
    ] {
        agree_on(text).unwrap();
    }
    let refused = Measured::validate_slice(br#"{"scale": 2.4999999}"#, acme());
    assert_eq!(refused.errors()[0].code, Code::ExclusiveMaximum);
    assert!(!Measured::is_valid(
        &json!({"triple": 9007199254740993_u64}),
        acme()
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Numbers a few float steps from each bound and threshold.
    #[test]
    fn floats_near_their_bounds_agree_three_ways(
        field in prop::sample::select(vec!["scale", "share", "rate", "triple", "large", "step"]),
        centre in prop::sample::select(vec![
            2.5, 0.0, 0.2, 3.0, 9_007_199_254_740_992.0, 1e-45, 2.4999999, 16_777_216.0,
        ]),
        steps in -60i32..60,
        as_integer in any::<bool>(),
    ) {
        let mut value: f64 = centre;
        for _ in 0..steps.unsigned_abs() {
            value = if steps < 0 { value.next_down() } else { value.next_up() };
        }
        let number = if as_integer && value.fract() == 0.0 && value.abs() < 1.8e19 {
            // Integers near 2^53, written as integers: the f64 rounding of the token.
            let exact = value as i128 + i128::from(steps % 3);
            exact.to_string()
        } else {
            format!("{value:e}")
        };
        agree_on(&format!(r#"{{"{field}": {number}}}"#))?;
    }
}
