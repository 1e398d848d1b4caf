//! Internally and adjacently tagged enums of models as field types: the tag picks the model that
//! reads the rest, per provider; the schema is a `oneOf` with the tag as a `const` in each
//! branch, and it agrees with the validator (held against `jsonschema`).

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use unified_core::{Code, Target, UnifiedModel};

unified_core::providers! {
    /// The providers of the test model.
    pub mod providers {
        acme => "Acme",
        beta => "Beta",
    }
}

/// A card.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
struct Card {
    /// The last four digits.
    #[unified(pattern = "^[0-9]{4}$")]
    last4: String,
    /// Beta wants the holder.
    #[required(beta)]
    #[supported(acme)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    holder: Option<String>,
}

/// A bank account.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
struct Bank {
    /// The IBAN.
    #[unified(min_length = 15)]
    iban: String,
}

/// How to pay, tagged by `type`.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Payment {
    /// By card.
    Card(Card),
    /// By transfer.
    Bank(Bank),
    /// By a transfer held in a box.
    Boxed(Box<Bank>),
}

/// The same, adjacently tagged.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
#[serde(tag = "kind", content = "details", rename_all = "snake_case")]
enum Refund {
    /// To a card.
    Card(Card),
    /// To an account.
    Bank(Bank),
}

/// How to reach the customer, tagged by `via`: variants with named fields.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
#[serde(
    tag = "via",
    rename_all = "snake_case",
    rename_all_fields = "SCREAMING_SNAKE_CASE"
)]
enum Contact {
    /// By email.
    Email {
        /// The address.
        #[unified(format = "email")]
        address: String,
        /// Beta wants a name.
        #[required(beta)]
        #[supported(acme)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// By phone.
    #[serde(rename_all(serialize = "camelCase", deserialize = "camelCase"))]
    Phone {
        /// In international form.
        #[unified(pattern = "^\\+[0-9]{4,15}$")]
        phone_number: String,
        /// Set by the gateway, never read.
        #[serde(skip)]
        verified: bool,
    },
    /// Kept in memory only: serde never reads it, so its fields need no model.
    #[serde(skip)]
    #[allow(dead_code)]
    Pending { since: std::time::Instant },
}

/// An order that holds all three.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
struct Order {
    /// How it is paid.
    payment: Payment,
    /// How it is refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refund: Option<Refund>,
    /// Whom to tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contact: Option<Contact>,
}

fn codes(document: &Value, view: Target<providers::Set>) -> Vec<(String, Code)> {
    let report = Order::validate(document, view);
    let text = serde_json::to_vec(document).unwrap();
    assert_eq!(
        report,
        Order::validate_slice(&text, view),
        "text and Value agree"
    );
    report
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code))
        .collect()
}

#[test]
fn models_and_tagged_enums_take_objects_only() {
    // What lets `is_valid` refuse a document of another kind before reading it; read from what
    // each type's reader takes, and checked when the test is compiled.
    use unified_core::field::FieldValue;
    const {
        assert!(<Order as FieldValue<providers::Set>>::OBJECTS_ONLY);
        assert!(<Payment as FieldValue<providers::Set>>::OBJECTS_ONLY);
        assert!(!<Option<Order> as FieldValue<providers::Set>>::OBJECTS_ONLY);
        assert!(!<String as FieldValue<providers::Set>>::OBJECTS_ONLY);
    }
    for document in [
        json!(null),
        json!("card"),
        json!(4),
        json!([{"type": "card"}]),
    ] {
        assert!(!Order::is_valid(&document, Target::UNIFIED), "{document}");
        assert_eq!(Order::validate(&document, Target::UNIFIED).codes().len(), 1);
    }
}

#[test]
fn the_tag_picks_the_model_wherever_it_stands() {
    let acme = Target::of(providers::acme);
    let beta = Target::of(providers::beta);
    let card_last = json!({"payment": {"last4": "4242", "type": "card"}});
    assert!(codes(&card_last, acme).is_empty());
    assert_eq!(
        codes(&card_last, beta),
        [("/payment/holder".to_owned(), Code::Required)]
    );
    assert_eq!(
        codes(&json!({"payment": {"type": "bank", "iban": "DE89"}}), acme),
        [("/payment/iban".to_owned(), Code::MinLength)]
    );
    assert_eq!(
        codes(&json!({"payment": {"type": "cash"}}), acme),
        [("/payment/type".to_owned(), Code::Enum)]
    );
    assert_eq!(
        codes(&json!({"payment": {"last4": "4242"}}), acme),
        [("/payment/type".to_owned(), Code::Required)]
    );
    assert_eq!(
        codes(
            &json!({"payment": {"type": "card", "last4": "4242", "iban": "x"}}),
            acme
        ),
        [("/payment/iban".to_owned(), Code::Unknown)]
    );
    let boxed = json!({"payment": {"type": "boxed", "iban": "DE89370400440532013000"}});
    assert!(codes(&boxed, acme).is_empty());
    let built = Order::from_value(&card_last, acme).unwrap();
    assert_eq!(
        built.payment,
        Payment::Card(Card {
            last4: "4242".into(),
            holder: None
        })
    );
}

#[test]
fn adjacent_tags_hold_the_value_under_the_content_member() {
    let acme = Target::of(providers::acme);
    let payment = json!({"type": "bank", "iban": "DE89370400440532013000"});
    let refund = json!({"kind": "card", "details": {"last4": "12"}});
    assert_eq!(
        codes(&json!({"payment": payment, "refund": refund}), acme),
        [("/refund/details/last4".to_owned(), Code::Pattern)]
    );
    assert_eq!(
        codes(
            &json!({"payment": payment, "refund": {"kind": "card", "detail": {}}}),
            acme
        ),
        [
            ("/refund/detail".to_owned(), Code::Unknown),
            ("/refund/details".to_owned(), Code::Required)
        ]
    );
    let document = json!({"payment": payment, "refund": {"kind": "bank", "details": {"iban": "DE89370400440532013000"}}});
    let built = Order::from_value(&document, acme).unwrap();
    assert_eq!(built, serde_json::from_value::<Order>(document).unwrap());
}

#[test]
fn variants_with_named_fields_are_read_like_models() {
    let acme = Target::of(providers::acme);
    let beta = Target::of(providers::beta);
    let payment = json!({"type": "bank", "iban": "DE89370400440532013000"});
    let email =
        json!({"payment": payment, "contact": {"via": "email", "ADDRESS": "a@example.com"}});
    assert!(codes(&email, acme).is_empty());
    assert_eq!(
        codes(&email, beta),
        [("/contact/NAME".to_owned(), Code::Required)]
    );
    assert_eq!(
        Order::from_value(&email, acme).unwrap().contact,
        Some(Contact::Email {
            address: "a@example.com".into(),
            name: None
        })
    );
    let phone = json!({"payment": payment, "contact": {"phoneNumber": "0049", "via": "phone", "phone_number": "+4930"}});
    assert_eq!(
        codes(&phone, acme),
        [
            ("/contact/phoneNumber".to_owned(), Code::Pattern),
            ("/contact/phone_number".to_owned(), Code::Unknown)
        ]
    );
    let phone =
        json!({"payment": payment, "contact": {"via": "phone", "phoneNumber": "+493012345"}});
    let built = Order::from_value(&phone, acme).unwrap();
    assert_eq!(built, serde_json::from_value::<Order>(phone).unwrap());
    assert_eq!(
        built.contact,
        Some(Contact::Phone {
            phone_number: "+493012345".into(),
            verified: false
        })
    );
    let held = Order {
        contact: Some(Contact::Email {
            address: "not an address".into(),
            name: None,
        }),
        ..built
    };
    let codes_of = |view| -> Vec<(String, Code)> {
        Order::validate_value(&held, view)
            .errors()
            .iter()
            .map(|error| (error.pointer.to_string(), error.code))
            .collect()
    };
    assert_eq!(
        codes_of(acme),
        [("/contact/ADDRESS".to_owned(), Code::Format)]
    );
    assert_eq!(
        codes_of(beta),
        [
            ("/contact/ADDRESS".to_owned(), Code::Format),
            ("/contact/NAME".to_owned(), Code::Required)
        ]
    );
}

#[test]
fn schemas_are_a_one_of_with_the_tag_as_a_const() {
    let schema = Order::schema_for(Target::of(providers::beta)).to_value();
    let payment = &schema["properties"]["payment"];
    assert_eq!(
        payment["oneOf"][0]["properties"]["type"],
        json!({"title": "Type", "const": "card"})
    );
    assert_eq!(
        payment["oneOf"][0]["required"],
        json!(["type", "last4", "holder"])
    );
    assert_eq!(
        payment["oneOf"][1]["properties"]["type"],
        json!({"title": "Type", "const": "bank"})
    );
    let refund = &schema["properties"]["refund"];
    let branches = refund["oneOf"]
        .as_array()
        .or_else(|| refund["anyOf"][0]["oneOf"].as_array());
    let branch = &branches.expect("a oneOf")[0];
    assert_eq!(branch["required"], json!(["kind", "details"]));
    assert_eq!(
        branch["properties"]["kind"],
        json!({"title": "Kind", "const": "card"})
    );
    assert_eq!(branch["properties"]["details"]["title"], "Details");
    let contact = &schema["properties"]["contact"];
    let branches = contact["oneOf"]
        .as_array()
        .or_else(|| contact["anyOf"][0]["oneOf"].as_array())
        .expect("a oneOf");
    assert_eq!(
        branches[0]["properties"]["via"],
        json!({"title": "Via", "const": "email"})
    );
    assert_eq!(branches[0]["required"], json!(["via", "ADDRESS", "NAME"]));
    assert_eq!(branches[0]["description"], json!("By email."));
    assert_eq!(
        branches[1]["properties"]["phoneNumber"]["pattern"],
        json!("^\\+[0-9]{4,15}$")
    );
    assert!(branches[1]["properties"].get("verified").is_none());
}

fn member() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("card")),
        Just(json!("bank")),
        Just(json!("cash")),
        Just(json!(1)),
        Just(json!("4242")),
        Just(json!("12")),
        Just(json!("DE89370400440532013000")),
        Just(json!({"last4": "4242"})),
        Just(json!({"iban": "DE89370400440532013000"})),
        Just(json!(null)),
        Just(json!("email")),
        Just(json!("phone")),
        Just(json!("a@example.com")),
        Just(json!("+4930123")),
        Just(json!(true)),
    ]
}

fn object(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::collection::btree_map(prop::sample::select(keys), member(), 0..4)
        .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

/// Each view and `jsonschema`'s validator of its exported schema, built once.
fn references() -> &'static [(Target<providers::Set>, jsonschema::Validator)] {
    static REFERENCES: std::sync::OnceLock<Vec<(Target<providers::Set>, jsonschema::Validator)>> =
        std::sync::OnceLock::new();
    REFERENCES.get_or_init(|| {
        [
            Target::UNIFIED,
            Target::of(providers::acme),
            Target::of(providers::beta),
        ]
        .into_iter()
        .map(|view| {
            let schema = Order::schema_for(view).to_value();
            (view, unified_tests::reference_validator(&schema))
        })
        .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tagged_enums_agree_with_the_schema(
        payment in object(&["type", "last4", "holder", "iban"]),
        refund in prop::option::of(prop_oneof![
            object(&["kind", "details", "type"]),
            Just(Value::Null),
        ]),
        contact in prop::option::of(object(&["via", "ADDRESS", "NAME", "address", "phoneNumber", "verified"])),
    ) {
        let mut document = json!({"payment": payment});
        if let Some(refund) = refund {
            document["refund"] = refund;
        }
        if let Some(contact) = contact {
            document["contact"] = contact;
        }
        for (view, reference) in references() {
            let view = *view;
            prop_assert_eq!(
                Order::is_valid(&document, view),
                reference.is_valid(&document),
                "{} for {}: {:?}",
                document,
                view.name(),
                Order::validate(&document, view).errors()
            );
        }
    }
}
