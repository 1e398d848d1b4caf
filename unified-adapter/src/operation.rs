//! One operation of a unified model as types: what an adapter translates is named by these.

use serde::Serialize;
use unified_core::{ProviderSet, UnifiedModel};

/// The models of one operation (`ticketing/users` `create`): its request body, its query
/// parameters and its response. A models crate declares one marker type per operation.
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
    /// The operation's name (`create`).
    const NAME: &'static str;
}
