//! The answers for paths and methods no route takes.

use crate::failure::Failure;

/// 404 for a path no route takes.
pub async fn not_found() -> Failure {
    Failure::NoEndpoint
}

/// 405 for a method the path's route does not take.
pub async fn method_not_allowed() -> Failure {
    Failure::MethodNotAllowed
}
