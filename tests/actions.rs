//! Operations of every action: an update reads its body as a merge patch beside the
//! conventions, an operation without a body has none to export, and each is named by its action.

use serde_json::json;
use unified_core::{Action, Code, Operation, OperationModels, Part, Registry, Target};
use unified_models::providers;
use unified_models::ticketing::users::{UserCreateBody, UserCreateQuery, UserCreateResponse};

/// Changing a user, with the create's body read as a patch.
struct UsersUpdate;

impl OperationModels for UsersUpdate {
    type Set = providers::Set;
    type Body = UserCreateBody;
    type Query = UserCreateQuery;
    type Response = UserCreateResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: Action = Action::Update;
}

/// Reading a user: no body.
struct UsersGet;

impl OperationModels for UsersGet {
    type Set = providers::Set;
    type Body = ();
    type Query = UserCreateQuery;
    type Response = UserCreateResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: Action = Action::Get;
}

#[test]
fn an_update_reads_its_body_as_a_merge_patch_beside_the_conventions() {
    let update = Operation::of::<UsersUpdate>();
    assert_eq!(
        (update.name(), update.action().method()),
        ("update", "PATCH")
    );
    let dixa = Target::of(providers::dixa);
    let body = json!({"avatar": null, "remote_data": {"x": 1}});
    assert!(update.validate(Part::Body, &body, dixa).is_valid());
    let cleared = json!({"name": null, "remote_data": 2});
    let codes: Vec<(String, Code)> = update
        .validate(Part::Body, &cleared, dixa)
        .codes()
        .map(|(pointer, code)| (pointer.to_owned(), code))
        .collect();
    assert_eq!(
        codes,
        [
            ("/name".to_owned(), Code::Cleared),
            ("/remote_data".to_owned(), Code::Type)
        ]
    );
    let text = serde_json::to_vec(&cleared).unwrap();
    assert_eq!(
        update.validate_slice(Part::Body, &text, dixa),
        update.validate(Part::Body, &cleared, dixa)
    );
    let schema = update.schema(Part::Body, dixa).to_value();
    assert!(schema.get("required").is_none(), "{schema}");
    assert!(schema["properties"].get("remote_data").is_some());
}

#[test]
fn an_operation_without_a_body_exports_none() {
    let registry = Registry::new(vec![Operation::of::<UsersGet>()]);
    let get = registry
        .find("ticketing/users", "get")
        .expect("found by its action's name");
    assert_eq!(
        get.parts().collect::<Vec<_>>(),
        [Part::Query, Part::Response]
    );
    assert!(get.action().names_a_record() && !get.action().takes_a_body());
    let files: Vec<String> = registry
        .schema_files()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert!(files.contains(&"ticketing/users/dixa/get.query.json".to_owned()));
    assert!(
        files.iter().all(|path| !path.ends_with(".body.json")),
        "{files:?}"
    );
    assert!(get.coverage().parts.body.is_empty());
    assert!(
        get.validate(Part::Body, &json!({}), Target::UNIFIED)
            .is_valid()
    );
}
