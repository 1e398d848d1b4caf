//! Reading one part of a unified request, whose object holds the members of two models: the
//! operation's model and the conventions. Each is read by the one engine, beside the other: the
//! members the other model takes are skipped, not reported as unknown, so a part is read twice
//! in one pass each and never split or copied.

use serde::de::Deserializer;
use serde_json::Value;

use crate::conventions::{BodyConventions, QueryConventions, ResponseConventions, is_convention};
use crate::model::{built_or_report, sealed};
use crate::operation::part::Part;
use crate::patch::PatchOf;
use crate::provider::{NoProviders, ProviderSet, ProviderType, Target};
use crate::report::path::Path;
use crate::report::{Report, json_error};
use crate::validate::check::too_deep;
use crate::validate::field_value::FieldValue;
use crate::validate::mode::{Build, Check, Mode};
use crate::validate::read::{FieldsBeside, numbers_arrive_as_maps, read_with};
use crate::validate::reading::Reading;
use crate::validate::recorder::{AllFailures, FirstFailure, Recorder};
use crate::validate::value_input::{Stopped, ValueInput};
use crate::view::{FieldView, ValidationProof, ViewOf};
use crate::{UnifiedModel, report::parse_json};

/// Which members a reader leaves to the other one.
pub(crate) type Beside = fn(&str) -> bool;

/// The members a model leaves to the conventions of `part`.
pub(crate) fn conventions_of(part: Part) -> Beside {
    match part {
        Part::Body => |name| is_convention(Part::Body, name),
        Part::Query => |name| is_convention(Part::Query, name),
        Part::Response => |name| is_convention(Part::Response, name),
    }
}

/// The members the conventions of `part` leave to the model: all the others.
pub(crate) fn model_of(part: Part) -> Beside {
    match part {
        Part::Body => |name| !is_convention(Part::Body, name),
        Part::Query => |name| !is_convention(Part::Query, name),
        Part::Response => |name| !is_convention(Part::Response, name),
    }
}

/// Reads `input` as the model `M` for `view`, beside the members `beside` names; with `MERGE`,
/// as a merge patch of `M` (see [`Reading::merge`]).
fn read<
    'de,
    S: ProviderSet,
    M: UnifiedModel<S>,
    B: Mode,
    D: Deserializer<'de>,
    R: Recorder,
    const MERGE: bool,
>(
    input: D,
    view: Target<S>,
    recorder: &mut R,
    beside: Beside,
) -> Result<B::Out<M>, D::Error> {
    let reading = if MERGE {
        Reading::patch(view, &Path::Root, recorder)
    } else {
        Reading::item(view, &Path::Root, recorder)
    };
    read_with::<S, FieldsBeside<M>, B, D, R>(
        input,
        FieldsBeside::new(beside),
        <M as FieldValue<S>>::EMPTINESS,
        reading,
    )
}

/// Every violation of `M`'s rules by `value` for `view` (a merge patch of `M` with `MERGE`),
/// beside the members `beside` names.
pub(crate) fn validate<S: ProviderSet, M: UnifiedModel<S>, const MERGE: bool>(
    value: &Value,
    view: Target<S>,
    beside: Beside,
) -> Report {
    let mut recorder = AllFailures::default();
    match read::<S, M, Check, _, _, MERGE>(ValueInput::new(value), view, &mut recorder, beside) {
        Err(Stopped::TooDeep) => Report::from_errors(vec![too_deep()]),
        _ => recorder.into_report(),
    }
}

/// Whether `value` keeps `M`'s rules for `view` (as a merge patch with `MERGE`), beside the
/// members `beside` names.
pub(crate) fn is_valid<S: ProviderSet, M: UnifiedModel<S>, const MERGE: bool>(
    value: &Value,
    view: Target<S>,
    beside: Beside,
) -> bool {
    let mut recorder = FirstFailure::default();
    read::<S, M, Check, _, _, MERGE>(ValueInput::new(value), view, &mut recorder, beside).is_ok()
        && !recorder.failed()
}

/// Every violation of `M`'s rules by the JSON `text` for `view`, read in one pass, beside the
/// members `beside` names (as a merge patch with `MERGE`).
pub(crate) fn validate_slice<S: ProviderSet, M: UnifiedModel<S>, const MERGE: bool>(
    text: &[u8],
    view: Target<S>,
    beside: Beside,
) -> Report {
    if numbers_arrive_as_maps() {
        return match parse_json(text) {
            Ok(value) => validate::<S, M, MERGE>(&value, view, beside),
            Err(error) => Report::from_errors(vec![error]),
        };
    }
    let mut recorder = AllFailures::default();
    let mut input = serde_json::Deserializer::from_slice(text);
    let read = read::<S, M, Check, _, _, MERGE>(&mut input, view, &mut recorder, beside)
        .and_then(|_| input.end());
    match read {
        Ok(()) => recorder.into_report(),
        Err(error) => Report::from_errors(vec![json_error(&error)]),
    }
}

/// `M` from `value`, validated for `view` in the same pass, beside the members `beside` names.
pub(crate) fn from_value<S: ProviderSet, M: UnifiedModel<S>>(
    value: &Value,
    view: Target<S>,
    beside: Beside,
) -> Result<M, Report> {
    let mut recorder = AllFailures::default();
    match read::<S, M, Build, _, _, false>(ValueInput::new(value), view, &mut recorder, beside) {
        Err(Stopped::TooDeep) => Err(Report::from_errors(vec![too_deep()])),
        built => built_or_report(built.ok().flatten(), recorder),
    }
}

/// The model `M` of an operation's `part`, read from the part's `value` beside its conventions:
/// every violation of `M`'s rules for `view`.
pub fn validate_model<S: ProviderSet, M: UnifiedModel<S>>(
    part: Part,
    value: &Value,
    view: Target<S>,
) -> Report {
    validate::<S, M, false>(value, view, conventions_of(part))
}

/// The model `M` of an operation's `part` from the part's `value`, beside its conventions,
/// validated for `view` in the same pass.
pub fn model_from_value<S: ProviderSet, M: UnifiedModel<S>>(
    part: Part,
    value: &Value,
    view: Target<S>,
) -> Result<M, Report> {
    from_value::<S, M>(value, view, conventions_of(part))
}

/// The model `M` of an operation's `part` from the part's JSON `text`, beside its conventions,
/// validated for `view` in the same single pass over the text (see
/// [`UnifiedModel::from_slice`]).
pub fn model_from_slice<S: ProviderSet, M: UnifiedModel<S>>(
    part: Part,
    text: &[u8],
    view: Target<S>,
) -> Result<M, Report> {
    if numbers_arrive_as_maps() {
        let value = parse_json(text).map_err(|error| Report::from_errors(vec![error]))?;
        return model_from_value::<S, M>(part, &value, view);
    }
    let mut recorder = AllFailures::default();
    let mut input = serde_json::Deserializer::from_slice(text);
    let read =
        read::<S, M, Build, _, _, false>(&mut input, view, &mut recorder, conventions_of(part))
            .and_then(|built| input.end().map(|()| built));
    match read {
        Ok(built) => built_or_report(built, recorder),
        Err(error) => Err(Report::from_errors(vec![json_error(&error)])),
    }
}

/// The view for `P` of the model `M` of an operation's `part`, read from the part's `value`
/// beside its conventions and validated in the same pass; the only way to make a view of a part.
pub fn view_from_value<S, M, P>(part: Part, value: &Value) -> Result<ViewOf<M, P>, Report>
where
    S: ProviderSet,
    M: UnifiedModel<S> + FieldView<P>,
    P: ProviderType<Set = S>,
{
    sealed(model_from_value::<S, M>(
        part,
        value,
        Target::of(P::PROVIDER),
    )?)
}

/// The merge patch for `P` of the model `M` of an operation's `part` (an update's body), read
/// from the part's `value` beside its conventions once it keeps every rule as a patch; the only
/// way to make one of a part.
pub fn patch_from_value<S, M, P>(part: Part, value: &Value) -> Result<PatchOf<M, P>, Report>
where
    S: ProviderSet,
    M: UnifiedModel<S> + FieldView<P>,
    P: ProviderType<Set = S>,
{
    let report = validate::<S, M, true>(value, Target::of(P::PROVIDER), conventions_of(part));
    if !report.is_valid() {
        return Err(report);
    }
    let ordered = crate::json::Value::from(value.clone());
    M::patch_view(&ordered, &ValidationProof::new()).ok_or_else(|| {
        // Validation rules this out; kept as an error, not a panic.
        Report::from_errors(vec![crate::report::ValidationError::new(
            "",
            crate::report::Code::Type,
            "could not be read as a patch of the model",
        )])
    })
}

/// The conventions `C` of an operation's `part` from the part's `value`, beside the model,
/// validated in the same pass. A part that is not an object is the model's to report, so its
/// violation here is left out.
pub fn conventions_from_value<C: UnifiedModel<NoProviders>>(
    part: Part,
    value: &Value,
) -> Result<C, Report> {
    from_value::<NoProviders, C>(value, Target::UNIFIED, model_of(part)).map_err(beyond_the_root)
}

/// Every violation of the conventions' rules by an operation's `part` (its `value`), read beside
/// the model; the document's own kind is the model's to report.
pub fn validate_conventions(part: Part, value: &Value) -> Report {
    let report = match part {
        Part::Body => {
            validate::<NoProviders, BodyConventions, false>(value, Target::UNIFIED, model_of(part))
        }
        Part::Query => {
            validate::<NoProviders, QueryConventions, false>(value, Target::UNIFIED, model_of(part))
        }
        Part::Response => validate::<NoProviders, ResponseConventions, false>(
            value,
            Target::UNIFIED,
            model_of(part),
        ),
    };
    beyond_the_root(report)
}

/// A report without its violations of the document itself (its kind, its nesting, its JSON):
/// the model read beside reports those.
pub(crate) fn beyond_the_root(report: Report) -> Report {
    if report.codes().all(|(pointer, _)| !pointer.is_empty()) {
        return report;
    }
    Report::from_errors(
        report
            .into_errors()
            .into_iter()
            .filter(|error| !error.pointer.is_empty())
            .collect(),
    )
}
