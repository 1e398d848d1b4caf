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
    /// What a float is, as the `type` message of an integer type names it: serde reads a
    /// whole number written with a fraction or an exponent (`1.0`, `1e3`, and `-0` too) as a
    /// float, which no integer type takes.
    pub fn float_kind(self) -> &'static str {
        match self {
            Number::Float(value) if value.fract() == 0.0 => {
                "a number serde reads as a float (written with a fraction, an exponent, or as -0)"
            }
            Number::Float(_) => "a number with a fraction",
            Number::Negative(_) | Number::Positive(_) => "an integer",
        }
    }

    /// The number as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Negative(value) => value as f64,
            Number::Positive(value) => value as f64,
            Number::Float(value) => value,
        }
    }
}
