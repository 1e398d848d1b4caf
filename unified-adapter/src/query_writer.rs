//! Writes JSON as query parameters in the bracket syntax [`unified_core::query::parse_query`] reads
//! (`a[b]=1`, `a[]=1`, `a[][id]=1`), the way the reference clients send nested values. The
//! gateway uses it to pass `remote_query` on to a provider.

use unified_core::json::{Map, Value};

/// The (name, value) pairs for `params`, in their order, not yet percent-encoded (read a query
/// into such a map with [`unified_core::query::parse_query_ordered`], or convert a
/// `serde_json::Map` with `Map::from_iter`).
///
/// Strings go as they are, numbers and booleans as their JSON text, `null` as an empty value;
/// an empty array or object sends nothing, as in the clients that produce this syntax.
pub fn write_query(params: &Map) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (name, value) in params {
        write_value(name.clone(), value, &mut pairs);
    }
    pairs
}

fn write_value(name: String, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) => {
            for (key, inner) in object {
                write_value(format!("{name}[{key}]"), inner, pairs);
            }
        }
        Value::Array(items) => {
            for item in items {
                write_value(format!("{name}[]"), item, pairs);
            }
        }
        Value::String(text) => pairs.push((name, text.clone())),
        Value::Null => pairs.push((name, String::new())),
        Value::Bool(_) | Value::Number(_) => pairs.push((name, value.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use unified_core::json;
    use unified_core::json::Value;

    use super::write_query;
    use unified_core::query::parse_query_ordered;

    fn pairs(value: Value) -> Vec<(String, String)> {
        write_query(value.as_object().unwrap())
    }

    #[test]
    fn writes_brackets_like_the_clients() {
        let written = pairs(json!({
            "foo": "bar",
            "page": {"size": 10, "after": null},
            "ids": ["1", 2, true],
            "filter": [{"id": "a"}, {"id": "b"}]
        }));
        let expected = [
            ("foo", "bar"),
            ("page[size]", "10"),
            ("page[after]", ""),
            ("ids[]", "1"),
            ("ids[]", "2"),
            ("ids[]", "true"),
            ("filter[][id]", "a"),
            ("filter[][id]", "b"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        assert_eq!(written, expected);
    }

    #[test]
    fn the_parser_reads_back_what_is_written() {
        let value = json!({
            "q": "a b&c=d",
            "nested": {"deep": {"list": ["x", "y"]}},
            "rows": [{"id": "1", "name": "n"}, {"id": "2"}]
        });
        let text: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs(value.clone()))
            .finish();
        assert_eq!(Value::Object(parse_query_ordered(&text).unwrap()), value);
    }
}
