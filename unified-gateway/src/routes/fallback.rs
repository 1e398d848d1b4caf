//! The answers for paths and methods no route takes.

use axum::http::StatusCode;

use crate::failure::Failure;
use crate::http::envelope::ApiError;

/// 404 for a path no route takes.
pub async fn not_found() -> Failure {
    Failure::NoEndpoint
}

/// 405 for a method the path's route does not take.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this endpoint does not take that method",
    )
}
