//! Typed merge patches: what an update sets, per provider. For a model, the derive generates
//! `<Model>PatchView<P>`, generic over the provider and named `<Model>PatchFor<Provider>` for
//! each, in which a field the provider requires is an `Option` (left as it is, or set: never
//! cleared), a field it supports a [`Patch`] (left, cleared or set), and a field it does not
//! take holds [`NotTaken`](crate::NotTaken); a nested model is its own patch,
//! and anything else a whole value as the provider's view holds it. Only the validator makes one
//! ([`UnifiedModel::patch_from_slice`](crate::UnifiedModel::patch_from_slice)).

use crate::json::Value;
use crate::view::FieldView;

/// The merge patch of the model `M` for the provider `P`: `PatchOf<UserCreateBody,
/// providers::freshchat>` is `UserCreateBodyPatchForFreshchat`.
pub type PatchOf<M, P> = <M as FieldView<P>>::PatchView;

/// What a merge patch does to a field the provider supports but does not require.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// The member is absent: the field stays as it is.
    #[default]
    Unchanged,
    /// The member is `null`: the field is cleared.
    Clear,
    /// The member holds a value: the field becomes it.
    Set(T),
}

impl<T> Patch<T> {
    /// The value set, if any.
    pub fn set(&self) -> Option<&T> {
        match self {
            Patch::Set(value) => Some(value),
            Patch::Unchanged | Patch::Clear => None,
        }
    }
}

/// A supported field's patch from its member of the document (`None`: absent), each value read
/// with `set`. Not a public API.
#[doc(hidden)]
pub fn patch_member<T>(
    member: Option<&Value>,
    set: impl FnOnce(&Value) -> Option<T>,
) -> Option<Patch<T>> {
    match member {
        None => Some(Patch::Unchanged),
        Some(Value::Null) => Some(Patch::Clear),
        Some(value) => set(value).map(Patch::Set),
    }
}

/// A required field's patch from its member: left (absent) or set. Not a public API.
#[doc(hidden)]
pub fn set_member<T>(
    member: Option<&Value>,
    set: impl FnOnce(&Value) -> Option<T>,
) -> Option<Option<T>> {
    match member {
        None => Some(None),
        Some(value) => set(value).map(Some),
    }
}
