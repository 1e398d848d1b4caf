//! Per-provider views: for a model and one provider, a struct in which each field the provider
//! requires is a plain value, each field it supports is an `Option`, and a field it does not
//! support holds [`NotTaken`]. `#[derive(UnifiedModel)]` generates one struct per model, generic
//! over the provider (`<Model>View<P>`), and per provider of the set only the table entry it reads
//! (`taking.rs`) and the alias `<Model>For<Provider>`; only the validator makes one ([`UnifiedModel::view_from_slice`](crate::UnifiedModel::view_from_slice),
//! [`UnifiedModel::view_from_value`](crate::UnifiedModel::view_from_value)).

use core::fmt;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use serde_json::{Map, Value};

use crate::provider::{ProviderType, Target};
use crate::secret::Secret;
use crate::validate::field_value::FieldValue;
use crate::validate::mode::Build;
use crate::validate::read::read_document;
use crate::validate::recorder::AllFailures;
use crate::validate::value_input::ValueInput;

mod taking;

pub use taking::NotTaken;
#[doc(hidden)]
pub use taking::{Absent, Required, Supported, Taking};

/// The view of the model `M` for the provider `P`: `ViewOf<UserCreateBody, providers::dixa>` is
/// `UserCreateBodyForDixa`.
pub type ViewOf<M, P> = <M as FieldView<P>>::View;

/// A field type as one provider's view holds it: a nested model becomes its view for the
/// provider; lists, maps, options and boxes hold the views of what they hold; every other type
/// is itself. Implemented by `#[derive(UnifiedModel)]` for models (per provider) and unit enums,
/// and by [`plain_field_view!`](crate::plain_field_view) for a field type written by hand; not
/// to be implemented otherwise. A view is `Clone`, `Debug` and `PartialEq` where the types of
/// all its fields are.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a unified model",
    label = "`{Self}` has no view for the provider `{P}`",
    note = "field types are String, Secret, bool, the integers (i8..i64, u8..u64, usize), f32, f64, Vec<T>, Box<T>, Arc<T>, maps from String, serde_json::Value, and models and enums that derive UnifiedModel (uuid::Uuid, url::Url and jiff::Timestamp with unified-core's features of those names); for a type of your own, add `#[derive(UnifiedModel)]` to `{Self}`; views are generated for every provider of the set the model names, in the crate that declares the set"
)]
pub trait FieldView<P: ProviderType>: Sized {
    /// The type the view holds.
    type View;

    /// The view of a value the validator has accepted for `P`; `None` if it lacks a value the
    /// provider requires (which validation rules out). Only the validator holds a `ValidationProof`.
    fn view(self, sealed: &ValidationProof) -> Option<Self::View>;

    /// What a merge patch sets the field to, as `P` takes it: the whole value's view, or for
    /// an object model its patch (see [`Patch`](crate::Patch)).
    type PatchView;

    /// The patch value of a member the validator has accepted as a merge patch for `P`;
    /// `None` if it could not be read (which validation rules out).
    fn patch_view(value: &crate::json::Value, sealed: &ValidationProof) -> Option<Self::PatchView>;
}

/// What an adapter is handed for one part of a request whose model is `M`: the view of it for
/// the provider `P`, which only validation makes: of a whole value (`<Model>For<Provider>`) or,
/// for an update's body, of a merge patch (`<Model>PatchFor<Provider>`). Implemented by
/// `#[derive(UnifiedModel)]` for both, and for `()` (no body); not to be implemented otherwise.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a view of `{M}` for the provider `{P}`",
    note = "an adapter's `Body` and `Query` are its provider's views of the operation's models: `ViewOf<Model, P>`, or for an update's body `PatchOf<Model, P>`"
)]
pub trait ValidatedPart<M, P: ProviderType>: Sized {
    /// Whether the part is read as a merge patch of `M`.
    const PATCH: bool;

    /// The view of the part's `value`, read beside its conventions and validated for `P`; every
    /// violation otherwise. Not a public API.
    #[doc(hidden)]
    fn validated(part: crate::Part, value: &Value) -> Result<Self, crate::Report>;
}

/// The proof, held by every view, that the validator made it: it cannot be made outside this
/// crate, nor copied, so neither can a view. Not a public API.
#[doc(hidden)]
#[derive(PartialEq, Eq)]
pub struct ValidationProof(());

impl ValidationProof {
    /// Only the validator calls this, once a document is valid.
    pub(crate) const fn new() -> Self {
        ValidationProof(())
    }

    /// Another proof, for a view made from this one (a nested view, a clone). Not a public API.
    #[doc(hidden)]
    pub fn duplicate(&self) -> Self {
        ValidationProof(())
    }
}

impl fmt::Debug for ValidationProof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("validated")
    }
}

/// Makes a field type written by hand (one that implements
/// [`FieldValue`](crate::field::FieldValue)) its own view for every provider: a view holds it as
/// it is. `#[derive(UnifiedModel)]` does this for unit enums.
///
/// ```
/// # use unified_core::field::{Accept, Emptiness, FieldValue, Mode, Reading, Recorder, Takes, read_with};
/// # use unified_core::{ProviderSet, Target};
/// /// A percentage, as a number.
/// #[derive(Clone, Debug, PartialEq)]
/// struct Percent(f64);
/// # struct Number;
/// # impl<S: ProviderSet> Accept<S> for Number {
/// #     type Value = Percent;
/// #     const EXPECTED: &'static str = "a number";
/// #     const TAKES: Takes = Takes::Number;
/// #     fn number<B: Mode, R: Recorder>(&self, value: unified_core::field::Number, _: &mut Reading<'_, S, R>) -> Option<B::Out<Percent>> {
/// #         Some(B::keep(|| Some(Percent(value.as_f64()))))
/// #     }
/// # }
/// # impl<S: ProviderSet> FieldValue<S> for Percent {
/// #     fn schema(_: Target<S>) -> unified_core::Schema { unified_core::json_schema!({"type": "number"}) }
/// #     fn read<'de, B: Mode, D: serde::Deserializer<'de>, R: Recorder>(input: D, reading: Reading<'_, S, R>) -> Result<B::Out<Self>, D::Error> {
/// #         read_with::<S, _, B, D, R>(input, Number, Emptiness::NotApplicable, reading)
/// #     }
/// # }
/// unified_core::plain_field_view!(Percent);
/// ```
#[macro_export]
macro_rules! plain_field_view {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl<P: $crate::ProviderType> $crate::FieldView<P> for $ty {
                type View = Self;

                #[inline]
                fn view(self, _: &$crate::__private::ValidationProof) -> ::core::option::Option<Self> {
                    ::core::option::Option::Some(self)
                }

                type PatchView = Self;

                fn patch_view(
                    value: &$crate::json::Value,
                    sealed: &$crate::__private::ValidationProof,
                ) -> ::core::option::Option<Self> {
                    $crate::__private::whole_patch_view::<P, Self>(value, sealed)
                }
            }
        )+
    };
}

plain_field_view!(
    String,
    Secret,
    bool,
    f32,
    f64,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    usize,
    Value,
    Map<String, Value>
);
#[cfg(feature = "uuid")]
plain_field_view!(uuid::Uuid);
#[cfg(feature = "url")]
plain_field_view!(url::Url);
#[cfg(feature = "jiff")]
plain_field_view!(jiff::Timestamp);

impl<P: ProviderType, T: FieldView<P>> FieldView<P> for Box<T> {
    type View = Box<T::View>;

    fn view(self, sealed: &ValidationProof) -> Option<Self::View> {
        (*self).view(sealed).map(Box::new)
    }

    type PatchView = Box<T::PatchView>;

    fn patch_view(value: &crate::json::Value, sealed: &ValidationProof) -> Option<Self::PatchView> {
        T::patch_view(value, sealed).map(Box::new)
    }
}

impl<P: ProviderType, T: FieldView<P>> FieldView<P> for std::sync::Arc<T> {
    type View = std::sync::Arc<T::View>;

    // The validator has just built the value, so this is its only handle.
    fn view(self, sealed: &ValidationProof) -> Option<Self::View> {
        std::sync::Arc::into_inner(self)?
            .view(sealed)
            .map(std::sync::Arc::new)
    }

    type PatchView = std::sync::Arc<T::PatchView>;

    fn patch_view(value: &crate::json::Value, sealed: &ValidationProof) -> Option<Self::PatchView> {
        T::patch_view(value, sealed).map(std::sync::Arc::new)
    }
}

impl<P: ProviderType, T: FieldView<P>> FieldView<P> for Option<T> {
    type View = Option<T::View>;

    fn view(self, sealed: &ValidationProof) -> Option<Self::View> {
        match self {
            Some(value) => value.view(sealed).map(Some),
            None => Some(None),
        }
    }

    type PatchView = Option<T::PatchView>;

    fn patch_view(value: &crate::json::Value, sealed: &ValidationProof) -> Option<Self::PatchView> {
        match value {
            crate::json::Value::Null => Some(None),
            value => T::patch_view(value, sealed).map(Some),
        }
    }
}

impl<P: ProviderType, T: FieldView<P> + FieldValue<P::Set>> FieldView<P> for Vec<T> {
    type View = Vec<T::View>;
    type PatchView = Vec<T::View>;

    fn patch_view(value: &crate::json::Value, sealed: &ValidationProof) -> Option<Self::PatchView> {
        whole_patch_view::<P, Self>(value, sealed)
    }

    fn view(self, sealed: &ValidationProof) -> Option<Self::View> {
        self.into_iter().map(|item| item.view(sealed)).collect()
    }
}

impl<P: ProviderType, V: FieldView<P> + FieldValue<P::Set>, H: BuildHasher + Default + Clone>
    FieldView<P> for HashMap<String, V, H>
{
    type View = HashMap<String, V::View, H>;
    type PatchView = HashMap<String, V::View, H>;

    fn patch_view(value: &crate::json::Value, sealed: &ValidationProof) -> Option<Self::PatchView> {
        whole_patch_view::<P, Self>(value, sealed)
    }

    fn view(self, sealed: &ValidationProof) -> Option<Self::View> {
        self.into_iter()
            .map(|(key, value)| value.view(sealed).map(|value| (key, value)))
            .collect()
    }
}

impl<P: ProviderType, V: FieldView<P> + FieldValue<P::Set>> FieldView<P> for BTreeMap<String, V> {
    type View = BTreeMap<String, V::View>;
    type PatchView = BTreeMap<String, V::View>;

    fn patch_view(value: &crate::json::Value, sealed: &ValidationProof) -> Option<Self::PatchView> {
        whole_patch_view::<P, Self>(value, sealed)
    }

    fn view(self, sealed: &ValidationProof) -> Option<Self::View> {
        self.into_iter()
            .map(|(key, value)| value.view(sealed).map(|value| (key, value)))
            .collect()
    }
}

/// The view of a model the validator has just built for `P`.
pub(crate) fn seal<P: ProviderType, M: FieldView<P>>(model: M) -> Option<M::View> {
    model.view(&ValidationProof::new())
}

/// A value a patch sets whole (anything but an object model), built from the validated member
/// and held as `P`'s view holds it. Not a public API.
#[doc(hidden)]
pub fn whole_patch_view<P: ProviderType, T: FieldValue<P::Set> + FieldView<P>>(
    value: &crate::json::Value,
    proof: &ValidationProof,
) -> Option<T::View> {
    let mut recorder = AllFailures::default();
    let target = Target::of(P::PROVIDER);
    let built = read_document::<P::Set, T, Build, _, _>(
        ValueInput::new(value),
        target,
        &mut recorder,
        false,
    );
    built.ok().flatten()?.view(proof)
}
