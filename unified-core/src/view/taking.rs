//! How one provider takes one field, as a type: what a model's views, generic over the provider,
//! hold in that field. Each provider's view of a model is one generic struct read through a
//! table of these markers (one type per provider and model), so a provider added to a set costs
//! a table entry, not a copy of the view's code.

use core::fmt;

use crate::json::Value;
use crate::patch::{Patch, patch_member, set_member};
use crate::provider::ProviderType;
use crate::view::{FieldView, ValidationProof};

/// What a view holds in a field its provider does not take: nothing. The field is there only
/// because a view's fields are the model's; it holds no value to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct NotTaken(());

impl fmt::Debug for NotTaken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not taken")
    }
}

/// How a provider takes a field: [`Required`], [`Supported`] or [`Absent`]. Not a public API.
#[doc(hidden)]
pub trait Taking {
    /// Whether the provider takes the field at all (a view's `Debug` shows only those).
    const TAKEN: bool;

    /// What a view holds of a field whose value's view is `T`.
    type Held<T>;

    /// What a merge patch holds of a field whose patch value is `T`.
    type Patched<T>;

    /// The held value of a field the validator has accepted; `None` if a required one is missing
    /// (which validation rules out).
    fn hold<P: ProviderType, T: FieldView<P>>(
        value: Option<T>,
        sealed: &ValidationProof,
    ) -> Option<Self::Held<T::View>>;

    /// The patched value of a member the validator has accepted as a merge patch.
    fn patch<P: ProviderType, T: FieldView<P>>(
        member: Option<&Value>,
        sealed: &ValidationProof,
    ) -> Option<Self::Patched<T::PatchView>>;
}

/// The provider requires the field: a view holds a value; a patch may leave it or set it.
#[doc(hidden)]
pub enum Required {}

/// The provider supports the field: a view holds an `Option`; a patch may leave, clear or set it.
#[doc(hidden)]
pub enum Supported {}

/// The provider does not take the field: views and patches hold [`NotTaken`].
#[doc(hidden)]
pub enum Absent {}

impl Taking for Required {
    const TAKEN: bool = true;
    type Held<T> = T;
    type Patched<T> = Option<T>;

    #[inline]
    fn hold<P: ProviderType, T: FieldView<P>>(
        value: Option<T>,
        sealed: &ValidationProof,
    ) -> Option<T::View> {
        value?.view(sealed)
    }

    fn patch<P: ProviderType, T: FieldView<P>>(
        member: Option<&Value>,
        sealed: &ValidationProof,
    ) -> Option<Option<T::PatchView>> {
        set_member(member, |member| T::patch_view(member, sealed))
    }
}

impl Taking for Supported {
    const TAKEN: bool = true;
    type Held<T> = Option<T>;
    type Patched<T> = Patch<T>;

    #[inline]
    fn hold<P: ProviderType, T: FieldView<P>>(
        value: Option<T>,
        sealed: &ValidationProof,
    ) -> Option<Option<T::View>> {
        match value {
            Some(value) => value.view(sealed).map(Some),
            None => Some(None),
        }
    }

    fn patch<P: ProviderType, T: FieldView<P>>(
        member: Option<&Value>,
        sealed: &ValidationProof,
    ) -> Option<Patch<T::PatchView>> {
        patch_member(member, |member| T::patch_view(member, sealed))
    }
}

impl Taking for Absent {
    const TAKEN: bool = false;
    type Held<T> = NotTaken;
    type Patched<T> = NotTaken;

    #[inline]
    fn hold<P: ProviderType, T: FieldView<P>>(
        _: Option<T>,
        _: &ValidationProof,
    ) -> Option<NotTaken> {
        Some(NotTaken(()))
    }

    fn patch<P: ProviderType, T: FieldView<P>>(
        _: Option<&Value>,
        _: &ValidationProof,
    ) -> Option<NotTaken> {
        Some(NotTaken(()))
    }
}
