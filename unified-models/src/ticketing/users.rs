//! `ticketing/users`: the users of a ticketing provider. The `create` operation
//! (`POST /unified/ticketing/users`) has a request body, query parameters and a response body,
//! each field with the providers that support and require it, as the spec lists them; the
//! request conventions every operation has (`integrated_account_id`, `remote_data`, ...) are
//! `unified_core::conventions`'.
//!
//! The spec describes only the create. `list`, `get`, `update` and `delete` follow from it: an
//! update's body is the create's body read as a merge patch (until a provider's reference says
//! otherwise, an update supports the fields its create supports), get, update and delete take
//! the create's query parameters (the project Pivotal Tracker needs) and answer with the user
//! (delete with its id), and a list pages through users.

mod create_body;
mod create_query;
mod create_response;
mod list;

// Each model with its per-provider views (`UserCreateBodyForDixa`, ..).
pub use create_body::*;
pub use create_query::*;
pub use create_response::*;
pub use list::*;

use unified_core::{Action, OperationModels};

use crate::providers;

/// `create`: the operation's models as types, for the registry and for adapters
/// (`Translate<UsersCreate>`).
#[derive(Clone, Copy, Debug)]
pub struct UsersCreate;

impl OperationModels for UsersCreate {
    type Set = providers::Set;
    type Body = UserCreateBody;
    type Query = UserCreateQuery;
    type Response = UserCreateResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: Action = Action::Create;
}

/// `list`: a page of users.
#[derive(Clone, Copy, Debug)]
pub struct UsersList;

impl OperationModels for UsersList {
    type Set = providers::Set;
    type Body = ();
    type Query = UserListQuery;
    type Response = UserListResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: Action = Action::List;
}

/// `get`: one user.
#[derive(Clone, Copy, Debug)]
pub struct UsersGet;

impl OperationModels for UsersGet {
    type Set = providers::Set;
    type Body = ();
    type Query = UserCreateQuery;
    type Response = UserCreateResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: Action = Action::Get;
}

/// `update`: one user changed with a merge patch of the create's body.
#[derive(Clone, Copy, Debug)]
pub struct UsersUpdate;

impl OperationModels for UsersUpdate {
    type Set = providers::Set;
    type Body = UserCreateBody;
    type Query = UserCreateQuery;
    type Response = UserCreateResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: Action = Action::Update;
}

/// `delete`: one user deleted.
#[derive(Clone, Copy, Debug)]
pub struct UsersDelete;

impl OperationModels for UsersDelete {
    type Set = providers::Set;
    type Body = ();
    type Query = UserCreateQuery;
    type Response = UserDeleteResponse;
    const MODEL: &'static str = "ticketing/users";
    const ACTION: Action = Action::Delete;
}
