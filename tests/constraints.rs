//! Lengths, ranges, multiples and patterns, for every provider or per provider: the verdicts and
//! messages of the validator, the keywords of the exported schemas, and their agreement with the
//! `jsonschema` crate on generated values near every limit.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use unified_core::{Code, Secret, Target, UnifiedModel};

unified_core::providers! {
    /// The providers of the test model.
    pub mod providers {
        acme => "Acme",
        beta => "Beta",
    }
}

/// A plan with every kind of constraint.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Default)]
struct Plan {
    /// The plan's name.
    #[required(acme, beta)]
    #[unified(min_length = 2, max_length = 10, max_length(beta = 5))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Seats.
    #[supported(acme, beta)]
    #[unified(minimum = 1, maximum = 500, maximum(beta = 50), multiple_of = 5)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seats: Option<i64>,
    /// A share, strictly between 0 and 1.
    #[supported(acme, beta)]
    #[unified(exclusive_minimum = 0, exclusive_maximum = 1)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    share: Option<f64>,
    /// A balance.
    #[supported(acme)]
    #[unified(minimum = -2.5)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    balance: Option<f64>,
    /// Tags.
    #[supported(acme, beta)]
    #[unified(min_items = 1, max_items = 3, max_items(acme = 2))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    /// A handle.
    #[supported(acme, beta)]
    #[unified(pattern = "^[a-z][a-z0-9_]*$", pattern(beta = r"^\d{3}$"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    handle: Option<String>,
    /// Codes, each at most once (Beta takes repeats).
    #[supported(acme, beta)]
    #[unified(unique_items, unique_items(beta = false))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    codes: Option<Vec<i64>>,
    /// A note: ECMA-262's `.`, `\s` and `\S`.
    #[supported(acme, beta)]
    #[unified(pattern = r"^\s?.\S*$")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// A password.
    #[required(acme)]
    #[unified(min_length = 8)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    password: Option<Secret>,
}

fn codes(document: &Value, view: Target<providers::Set>) -> Vec<(String, Code)> {
    Plan::validate(document, view)
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code))
        .collect()
}

fn acme() -> Target<providers::Set> {
    Target::of(providers::acme)
}

fn beta() -> Target<providers::Set> {
    Target::of(providers::beta)
}

#[test]
fn lengths_count_characters_and_per_provider_limits_win() {
    let base = |name: &str| json!({"name": name});
    let with_password = |name: &str| json!({"name": name, "password": "long enough"});
    assert!(codes(&with_password("abcdefg"), acme()).is_empty());
    assert_eq!(
        codes(&base("abcdefg"), beta()),
        [("/name".to_owned(), Code::MaxLength)]
    );
    // Five characters, ten bytes.
    assert!(codes(&base("ééééé"), beta()).is_empty());
    assert_eq!(
        codes(&with_password("a"), acme()),
        [("/name".to_owned(), Code::MinLength)]
    );
    assert_eq!(
        codes(&with_password("abcdefghijk"), acme()),
        [("/name".to_owned(), Code::MaxLength)]
    );
    // The unified target takes no one provider's `max_length`, and the common `min_length`.
    assert!(codes(&base("abcdefghijk"), Target::UNIFIED).is_empty());
    assert_eq!(
        codes(&base("a"), Target::UNIFIED),
        [("/name".to_owned(), Code::MinLength)]
    );
    // A secret has a length too, and its message quotes nothing of it.
    let short = json!({"name": "ok", "password": "short"});
    let report = Plan::validate(&short, acme());
    assert_eq!(report.errors()[0].code, Code::MinLength);
    assert_eq!(
        report.errors()[0].message,
        "must have at least 8 characters"
    );

    let messages: Vec<String> = Plan::validate(&base("abcdefg"), beta())
        .errors()
        .iter()
        .map(|error| error.message.to_string())
        .collect();
    assert_eq!(messages, ["must have at most 5 characters for Beta"]);
}

#[test]
fn ranges_and_multiples() {
    let with = |field: &str, value: Value, view: Target<providers::Set>| {
        let mut document = json!({"name": "ok"});
        if view == acme() {
            document["password"] = json!("long enough");
        }
        document[field] = value;
        document
    };
    let cases = [
        ("seats", json!(0), acme(), Some(Code::Minimum)),
        ("seats", json!(5), acme(), None),
        ("seats", json!(505), acme(), Some(Code::Maximum)),
        ("seats", json!(7), acme(), Some(Code::MultipleOf)),
        ("seats", json!(55), beta(), Some(Code::Maximum)),
        ("seats", json!(50), beta(), None),
        ("share", json!(0), acme(), Some(Code::ExclusiveMinimum)),
        ("share", json!(1), acme(), Some(Code::ExclusiveMaximum)),
        ("share", json!(1.0), acme(), Some(Code::ExclusiveMaximum)),
        ("share", json!(0.25), acme(), None),
        ("balance", json!(-2.5), acme(), None),
        ("balance", json!(-3), acme(), Some(Code::Minimum)),
    ];
    for (field, value, view, expected) in cases {
        let found: Vec<Code> = codes(&with(field, value.clone(), view), view)
            .into_iter()
            .map(|(_, code)| code)
            .collect();
        assert_eq!(
            found,
            expected.into_iter().collect::<Vec<_>>(),
            "{field} = {value} for {}",
            view.name()
        );
    }
    let report = Plan::validate(&with("seats", json!(7), acme()), acme());
    assert_eq!(report.errors()[0].message, "must be a multiple of 5");
    let report = Plan::validate(&with("share", json!(0), acme()), acme());
    assert_eq!(report.errors()[0].message, "must be greater than 0");
}

#[test]
fn list_lengths_and_patterns() {
    let with = |field: &str, value: Value| {
        let mut document = json!({"name": "ok"});
        document[field] = value;
        document
    };
    let with_password = |field: &str, value: Value| {
        let mut document = with(field, value);
        document["password"] = json!("long enough");
        document
    };
    assert_eq!(
        codes(&with_password("tags", json!([])), acme()),
        [("/tags".to_owned(), Code::MinItems)]
    );
    assert_eq!(
        codes(&with_password("tags", json!(["a", "b", "c"])), acme()),
        [("/tags".to_owned(), Code::MaxItems)]
    );
    assert!(codes(&with("tags", json!(["a", "b", "c"])), beta()).is_empty());
    assert!(codes(&with_password("handle", json!("ada_1")), acme()).is_empty());
    assert_eq!(
        codes(&with_password("handle", json!("Ada")), acme()),
        [("/handle".to_owned(), Code::Pattern)]
    );
    assert!(codes(&with("handle", json!("123")), beta()).is_empty());
    // ECMA-262's `\d` is ASCII: Arabic-Indic digits are not digits here.
    assert_eq!(
        codes(&with("handle", json!("١٢٣")), beta()),
        [("/handle".to_owned(), Code::Pattern)]
    );
    let report = Plan::validate(&with("handle", json!("12a")), beta());
    assert_eq!(
        report.errors()[0].message,
        r"must match the pattern `^\d{3}$` for Beta"
    );
    let serialized = serde_json::to_value(&report).unwrap();
    assert_eq!(serialized[0]["code"], "pattern", "{serialized}");
}

#[test]
fn unique_items_compare_by_value_where_the_view_asks() {
    let with = |codes: Value| json!({"name": "ok", "codes": codes, "password": "long enough"});
    let for_beta = json!({"name": "ok", "codes": [1, 2, 1]});
    assert_eq!(codes(&for_beta, beta()), [], "Beta takes repeats");
    // With a provider's own value of the rule, the unified target takes none.
    assert!(Plan::is_valid(&for_beta, Target::UNIFIED));
    let report = Plan::validate(&with(json!([1, 2, 1])), acme());
    assert_eq!(report.errors()[0].code, Code::UniqueItems);
    assert_eq!(report.errors()[0].pointer, "/codes");
    assert_eq!(
        report.errors()[0].message,
        "must not hold the same item twice"
    );
    assert!(Plan::is_valid(&with(json!([1, 2, 3])), acme()));
    assert!(!Plan::is_valid_slice(
        br#"{"name": "ok", "codes": [2, 2], "password": "long enough"}"#,
        acme()
    ));
    let schema = Plan::schema_for(acme()).to_value();
    assert_eq!(schema["properties"]["codes"]["uniqueItems"], true);
    let beta_schema = Plan::schema_for(beta()).to_value();
    assert_eq!(beta_schema["properties"]["codes"].get("uniqueItems"), None);
}

#[test]
fn repeats_are_found_in_a_list_with_a_refused_item() {
    let document = json!({"name": "ok", "codes": [1, 1, "x"], "password": "long enough"});
    let mut found = codes(&document, acme());
    found.sort();
    assert_eq!(
        found,
        [
            ("/codes".to_owned(), Code::UniqueItems),
            ("/codes/2".to_owned(), Code::Type)
        ]
    );
    // JSON Schema counts `1` and `1.0` as one number.
    let floats = json!({"name": "ok", "codes": [1, 1.0], "password": "long enough"});
    let found: Vec<Code> = codes(&floats, acme())
        .into_iter()
        .map(|(_, code)| code)
        .collect();
    assert!(found.contains(&Code::UniqueItems), "{found:?}");
    // Beta takes repeats: only the refused item.
    assert_eq!(
        codes(&json!({"name": "ok", "codes": [1, 1, "x"]}), beta()),
        [("/codes/2".to_owned(), Code::Type)]
    );
    // The same from text, and `jsonschema` reports both too.
    let text = serde_json::to_vec(&document).unwrap();
    assert_eq!(Plan::validate_slice(&text, acme()).len(), 2);
    let schema = Plan::schema_for(acme()).to_value();
    let reference = jsonschema::validator_for(&schema).unwrap();
    assert_eq!(reference.iter_errors(&document).count(), 2);
}

#[test]
fn schemas_carry_the_keywords_of_their_view() {
    let acme = Plan::schema_for(acme()).to_value();
    let beta = Plan::schema_for(beta()).to_value();
    let unified = Plan::schema_for(Target::UNIFIED).to_value();
    assert_eq!(acme["properties"]["name"]["maxLength"], 10);
    assert_eq!(beta["properties"]["name"]["maxLength"], 5);
    assert_eq!(unified["properties"]["name"].get("maxLength"), None);
    assert_eq!(unified["properties"]["name"]["minLength"], 2);
    assert_eq!(acme["properties"]["seats"]["minimum"], 1);
    assert_eq!(acme["properties"]["seats"]["multipleOf"], 5);
    assert_eq!(beta["properties"]["seats"]["maximum"], 50);
    assert_eq!(acme["properties"]["share"]["exclusiveMinimum"], 0);
    assert_eq!(acme["properties"]["balance"]["minimum"], -2.5);
    assert_eq!(acme["properties"]["tags"]["maxItems"], 2);
    assert_eq!(beta["properties"]["tags"]["maxItems"], 3);
    assert_eq!(acme["properties"]["handle"]["pattern"], "^[a-z][a-z0-9_]*$");
    assert_eq!(beta["properties"]["handle"]["pattern"], r"^\d{3}$");
    assert_eq!(acme["properties"]["password"]["minLength"], 8);
}

#[test]
fn a_valid_plan_builds() {
    let text = br#"{"name": "Pro", "seats": 25, "share": 0.5, "tags": ["a"], "handle": "pro", "password": "long enough"}"#;
    let plan = Plan::from_slice(text, acme()).unwrap();
    assert_eq!(plan.seats, Some(25));
    assert_eq!(plan.handle.as_deref(), Some("pro"));
}

/// A string near the limits, from characters that tell the dialects and the counts apart.
fn text() -> impl Strategy<Value = Value> {
    proptest::string::string_regex("[a-zé1_Z١ \n\u{2028}\u{FEFF}\u{85}]{0,12}")
        .expect("a valid pattern")
        .prop_map(Value::from)
}

/// An integer, for `seats` (an `i64`, which refuses whole floats; see `number_types.rs`).
fn integer() -> impl Strategy<Value = Value> {
    (-10i64..600).prop_map(Value::from)
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        integer(),
        prop::sample::select(vec![
            0.0, 1.0, 0.5, -2.5, -2.4999, 0.999_999, 1e-9, 50.0, 500.0, 5.5
        ])
        .prop_map(Value::from),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    (
        prop::option::of(text()),
        prop::option::of(integer()),
        prop::option::of(number()),
        prop::option::of(number()),
        prop::option::of(prop::collection::vec(text(), 0..5)),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(prop::collection::vec(
            prop::sample::select(vec![json!(1), json!(2), json!(3)]),
            0..4,
        )),
        prop::option::of(text()),
    )
        .prop_map(
            |(name, seats, share, balance, tags, handle, password, codes, note)| {
                let mut document = serde_json::Map::new();
                let mut put = |key: &str, value: Option<Value>| {
                    if let Some(value) = value {
                        document.insert(key.to_owned(), value);
                    }
                };
                put("name", name);
                put("seats", seats);
                put("share", share);
                put("balance", balance);
                put("tags", tags.map(Value::from));
                put("handle", handle);
                put("password", password);
                put("codes", codes.map(Value::from));
                put("note", note);
                Value::Object(document)
            },
        )
}

/// Each view and `jsonschema`'s validator of its exported schema, built once.
fn references() -> &'static [(Target<providers::Set>, jsonschema::Validator)] {
    static REFERENCES: std::sync::OnceLock<Vec<(Target<providers::Set>, jsonschema::Validator)>> =
        std::sync::OnceLock::new();
    REFERENCES.get_or_init(|| {
        [Target::UNIFIED, acme(), beta()]
            .into_iter()
            .map(|view| {
                let schema = Plan::schema_for(view).to_value();
                (view, unified_tests::reference_validator(&schema))
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_schema_accepts_exactly_what_the_validator_accepts(document in document()) {
        for (view, reference) in references() {
            let view = *view;
            let ours = Plan::is_valid(&document, view);
            prop_assert_eq!(
                ours,
                reference.is_valid(&document),
                "{} for {}: ours {:?}",
                document,
                view.name(),
                Plan::validate(&document, view).errors()
            );
        }
    }
}

#[test]
fn coverage_lists_each_rule_with_its_providers() {
    let coverage = Plan::coverage();
    let name = coverage.iter().find(|row| row.field == "name").unwrap();
    let rules: Vec<(&str, Value, Vec<&str>)> = name
        .constraints
        .iter()
        .map(|c| (c.rule, c.value.clone(), c.providers.clone()))
        .collect();
    assert_eq!(
        rules,
        [
            ("min_length", json!(2), vec!["acme", "beta"]),
            ("max_length", json!(10), vec!["acme"]),
            ("max_length", json!(5), vec!["beta"]),
        ]
    );
    let json = serde_json::to_value(name).unwrap();
    assert_eq!(json["constraints"][2]["providers"], json!(["beta"]));
}

/// An empty query and response, for an operation around `Plan`.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Default)]
#[unified(providers = providers)]
struct Nothing {}

/// Creating a plan.
struct PlansCreate;

impl unified_core::OperationModels for PlansCreate {
    type Set = providers::Set;
    type Body = Plan;
    type Query = Nothing;
    type Response = Nothing;
    const MODEL: &'static str = "billing/plans";
    const ACTION: unified_core::Action = unified_core::Action::Create;
}

#[test]
fn the_coverage_table_has_a_rules_column_where_fields_have_rules() {
    let operation = unified_core::Operation::<providers::Set>::of::<PlansCreate>();
    let markdown = operation.coverage().to_markdown();
    assert!(
        markdown.contains(
            "| `name` | The plan's name. | 2 supported · 2 required | every provider (required) | min_length 2; max_length 10 (Acme); max_length 5 (Beta) |"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains(r"| `handle` | A handle. | 2 supported | every provider | pattern `^[a-z][a-z0-9_]*$` (Acme); pattern `^\d{3}$` (Beta) |"),
        "{markdown}"
    );
    // The parts without rules keep four columns.
    assert!(markdown.contains("## Query parameters\n\n| field | description | coverage | providers |\n|---|---|---|---|\n"), "{markdown}");
}

#[test]
fn every_error_carries_its_parameters_as_data() {
    let document =
        unified_core::json!({"name": "abcdefg", "handle": "12a", "nmae": 1, "seats": "x"});
    let report = Plan::validate(&document, beta());
    let params: Vec<(String, Value)> = report
        .errors()
        .iter()
        .map(|error| {
            (
                error.code.to_string(),
                Value::Object(error.params.as_map().clone()),
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            (
                "max_length".to_owned(),
                json!({"limit": 5, "provider": "Beta"})
            ),
            (
                "pattern".to_owned(),
                json!({"pattern": r"^\d{3}$", "provider": "Beta"})
            ),
            ("unknown".to_owned(), json!({"suggestion": "name"})),
            (
                "type".to_owned(),
                json!({"expected": "an integer", "found": "a string"})
            ),
        ]
    );
    // A translation needs nothing but the code and the parameters.
    let serialized = serde_json::to_value(&report).unwrap();
    assert_eq!(serialized[0]["params"]["limit"], 5);
    let required = Plan::validate(&json!({}), acme());
    let params: Vec<Value> = required
        .errors()
        .iter()
        .map(|error| Value::Object(error.params.as_map().clone()))
        .collect();
    // `name` is required by every provider, `password` by Acme alone.
    assert_eq!(params, [json!({}), json!({"provider": "Acme"})]);
}
