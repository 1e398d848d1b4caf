//! The query-string reader: `unified_core::query` as the gateway's routes read a query (through
//! each operation's `read`) and as the `ValidatedQuery` extractor reads one.
//!
//! Each input is validated for one view, the unified target or a provider, picked by its length
//! (every view is reached, and a crash replays the same).
//!
//! Invariants, for any bytes:
//! - nothing panics; text that is not UTF-8 is the one `json` violation;
//! - `parse_query` and `parse_query_ordered` agree (the same object, the same error);
//! - nothing is silently lost: every pair of the string is one string leaf of the object, with
//!   its decoded value, and the object's members are the pairs' base names in the order they
//!   first appear;
//! - each operation's `read` of the query succeeds exactly when the string parses; its
//!   `validate_text` is `validate` of what `read` gives, and `is_valid` agrees with it;
//! - `ValidatedQuery<T>` (with and without the conventions beside the model, for every view)
//!   gives exactly what reading the query with `T`'s schema and building `T` from it gives.
#![no_main]

use std::collections::BTreeMap;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use unified_core::conventions::{model_from_value, with_conventions};
use unified_core::query::{parse_query, parse_query_ordered, read_query};
use unified_core::{Code, Part, Target, UnifiedModel};
use unified_gateway::{ApiError, ResolveProvider, ValidatedQuery};
use unified_models::providers::Set;
use unified_models::ticketing::users::{UserCreateQuery, UserListQuery};

fuzz_target!(|bytes: &[u8]| {
    let registry = registry();
    let Ok(text) = core::str::from_utf8(bytes) else {
        for operation in registry.operations() {
            let error = operation.read(Part::Query, bytes).unwrap_err();
            assert_eq!(error.code, Code::Json, "non-UTF-8 query");
        }
        return;
    };
    let views: Vec<Target<Set>> = Target::<Set>::all().collect();
    let view = views[bytes.len() % views.len()];
    let parsed = parse_query(text);
    let ordered = parse_query_ordered(text);
    match (&parsed, &ordered) {
        (Ok(plain), Ok(ordered)) => {
            let ordered = Value::from(unified_core::json::Value::Object(ordered.clone()));
            assert_eq!(
                Value::Object(plain.clone()),
                ordered,
                "ordered and plain differ"
            );
        }
        (Err(plain), Err(ordered)) => assert_eq!(plain, ordered, "different errors"),
        _ => panic!("parse_query and parse_query_ordered disagree on success"),
    }
    if let (Ok(plain), Ok(ordered)) = (&parsed, &ordered) {
        nothing_lost(text, plain, ordered);
    }
    for operation in registry.operations() {
        let read = operation.read(Part::Query, bytes);
        assert_eq!(read.is_ok(), parsed.is_ok(), "{}: read", operation.name());
        let Ok(query) = read else { continue };
        let report = operation.validate(Part::Query, &query, view);
        assert_eq!(
            operation.is_valid(Part::Query, &query, view),
            report.is_valid(),
            "{}: is_valid for {view:?}",
            operation.name()
        );
        let as_text = operation.validate_text(Part::Query, bytes, view);
        assert_eq!(
            as_text.errors(),
            report.errors(),
            "{}: validate_text",
            operation.name()
        );
    }
    extractor_agrees::<UserCreateQuery>(text, view);
    extractor_agrees::<UserListQuery>(text, view);
});

/// Every pair is one string leaf with its decoded value, and the members are the base names in
/// the order they first appear.
fn nothing_lost(
    text: &str,
    plain: &serde_json::Map<String, Value>,
    ordered: &unified_core::json::Map,
) {
    let query = text.strip_prefix('?').unwrap_or(text);
    let mut values: BTreeMap<String, usize> = BTreeMap::new();
    let mut bases: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        *values.entry(value.into_owned()).or_default() += 1;
        let base = name.split('[').next().unwrap_or_default().to_owned();
        if !bases.contains(&base) {
            bases.push(base);
        }
    }
    let mut leaves: BTreeMap<String, usize> = BTreeMap::new();
    for value in plain.values() {
        string_leaves(value, &mut leaves);
    }
    assert_eq!(leaves, values, "the leaves are not the pairs' values");
    let members: Vec<&String> = ordered.keys().collect();
    assert_eq!(
        members,
        bases.iter().collect::<Vec<_>>(),
        "members and base names"
    );
}

/// Counts the strings at the leaves of `value`; any other leaf is a broken promise.
fn string_leaves(value: &Value, leaves: &mut BTreeMap<String, usize>) {
    match value {
        Value::String(text) => *leaves.entry(text.clone()).or_default() += 1,
        Value::Array(items) => items.iter().for_each(|item| string_leaves(item, leaves)),
        Value::Object(members) => members
            .values()
            .for_each(|item| string_leaves(item, leaves)),
        other => panic!("a leaf that is not a string: {other}"),
    }
}

/// An app's state that resolves every request to one view.
struct Fixed {
    /// The view every request is validated for.
    view: Target<Set>,
    /// Whether the query's conventions are read beside the model, as a gateway reads them.
    beside: bool,
}

impl ResolveProvider for Fixed {
    type Set = Set;

    async fn resolve(&self, _: &Parts) -> Result<Target<Set>, ApiError> {
        Ok(self.view)
    }

    fn reads_query_conventions(&self) -> bool {
        self.beside
    }
}

/// `ValidatedQuery<T>` on a request whose query is `text` gives what reading and building give.
fn extractor_agrees<T>(text: &str, view: Target<Set>)
where
    T: UnifiedModel<Set> + PartialEq + core::fmt::Debug + Send + 'static,
{
    // Only what a URI can carry reaches the extractor.
    let Ok(request) = axum::http::Request::builder()
        .uri(format!("/users?{text}"))
        .body(())
    else {
        return;
    };
    let (mut parts, ()) = request.into_parts();
    let query = parts.uri.query().unwrap_or("").to_owned();
    for beside in [false, true] {
        let schema = T::schema_for(Target::UNIFIED);
        let schema = if beside {
            with_conventions(Part::Query, schema)
        } else {
            schema
        };
        let read = read_query(&query, &schema);
        let state = Fixed { view, beside };
        parts.extensions.clear();
        let extracted = block_on(ValidatedQuery::<T>::from_request_parts(&mut parts, &state));
        let built = read.as_ref().ok().map(|value| {
            if beside {
                model_from_value::<Set, T>(Part::Query, value, view)
            } else {
                T::from_value(value, view)
            }
        });
        match (extracted, built) {
            (Ok(value), Some(Ok(built))) => assert_eq!(value.into_inner(), built),
            (Err(refused), Some(Err(_)) | None) => {
                assert_eq!(refused.status(), 400, "refused with {}", refused.status());
            }
            (extracted, built) => panic!(
                "extractor and reading disagree for {view:?} (beside: {beside}): {:?} vs {:?}",
                extracted.map(|value| value.into_inner()),
                built
            ),
        }
    }
}

/// Runs a future that never waits (the extractor with a state that resolves at once).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = core::pin::pin!(future);
    let mut context = core::task::Context::from_waker(core::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        core::task::Poll::Ready(output) => output,
        core::task::Poll::Pending => panic!("the extractor waited with nothing to wait for"),
    }
}

/// The shipped registry, made once: each operation builds the schema it reads queries with
/// once per registry.
fn registry() -> &'static unified_core::Registry<Set> {
    static REGISTRY: std::sync::OnceLock<unified_core::Registry<Set>> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(unified_models::registry)
}
