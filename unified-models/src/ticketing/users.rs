//! `ticketing/users`: the users of a ticketing provider. The `create` operation
//! (`POST /unified/ticketing/users`) has a request body, query parameters and a response body,
//! each field with the providers that support and require it, as the spec lists them.

mod create_body;
mod create_query;
mod create_response;

pub use create_body::{EmailType, UserCreateBody, UserEmail, UserRole, UserStatus};
pub use create_query::{Collection, ResponseFormat, UserCreateQuery};
pub use create_response::{UserCreateResponse, UserEmailRecord, UserRoleRecord};

use crate::providers;
