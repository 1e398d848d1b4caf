//! The places a need names: JSON pointers below a part, where a `*` segment stands for each
//! item of a list.

use core::fmt::Write;
use std::borrow::Cow;

use serde_json::Value;
use unified_core::Part;
use unified_core::conventions::pass_through;
use unified_core::report::{pointer_segments, push_pointer_segment, unescape_segment};

/// One step of a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Step<'a> {
    /// The member of an object with this key.
    Key(Cow<'a, str>),
    /// Each item of a list.
    Items,
}

/// The steps of `place`, or `None` when it is not a pointer below the part.
pub(super) fn segments(place: &str) -> Option<Vec<Step<'_>>> {
    if !place.starts_with('/') {
        return None;
    }
    Some(
        pointer_segments(place)
            .map(|segment| match segment {
                Cow::Borrowed("*") => Step::Items,
                key => Step::Key(key),
            })
            .collect(),
    )
}

/// Whether `place` has a `*` step.
pub(super) fn has_items(place: &str) -> bool {
    place.split('/').any(|segment| segment == "*")
}

/// Whether `place` is inside the pass-through member of `part` (`/remote_data/...`), where a
/// given value replaces the adapter's and `null` is a value.
pub(super) fn passes_through(part: Part, place: &str) -> bool {
    let first = pointer_segments(place).next();
    matches!((pass_through(part), first), (Some(member), Some(first)) if first == member)
}

/// What a step needs the value it is taken in to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Container {
    /// A key is taken in an object.
    Object,
    /// Items are taken in a list.
    List,
}

/// One place as found in a document: its pointer, with each `*` made an index, and its value
/// (`None` where the place is not there).
pub(super) struct Found<'v, 'p> {
    /// The pointer of what was walked through: the place's, continued by `rest`.
    pub walked: String,
    /// The rest of the place's pointer text, where the place is not there.
    rest: &'p str,
    pub value: Option<&'v Value>,
    /// What the next step needed the value at `walked` to be, when it is not: then the place
    /// is not there.
    pub outside: Option<Container>,
}

impl<'p> Found<'_, 'p> {
    /// The place at `walked` followed by `rest`, which is not there; `outside` when the value
    /// at `walked` is not the container the next step needs.
    fn absent(walked: &str, rest: &'p str, outside: Option<Container>) -> Self {
        Found {
            walked: walked.to_owned(),
            rest,
            value: None,
            outside,
        }
    }

    /// The place's pointer, written only for a violation (most places are not in one).
    pub fn pointer(&self) -> String {
        let mut pointer = self.walked.clone();
        for segment in pointer_segments(self.rest) {
            push_pointer_segment(&mut pointer, &segment);
        }
        pointer
    }
}

/// Whether a place whose member is missing is found, as not there, or left out: a rule that
/// nothing missing breaks need not hear of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Missing {
    /// Found, with no value.
    Found,
    /// Left out.
    LeftOut,
}

/// Every place `place` (a pointer below the part) names in `document`: one for a place
/// without `*`, one per item of each list a `*` goes through (none where the list is not
/// there), and none for a missing member when `missing` leaves it out.
pub(super) fn find<'v, 'p>(
    document: &'v Value,
    place: &'p str,
    missing: Missing,
) -> Vec<Found<'v, 'p>> {
    let mut found = Vec::new();
    if place.starts_with('/') {
        walk(document, place, missing, &mut String::new(), &mut found);
    }
    found
}

/// Finds the places the pointer text `rest` names below `value`, whose pointer is in
/// `pointer` (which is left as it was found). The text is read a segment at a time, so no
/// step is kept.
fn walk<'v, 'p>(
    value: &'v Value,
    rest: &'p str,
    missing: Missing,
    pointer: &mut String,
    found: &mut Vec<Found<'v, 'p>>,
) {
    let Some(after) = rest.strip_prefix('/') else {
        found.push(Found {
            walked: pointer.clone(),
            rest,
            value: Some(value),
            outside: None,
        });
        return;
    };
    // By bytes: segments are short, where a `char` search sets up more than it reads.
    let end = after
        .bytes()
        .position(|byte| byte == b'/')
        .unwrap_or(after.len());
    let (segment, below) = after.split_at(end);
    let length = pointer.len();
    if segment == "*" {
        let Value::Array(items) = value else {
            found.push(Found::absent(pointer, rest, Some(Container::List)));
            return;
        };
        for (index, item) in items.iter().enumerate() {
            // Writing to a `String` cannot fail.
            let _ = write!(pointer, "/{index}");
            walk(item, below, missing, pointer, found);
            pointer.truncate(length);
        }
        return;
    }
    let Value::Object(members) = value else {
        found.push(Found::absent(pointer, rest, Some(Container::Object)));
        return;
    };
    let key = unescape_segment(segment);
    match members.get(key.as_ref()) {
        Some(inner) => {
            push_pointer_segment(pointer, &key);
            walk(inner, below, missing, pointer, found);
            pointer.truncate(length);
        }
        // A missing list has no items, so no place; a missing member, one.
        None if missing == Missing::LeftOut || has_items(below) => {}
        None => found.push(Found::absent(pointer, rest, None)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Each place as (pointer, value, what it is outside of).
    fn places(document: &Value, at: &str) -> Vec<(String, Option<Value>, Option<String>)> {
        find(document, at, Missing::Found)
            .into_iter()
            .map(|found| {
                (
                    found.pointer(),
                    found.value.cloned(),
                    found.outside.map(|_| found.walked.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn places_are_pointed_at_with_escaped_keys_and_item_indices() {
        let document = json!({"a/b": {"c~d": [{"x": 1}, {}]}});
        assert_eq!(
            places(&document, "/a~1b/c~0d/*/x"),
            [
                ("/a~1b/c~0d/0/x".to_owned(), Some(json!(1)), None),
                ("/a~1b/c~0d/1/x".to_owned(), None, None),
            ]
        );
        assert_eq!(
            places(&json!({"a/b": 3}), "/a~1b/c~0d/*/x"),
            [("/a~1b/c~0d/*/x".to_owned(), None, Some("/a~1b".to_owned()))]
        );
        assert_eq!(
            places(&json!({"a/b": {"c~d": "text"}}), "/a~1b/c~0d/*/x"),
            [(
                "/a~1b/c~0d/*/x".to_owned(),
                None,
                Some("/a~1b/c~0d".to_owned())
            )]
        );
        assert_eq!(places(&json!({}), "/a~1b/*/x"), []);
        // Left out, a missing member is no place; a value that is not the container is.
        assert!(find(&json!({"a/b": {}}), "/a~1b/x", Missing::LeftOut).is_empty());
        assert_eq!(
            find(&json!({"a/b": 3}), "/a~1b/x", Missing::LeftOut)
                .iter()
                .map(|found| (found.walked.as_str(), found.outside))
                .collect::<Vec<_>>(),
            [("/a~1b", Some(Container::Object))]
        );
        assert_eq!(
            places(&json!({}), "/a~1b/x"),
            [("/a~1b/x".to_owned(), None, None)]
        );
    }
}
