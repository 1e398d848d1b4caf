//! `validate_value`: a value of the model's own struct, as a Rust client holds it, validated
//! with `None` as absent, though serde writes it as `null`.

use serde::Serialize;
use serde_json::json;
use unified_core::{Code, Target, UnifiedModel};

unified_core::providers! {
    /// The providers of the test model.
    pub mod providers {
        acme => "Acme",
        beta => "Beta",
    }
}

/// A contact, with no `skip_serializing_if` anywhere.
#[derive(UnifiedModel, Serialize, Default)]
struct Contact {
    /// The name.
    #[required(acme, beta)]
    name: Option<String>,
    /// Acme's phone.
    #[supported(acme)]
    phone: Option<String>,
    /// Beta's fax.
    #[supported(beta)]
    fax: Option<String>,
    /// Addresses.
    addresses: Option<Vec<Address>>,
}

/// An address.
#[derive(UnifiedModel, Serialize, Default)]
struct Address {
    /// The street.
    street: String,
    /// Beta's floor.
    #[supported(beta)]
    #[unified(min_length = 1)]
    floor: Option<String>,
}

#[test]
fn none_is_absent_at_every_depth() {
    let contact = Contact {
        name: Some("Ada".into()),
        phone: Some("+44".into()),
        fax: None,
        addresses: Some(vec![Address {
            street: "1 Loop Road".into(),
            floor: None,
        }]),
    };
    // Serialized as it is, the `None`s are `null`s that Acme does not take.
    let serialized = unified_core::json::to_value(&contact).unwrap();
    let codes: Vec<(String, Code)> = Contact::validate(&serialized, Target::of(providers::acme))
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("/fax".to_owned(), Code::Unsupported),
            ("/addresses/0/floor".to_owned(), Code::Unsupported),
        ]
    );
    assert!(
        contact
            .validate_value(Target::of(providers::acme))
            .is_valid()
    );

    // The other rules hold as ever: Beta does not take the phone, and the name is required.
    let codes: Vec<(String, Code)> = Contact {
        phone: Some("+44".into()),
        ..Contact::default()
    }
    .validate_value(Target::of(providers::beta))
    .errors()
    .iter()
    .map(|error| (error.pointer.to_string(), error.code))
    .collect();
    assert_eq!(
        codes,
        [
            ("/phone".to_owned(), Code::Unsupported),
            ("/name".to_owned(), Code::Required),
        ]
    );
    let empty_floor = Contact {
        name: Some("Ada".into()),
        addresses: Some(vec![Address {
            street: "x".into(),
            floor: Some(String::new()),
        }]),
        ..Contact::default()
    };
    assert_eq!(
        empty_floor
            .validate_value(Target::of(providers::beta))
            .errors()[0]
            .code,
        Code::MinLength
    );
    assert_eq!(json!(null), serde_json::to_value(&contact).unwrap()["fax"]);
}
