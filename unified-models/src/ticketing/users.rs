//! `ticketing/users`: the users of a ticketing provider. The `create` operation
//! (`POST /unified/ticketing/users`) has a request body, query parameters and a response body,
//! each field with the providers that support and require it, as the spec lists them; the
//! request conventions every operation has (`integrated_account_id`, `remote_data`, ...) are
//! `unified_core::conventions`'.

mod create_body;
mod create_query;
mod create_response;

// Each model with its per-provider views (`UserCreateBodyForDixa`, ..).
pub use create_body::*;
pub use create_query::*;
pub use create_response::*;

use crate::providers;

/// `create`: the operation's models as types, for the registry and for adapters
/// (`Translate<UsersCreate>`).
#[derive(Clone, Copy, Debug)]
pub struct UsersCreate;

impl unified_core::OperationModels for UsersCreate {
    type Set = providers::Set;
    type Body = UserCreateBody;
    type Query = UserCreateQuery;
    type Response = UserCreateResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: unified_core::Action = unified_core::Action::Create;
}
