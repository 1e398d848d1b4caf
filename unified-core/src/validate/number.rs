//! A JSON number as a deserializer hands it over, before any field type reads it: what the
//! reader passes to a type and what number constraints compare.

/// A JSON number as the deserializer hands it over.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    /// A negative integer.
    Negative(i64),
    /// A non-negative integer.
    Positive(u64),
    /// Any other number.
    Float(f64),
}

impl Number {
    /// The number as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Negative(value) => value as f64,
            Number::Positive(value) => value as f64,
            Number::Float(value) => value,
        }
    }
}
