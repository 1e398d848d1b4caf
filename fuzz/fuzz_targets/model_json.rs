//! The shipped models' validation of arbitrary bytes, for every provider `Target`.
//!
//! Each input is checked for one view, the unified target or a provider, picked by the input's
//! length (so every view is reached, and a crash replays the same); checking all eleven on
//! every input would cut the executions per second elevenfold.
//!
//! Invariants, for each model of `ticketing/users`:
//! - nothing panics;
//! - one pass agrees with parse-then-validate (`validate_slice` against `validate_json`, and
//!   for merge patches `validate_patch_slice` against `validate_patch` of the parsed value): the
//!   same violations, pointers and codes, in order. As in `tests/one_pass.rs`, text that repeats
//!   a property in one object is the known exception (one pass checks each occurrence, parsing
//!   keeps the last), so such text is held only to the invariants below;
//! - `is_valid_slice` says what `validate_slice` says, and building in the same pass
//!   (`from_slice`, and the operation's `model_from_slice` beside the conventions) succeeds
//!   exactly when validation passes, otherwise with the same report;
//! - `view_from_slice::<P>` succeeds exactly when `validate_slice` for `P` passes, and
//!   `patch_from_slice::<P>` exactly when the patch validation for `P` does;
//! - each operation of the registry reports the same for the text (`validate_slice`) as for the
//!   parsed value (`validate`), and `is_valid` agrees with it.
//!
//! The APIs that take a `serde_json::Value` (`Operation::validate`, `validate_model`) report in
//! the value's key order, not the text's, so their reports are compared as sets.
#![no_main]

use std::collections::HashSet;
use std::fmt;

use libfuzzer_sys::fuzz_target;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use unified_core::conventions::{model_from_slice, validate_model};
use unified_core::{Part, Report, Target, UnifiedModel, ValidationError};
use unified_models::providers::{self, Set};
use unified_models::ticketing::users::{
    UserCreateBody, UserCreateQuery, UserCreateResponse, UserDeleteResponse, UserListQuery,
    UserListResponse,
};

fuzz_target!(|text: &[u8]| {
    // Parsed keeping the members in the order written, as the one-pass reader meets them; the
    // APIs that take a `serde_json::Value` meet them in key order.
    let ordered = serde_json::from_slice::<unified_core::json::Value>(text).ok();
    let parsed = serde_json::from_slice::<Value>(text).ok();
    assert_eq!(
        ordered.is_some(),
        parsed.is_some(),
        "the two parses disagree"
    );
    // One pass is held to parsing's report only where parsing keeps every member it reads.
    let comparable = parsed.is_none() || !repeats_a_property(text);
    let views: Vec<Target<Set>> = Target::<Set>::all().collect();
    let view = views[text.len() % views.len()];
    check_model::<UserCreateBody>(text, view, comparable, Part::Body);
    check_model::<UserCreateQuery>(text, view, comparable, Part::Query);
    check_model::<UserCreateResponse>(text, view, comparable, Part::Response);
    check_model::<UserListQuery>(text, view, comparable, Part::Query);
    check_model::<UserListResponse>(text, view, comparable, Part::Response);
    check_model::<UserDeleteResponse>(text, view, comparable, Part::Response);
    check_patch(text, ordered.as_ref(), view, comparable);
    for operation in registry().operations() {
        for part in operation.parts() {
            let one_pass = operation.validate_slice(part, text, view);
            match &parsed {
                Some(value) => {
                    let report = operation.validate(part, value, view);
                    assert_eq!(
                        operation.is_valid(part, value, view),
                        report.is_valid(),
                        "{} {part} for {view:?}: is_valid disagrees with validate",
                        operation.name()
                    );
                    if comparable {
                        same_in_any_order(&one_pass, &report, "operation validate_slice", view);
                    }
                }
                // Body text is parsed the same for every part.
                None => same(
                    &one_pass,
                    &operation.validate_text(Part::Body, text, view),
                    "operation validate_slice of malformed text",
                    view,
                ),
            }
        }
    }
    check_views(text, view);
});

/// The shipped registry, made once.
fn registry() -> &'static unified_core::Registry<Set> {
    static REGISTRY: std::sync::OnceLock<unified_core::Registry<Set>> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(unified_models::registry)
}

/// One model's readings of `text` for `view`.
fn check_model<M>(text: &[u8], view: Target<Set>, comparable: bool, part: Part)
where
    M: UnifiedModel<Set> + PartialEq + fmt::Debug,
{
    let one_pass = M::validate_slice(text, view);
    if comparable {
        same(&one_pass, &M::validate_json(text, view), M::NAME, view);
    }
    assert_eq!(
        M::is_valid_slice(text, view),
        one_pass.is_valid(),
        "{}: is_valid_slice disagrees with validate_slice for {view:?}",
        M::NAME
    );
    match M::from_slice(text, view) {
        Ok(_) => assert!(one_pass.is_valid(), "{}: built although invalid", M::NAME),
        Err(refused) => same(&refused, &one_pass, "from_slice", view),
    }
    // Beside the conventions, as an operation's part: built exactly when its model keeps its
    // rules (checked on the parsed value, as `tests/agreement.rs` does).
    if comparable && let Ok(value) = serde_json::from_slice::<Value>(text) {
        let report = validate_model::<Set, M>(part, &value, view);
        match model_from_slice::<Set, M>(part, text, view) {
            Ok(_) => assert!(
                report.is_valid(),
                "{}: built beside although invalid",
                M::NAME
            ),
            Err(refused) => same_in_any_order(&refused, &report, "model_from_slice", view),
        }
    }
}

/// The create body read as a merge patch (an update's body).
fn check_patch(
    text: &[u8],
    parsed: Option<&unified_core::json::Value>,
    view: Target<Set>,
    comparable: bool,
) {
    let one_pass = UserCreateBody::validate_patch_slice(text, view);
    assert_eq!(
        UserCreateBody::is_valid_patch_slice(text, view),
        one_pass.is_valid(),
        "patch: is_valid_patch_slice disagrees for {view:?}"
    );
    if let Some(value) = parsed {
        let report = UserCreateBody::validate_patch(value, view);
        assert_eq!(
            UserCreateBody::is_valid_patch(value, view),
            report.is_valid(),
            "patch: is_valid_patch disagrees for {view:?}"
        );
        if comparable {
            same(&one_pass, &report, "validate_patch_slice", view);
        }
    } else {
        assert!(!one_pass.is_valid(), "patch: malformed text passes");
    }
}

/// The provider's views and patch, when `view` is a provider: made exactly when validation for
/// that provider passes.
fn check_views(text: &[u8], view: Target<Set>) {
    macro_rules! per_provider {
        ($($id:ident),+) => {$(
            if view == Target::of(providers::$id) {
            view_agrees::<UserCreateBody, providers::$id>(text);
            view_agrees::<UserCreateQuery, providers::$id>(text);
            view_agrees::<UserCreateResponse, providers::$id>(text);
            let patched = UserCreateBody::patch_from_slice::<providers::$id>(text).is_ok();
            let valid = serde_json::from_slice::<Value>(text).is_ok_and(|value| {
                UserCreateBody::validate_patch(&value, providers::$id).is_valid()
            });
            assert_eq!(patched, valid, "patch_from_slice for {}", stringify!($id));
            }
        )+};
    }
    per_provider!(
        dixa,
        freshchat,
        gorgias,
        hive,
        pivotal_tracker,
        planhat,
        qualtrics_corexm,
        reamaze,
        solarwinds_service_desk,
        teamwork_project_management
    );
}

/// `view_from_slice::<P>` succeeds exactly when `validate_slice` for `P` passes.
fn view_agrees<M, P>(text: &[u8])
where
    M: UnifiedModel<Set> + unified_core::FieldView<P>,
    P: unified_core::ProviderType<Set = Set>,
{
    let viewed = M::view_from_slice::<P>(text);
    let report = M::validate_slice(text, P::PROVIDER);
    match viewed {
        Ok(_) => assert!(report.is_valid(), "{}: view although invalid", M::NAME),
        Err(refused) => {
            assert!(!report.is_valid(), "{}: no view although valid", M::NAME);
            assert_eq!(
                refused.errors(),
                report.errors(),
                "{}: view's report",
                M::NAME
            );
        }
    }
}

/// Two reports that must be the same violation for violation.
fn same(got: &Report, want: &Report, what: &str, view: Target<Set>) {
    let shown = |report: &Report| -> Vec<String> {
        report
            .errors()
            .iter()
            .map(ValidationError::to_string)
            .collect()
    };
    assert_eq!(
        got.errors(),
        want.errors(),
        "{what} for {view:?}:\n got {:?}\nwant {:?}",
        shown(got),
        shown(want)
    );
}

/// [`same`], but for a report on a `serde_json::Value`, whose objects list their members in key
/// order rather than as written.
fn same_in_any_order(got: &Report, want: &Report, what: &str, view: Target<Set>) {
    let sorted = |report: &Report| {
        let mut errors = report.errors().to_vec();
        errors.sort_by(|a, b| (&a.pointer, &a.message).cmp(&(&b.pointer, &b.message)));
        errors
    };
    if sorted(got) != sorted(want) {
        same(got, want, what, view);
    }
}

/// Whether JSON `text` names one property twice in an object (compared after unescaping, as
/// parsing compares them).
fn repeats_a_property(text: &[u8]) -> bool {
    serde_json::from_slice::<Repeats>(text).is_ok_and(|Repeats(repeats)| repeats)
}

/// Whether a JSON value repeats a property somewhere inside it.
struct Repeats(bool);

impl<'de> Deserialize<'de> for Repeats {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RepeatsVisitor)
    }
}

/// The visitor of [`Repeats`].
struct RepeatsVisitor;

impl<'de> Visitor<'de> for RepeatsVisitor {
    type Value = Repeats;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_str<E>(self, _: &str) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }
    fn visit_unit<E>(self) -> Result<Repeats, E> {
        Ok(Repeats(false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Repeats, A::Error> {
        let mut repeats = false;
        while let Some(Repeats(inner)) = items.next_element()? {
            repeats |= inner;
        }
        Ok(Repeats(repeats))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Repeats, A::Error> {
        let mut seen = HashSet::new();
        let mut repeats = false;
        while let Some(key) = members.next_key::<String>()? {
            repeats |= !seen.insert(key);
            let Repeats(inner) = members.next_value()?;
            repeats |= inner;
        }
        Ok(Repeats(repeats))
    }
}
