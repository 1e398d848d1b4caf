//! Models of the ticketing category.

pub mod users;
