//! One operation of a unified model as types: the one declaration that a registry, an adapter's
//! translation and a gateway all name.

use serde::Serialize;

use crate::model::UnifiedModel;
use crate::operation::action::Action;
use crate::provider::ProviderSet;

/// The models of one operation (`ticketing/users` `create`): its request body, its query
/// parameters and its response. A models crate declares one marker type per operation; the
/// registry serves it with [`Operation::of`](crate::Operation::of), and adapters translate it.
/// The request conventions ([`crate::conventions`]) belong to every operation, so the models
/// leave them out.
pub trait OperationModels: 'static {
    /// The provider set the models name.
    type Set: ProviderSet;
    /// The request body.
    type Body: UnifiedModel<Self::Set> + 'static;
    /// The query parameters.
    type Query: UnifiedModel<Self::Set> + 'static;
    /// The unified response; adapters build it from the provider's answer.
    type Response: UnifiedModel<Self::Set> + Serialize + 'static;
    /// The model's name (`ticketing/users`).
    const MODEL: &'static str;
    /// What the operation does with the model's records; its name is the action's (`create`).
    /// An action that takes no body ([`Action::takes_a_body`]) declares `type Body = ();`, and
    /// an update reads its body as a merge patch of `Body`.
    const ACTION: Action;
}
