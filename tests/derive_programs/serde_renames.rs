// serde's rename, rename_all and skip are honoured by validation and schemas alike.
use serde_json::json;
use unified_core::{Code, Target, UnifiedModel};

unified_core::providers! {
    pub mod providers {
        acme => "Acme",
    }
}

/// A contact.
#[derive(UnifiedModel, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contact {
    /// First name.
    first_name: Option<String>,
    /// Renamed explicitly.
    #[serde(rename = "mail")]
    #[unified(format = "email", title = "E-mail")]
    email_address: Option<String>,
    /// Not part of the JSON at all.
    #[serde(skip)]
    #[allow(dead_code)]
    cache: Option<String>,
    /// Variants renamed.
    kind: Option<Kind>,
    /// A keyword as a field name.
    r#type: Option<String>,
}

/// A kind of contact.
#[derive(UnifiedModel, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Kind {
    /// A person.
    NaturalPerson,
    /// Renamed explicitly.
    #[serde(rename = "org")]
    Organisation,
}

pub fn main() {
    let body = json!({"firstName": "Ada", "mail": "ada@example.org", "kind": "NATURAL_PERSON", "type": "x"});
    assert!(Contact::is_valid(&body, providers::acme));
    let _: Contact = serde_json::from_value(body).unwrap();
    assert!(Contact::is_valid(&json!({"kind": "org"}), providers::acme));

    let report = Contact::validate(
        &unified_core::json!({"first_name": "Ada", "cache": "x", "kind": "Organisation"}),
        providers::acme,
    );
    let codes: Vec<(&str, Code)> = report
        .errors()
        .iter()
        .map(|e| (e.pointer.as_str(), e.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("/first_name", Code::Unknown),
            ("/cache", Code::Unknown),
            ("/kind", Code::Enum)
        ]
    );

    let schema = Contact::schema_for(Target::<providers::Set>::UNIFIED).into_value();
    let names: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["firstName", "mail", "kind", "type"]);
    assert_eq!(
        schema["properties"]["kind"]["oneOf"],
        json!([
            {"const": "NATURAL_PERSON", "title": "Natural person"},
            {"const": "org", "title": "Org"},
            {"type": "null"}
        ])
    );
    assert_eq!(schema["properties"]["firstName"]["title"], "First name");
    assert_eq!(schema["properties"]["mail"]["title"], "E-mail");
    assert_eq!(schema["properties"]["mail"]["format"], "email");
    assert_eq!(schema["description"], "A contact.");

    // The schemars view is the provider-agnostic one.
    let schemars_view = schemars::schema_for!(Contact).to_value();
    assert_eq!(schemars_view["properties"], schema["properties"]);
}
