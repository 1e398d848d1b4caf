//! The places a need names: JSON pointers below a part, where a `*` segment stands for each
//! item of a list.

use serde_json::Value;
use unified_core::Part;
use unified_core::conventions::pass_through;
use unified_core::report::pointer_segments;

/// One step of a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The member of an object with this key.
    Key(String),
    /// Each item of a list.
    Items,
}

/// The steps of `place`, or `None` when it is not a pointer below the part.
pub(super) fn segments(place: &str) -> Option<Vec<Step>> {
    if !place.starts_with('/') {
        return None;
    }
    Some(
        pointer_segments(place)
            .map(|segment| match segment.as_ref() {
                "*" => Step::Items,
                key => Step::Key(key.to_owned()),
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
pub(super) struct Found<'v> {
    pub pointer: String,
    pub value: Option<&'v Value>,
    /// A value along the way that is not the container the next step needs (its pointer), if
    /// any: then the place is not there.
    pub outside: Option<(String, Container)>,
}

/// Every place `steps` names in `document`: one for a place without `*`, one per item of each
/// list a `*` goes through (none where the list is not there).
pub(super) fn find<'v>(document: &'v Value, steps: &[Step]) -> Vec<Found<'v>> {
    let mut found = Vec::new();
    walk(document, steps, String::new(), &mut found);
    found
}

fn walk<'v>(value: &'v Value, steps: &[Step], pointer: String, found: &mut Vec<Found<'v>>) {
    let Some((step, rest)) = steps.split_first() else {
        found.push(Found {
            pointer,
            value: Some(value),
            outside: None,
        });
        return;
    };
    match step {
        Step::Key(key) => {
            let below = format!("{pointer}/{}", escape(key));
            match value {
                Value::Object(members) => match members.get(key) {
                    Some(inner) => walk(inner, rest, below, found),
                    // A missing list has no items, so no place; a missing member, one.
                    None if rest.contains(&Step::Items) => {}
                    None => found.push(Found {
                        pointer: full(below, rest),
                        value: None,
                        outside: None,
                    }),
                },
                _ => found.push(Found {
                    pointer: full(below, rest),
                    value: None,
                    outside: Some((pointer, Container::Object)),
                }),
            }
        }
        Step::Items => match value {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, rest, format!("{pointer}/{index}"), found);
                }
            }
            _ => found.push(Found {
                pointer: full(format!("{pointer}/*"), rest),
                value: None,
                outside: Some((pointer, Container::List)),
            }),
        },
    }
}

/// `pointer` continued by the keys of `rest`.
fn full(mut pointer: String, rest: &[Step]) -> String {
    for step in rest {
        match step {
            Step::Key(key) => {
                pointer.push('/');
                pointer.push_str(&escape(key));
            }
            Step::Items => pointer.push_str("/*"),
        }
    }
    pointer
}

/// A key as a pointer segment.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
