//! A violation's pointer or message: a piece of the text that a rendered report's violations
//! share.

use core::borrow::Borrow;
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::report::rendered::Rendered;

/// A violation's pointer or message: a string, read as `&str` (it dereferences to one), compared,
/// hashed and ordered as its text. Cloning it is cheap.
///
/// Made from a `String` or a `&str` (`"is required".into()`), or by a report, where it is a
/// piece of the one buffer the report's violations share.
#[derive(Clone)]
pub struct ReportText {
    block: Arc<Rendered>,
    start: u32,
    end: u32,
}

/// `end` of a text that is its whole buffer, whatever the buffer's length.
const WHOLE: u32 = u32::MAX;

impl ReportText {
    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        let text = &self.block.text;
        if self.end == WHOLE {
            text
        } else {
            &text[self.start as usize..self.end as usize]
        }
    }

    /// The piece of `block`'s text in `range`; a copy of its own when the range is past what a
    /// shared piece can address (a report of more than 4 GiB of text).
    pub(crate) fn piece(block: &Arc<Rendered>, range: Range<usize>) -> ReportText {
        // The start is never past the end, so one test tells whether both fit.
        if range.end < WHOLE as usize && range.start <= range.end {
            ReportText {
                block: Arc::clone(block),
                start: range.start as u32,
                end: range.end as u32,
            }
        } else {
            ReportText::from(block.text[range].to_owned())
        }
    }
}

impl Default for ReportText {
    fn default() -> Self {
        ReportText::from(String::new())
    }
}

impl From<String> for ReportText {
    fn from(text: String) -> Self {
        ReportText {
            block: Arc::new(Rendered::of_text(text)),
            start: 0,
            end: WHOLE,
        }
    }
}

impl From<&str> for ReportText {
    fn from(text: &str) -> Self {
        ReportText::from(text.to_owned())
    }
}

impl From<ReportText> for String {
    fn from(text: ReportText) -> Self {
        text.as_str().to_owned()
    }
}

impl Deref for ReportText {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ReportText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for ReportText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ReportText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ReportText {}

impl PartialEq<str> for ReportText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ReportText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for ReportText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<ReportText> for str {
    fn eq(&self, other: &ReportText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ReportText> for &str {
    fn eq(&self, other: &ReportText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<ReportText> for String {
    fn eq(&self, other: &ReportText) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for ReportText {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ReportText {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for ReportText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ReportText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ReportText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ReportText {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, RandomState};

    use std::sync::Arc;

    use super::ReportText;
    use crate::report::rendered::Rendered;

    #[test]
    fn pieces_read_as_their_range_and_compare_as_text() {
        let block = Arc::new(Rendered::of_text("/nameis required".to_owned()));
        let pointer = ReportText::piece(&block, 0..5);
        let message = ReportText::piece(&block, 5..16);
        assert_eq!(pointer, "/name");
        assert_eq!(message.as_str(), "is required");
        assert_eq!(message, ReportText::from("is required"));
        assert_eq!(String::from(pointer.clone()), "/name");
        assert!(pointer < message);
        assert_eq!(format!("{pointer} {message:?}"), "/name \"is required\"");
        // Hashed as its text, as `Borrow<str>` asks.
        let hasher = RandomState::new();
        assert_eq!(hasher.hash_one(&pointer), hasher.hash_one("/name"));
        assert_eq!(ReportText::default(), "");
    }

    #[test]
    fn a_whole_text_of_any_length_is_its_buffer() {
        let text = ReportText::from("x".repeat(70_000));
        assert_eq!(text.len(), 70_000);
        let block = Arc::new(Rendered::of_text("abc".to_owned()));
        assert_eq!(ReportText::piece(&block, 1..3), "bc");
    }
}
