//! The normative validation rules, provider by provider, on the ticketing/users create model.

use serde_json::{Value, json};
use unified_core::{Code, Part, Provider, Target, UnifiedModel};
use unified_models::providers::{self, Set};
use unified_models::ticketing::users::{UserCreateBody, UserCreateResponse};
use unified_tests::users_create;

fn errors(part: Part, body: &Value, view: Target<Set>) -> Vec<(String, Code)> {
    let registry = unified_models::registry();
    let report = users_create(&registry).validate(part, body, view);
    report
        .errors()
        .iter()
        .map(|e| (e.pointer.to_string(), e.code))
        .collect()
}

fn sorted(mut errors: Vec<(String, Code)>) -> Vec<(String, Code)> {
    errors.sort();
    errors
}

fn err(pointer: &str, code: Code) -> (String, Code) {
    (pointer.to_owned(), code)
}

/// A valid value for every body field, to build bodies from.
fn sample(field: &str) -> Value {
    match field {
        "avatar" => json!("https://cdn.example.org/a.png"),
        "custom_fields" | "remote_data" => json!({"k": 1}),
        "emails" => json!([{"email": "ada@example.org", "type": "primary"}]),
        "languages" | "team_ids" => json!(["en"]),
        "roles" => json!([{"id": "1", "name": "owner"}]),
        "status" => json!("active"),
        "password" => json!("s3cret"),
        _ => json!("Ada"),
    }
}

#[test]
fn the_minimal_body_of_each_provider_is_its_required_fields() {
    for provider in Provider::<Set>::all() {
        let rows = UserCreateBody::coverage();
        let minimal: serde_json::Map<String, Value> = rows
            .iter()
            .filter(|row| row.required.contains(&provider.id()))
            .map(|row| (row.field.to_owned(), sample(row.field)))
            .collect();
        let minimal = Value::Object(minimal);
        assert!(
            UserCreateBody::is_valid(&minimal, provider),
            "{provider:?}: {minimal} -> {}",
            UserCreateBody::validate(&minimal, provider)
        );
        for row in rows
            .iter()
            .filter(|row| row.required.contains(&provider.id()))
        {
            let mut missing = minimal.clone();
            missing.as_object_mut().unwrap().remove(row.field);
            assert_eq!(
                errors(Part::Body, &missing, provider.into()),
                vec![err(&format!("/{}", row.field), Code::Required)],
                "{provider:?} without {}",
                row.field
            );
            let mut null = minimal.clone();
            null[row.field] = Value::Null;
            assert_eq!(
                errors(Part::Body, &null, provider.into()),
                vec![err(&format!("/{}", row.field), Code::Required)]
            );
        }
    }
}

#[test]
fn every_field_a_provider_does_not_take_is_unsupported_even_null() {
    for provider in Provider::<Set>::all() {
        for row in UserCreateBody::coverage() {
            if row.supported.contains(&provider.id()) {
                continue;
            }
            for value in [sample(row.field), Value::Null] {
                let body = json!({ row.field: value });
                let found = errors(Part::Body, &body, provider.into());
                assert!(
                    found.contains(&err(&format!("/{}", row.field), Code::Unsupported)),
                    "{provider:?} {body}: {found:?}"
                );
            }
        }
    }
}

#[test]
fn optional_fields_may_be_null_and_the_full_body_is_valid_in_the_unified_view() {
    let full: serde_json::Map<String, Value> = UserCreateBody::coverage()
        .iter()
        .map(|row| (row.field.to_owned(), sample(row.field)))
        .collect();
    let full = Value::Object(full);
    assert!(
        UserCreateBody::is_valid(&full, Target::UNIFIED),
        "{}",
        UserCreateBody::validate(&full, Target::UNIFIED)
    );
    let nulls: serde_json::Map<String, Value> = UserCreateBody::coverage()
        .iter()
        .map(|row| (row.field.to_owned(), Value::Null))
        .collect();
    // Null is absent for a supported field, but still a field Teamwork does not take.
    assert!(!UserCreateBody::is_valid(
        &Value::Object(nulls),
        providers::teamwork_project_management
    ));
    assert!(UserCreateBody::is_valid(
        &json!({"avatar": null, "first_name": null}),
        providers::teamwork_project_management
    ));
}

#[test]
fn a_document_that_is_not_an_object_is_a_type_error_at_the_root() {
    for body in [json!([]), json!("x"), json!(1), Value::Null, json!(true)] {
        assert_eq!(
            errors(Part::Body, &body, Target::UNIFIED),
            vec![err("", Code::Type)]
        );
        assert_eq!(
            errors(Part::Query, &body, Target::UNIFIED),
            vec![err("", Code::Type)]
        );
    }
}

#[test]
fn wrong_types_are_reported_where_they_are_and_not_checked_further() {
    let body = json!({
        "name": 7,
        "emails": [{"email": "a@example.org", "type": "primary"}, "b@example.org", {"email": 3, "type": "work"}],
        "team_ids": ["t1", 2, null],
        "roles": "owner",
        "remote_data": [],
    });
    assert_eq!(
        sorted(errors(Part::Body, &body, providers::dixa.into())),
        sorted(vec![
            err("/name", Code::Type),
            err("/emails/1", Code::Type),
            err("/emails/2/email", Code::Type),
            err("/emails/2/type", Code::Enum),
            err("/team_ids/1", Code::Type),
            err("/team_ids/2", Code::Type),
            err("/roles", Code::Type),
            err("/remote_data", Code::Type),
        ])
    );
}

#[test]
fn nested_objects_follow_the_same_rules() {
    let body = json!({
        "name": "Ada",
        "emails": [{"email": "", "type": "primary", "label": "work"}, {}],
    });
    assert_eq!(
        sorted(errors(Part::Body, &body, providers::dixa.into())),
        sorted(vec![
            err("/emails/0/email", Code::Empty),
            err("/emails/0/label", Code::Unknown),
            err("/emails/1/email", Code::Required),
            err("/emails/1/type", Code::Required),
        ])
    );
}

#[test]
fn required_lists_and_strings_must_not_be_empty() {
    let body = json!({"name": "", "emails": []});
    assert_eq!(
        sorted(errors(Part::Body, &body, providers::reamaze.into())),
        vec![err("/emails", Code::Empty), err("/name", Code::Empty)]
    );
    // Where the field is only supported, empty is fine.
    assert!(UserCreateBody::is_valid(
        &json!({"name": "", "emails": []}),
        providers::freshchat
    ));
}

#[test]
fn role_names_are_restricted_for_pivotal_tracker_only() {
    let body = json!({"name": "Ada", "emails": [{"email": "a@example.org", "type": "other"}], "roles": [{"name": "admin"}]});
    assert_eq!(
        errors(Part::Body, &body, providers::pivotal_tracker.into()),
        vec![err("/roles/0/name", Code::Enum)]
    );
    assert!(UserCreateBody::is_valid(&body, providers::dixa));
    assert!(UserCreateBody::is_valid(&body, Target::UNIFIED));
    let owner = json!({"name": "Ada", "emails": [{"email": "a@example.org", "type": "other"}], "roles": [{"name": "owner"}, {"id": "r1"}]});
    assert!(UserCreateBody::is_valid(&owner, providers::pivotal_tracker));
}

#[test]
fn formats_are_checked() {
    let cases = [
        (Part::Body, json!({"avatar": "not a uri"}), "/avatar"),
        (
            Part::Body,
            json!({"avatar": "//cdn.example.org/a.png"}),
            "/avatar",
        ),
        (
            Part::Body,
            json!({"emails": [{"email": "not-an-email", "type": "primary"}]}),
            "/emails/0/email",
        ),
        (
            Part::Response,
            json!({"created_at": "2024-02-30T10:00:00Z"}),
            "/created_at",
        ),
        (
            Part::Response,
            json!({"updated_at": "2024-01-01 10:00:00"}),
            "/updated_at",
        ),
        (
            Part::Query,
            json!({"integrated_account_id": "62f44730-dd91-461e-bd6a-aedd9e0ad79"}),
            "/integrated_account_id",
        ),
    ];
    for (part, body, pointer) in cases {
        assert_eq!(
            errors(part, &body, Target::UNIFIED),
            vec![err(pointer, Code::Format)],
            "{body}"
        );
    }
    let valid = [
        (
            Part::Body,
            json!({"avatar": "https://cdn.example.org/a.png?s=64", "emails": [{"email": "ada+x@example.org", "type": "primary"}]}),
        ),
        (
            Part::Response,
            json!({"created_at": "2024-02-29T10:00:00.123+02:00", "updated_at": "2024-01-01T10:00:00z"}),
        ),
        (
            Part::Query,
            json!({"integrated_account_id": "62F44730-dd91-461e-bd6a-aedd9e0ad79d"}),
        ),
    ];
    for (part, body) in valid {
        assert_eq!(errors(part, &body, Target::UNIFIED), vec![], "{body}");
    }
}

#[test]
fn the_vendor_code_sample_is_explained_for_every_provider() {
    let sample = json!({
        "name": "your_name", "emails": [], "first_name": "your_first_name", "last_name": "your_last_name",
        "avatar": "your_avatar", "team_ids": [], "roles": "owner", "nick_name": "your_nick_name",
        "username": "your_username", "user_type": "your_user_type", "password": "your_password",
        "languages": [], "status": "active", "remote_data": {}
    });
    for provider in Provider::<Set>::all() {
        let found = errors(Part::Body, &sample, provider.into());
        let roles_supported = UserCreateBody::coverage()
            .iter()
            .any(|row| row.field == "roles" && row.supported.contains(&provider.id()));
        let roles_error = if roles_supported {
            Code::Type
        } else {
            Code::Unsupported
        };
        assert!(
            found.contains(&err("/roles", roles_error)),
            "{provider:?}: {found:?}"
        );
        let emails_required = UserCreateBody::coverage()
            .iter()
            .any(|row| row.field == "emails" && row.required.contains(&provider.id()));
        assert_eq!(
            found.contains(&err("/emails", Code::Empty)),
            emails_required,
            "{provider:?}"
        );
    }
}

#[test]
fn query_parameters_follow_the_spec() {
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let id = "62f44730-dd91-461e-bd6a-aedd9e0ad79d";
    let read = |text: &str| operation.read(Part::Query, text.as_bytes()).unwrap();

    let pivotal = read(&format!(
        "integrated_account_id={id}&collections[][id]=123&truto_exclude_fields[]=id"
    ));
    assert_eq!(
        pivotal,
        json!({"integrated_account_id": id, "collections": [{"id": "123"}], "truto_exclude_fields": ["id"]})
    );
    assert!(operation.is_valid(Part::Query, &pivotal, providers::pivotal_tracker.into()));
    assert_eq!(
        errors(Part::Query, &pivotal, providers::dixa.into()),
        vec![err("/collections", Code::Unsupported)]
    );
    assert_eq!(
        errors(
            Part::Query,
            &read(&format!("integrated_account_id={id}")),
            providers::pivotal_tracker.into()
        ),
        vec![err("/collections", Code::Required)]
    );
    assert_eq!(
        errors(Part::Query, &json!({}), providers::hive.into()),
        vec![err("/integrated_account_id", Code::Required)]
    );

    let shaped = read(&format!(
        "integrated_account_id={id}&truto_response_format=raw&truto_ignore_remote_data=true&remote_query[foo]=bar&remote_query[a][b]=c"
    ));
    assert_eq!(shaped["truto_ignore_remote_data"], json!(true));
    assert_eq!(
        shaped["remote_query"],
        json!({"foo": "bar", "a": {"b": "c"}})
    );
    assert!(operation.is_valid(Part::Query, &shaped, providers::gorgias.into()));

    let bad = read(&format!(
        "integrated_account_id={id}&truto_response_format=xml&truto_ignore_remote_data=maybe"
    ));
    assert_eq!(
        sorted(errors(Part::Query, &bad, providers::gorgias.into())),
        vec![
            err("/truto_ignore_remote_data", Code::Type),
            err("/truto_response_format", Code::Enum)
        ]
    );

    let malformed = operation.validate_text(Part::Query, b"a=1&a[b]=2", providers::gorgias.into());
    assert_eq!(malformed.errors()[0].code, Code::Json);
    assert_eq!(malformed.errors()[0].pointer, "");
}

#[test]
fn malformed_json_is_one_json_error_with_line_and_column() {
    let registry = unified_models::registry();
    let report = users_create(&registry).validate_text(
        Part::Body,
        b"{\n  \"name\": ,\n}",
        providers::dixa.into(),
    );
    assert_eq!(report.errors().len(), 1);
    let error = &report.errors()[0];
    assert_eq!((error.pointer.as_str(), error.code), ("", Code::Json));
    assert!(error.message.contains("line 2 column"), "{}", error.message);
}

#[test]
fn messages_name_the_provider_where_it_matters() {
    let report = UserCreateBody::validate(&json!({"password": "x"}), providers::dixa);
    let messages: Vec<(&str, &str)> = report
        .errors()
        .iter()
        .map(|e| (e.pointer.as_str(), e.message.as_str()))
        .collect();
    assert!(
        messages.contains(&("/password", "is not supported by Dixa")),
        "{messages:?}"
    );
    assert!(
        messages.contains(&("/name", "is required by Dixa")),
        "{messages:?}"
    );
    let status = UserCreateBody::validate(
        &json!({"status": "retired"}),
        providers::solarwinds_service_desk,
    );
    assert!(
        status
            .errors()
            .iter()
            .any(|e| e.message == "must be one of: active, inactive")
    );
}

#[test]
fn secrets_do_not_leak_into_reports_or_debug_output() {
    let body = json!({"password": "hunter2-secret", "username": 5});
    for provider in Provider::<Set>::all() {
        let report = UserCreateBody::validate(&body, provider);
        let shown = format!(
            "{report} {report:?} {}",
            serde_json::to_string(&report).unwrap()
        );
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    let parsed: UserCreateBody =
        serde_json::from_value(json!({"password": "hunter2-secret"})).unwrap();
    assert!(!format!("{parsed:?}").contains("hunter2"));
}

#[test]
fn the_response_is_checked_per_provider() {
    let qualtrics =
        json!({"id": "UR_1", "first_name": "Ada", "remote_data": {"result": {"id": "UR_1"}}});
    assert_eq!(
        errors(
            Part::Response,
            &qualtrics,
            providers::qualtrics_corexm.into()
        ),
        vec![err("/first_name", Code::Unsupported)]
    );
    let pivotal = json!({"id": "1", "name": "Ada", "username": "ada", "emails": [{"email": "a@example.org"}], "roles": [{"name": "anything"}]});
    assert!(UserCreateResponse::is_valid(
        &pivotal,
        providers::pivotal_tracker
    ));
    assert_eq!(
        errors(
            Part::Response,
            &json!({"emails": [{"type": "work"}]}),
            providers::dixa.into()
        ),
        vec![
            err("/emails/0/email", Code::Required),
            err("/id", Code::Required),
            err("/name", Code::Required)
        ]
    );
}
