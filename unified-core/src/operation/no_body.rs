//! `()` as the body of an operation that takes none (list, get, delete): a model of no fields,
//! for every provider set, so such an operation declares `type Body = ();` and its adapters
//! are handed `&()`.

use serde::de::Deserializer;

use crate::conventions::view_from_value;
use crate::model::UnifiedModel;
use crate::operation::part::Part;
use crate::provider::{ProviderSet, ProviderType, Target};
use crate::report::Report;
use crate::schema::Schema;
use crate::validate::field_rule::FieldRule;
use crate::validate::field_value::{Emptiness, FieldValue};
use crate::validate::mode::{Assemble, Mode};
use crate::validate::object::{FieldVisitor, ObjectModel, object_schema};
use crate::validate::read::{Fields, read_with, skip};
use crate::validate::reading::Reading;
use crate::validate::recorder::Recorder;
use crate::view::{FieldView, ValidatedPart, ValidationProof};

impl Assemble for () {
    type Slots<B: Mode> = ();

    fn slots<B: Mode>() {}

    fn assemble((): ()) -> Option<()> {
        Some(())
    }
}

impl<S: ProviderSet> ObjectModel<S> for () {
    const NAME: &'static str = "NoBody";
    const DESCRIPTION: Option<&'static str> = Some("This operation takes no body.");
    const RULES: &'static [FieldRule<S>] = &[];
    const REQUIRED_BY_VIEW: &'static [u128] = &[];

    fn field_index(_: &str) -> Option<usize> {
        None
    }

    fn field<V: FieldVisitor<S>>(_: usize, _: V) -> Option<V::Output> {
        None
    }

    fn read_field<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
        (): &mut (),
        _: usize,
        input: D,
        _: Reading<'_, S, R>,
    ) -> Result<(), D::Error> {
        skip(input)
    }
}

impl<S: ProviderSet> FieldValue<S> for () {
    fn schema(view: Target<S>) -> Schema {
        object_schema::<S, ()>(view)
    }

    fn read<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<B::Out<()>, D::Error> {
        read_with::<S, _, B, D, R>(
            input,
            Fields::<()>(core::marker::PhantomData),
            Emptiness::NotApplicable,
            reading,
        )
    }
}

impl<S: ProviderSet> UnifiedModel<S> for () {}

impl<P: ProviderType> FieldView<P> for () {
    type View = ();
    type PatchView = ();

    fn view(self, _: &ValidationProof) -> Option<()> {
        Some(())
    }

    fn patch_view(_: &crate::json::Value, _: &ValidationProof) -> Option<()> {
        Some(())
    }
}

impl<P: ProviderType> ValidatedPart<(), P> for () {
    const PATCH: bool = false;

    fn validated(part: Part, value: &serde_json::Value) -> Result<(), Report> {
        view_from_value::<P::Set, (), P>(part, value)
    }
}

#[cfg(test)]
mod tests {
    use crate::UnifiedModel;
    use crate::provider::{NoProviders, Target};

    #[test]
    fn no_body_is_an_empty_object() {
        let empty = serde_json::json!({});
        assert!(<() as UnifiedModel<NoProviders>>::is_valid(
            &empty,
            Target::UNIFIED
        ));
        let report = <() as UnifiedModel<NoProviders>>::validate(
            &serde_json::json!({"a": 1}),
            Target::UNIFIED,
        );
        assert_eq!(report.errors()[0].code, crate::Code::Unknown);
    }
}
