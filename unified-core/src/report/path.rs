//! Where in a document the validator is, kept on the stack as a chain of borrowed segments and
//! turned into a JSON pointer only when an error is recorded, so a valid body allocates nothing.

use core::fmt::Write;
use std::borrow::Cow;

/// A location in a JSON document, built while the validator descends.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The document itself.
    Root,
    /// A property of the object at the parent location.
    Key(&'a Path<'a>, &'a str),
    /// An item of the array at the parent location.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The location of property `key` below this one.
    #[inline]
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The location of item `index` below this one.
    #[inline]
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The RFC 6901 JSON pointer of this location (`""` for the root).
    pub fn to_pointer(&self) -> String {
        let mut out = String::new();
        self.write_pointer(&mut out);
        out
    }

    /// Appends the JSON pointer of this location to `out`.
    pub(crate) fn write_pointer(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write_pointer(out);
                push_pointer_segment(out, key);
            }
            Path::Index(parent, index) => {
                parent.write_pointer(out);
                let _ = write!(out, "/{index}");
            }
        }
    }
}

/// Appends `/` and `key`, escaped as an RFC 6901 segment (`~` as `~0`, `/` as `~1`), to the
/// JSON pointer `out`.
pub fn push_pointer_segment(out: &mut String, key: &str) {
    out.push('/');
    if !key.bytes().any(|byte| byte == b'~' || byte == b'/') {
        out.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// The segments of an RFC 6901 JSON pointer, unescaped; none for the root `""`. The inverse of
/// the escaping [`Path`] writes.
pub fn pointer_segments(pointer: &str) -> impl DoubleEndedIterator<Item = Cow<'_, str>> {
    let segments = pointer
        .strip_prefix('/')
        .into_iter()
        .flat_map(|rest| rest.split('/'));
    segments.map(unescape_segment)
}

/// The last segment of a JSON pointer, unescaped (`""` for the root). Found from the end, as the
/// report's "did you mean" needs only the unknown key.
pub(crate) fn last_segment(pointer: &str) -> Cow<'_, str> {
    let segment = pointer
        .bytes()
        .rposition(|byte| byte == b'/')
        .map_or("", |slash| &pointer[slash + 1..]);
    unescape_segment(segment)
}

/// One pointer segment unescaped: `~1` is `/`, `~0` is `~` (the inverse of
/// [`push_pointer_segment`]).
pub fn unescape_segment(segment: &str) -> Cow<'_, str> {
    if segment.bytes().any(|byte| byte == b'~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

#[cfg(test)]
mod tests {
    use super::{Path, pointer_segments};

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let root = Path::Root;
        let emails = root.key("emails");
        let first = emails.index(0);
        let odd = first.key("a/b~c");
        assert_eq!(root.to_pointer(), "");
        assert_eq!(first.to_pointer(), "/emails/0");
        assert_eq!(odd.to_pointer(), "/emails/0/a~1b~0c");
    }

    #[test]
    fn segments_undo_the_escaping() {
        let root = Path::Root;
        let odd = root.key("a/b~c");
        let tricky = odd.key("~1");
        let pointer = tricky.to_pointer();
        let segments: Vec<_> = pointer_segments(&pointer).collect();
        assert_eq!(segments, ["a/b~c", "~1"]);
        assert_eq!(pointer_segments("").count(), 0);
        assert_eq!(pointer_segments("/").collect::<Vec<_>>(), [""]);
        assert_eq!(super::last_segment(&pointer), "~1");
        assert_eq!(super::last_segment(""), "");
    }
}
