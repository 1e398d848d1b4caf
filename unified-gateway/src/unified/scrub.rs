//! Removes secrets from what a provider sends back before it reaches a client or a log: the
//! account's credential in every form it was presented in, every value of the request that its
//! schema marks `writeOnly` (passwords), and the secrets an adapter names in its native body.
//!
//! A string value that is a secret becomes [`REDACTED`]. A secret of [`REMOVED_ANYWHERE`]
//! characters or more (every credential, a real password) is removed wherever it occurs, glued
//! to other text or inside a key: text that holds it holds the secret. A shorter one (a password
//! can be one character) is text that answers hold anyway, so inside a longer string it is
//! replaced only where it stands as a word of its own (`password a is too short`), not where it
//! is glued to letters, digits or the joiners of ids, addresses and paths (`_ - . @ + ~ % : /`):
//! with the password `0`, the id `UR_0A` stays whole, and so does `ada@example.org` with the
//! password `example`; keys keep a short secret too (with the password `id`, a record's `id`
//! is still its id).

use serde_json::{Map, Value};
use unified_core::Secret;

/// What stands where a secret was.
pub const REDACTED: &str = "[redacted]";

/// The length, in characters, from which a secret is removed wherever it occurs.
pub const REMOVED_ANYWHERE: usize = 8;

/// The secrets of one request.
pub struct Scrubber {
    /// The secrets removed wherever they occur, longest first.
    long: Vec<Secret>,
    /// The shorter ones, removed where whole or a word of their own, longest first.
    short: Vec<Secret>,
}

impl Scrubber {
    /// The credential in every form it was presented in, the `writeOnly` values of `body` as
    /// `schema` describes it, and the `named` secrets of the native body.
    pub fn new<'a>(
        credential: &[Secret],
        body: &Value,
        schema: &unified_core::json::Value,
        named: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let mut secrets = credential.to_vec();
        write_only_values(schema, body, &mut secrets);
        secrets.extend(named.into_iter().map(Secret::new));
        secrets.retain(|secret| !secret.expose().is_empty());
        // Longest first, so a secret that contains another is removed whole.
        secrets.sort_by_key(|secret| std::cmp::Reverse(secret.expose().len()));
        let (long, short) = secrets
            .into_iter()
            .partition(|secret| secret.expose().chars().count() >= REMOVED_ANYWHERE);
        Scrubber { long, short }
    }

    /// `value` with every secret replaced by [`REDACTED`].
    pub fn scrub(&self, value: Value) -> Value {
        match value {
            Value::String(text) => Value::String(self.scrub_text(text)),
            Value::Array(items) => items.into_iter().map(|item| self.scrub(item)).collect(),
            Value::Object(object) => Value::Object(
                object
                    .into_iter()
                    .map(|(key, inner)| (self.without_long_secrets(key), self.scrub(inner)))
                    .collect::<Map<String, Value>>(),
            ),
            other => other,
        }
    }

    /// `text` with every secret replaced by [`REDACTED`]: all of it if it is one, else each
    /// long secret wherever it occurs and each short one that stands as a word of its own.
    pub fn scrub_text(&self, mut text: String) -> String {
        if self
            .long
            .iter()
            .chain(&self.short)
            .any(|secret| secret.expose() == text)
        {
            return REDACTED.to_owned();
        }
        text = self.without_long_secrets(text);
        for secret in &self.short {
            if let Some(replaced) = replace_words(&text, secret.expose()) {
                text = replaced;
            }
        }
        text
    }

    /// `text` (a key, or a value's text) with every long secret in it replaced; keys keep
    /// short secrets.
    fn without_long_secrets(&self, mut text: String) -> String {
        for secret in self.long.iter().map(Secret::expose) {
            if text.contains(secret) {
                text = text.replace(secret, REDACTED);
            }
        }
        text
    }
}

/// `text` with each occurrence of `word` that stands on its own replaced by [`REDACTED`], or
/// `None` when there is none.
fn replace_words(text: &str, word: &str) -> Option<String> {
    let mut replaced = String::new();
    let mut kept = 0;
    for (at, _) in text.match_indices(word) {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if at >= kept && before.is_none_or(parts) && after.is_none_or(parts) {
            replaced.push_str(&text[kept..at]);
            replaced.push_str(REDACTED);
            kept = at + word.len();
        }
    }
    (kept > 0).then(|| {
        replaced.push_str(&text[kept..]);
        replaced
    })
}

/// Whether `c` parts words: it is neither a letter or digit nor a joiner of ids, addresses and
/// paths.
fn parts(c: char) -> bool {
    !(c.is_alphanumeric() || "_-.@+~%:/".contains(c))
}

/// Collects the string values of `value` at properties that `schema` marks `writeOnly`.
fn write_only_values(schema: &unified_core::json::Value, value: &Value, out: &mut Vec<Secret>) {
    if schema["writeOnly"] == true {
        if let Some(text) = value.as_str() {
            out.push(Secret::new(text));
        }
        return;
    }
    match value {
        Value::Object(object) => {
            let Some(properties) = schema
                .get("properties")
                .and_then(unified_core::json::Value::as_object)
            else {
                return;
            };
            for (key, inner) in object {
                if let Some(property) = properties.get(key) {
                    write_only_values(property, inner, out);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items {
                    write_only_values(item_schema, item, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn scrubber(credential: &str, password: &str) -> Scrubber {
        let schema = unified_core::json!({"properties": {
            "password": {"type": "string", "writeOnly": true},
            "name": {"type": "string"},
        }});
        let body = json!({"password": password, "name": "Ada"});
        Scrubber::new(&[Secret::new(credential)], &body, &schema, [])
    }

    #[test]
    fn secrets_go_whole_and_from_inside_text() {
        let scrubber = scrubber("key-123-long-token", "correct horse");
        let answer = json!({
            "error": "bad token key-123-long-token for Ada",
            "echo": {"password": "correct horse", "list": ["x correct horse y"]},
            "n": 1,
        });
        assert_eq!(
            scrubber.scrub(answer),
            json!({
                "error": "bad token [redacted] for Ada",
                "echo": {"password": "[redacted]", "list": ["x [redacted] y"]},
                "n": 1,
            })
        );
    }

    #[test]
    fn secrets_inside_ids_and_words_change_nothing() {
        for password in ["i", "0", "a", "UR_0", "id", "example", "5c7f2a8"] {
            let scrubber = scrubber("key-123-long-token", password);
            let answer = json!({
                "result": {"id": "UR_0ABCdefGHIjklMN"},
                "name": "Ada Lovelace",
                "email": "ada@example.org",
                "request": "5c7f2a8e-1b3d-4e5f",
                "message": "the user's record was made",
                "count": 0,
            });
            assert_eq!(scrubber.scrub(answer.clone()), answer, "{password}");
            let echoed = json!({"password": password, "list": [password, "x"]});
            assert_eq!(
                scrubber.scrub(echoed),
                json!({"password": "[redacted]", "list": ["[redacted]", "x"]}),
                "{password}"
            );
        }
    }

    #[test]
    fn a_long_secret_goes_wherever_it_stands() {
        let long = scrubber("key-123-long-token", "correct-horse.battery");
        for (text, scrubbed) in [
            ("token=key-123-long-token.", "token=[redacted]."),
            ("ada:key-123-long-token", "ada:[redacted]"),
            ("/tokens/key-123-long-token", "/tokens/[redacted]"),
            ("xkey-123-long-tokenx", "x[redacted]x"),
            ("pw=correct-horse.battery;", "pw=[redacted];"),
        ] {
            assert_eq!(long.scrub_text(text.into()), scrubbed, "{text}");
        }
        // Eight characters are long: inside an id too.
        assert_eq!(
            scrubber("key-123-long-token", "5c7f2a8e").scrub_text("5c7f2a8e-1b3d-4e5f".into()),
            "[redacted]-1b3d-4e5f"
        );
        let answer = json!({"key-123-long-token": {"id": "key-123-long-token_2"}, "id": 1});
        assert_eq!(
            long.scrub(answer),
            json!({"[redacted]": {"id": "[redacted]_2"}, "id": 1})
        );
    }

    #[test]
    fn a_secret_standing_as_a_word_goes_from_inside_text() {
        let scrubber = scrubber("key-123-long-token", "a");
        assert_eq!(
            scrubber.scrub_text("password a is too short; 'a' and (a), not ab or a_b".into()),
            "password [redacted] is too short; '[redacted]' and ([redacted]), not ab or a_b"
        );
        assert_eq!(
            scrubber.scrub_text("GET /x?token=key-123-long-token&y=1".into()),
            "GET /x?token=[redacted]&y=1"
        );
        assert_eq!(scrubber.scrub_text("aaa".into()), "aaa");
    }
}
