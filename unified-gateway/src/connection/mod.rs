//! Client connections: the HTTP/1.1 server loop with its limits, what each connection has
//! been doing, the room for request bodies shared by all, and reading what a handler left of a
//! request body.

mod activity;
mod budget;
pub(crate) mod drain;
mod inline_wake;
pub(crate) mod server;
mod watched;
