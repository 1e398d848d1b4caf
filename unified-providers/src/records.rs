//! Mappings every adapter of calls on existing users shares: a list's page size and cursor as
//! the provider's query parameters, and a delete's unified answer.

use unified_models::ticketing::users::UserDeleteResponse;

/// A list's native query: the page size as `limit_name`, and the unified `next_cursor`, the
/// provider's own cursor as it gave it, as `cursor_name`; either only where given.
pub fn page_query(
    (limit_name, limit): (&str, Option<u32>),
    (cursor_name, cursor): (&str, Option<&str>),
) -> Vec<(String, String)> {
    let limit = limit.map(|limit| (limit_name.to_owned(), limit.to_string()));
    let cursor = cursor.map(|cursor| (cursor_name.to_owned(), cursor.to_owned()));
    limit.into_iter().chain(cursor).collect()
}

/// A delete's unified answer: the id of the record the request named, whatever the provider
/// answered (many answer 204 with no body).
pub fn deleted(id: Option<&str>) -> UserDeleteResponse {
    UserDeleteResponse {
        id: id.unwrap_or_default().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::page_query;

    #[test]
    fn a_page_query_holds_what_is_given() {
        let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect()
        };
        assert_eq!(
            page_query(("limit", Some(2)), ("cursor", Some("c 1"))),
            owned(&[("limit", "2"), ("cursor", "c 1")])
        );
        assert_eq!(
            page_query(("pageLimit", None), ("pageKey", Some("k"))),
            owned(&[("pageKey", "k")])
        );
        assert!(page_query(("limit", None), ("cursor", None)).is_empty());
    }
}
