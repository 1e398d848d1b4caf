//! Models inside `Box`, `Arc`, `HashMap<String, _>` and `BTreeMap<String, _>`: validated at
//! every depth with pointers through the container, built as serde builds them, held in each
//! provider's view as the view of what they hold, and agreeing with the exported schema.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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

/// A contact.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Contact {
    /// The name.
    #[unified(min_length = 1)]
    name: String,
    /// Acme's phone.
    #[supported(acme)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

/// An account holding contacts in each container.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
struct Account {
    /// The owner, boxed.
    owner: Box<Contact>,
    /// The billing contact, shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    billing: Option<Arc<Contact>>,
    /// Contacts by role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by_role: Option<HashMap<String, Contact>>,
    /// Contacts by region, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by_region: Option<BTreeMap<String, Contact>>,
    /// A note, as serde reads `Option<Option<T>>`: absent and `null` are both `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<Option<String>>,
}

fn codes(document: &Value, view: Target<providers::Set>) -> Vec<(String, Code)> {
    let mut found: Vec<(String, Code)> = Account::validate(document, view)
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code))
        .collect();
    found.sort();
    found
}

#[test]
fn models_in_containers_are_validated_built_and_viewed() {
    let document = json!({
        "owner": {"name": "Ada", "phone": "+44"},
        "billing": {"name": "Grace"},
        "by_role": {"admin": {"name": "Alan"}},
        "by_region": {"eu": {"name": "Edsger", "phone": "+31"}},
    });
    let acme = Target::of(providers::acme);
    assert_eq!(codes(&document, acme), []);
    let built = Account::from_value(&document, acme).unwrap();
    assert_eq!(
        built,
        serde_json::from_value::<Account>(document.clone()).unwrap()
    );

    let view = Account::view_from_value::<providers::acme>(&document).unwrap();
    assert_eq!(
        view.billing.as_ref().map(|billing| billing.name.as_str()),
        Some("Grace")
    );
    assert_eq!(view.by_region.as_ref().unwrap()["eu"].name, "Edsger");

    // Beta does not take phones: each container's pointer leads to it.
    let beta = Target::of(providers::beta);
    assert_eq!(
        codes(&document, beta),
        [
            ("/by_region/eu/phone".to_owned(), Code::Unsupported),
            ("/owner/phone".to_owned(), Code::Unsupported),
        ]
    );
    let empty = json!({"owner": {"name": ""}, "billing": {"name": ""}, "by_role": {"x": {}}});
    assert_eq!(
        codes(&empty, beta),
        [
            ("/billing/name".to_owned(), Code::Empty),
            ("/by_role/x/name".to_owned(), Code::Required),
            ("/owner/name".to_owned(), Code::Empty),
        ]
    );
    // The exported schema says the same.
    for (view, document) in [(acme, &document), (beta, &document), (beta, &empty)] {
        let schema = Account::schema_for(view).to_value();
        let reference = jsonschema::validator_for(&schema).unwrap();
        assert_eq!(
            reference.is_valid(document),
            Account::is_valid(document, view),
            "{view:?}: {document}"
        );
    }
}

#[test]
fn an_option_of_an_option_reads_as_serde_reads_it() {
    let acme = Target::of(providers::acme);
    for (document, note) in [
        (json!({"owner": {"name": "Ada"}}), None),
        (json!({"owner": {"name": "Ada"}, "note": null}), None),
        (
            json!({"owner": {"name": "Ada"}, "note": "hi"}),
            Some(Some("hi".to_owned())),
        ),
    ] {
        let built = Account::from_value(&document, acme).unwrap();
        assert_eq!(built.note, note, "{document}");
        let parsed: Account = serde_json::from_value(document.clone()).unwrap();
        assert_eq!(built, parsed, "{document}");
    }
    assert_eq!(
        codes(&json!({"owner": {"name": "Ada"}, "note": 5}), acme),
        [("/note".to_owned(), Code::Type)]
    );
}
