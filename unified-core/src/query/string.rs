//! Reads a URL query string in the bracket syntax that JavaScript and Python API clients send
//! (`qs`/Rack style, e.g. `a[b][]=1`) into a JSON object, so a query can be validated like a JSON body.
//!
//! Rules:
//! - A leading `?` is ignored; pairs are split on `&` and empty pairs are skipped. Names and values
//!   are decoded as `application/x-www-form-urlencoded` (`%XX`, `+` is a space; invalid UTF-8 is
//!   replaced lossily), so brackets may also arrive encoded as `%5B`/`%5D`. A pair without `=` has
//!   the value `""`. Every leaf of the result is a JSON string.
//! - A name is a non-empty `base` followed by zero or more `[segment]`s: `[]` appends to an array,
//!   `[key]` addresses an object key, and a canonical decimal `[n]` (no leading zero) is an array
//!   index: `n` below the array's length addresses that element, `n` equal to it appends, anything
//!   larger is an error, and so is any index above 10 000. On a value that is already an object a
//!   numeric segment is just a key, and a number with a leading zero (`[01]`) is always a key.
//! - `[]` followed by further segments starts a new element unless the last element is an object
//!   that does not have that path yet (Rack's rule): `a[][id]=1&a[][id]=2` gives two objects,
//!   `a[][id]=1&a[][name]=x` one.
//! - Nothing is silently lost: a name given a value again turns into an array of its values
//!   (`a=1&a=2` is `["1","2"]`, and `a=1&a[]=2` is the same), while mixing an object with a value
//!   or an array (`a=1&a[b]=2`, `a[b]=1&a[]=2`) is an error naming both parameters.
//! - Malformed names are errors rather than being guessed at: an empty base (`=1`, `[a]=1`), a `]`
//!   before any `[` (`a]b`), an unclosed `[` (`a[b`), a `[` inside brackets (`a[b[c]]`) and text
//!   after a `]` that is not in brackets (`a[b]c`).
//! - Limits against hostile input: at most 1000 pairs and at most 16 segments per name; the work is
//!   linear in the size of the input.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

/// Most `[segment]`s a single parameter name may have.
const MAX_DEPTH: usize = 16;
/// Most pairs a query string may have.
const MAX_PAIRS: usize = 1000;
/// Largest array index a client may use.
const MAX_INDEX: usize = 10_000;
/// How many characters of a parameter name an error message shows before cutting it short.
const SHOWN_CHARS: usize = 200;

/// Parses a URL query string in bracket syntax into a JSON object whose leaves are strings.
///
/// See the module documentation for the rules; any input either parses or gives a
/// [`QueryError`] that names the offending parameter, never a panic.
///
/// # Errors
///
/// A malformed name, a conflict between two parameters (`a=1&a[b]=2`), an array index that
/// skips ahead or exceeds 10 000, more than 16 segments in a name, or more than 1000 pairs.
pub fn parse_query(query: &str) -> Result<Map<String, Value>, QueryError> {
    match flat(query) {
        Some(members) => Ok(members),
        None => parse_nodes(query).map(Object::into_map),
    }
}

/// `query` read without building the tree, when that gives the same object: no name has a
/// bracket, nothing is encoded and no name is given twice, so each pair is one string member.
/// `None` sends any other query (and any it would refuse) through [`parse_nodes`].
fn flat(query: &str) -> Option<Map<String, Value>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query
        .bytes()
        .any(|byte| matches!(byte, b'[' | b']' | b'%' | b'+'))
    {
        return None;
    }
    let mut members = Map::new();
    // Nothing is encoded, so the pairs as written are the decoded ones.
    for (count, (name, value)) in raw_pairs(query).enumerate() {
        if count >= MAX_PAIRS || name.is_empty() || members.contains_key(name) {
            return None;
        }
        members.insert(name.to_owned(), Value::String(value.to_owned()));
    }
    Some(members)
}

/// [`parse_query`], its objects' members in the order they first appear in `query` (the order
/// a `serde_json::Value` keeps only with `serde_json`'s `preserve_order`): what to pass a query
/// on in, in the order its client wrote it.
///
/// # Errors
///
/// As [`parse_query`].
pub fn parse_query_ordered(query: &str) -> Result<crate::json::Map, QueryError> {
    parse_nodes(query).map(Object::into_ordered)
}

/// The object `query` reads as, in the order its keys first appear.
fn parse_nodes(query: &str) -> Result<Object, QueryError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut root = Object::default();
    let mut names: Vec<Cow<'_, str>> = Vec::new();
    for (count, (name, value)) in pairs(query).enumerate() {
        if count >= MAX_PAIRS {
            return Err(QueryError::new(
                name.into_owned(),
                ErrorKind::TooManyParameters,
            ));
        }
        let path = match parse_name(&name) {
            Ok(path) => path,
            Err(kind) => return Err(QueryError::new(name.into_owned(), kind)),
        };
        let origin = names.len();
        insert(&mut root, &path, value.into_owned(), origin, &name, &names)?;
        names.push(name);
    }
    Ok(root)
}

/// The decoded pairs of `query`, as `form_urlencoded::parse` gives them: a name or value
/// with no `%` or `+` is already decoded, so it is borrowed without going through the decoder.
fn pairs(query: &str) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
    raw_pairs(query).map(|(name, value)| (decoded(name), decoded(value)))
}

/// The pairs of `query` as written: split on `&`, empty ones skipped, a pair without `=`
/// with the value `""`.
fn raw_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// `text` decoded as `application/x-www-form-urlencoded`.
fn decoded(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|byte| byte == b'%' || byte == b'+') {
        // Read as the name of a pair, in which an `=` would end it.
        let text = text.replace('=', "%3D");
        let mut decoded = form_urlencoded::parse(text.as_bytes()).map(|(name, _)| name);
        Cow::Owned(decoded.next().unwrap_or_default().into_owned())
    } else {
        Cow::Borrowed(text)
    }
}

/// Why a query string could not be read as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    parameter: String,
    kind: ErrorKind,
}

impl QueryError {
    fn new(parameter: String, kind: ErrorKind) -> Self {
        Self { parameter, kind }
    }

    /// The parameter (decoded name) the problem is in.
    #[must_use]
    pub fn parameter(&self) -> &str {
        &self.parameter
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = shown(&self.parameter);
        match &self.kind {
            ErrorKind::TooManyParameters => write!(
                f,
                "query parameter `{p}` exceeds the limit of {MAX_PAIRS} parameters per query string"
            ),
            ErrorKind::EmptyName if self.parameter.is_empty() => {
                write!(f, "a query parameter has an empty name")
            }
            ErrorKind::EmptyName => write!(
                f,
                "query parameter `{p}` has an empty name before its first `[`"
            ),
            ErrorKind::StrayClosingBracket => {
                write!(f, "query parameter `{p}` has a `]` before any `[`")
            }
            ErrorKind::UnclosedBracket => {
                write!(
                    f,
                    "query parameter `{p}` has a `[` that is never closed by `]`"
                )
            }
            ErrorKind::BracketInsideBrackets => {
                write!(f, "query parameter `{p}` has a `[` inside brackets")
            }
            ErrorKind::TextAfterBracket => write!(
                f,
                "query parameter `{p}` has text after a `]` that is not inside `[...]`"
            ),
            ErrorKind::TooDeep => write!(
                f,
                "query parameter `{p}` is nested more than {MAX_DEPTH} levels deep"
            ),
            ErrorKind::IndexTooLarge { index } => write!(
                f,
                "query parameter `{p}` uses array index {}, above the limit of {MAX_INDEX}",
                shown(index)
            ),
            ErrorKind::IndexGap { at, index, len } => write!(
                f,
                "query parameter `{p}` uses array index {index}, but `{}` has only {len} element{}, \
                 so the next index must be {len}",
                shown(at),
                if *len == 1 { "" } else { "s" }
            ),
            ErrorKind::Conflict {
                at,
                earlier,
                existing,
                wanted,
            } => write!(
                f,
                "query parameter `{p}` conflicts with `{}`: `{}` cannot be both {} and {}",
                shown(earlier),
                shown(at),
                existing.describe(),
                wanted.describe()
            ),
        }
    }
}

impl std::error::Error for QueryError {}

/// What exactly is wrong; the parameter itself is kept in [`QueryError`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    TooManyParameters,
    EmptyName,
    StrayClosingBracket,
    UnclosedBracket,
    BracketInsideBrackets,
    TextAfterBracket,
    TooDeep,
    IndexTooLarge {
        index: String,
    },
    IndexGap {
        at: String,
        index: usize,
        len: usize,
    },
    Conflict {
        at: String,
        earlier: String,
        existing: Shape,
        wanted: Shape,
    },
}

/// The kind of JSON value a name stands for, as told in conflict messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Value,
    Array,
    Object,
}

impl Shape {
    fn describe(self) -> &'static str {
        match self {
            Shape::Value => "a value",
            Shape::Array => "an array",
            Shape::Object => "an object",
        }
    }
}

/// Shortens a name for an error message so hostile input cannot flood logs.
fn shown(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// One `[...]` part of a parameter name.
#[derive(Debug)]
enum Segment<'n> {
    /// `[]`
    Append,
    /// `[n]`, `n` at most [`MAX_INDEX`]
    Index(usize),
    /// `[key]`
    Key(&'n str),
}

impl<'n> Segment<'n> {
    fn parse(text: &'n str) -> Result<Self, ErrorKind> {
        if text.is_empty() {
            return Ok(Segment::Append);
        }
        let canonical_number =
            text.bytes().all(|b| b.is_ascii_digit()) && (text.len() == 1 || !text.starts_with('0'));
        if !canonical_number {
            return Ok(Segment::Key(text));
        }
        match text.parse::<usize>() {
            Ok(index) if text.len() <= 5 && index <= MAX_INDEX => Ok(Segment::Index(index)),
            _ => Err(ErrorKind::IndexTooLarge {
                index: text.to_owned(),
            }),
        }
    }
}

/// A parameter name split into its base and segments.
#[derive(Debug)]
struct Path<'n> {
    base: &'n str,
    segments: Vec<Segment<'n>>,
}

/// Where the prefix of the parameter `name` that reaches the node after `depth` segments ends
/// (a segment holds no bracket, so after the `depth`-th `]`).
fn prefix_end(name: &str, depth: usize) -> usize {
    let end = match depth {
        0 => name.find('['),
        _ => name.match_indices(']').nth(depth - 1).map(|(at, _)| at + 1),
    };
    end.unwrap_or(name.len())
}

fn parse_name(name: &str) -> Result<Path<'_>, ErrorKind> {
    let base_end = name.find('[').unwrap_or(name.len());
    let base = &name[..base_end];
    if base.is_empty() {
        return Err(ErrorKind::EmptyName);
    }
    if base.contains(']') {
        return Err(ErrorKind::StrayClosingBracket);
    }
    let mut segments = Vec::new();
    let mut pos = base_end;
    while pos < name.len() {
        if !name[pos..].starts_with('[') {
            return Err(ErrorKind::TextAfterBracket);
        }
        let inner = pos + 1;
        let close = match name[inner..].find(['[', ']']) {
            Some(offset) => inner + offset,
            None => return Err(ErrorKind::UnclosedBracket),
        };
        if name[close..].starts_with('[') {
            return Err(ErrorKind::BracketInsideBrackets);
        }
        if segments.len() == MAX_DEPTH {
            return Err(ErrorKind::TooDeep);
        }
        segments.push(Segment::parse(&name[inner..close])?);
        pos = close + 1;
    }
    Ok(Path { base, segments })
}

/// The tree being built; it remembers which pair created each node for conflict messages.
#[derive(Debug)]
struct Node {
    /// Index of the pair that created this node.
    origin: usize,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// Just created; the pair that created it gives it a kind right away.
    Empty,
    Leaf(String),
    Array(Vec<Node>),
    Object(Object),
}

/// Most keys an object looks up by reading them all; past it, a hash index is kept, so the
/// work stays linear in the number of pairs.
const SCANNED_KEYS: usize = 8;

/// An object that keeps its keys in the order they first appeared.
#[derive(Debug, Default)]
struct Object {
    entries: Vec<(String, Node)>,
    /// Where each key is in `entries`, kept once there are more than [`SCANNED_KEYS`].
    index: Option<HashMap<String, usize>>,
}

impl Object {
    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|(known, _)| known == key),
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        let position = self.position(key)?;
        self.entries.get(position).map(|(_, node)| node)
    }

    /// The node under `key`, created empty if missing.
    fn slot(&mut self, key: &str, origin: usize) -> &mut Node {
        let position = match self.position(key) {
            Some(position) => position,
            None => {
                let position = self.entries.len();
                self.entries.push((key.to_owned(), Node::empty(origin)));
                if let Some(index) = &mut self.index {
                    index.insert(key.to_owned(), position);
                } else if self.entries.len() > SCANNED_KEYS {
                    let keys = self.entries.iter().enumerate();
                    self.index = Some(keys.map(|(at, (key, _))| (key.clone(), at)).collect());
                }
                position
            }
        };
        &mut self.entries[position].1
    }

    fn into_map(self) -> Map<String, Value> {
        self.entries
            .into_iter()
            .map(|(key, node)| (key, node.into_value()))
            .collect()
    }

    fn into_ordered(self) -> crate::json::Map {
        self.entries
            .into_iter()
            .map(|(key, node)| (key, node.into_ordered()))
            .collect()
    }
}

impl Node {
    fn empty(origin: usize) -> Self {
        Self {
            origin,
            kind: Kind::Empty,
        }
    }

    fn into_ordered(self) -> crate::json::Value {
        use crate::json::Value as Ordered;
        match self.kind {
            Kind::Empty => Ordered::Null,
            Kind::Leaf(text) => Ordered::String(text),
            Kind::Array(items) => {
                Ordered::Array(items.into_iter().map(Node::into_ordered).collect())
            }
            Kind::Object(object) => Ordered::Object(object.into_ordered()),
        }
    }

    fn into_value(self) -> Value {
        match self.kind {
            Kind::Empty => Value::Null,
            Kind::Leaf(text) => Value::String(text),
            Kind::Array(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Kind::Object(object) => Value::Object(object.into_map()),
        }
    }

    /// This node as an object (made one if empty), or what it is instead.
    fn object_mut(&mut self) -> Result<&mut Object, Shape> {
        match self.kind {
            Kind::Empty => self.kind = Kind::Object(Object::default()),
            Kind::Leaf(_) => return Err(Shape::Value),
            Kind::Array(_) => return Err(Shape::Array),
            Kind::Object(_) => {}
        }
        match &mut self.kind {
            Kind::Object(object) => Ok(object),
            _ => Err(Shape::Value),
        }
    }

    /// This node as an array (made one if empty, a value becoming its first element), or
    /// [`Shape::Object`] if it is an object.
    fn array_mut(&mut self) -> Result<&mut Vec<Node>, Shape> {
        match std::mem::replace(&mut self.kind, Kind::Empty) {
            Kind::Empty => self.kind = Kind::Array(Vec::new()),
            Kind::Leaf(text) => {
                self.kind = Kind::Array(vec![Node {
                    origin: self.origin,
                    kind: Kind::Leaf(text),
                }]);
            }
            other => self.kind = other,
        }
        match &mut self.kind {
            Kind::Array(items) => Ok(items),
            _ => Err(Shape::Object),
        }
    }

    /// Whether the path `rest` already leads somewhere below this node (Rack's test for
    /// starting a new array element); a path with `[]` never does.
    fn has_path(&self, rest: &[Segment]) -> bool {
        let mut node = self;
        for segment in rest {
            let next = match (segment, &node.kind) {
                (Segment::Key(key), Kind::Object(object)) => object.get(key),
                (Segment::Index(index), Kind::Object(object)) => object.get(&index.to_string()),
                (Segment::Index(index), Kind::Array(items)) => items.get(*index),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => return false,
            }
        }
        true
    }
}

/// Puts one decoded pair into the tree.
fn insert(
    root: &mut Object,
    path: &Path<'_>,
    value: String,
    origin: usize,
    name: &str,
    names: &[Cow<'_, str>],
) -> Result<(), QueryError> {
    let prefix = |depth: usize| -> String {
        let end = prefix_end(name, depth);
        name.get(..end).unwrap_or(name).to_owned()
    };
    let conflict = |earlier: usize, depth: usize, existing: Shape, wanted: Shape| {
        let earlier = names
            .get(earlier)
            .map_or(name, |earlier| earlier)
            .to_owned();
        QueryError::new(
            name.to_owned(),
            ErrorKind::Conflict {
                at: prefix(depth),
                earlier,
                existing,
                wanted,
            },
        )
    };

    let mut cur = root.slot(path.base, origin);
    for (depth, segment) in path.segments.iter().enumerate() {
        let rest = &path.segments[depth + 1..];
        let existing_origin = cur.origin;
        cur = match segment {
            Segment::Key(key) => cur
                .object_mut()
                .map_err(|shape| conflict(existing_origin, depth, shape, Shape::Object))?
                .slot(key, origin),
            Segment::Index(index) if matches!(cur.kind, Kind::Object(_)) => cur
                .object_mut()
                .map_err(|shape| conflict(existing_origin, depth, shape, Shape::Object))?
                .slot(&index.to_string(), origin),
            Segment::Index(index) => {
                let items = cur
                    .array_mut()
                    .map_err(|shape| conflict(existing_origin, depth, shape, Shape::Array))?;
                let len = items.len();
                if *index > len {
                    return Err(QueryError::new(
                        name.to_owned(),
                        ErrorKind::IndexGap {
                            at: prefix(depth),
                            index: *index,
                            len,
                        },
                    ));
                }
                if *index == len {
                    items.push(Node::empty(origin));
                }
                &mut items[*index]
            }
            Segment::Append => {
                let items = cur
                    .array_mut()
                    .map_err(|shape| conflict(existing_origin, depth, shape, Shape::Array))?;
                let reuse_last = !rest.is_empty()
                    && items.last().is_some_and(|last| {
                        matches!(last.kind, Kind::Object(_)) && !last.has_path(rest)
                    });
                if !reuse_last {
                    items.push(Node::empty(origin));
                }
                let last = items.len() - 1;
                &mut items[last]
            }
        };
    }

    if matches!(cur.kind, Kind::Empty) {
        cur.kind = Kind::Leaf(value);
        return Ok(());
    }
    let existing_origin = cur.origin;
    cur.array_mut()
        .map_err(|shape| conflict(existing_origin, path.segments.len(), shape, Shape::Value))?
        .push(Node {
            origin,
            kind: Kind::Leaf(value),
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    proptest! {
        /// The flat reading gives what the tree gives, wherever it gives anything: queries of
        /// plain and bracketed names, repeats, encoded text and empty names.
        #[test]
        fn the_flat_reading_agrees_with_the_tree(
            pairs in proptest::collection::vec(
                ("(|a|b|id|\\?a|[ab]\\[\\]|[ab]\\[x\\]|%61|a\\+|a\\])", "([a-c=?]{0,3}|[+%\\[\\]])", any::<bool>()),
                0..6,
            ),
        ) {
            let query = pairs
                .iter()
                .map(|(name, value, with_value)| match with_value {
                    true => format!("{name}={value}"),
                    false => name.clone(),
                })
                .collect::<Vec<_>>()
                .join("&");
            if let Some(flat) = flat(&query) {
                let tree = parse_nodes(&query).map(Object::into_map);
                prop_assert_eq!(Ok(flat), tree.map_err(|error| error.to_string()), "{}", query);
            }
        }
    }

    #[test]
    fn the_flat_reading_leaves_repeats_brackets_and_encodings_to_the_tree() {
        for query in [
            "a=1&a=2",
            "a[]=1",
            "a]=1",
            "a%5B%5D=1",
            "a=1+2",
            "=1",
            "a=1&&b",
        ] {
            let expected = parse_nodes(query).map(Object::into_map).ok();
            assert_eq!(parse_query(query).ok(), expected, "{query}");
        }
        assert_eq!(flat("a=1&a=2"), None);
        assert_eq!(flat("a=1+2"), None);
        assert_eq!(flat("=1"), None);
        assert_eq!(
            flat("?a=1&&b&c=x=y"),
            Some(
                json!({"a": "1", "b": "", "c": "x=y"})
                    .as_object()
                    .unwrap()
                    .clone()
            )
        );
    }

    fn ok(query: &str) -> Value {
        match parse_query(query) {
            Ok(map) => Value::Object(map),
            Err(err) => panic!("{query:?} should parse, got: {err}"),
        }
    }

    fn err(query: &str) -> QueryError {
        match parse_query(query) {
            Ok(map) => panic!("{query:?} should fail, got: {map:?}"),
            Err(err) => err,
        }
    }

    #[test]
    fn example_from_a_client() {
        let query = "integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d\
            &collections[][id]=123&collections[][id]=456\
            &truto_exclude_fields[]=id&truto_exclude_fields[]=name\
            &remote_query[foo]=bar&remote_query[a][b]=c&truto_ignore_remote_data=true";
        assert_eq!(
            ok(query),
            json!({
                "integrated_account_id": "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
                "collections": [{"id": "123"}, {"id": "456"}],
                "truto_exclude_fields": ["id", "name"],
                "remote_query": {"foo": "bar", "a": {"b": "c"}},
                "truto_ignore_remote_data": "true"
            })
        );
    }

    #[test]
    fn leading_question_mark_is_ignored() {
        assert_eq!(ok("?a=1"), json!({"a": "1"}));
        assert_eq!(ok("?"), json!({}));
        assert_eq!(ok(""), json!({}));
        assert_eq!(ok("??a=1"), json!({"?a": "1"}));
    }

    #[test]
    fn empty_pairs_are_skipped() {
        assert_eq!(ok("&&a=1&&&b=2&"), json!({"a": "1", "b": "2"}));
    }

    #[test]
    fn names_and_values_are_form_decoded() {
        assert_eq!(ok("a+b=c%20d+e%26f"), json!({"a b": "c d e&f"}));
        assert_eq!(ok("a%5Bb%5D%5B%5D=1"), json!({"a": {"b": ["1"]}}));
        assert_eq!(ok("q=%3D%5B%5D"), json!({"q": "=[]"}));
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(ok("a=%FF"), json!({"a": "\u{FFFD}"}));
    }

    #[test]
    fn pair_without_equals_is_empty_string() {
        assert_eq!(
            ok("a&b[]&c[x]"),
            json!({"a": "", "b": [""], "c": {"x": ""}})
        );
        assert_eq!(ok("a="), json!({"a": ""}));
    }

    #[test]
    fn value_keeps_everything_after_first_equals() {
        assert_eq!(ok("a=b=c"), json!({"a": "b=c"}));
    }

    #[test]
    fn empty_base_is_an_error() {
        let e = err("=1");
        assert_eq!(e.parameter(), "");
        assert_eq!(e.to_string(), "a query parameter has an empty name");
        let e = err("a=1&[x]=1");
        assert_eq!(e.parameter(), "[x]");
        assert!(e.to_string().contains("empty name"), "{e}");
        assert_eq!(err("[]=1").parameter(), "[]");
    }

    #[test]
    fn append_builds_an_array() {
        assert_eq!(ok("a[]=1&a[]=2&a[]=3"), json!({"a": ["1", "2", "3"]}));
        assert_eq!(ok("a[b][]=1&a[b][]=2"), json!({"a": {"b": ["1", "2"]}}));
    }

    #[test]
    fn object_keys_nest() {
        assert_eq!(
            ok("a[b][c]=1&a[b][d]=2&a[e]=3"),
            json!({"a": {"b": {"c": "1", "d": "2"}, "e": "3"}})
        );
    }

    #[test]
    fn indices_append_and_address_existing_elements() {
        assert_eq!(ok("a[0]=x&a[1]=y"), json!({"a": ["x", "y"]}));
        assert_eq!(
            ok("a[0][id]=1&a[0][name]=n&a[1][id]=2"),
            json!({"a": [{"id": "1", "name": "n"}, {"id": "2"}]})
        );
        assert_eq!(ok("a[]=x&a[1]=y&a[]=z"), json!({"a": ["x", "y", "z"]}));
    }

    #[test]
    fn index_past_the_end_is_an_error() {
        let e = err("a[0]=x&a[2]=y");
        assert_eq!(e.parameter(), "a[2]");
        assert_eq!(
            e.to_string(),
            "query parameter `a[2]` uses array index 2, but `a` has only 1 element, \
             so the next index must be 1"
        );
        assert_eq!(err("a[1]=x").parameter(), "a[1]");
        assert_eq!(err("a[b][3]=x").parameter(), "a[b][3]");
        assert!(
            err("a[b][3]=x")
                .to_string()
                .contains("`a[b]` has only 0 elements")
        );
    }

    #[test]
    fn huge_index_is_an_error() {
        let e = err("a[10001]=x");
        assert_eq!(e.parameter(), "a[10001]");
        assert!(e.to_string().contains("above the limit of 10000"), "{e}");
        let e = err("a[99999999999999999999999999]=x");
        assert!(e.to_string().contains("above the limit"), "{e}");
        // 10 000 itself is allowed as an index, but the array is not that long.
        assert!(
            err("a[10000]=x")
                .to_string()
                .contains("has only 0 elements")
        );
    }

    #[test]
    fn numbers_with_leading_zero_are_keys() {
        assert_eq!(ok("a[01]=x"), json!({"a": {"01": "x"}}));
        assert_eq!(ok("a[0x]=x"), json!({"a": {"0x": "x"}}));
    }

    #[test]
    fn numeric_segment_on_an_object_is_a_key() {
        assert_eq!(ok("a[x]=1&a[0]=2"), json!({"a": {"x": "1", "0": "2"}}));
        assert_eq!(ok("a[x]=1&a[5]=2"), json!({"a": {"x": "1", "5": "2"}}));
    }

    #[test]
    fn append_with_key_starts_new_element_when_key_is_taken() {
        assert_eq!(
            ok("a[][id]=1&a[][id]=2"),
            json!({"a": [{"id": "1"}, {"id": "2"}]})
        );
        assert_eq!(
            ok("a[][id]=1&a[][name]=x"),
            json!({"a": [{"id": "1", "name": "x"}]})
        );
        assert_eq!(
            ok("a[][id]=1&a[][name]=x&a[][id]=2&a[][name]=y"),
            json!({"a": [{"id": "1", "name": "x"}, {"id": "2", "name": "y"}]})
        );
    }

    #[test]
    fn append_with_nested_path_follows_rack() {
        assert_eq!(
            ok("a[][b][c]=1&a[][b][d]=2&a[][b][c]=3"),
            json!({"a": [{"b": {"c": "1", "d": "2"}}, {"b": {"c": "3"}}]})
        );
        // A path containing `[]` always continues the last element.
        assert_eq!(
            ok("a[][tags][]=x&a[][tags][]=y"),
            json!({"a": [{"tags": ["x", "y"]}]})
        );
        // Only objects are continued.
        assert_eq!(ok("a[][]=1&a[][]=2"), json!({"a": [["1"], ["2"]]}));
        assert_eq!(ok("a[]=1&a[][id]=2"), json!({"a": ["1", {"id": "2"}]}));
    }

    #[test]
    fn repeated_scalar_becomes_an_array() {
        assert_eq!(ok("a=1&a=2"), json!({"a": ["1", "2"]}));
        assert_eq!(ok("a=1&a=2&a=3"), json!({"a": ["1", "2", "3"]}));
        assert_eq!(ok("a[b]=1&a[b]=2"), json!({"a": {"b": ["1", "2"]}}));
        assert_eq!(ok("a=1&a[]=2"), json!({"a": ["1", "2"]}));
        assert_eq!(ok("a[]=1&a=2"), json!({"a": ["1", "2"]}));
        assert_eq!(ok("a=1&a[1]=2"), json!({"a": ["1", "2"]}));
        assert_eq!(ok("a[0]=1&a[0]=2"), json!({"a": [["1", "2"]]}));
    }

    #[test]
    fn objects_past_the_scanned_keys_keep_their_order_and_repeats() {
        let names: Vec<String> = (0..20).map(|k| format!("k{k}")).collect();
        let first = names.iter().map(|name| format!("{name}=1&a[{name}]=1"));
        let again = names
            .iter()
            .rev()
            .map(|name| format!("{name}=2&a[{name}]=2"));
        let query = first.chain(again).collect::<Vec<_>>().join("&");
        let read = parse_query_ordered(&query).expect("the query reads");
        let keys: Vec<&str> = read.keys().map(String::as_str).collect();
        assert_eq!(keys[..3], ["k0", "a", "k1"]);
        assert_eq!(read.len(), 21);
        let nested = read["a"].as_object().expect("`a` is an object");
        assert_eq!(
            nested.keys().map(String::as_str).collect::<Vec<_>>(),
            names.iter().map(String::as_str).collect::<Vec<_>>()
        );
        for name in &names {
            assert_eq!(read[name.as_str()], json!(["1", "2"]));
            assert_eq!(nested[name.as_str()], json!(["1", "2"]));
        }
    }

    #[test]
    fn conflicts_are_errors_naming_both_parameters() {
        let e = err("a=1&a[b]=2");
        assert_eq!(e.parameter(), "a[b]");
        assert_eq!(
            e.to_string(),
            "query parameter `a[b]` conflicts with `a`: `a` cannot be both a value and an object"
        );

        let e = err("a[b]=1&a[]=2");
        assert_eq!(e.parameter(), "a[]");
        assert_eq!(
            e.to_string(),
            "query parameter `a[]` conflicts with `a[b]`: `a` cannot be both an object and an array"
        );

        let e = err("a[]=1&a[x]=2");
        assert_eq!(e.parameter(), "a[x]");
        assert_eq!(
            e.to_string(),
            "query parameter `a[x]` conflicts with `a[]`: `a` cannot be both an array and an object"
        );

        let e = err("a[b]=1&a=2");
        assert_eq!(e.parameter(), "a");
        assert_eq!(
            e.to_string(),
            "query parameter `a` conflicts with `a[b]`: `a` cannot be both an object and a value"
        );

        let e = err("x=0&a[b]=1&a[b]=2&a[b][d]=3");
        assert_eq!(e.parameter(), "a[b][d]");
        assert!(
            e.to_string()
                .contains("conflicts with `a[b]`: `a[b]` cannot be both an array and an object"),
            "{e}"
        );

        let e = err("a[0]=1&a[0][x]=2");
        assert!(
            e.to_string()
                .contains("conflicts with `a[0]`: `a[0]` cannot be both a value and an object"),
            "{e}"
        );
        assert_eq!(err("a[][b]=1&a[][b][c]=2").parameter(), "a[][b][c]");
    }

    #[test]
    fn malformed_names_are_errors() {
        let e = err("a[b=1");
        assert_eq!(e.parameter(), "a[b");
        assert!(e.to_string().contains("never closed"), "{e}");
        let e = err("a[b]c=1");
        assert_eq!(e.parameter(), "a[b]c");
        assert!(e.to_string().contains("text after a `]`"), "{e}");
        let e = err("a]b=1");
        assert!(e.to_string().contains("`]` before any `[`"), "{e}");
        let e = err("a[b[c]]=1");
        assert!(e.to_string().contains("`[` inside brackets"), "{e}");
        assert!(err("a[b][=1").to_string().contains("never closed"));
        assert!(err("a[").to_string().contains("never closed"));
        assert!(err("a[b]]").to_string().contains("text after"));
    }

    #[test]
    fn depth_limit() {
        let sixteen = format!("a{}=x", "[b]".repeat(16));
        let mut expected = json!("x");
        for _ in 0..16 {
            expected = json!({"b": expected});
        }
        assert_eq!(ok(&sixteen), json!({"a": expected}));

        let seventeen = format!("a{}=x", "[b]".repeat(17));
        let e = err(&seventeen);
        assert!(e.to_string().contains("more than 16 levels deep"), "{e}");
        assert_eq!(
            err(&format!("a{}=x", "[]".repeat(100_000)))
                .parameter()
                .len(),
            200_001
        );
    }

    #[test]
    fn pair_limit() {
        let thousand: Vec<String> = (0..1000).map(|i| format!("k{i}=v")).collect();
        assert_eq!(parse_query(&thousand.join("&")).map(|m| m.len()), Ok(1000));
        let e = err(&format!("{}&last=v", thousand.join("&")));
        assert_eq!(e.parameter(), "last");
        assert!(e.to_string().contains("limit of 1000 parameters"), "{e}");
        // Empty pairs do not count.
        assert_eq!(ok(&format!("{}a=1", "&".repeat(5000))), json!({"a": "1"}));
    }

    #[test]
    fn hostile_inputs_finish() {
        let deep = format!("a{}=x", "[]".repeat(16));
        let many = vec![deep.as_str(); 1000].join("&");
        let value = ok(&many);
        assert_eq!(count_leaves(&value), 1000);

        let deep_keys = format!("a{}=x", "[b]".repeat(16));
        let many = vec![deep_keys.as_str(); 1000].join("&");
        assert_eq!(count_leaves(&ok(&many)), 1000);

        let appends = vec!["a[][b][c][d]=x"; 1000].join("&");
        assert_eq!(count_leaves(&ok(&appends)), 1000);

        let long_name = format!("{}=1", "n".repeat(1 << 20));
        assert_eq!(ok(&long_name).as_object().map(|m| m.len()), Some(1));
        let long_value = format!("a={}", "%41".repeat(1 << 18));
        assert_eq!(count_leaves(&ok(&long_value)), 1);
    }

    #[test]
    fn long_names_are_shortened_in_messages() {
        let name = "x".repeat(1000);
        let e = err(&format!("{name}[=1"));
        assert_eq!(e.parameter().len(), 1001);
        let message = e.to_string();
        assert!(
            message.contains(&format!("`{}…`", "x".repeat(200))),
            "{message}"
        );
        assert!(message.len() < 400, "{message}");
    }

    #[test]
    fn error_is_a_std_error() {
        let e = err("a=1&a[b]=2");
        let as_std: &dyn std::error::Error = &e;
        assert_eq!(as_std.to_string(), e.to_string());
        assert_eq!(e.clone(), e);
    }

    fn count_leaves(value: &Value) -> usize {
        match value {
            Value::String(_) => 1,
            Value::Array(items) => items.iter().map(count_leaves).sum(),
            Value::Object(map) => map.values().map(count_leaves).sum(),
            other => panic!("leaf that is not a string: {other}"),
        }
    }

    #[derive(Debug, Clone)]
    enum Field {
        Text(String),
        List(Vec<String>),
        Map(BTreeMap<String, String>),
    }

    fn ident() -> impl Strategy<Value = String> {
        "[a-z_][a-z0-9_]{0,8}"
    }

    fn field() -> impl Strategy<Value = Field> {
        prop_oneof![
            any::<String>().prop_map(Field::Text),
            prop::collection::vec(any::<String>(), 1..5).prop_map(Field::List),
            prop::collection::btree_map(ident(), any::<String>(), 1..5).prop_map(Field::Map),
        ]
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(query in any::<String>()) {
            let _ = parse_query(&query);
        }

        #[test]
        fn pairs_are_decoded_as_form_urlencoded_decodes_them(query in "([a=&%+2Cé]|%[0-9A-Fa-f]{0,2}){0,40}") {
            let ours: Vec<(String, String)> = pairs(&query)
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect();
            let theirs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect();
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn never_panics_on_bracket_soup(query in "[ab0-9\\[\\]&=%+?]{0,80}") {
            let _ = parse_query(&query);
        }

        #[test]
        fn keeps_every_value(query in "(([ab]|1|0|10001)(\\[(a|b|0|1|2|)\\]){0,4}(=[xy])?&){0,12}") {
            if let Ok(map) = parse_query(&query) {
                let pairs = form_urlencoded::parse(query.as_bytes()).count();
                prop_assert_eq!(count_leaves(&Value::Object(map)), pairs);
            }
        }

        #[test]
        fn round_trips_serialized_fields(
            fields in prop::collection::btree_map(ident(), field(), 0..6),
            question_mark in any::<bool>(),
        ) {
            let mut serializer = form_urlencoded::Serializer::new(String::new());
            let mut expected = Map::new();
            for (base, field) in &fields {
                match field {
                    Field::Text(text) => {
                        serializer.append_pair(base, text);
                        expected.insert(base.clone(), json!(text));
                    }
                    Field::List(items) => {
                        for item in items {
                            serializer.append_pair(&format!("{base}[]"), item);
                        }
                        expected.insert(base.clone(), json!(items));
                    }
                    Field::Map(entries) => {
                        for (key, text) in entries {
                            serializer.append_pair(&format!("{base}[{key}]"), text);
                        }
                        expected.insert(base.clone(), json!(entries));
                    }
                }
            }
            let encoded = serializer.finish();
            let query = if question_mark { format!("?{encoded}") } else { encoded };
            prop_assert_eq!(parse_query(&query), Ok(expected));
        }
    }
}
