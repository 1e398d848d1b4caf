//! `cargo bench -p unified-bench --bench map_order`: what `serde_json`'s `preserve_order`, which
//! `unified-core` turns on so schemas keep their declaration order, costs a parse. Each body is
//! parsed into `serde_json::Value` (objects in an insertion-ordered map under that feature) and,
//! side by side, into an equivalent value whose objects are `BTreeMap`s (what `Value` holds
//! without the feature). Prints the ratio per case.

use std::collections::BTreeMap;
use std::fmt;
use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use unified_bench::{Kind, cases};

/// `serde_json::Value` as it is without `preserve_order`: objects sorted by key.
#[allow(dead_code)]
enum Sorted {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Sorted>),
    Object(BTreeMap<String, Sorted>),
}

impl<'de> Deserialize<'de> for Sorted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SortedVisitor)
    }
}

struct SortedVisitor;

impl<'de> Visitor<'de> for SortedVisitor {
    type Value = Sorted;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Sorted, E> {
        Ok(Sorted::Null)
    }
    fn visit_bool<E>(self, value: bool) -> Result<Sorted, E> {
        Ok(Sorted::Bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Sorted, E> {
        Ok(Sorted::Number(value.into()))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Sorted, E> {
        Ok(Sorted::Number(value.into()))
    }
    fn visit_f64<E>(self, value: f64) -> Result<Sorted, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Sorted::Null, Sorted::Number))
    }
    fn visit_str<E>(self, value: &str) -> Result<Sorted, E> {
        Ok(Sorted::String(value.to_owned()))
    }
    fn visit_string<E>(self, value: String) -> Result<Sorted, E> {
        Ok(Sorted::String(value))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sorted, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Sorted::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sorted, A::Error> {
        let mut object = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Sorted>()? {
            object.insert(key, value);
        }
        Ok(Sorted::Object(object))
    }
}

/// A parse of JSON text; whether it succeeded.
type Parse = fn(&[u8]) -> bool;

const MEASUREMENTS: [(&str, Parse); 2] = [
    ("insertion-ordered", |text| {
        serde_json::from_slice::<Value>(text).is_ok()
    }),
    ("sorted", |text| {
        serde_json::from_slice::<Sorted>(text).is_ok()
    }),
];

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let cases: Vec<_> = cases()
        .into_iter()
        .filter(|case| matches!(case.kind, Kind::Full | Kind::ManyErrors))
        .collect();
    for case in &cases {
        let mut group = criterion.benchmark_group(format!("map-order/{}", case.id()));
        for (name, parse) in MEASUREMENTS {
            group.bench_function(name, |b| b.iter(|| parse(black_box(&case.text))));
        }
        group.finish();
    }
    criterion.final_summary();
}
