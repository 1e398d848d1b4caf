//! What a constraint can ask of a value beyond its type, as data: a length, a range, a
//! multiple, a pattern, unique items. The validator checks it (`validate::constraint`, which
//! also gives each its code and its JSON Schema keyword) and a report words its violation
//! (`report::message`); both read it from here, so neither reads the other.

use std::sync::OnceLock;

/// What a constraint asks of a value.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Rule {
    /// A string of at least this many characters (Unicode scalar values, as JSON Schema counts).
    MinLength(u64),
    /// A string of at most this many characters.
    MaxLength(u64),
    /// A list of at least this many items.
    MinItems(u64),
    /// A list of at most this many items.
    MaxItems(u64),
    /// A number no smaller than this.
    Minimum(f64),
    /// A number no greater than this.
    Maximum(f64),
    /// A number greater than this.
    ExclusiveMinimum(f64),
    /// A number smaller than this.
    ExclusiveMaximum(f64),
    /// A number that is this positive integer times an integer.
    MultipleOf(u64),
    /// A string in which this pattern finds a match (unanchored, as JSON Schema has it).
    Pattern(&'static Pattern),
    /// A list without two equal items.
    UniqueItems,
}

/// Where a pattern keeps its compiled matcher: a `static` of the model's own.
pub type PatternCell = OnceLock<Option<regex::Regex>>;

/// A regular expression as the model declares it (ECMA-262, as JSON Schema defines `pattern`)
/// and as the `regex` crate runs it. The derive translates and checks it when the model is
/// compiled; it is compiled to a matcher once, on first use, into a cell that `cell` gives (a
/// function, so that a rule table stays a constant).
pub struct Pattern {
    /// The pattern as declared, for the schema and messages.
    pub source: &'static str,
    /// The same pattern in the `regex` crate's syntax.
    pub translated: &'static str,
    cell: fn() -> &'static PatternCell,
}

impl Pattern {
    /// A pattern from its declared and translated forms and its cell (the derive writes these).
    pub const fn new(
        source: &'static str,
        translated: &'static str,
        cell: fn() -> &'static PatternCell,
    ) -> Self {
        Pattern {
            source,
            translated,
            cell,
        }
    }

    /// Whether the pattern finds a match in `text`. A pattern the derive let through always
    /// compiles; were one not to, it would match nothing, so no value passes unchecked.
    pub fn is_match(&self, text: &str) -> bool {
        (self.cell)()
            .get_or_init(|| regex::Regex::new(self.translated).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    }
}

impl core::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_unanchored_and_a_broken_one_matches_nothing() {
        fn digits() -> &'static PatternCell {
            static CELL: PatternCell = OnceLock::new();
            &CELL
        }
        fn broken() -> &'static PatternCell {
            static CELL: PatternCell = OnceLock::new();
            &CELL
        }
        const DIGITS: &Pattern = &Pattern::new("[0-9]+", "[0-9]+", digits);
        assert!(DIGITS.is_match("ab12"));
        assert!(!DIGITS.is_match("ab"));
        const BROKEN: &Pattern = &Pattern::new("(", "(", broken);
        assert!(!BROKEN.is_match("("));
    }
}
