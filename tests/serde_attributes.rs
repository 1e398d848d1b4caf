//! serde's attributes the derive honours, held on a handful of documents against serde itself and
//! against `jsonschema` on the exported schema: the validator, the view, the schema and serde's
//! derive accept the same documents, and the model read is serde's. The attributes it refuses are
//! compile errors (`ui/compile-fail/serde_*_attributes.rs`).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use unified_core::{Target, UnifiedModel};

unified_core::providers! {
    /// The provider of the test models.
    pub mod providers {
        acme => "Acme",
    }
}

/// The title a note is built with, since serde never reads it.
fn untitled() -> String {
    "untitled".to_owned()
}

/// Writes a flag as a number, to show `serialize_with` changes nothing that is read.
fn as_number<W: serde::Serializer>(flag: &Option<bool>, out: W) -> Result<W::Ok, W::Error> {
    out.serialize_some(&flag.map(u8::from))
}

/// A note, with the serde attributes the derive honours or that change nothing that is read.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
#[serde(
    deny_unknown_fields,
    rename_all(serialize = "camelCase", deserialize = "kebab-case"),
    expecting = "a note",
    bound = ""
)]
struct Note {
    /// Its text, read as `text-body`.
    text_body: String,
    /// Read as `by`, written as `author`.
    #[serde(rename(serialize = "author", deserialize = "by"))]
    author: Option<String>,
    /// `None` when absent, with `default` as without it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "as_number"
    )]
    pinned: Option<bool>,
    /// Never read: built with its function.
    #[serde(skip, default = "untitled")]
    title: String,
    /// Never read, so its alias means nothing: built with `Default`.
    #[serde(skip_deserializing, alias = "seen")]
    views: u32,
    /// How urgent.
    level: Option<Level>,
    /// Whom to tell.
    contact: Option<Contact>,
}

/// A level, read under its deserialize names.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Level {
    /// Read as `low`.
    Low,
    /// Read as `HIGH`, written as `high`.
    #[serde(rename(deserialize = "HIGH"))]
    High,
    /// Written, never read.
    #[serde(skip_deserializing)]
    Legacy,
}

/// Whom to tell, adjacently tagged, with named fields renamed.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
#[serde(
    tag = "via",
    content = "to",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
enum Contact {
    /// By email.
    Email {
        /// Read as `emailAddress`.
        email_address: String,
    },
    /// Written, never read.
    #[serde(skip_deserializing)]
    Pigeon {
        /// The loft.
        loft: String,
    },
}

/// A channel, as an identifier enum: serde reads it from a string among its names, as the
/// derive does.
#[derive(UnifiedModel, Deserialize, Debug, PartialEq)]
#[serde(variant_identifier)]
enum Channel {
    /// `"Email"`.
    Email,
    /// `"Phone"`.
    Phone,
}

/// A route, holding the identifier enum.
#[derive(UnifiedModel, Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Route {
    /// Where to.
    channel: Channel,
}

/// The one provider's target.
fn acme() -> Target<providers::Set> {
    Target::of(providers::acme)
}

/// Whether `document` is a note for the validator (from text and from a value), the view, the
/// schema and serde, asserting they all agree and that the note read is serde's.
fn note_agrees(document: &Value) -> bool {
    let text = serde_json::to_vec(document).unwrap();
    let ours = Note::from_slice(&text, acme());
    let theirs = serde_json::from_slice::<Note>(&text);
    let schema = unified_tests::reference_validator(&Note::schema_for(acme()).to_value());
    let view = Note::view_from_slice::<providers::acme>(&text);
    let verdict = ours.is_ok();
    assert_eq!(verdict, theirs.is_ok(), "{document}: {ours:?} / {theirs:?}");
    assert_eq!(verdict, schema.is_valid(document), "schema on {document}");
    assert_eq!(
        verdict,
        Note::is_valid(document, acme()),
        "value on {document}"
    );
    assert_eq!(verdict, view.is_ok(), "view on {document}");
    if let (Ok(ours), Ok(theirs), Ok(view)) = (ours, theirs, view) {
        assert_eq!(ours, theirs, "{document}");
        assert_eq!(view.text_body, theirs.text_body);
    }
    verdict
}

/// The same for a route.
fn route_agrees(document: &Value) -> bool {
    let text = serde_json::to_vec(document).unwrap();
    let ours = Route::from_slice(&text, acme());
    let theirs = serde_json::from_slice::<Route>(&text);
    let schema = unified_tests::reference_validator(&Route::schema_for(acme()).to_value());
    let verdict = ours.is_ok();
    assert_eq!(verdict, theirs.is_ok(), "{document}: {ours:?} / {theirs:?}");
    assert_eq!(verdict, schema.is_valid(document), "schema on {document}");
    assert_eq!(
        verdict,
        Route::is_valid(document, acme()),
        "value on {document}"
    );
    if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
        assert_eq!(ours, theirs);
    }
    verdict
}

#[test]
fn deserialize_names_are_the_names_read() {
    assert!(note_agrees(&json!({"text-body": "hi"})));
    assert!(note_agrees(&json!({"text-body": "hi", "by": "Ada"})));
    assert!(!note_agrees(&json!({"textBody": "hi"})));
    assert!(!note_agrees(&json!({"text-body": "hi", "author": "Ada"})));
    assert!(!note_agrees(&json!({})));
}

#[test]
fn default_on_an_option_is_none_when_absent() {
    assert!(note_agrees(&json!({"text-body": "hi", "pinned": true})));
    assert!(note_agrees(&json!({"text-body": "hi", "pinned": null})));
    assert!(!note_agrees(&json!({"text-body": "hi", "pinned": 1})));
}

#[test]
fn skipped_fields_are_built_and_unknown_when_sent() {
    let text = br#"{"text-body": "hi"}"#;
    let note = Note::from_slice(text, acme()).unwrap();
    assert_eq!((note.title.as_str(), note.views), ("untitled", 0));
    assert!(!note_agrees(&json!({"text-body": "hi", "title": "Hello"})));
    assert!(!note_agrees(&json!({"text-body": "hi", "views": 3})));
    assert!(!note_agrees(&json!({"text-body": "hi", "seen": 3})));
}

#[test]
fn variants_are_read_by_their_deserialize_names_and_skipped_ones_refused() {
    assert!(note_agrees(&json!({"text-body": "hi", "level": "low"})));
    assert!(note_agrees(&json!({"text-body": "hi", "level": "HIGH"})));
    assert!(!note_agrees(&json!({"text-body": "hi", "level": "high"})));
    // serde writes what it does not read.
    let legacy = serde_json::to_value(Level::Legacy).unwrap();
    assert_eq!(legacy, "legacy");
    assert!(!note_agrees(&json!({"text-body": "hi", "level": legacy})));
}

#[test]
fn tagged_variants_rename_their_fields_and_skip_as_serde_does() {
    let email = json!({"via": "Email", "to": {"emailAddress": "ada@example.org"}});
    assert!(note_agrees(&json!({"text-body": "hi", "contact": email})));
    let snake = json!({"via": "Email", "to": {"email_address": "ada@example.org"}});
    assert!(!note_agrees(&json!({"text-body": "hi", "contact": snake})));
    let pigeon = serde_json::to_value(Contact::Pigeon {
        loft: "north".to_owned(),
    })
    .unwrap();
    assert_eq!(pigeon, json!({"via": "Pigeon", "to": {"loft": "north"}}));
    assert!(!note_agrees(&json!({"text-body": "hi", "contact": pigeon})));
    let extra = json!({"via": "Email", "to": {"emailAddress": "a@b.c"}, "cc": "x"});
    assert!(!note_agrees(&json!({"text-body": "hi", "contact": extra})));
}

#[test]
fn an_identifier_enum_is_a_string_among_its_names() {
    assert!(route_agrees(&json!({"channel": "Email"})));
    assert!(!route_agrees(&json!({"channel": "email"})));
    assert!(!route_agrees(&json!({"channel": 0})));
    assert!(!route_agrees(&json!({"channel": {"Email": null}})));
    assert!(!route_agrees(&json!({})));
}
