//! Client connections: the HTTP/1.1 server loop with its limits, what each connection has
//! been doing, and reading what a handler left of a request body.

mod activity;
pub(crate) mod drain;
pub(crate) mod server;
mod watched;
