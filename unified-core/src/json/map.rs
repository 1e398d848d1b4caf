//! [`Map`]: an object's members in insertion order, and its iterators.

use core::fmt;

use indexmap::IndexMap;

use super::Value;

/// The members of a JSON object, in insertion order. Inserting a key that is already there
/// replaces its value in place; two maps are equal when they hold the same members, in any
/// order.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Map {
    pub(super) members: IndexMap<String, Value, Hasher>,
}

/// How a map hashes its keys: schemas are looked up on every request (a query's conversions,
/// the conventions), and their keys are short, where SipHash's setup dominates. Keys come from
/// schemas and from documents within the gateway's limits; foldhash is seeded per process.
type Hasher = foldhash::fast::RandomState;

impl Map {
    /// An empty map.
    pub fn new() -> Self {
        Map::default()
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.members.get(key)
    }

    /// The value of `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.members.get_mut(key)
    }

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.members.contains_key(key)
    }

    /// Sets `key` to `value`: last if `key` is new, in its place if not (the old value is
    /// returned).
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        self.members.insert(key, value)
    }

    /// Removes `key`, keeping the others in their order.
    pub fn shift_remove(&mut self, key: &str) -> Option<Value> {
        self.members.shift_remove(key)
    }

    /// Removes `key`, moving the last member into its place (faster than
    /// [`Map::shift_remove`], and what `serde_json`'s `Map::remove` does with `preserve_order`).
    pub fn swap_remove(&mut self, key: &str) -> Option<Value> {
        self.members.swap_remove(key)
    }

    /// The value of `key`, inserted last with `make` if `key` is not there.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> Value) -> &mut Value {
        if !self.members.contains_key(key) {
            self.members.insert(key.to_owned(), make());
        }
        self.members
            .get_mut(key)
            .expect("the member was just inserted")
    }

    /// Keeps only the members for which `keep` says so, in their order.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut Value) -> bool) {
        self.members.retain(|key, value| keep(key, value));
    }

    /// The members, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.members.iter())
    }

    /// The members, in order, their values to change.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&String, &mut Value)> {
        self.members.iter_mut()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &String> {
        self.members.keys()
    }

    /// The values, in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.members.values()
    }

    /// The values, in order, to change.
    pub fn values_mut(&mut self) -> impl ExactSizeIterator<Item = &mut Value> {
        self.members.values_mut()
    }
}

impl fmt::Debug for Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.members.iter()).finish()
    }
}

/// The members of a [`Map`], in order.
#[derive(Debug)]
pub struct Iter<'a>(indexmap::map::Iter<'a, String, Value>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back()
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// The members of a [`Map`], in order, owned.
#[derive(Debug)]
pub struct IntoIter(indexmap::map::IntoIter<String, Value>);

impl Iterator for IntoIter {
    type Item = (String, Value);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for IntoIter {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back()
    }
}

impl ExactSizeIterator for IntoIter {}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        IntoIter(self.members.into_iter())
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(members: I) -> Self {
        Map {
            members: members.into_iter().collect(),
        }
    }
}

impl Extend<(String, Value)> for Map {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, members: I) {
        self.members.extend(members);
    }
}
