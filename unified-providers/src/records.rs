//! Mappings every adapter of calls on existing users shares: a list's page size and cursor as
//! the provider's query parameters, a unified page cut from a provider's page where the
//! provider does not take a page size, and a delete's unified answer.

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

/// What an offset cursor looks like: a position in the whole list, as [`cut_page`] gives one.
pub const OFFSET_CURSOR: &str = "^(0|[1-9][0-9]{0,8})$";

/// Where a list read by offset starts: the unified `next_cursor`, a position this adapter gave
/// (its needs refuse any other before it is sent), else the start.
pub fn offset(cursor: Option<&str>) -> u64 {
    cursor.and_then(|cursor| cursor.parse().ok()).unwrap_or(0)
}

/// The unified page at `offset` of a provider that pages by a size of its own: `skip` items of
/// its page `items` come before `offset`, at most `limit` of the rest are taken, and
/// `next_cursor` is the offset after them while its page or a later one (`more_after`) holds
/// more. So the client's `limit` holds whatever size the provider's pages have.
pub fn cut_page<T>(
    items: Vec<T>,
    skip: usize,
    limit: Option<u32>,
    offset: u64,
    more_after: bool,
) -> (Vec<T>, Option<String>) {
    let available = items.len().saturating_sub(skip);
    let take = limit.map_or(available, |limit| available.min(limit as usize));
    let rest_in_page = available > take;
    let page: Vec<T> = items.into_iter().skip(skip).take(take).collect();
    let next = (!page.is_empty() && (rest_in_page || more_after))
        .then(|| (offset + page.len() as u64).to_string());
    (page, next)
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
    use super::{cut_page, page_query};

    #[test]
    fn a_page_is_cut_to_the_limit_and_the_next_starts_after_it() {
        // The provider's page holds 1..=5; the client asks for two at offset 10.
        assert_eq!(
            cut_page(vec![1, 2, 3, 4, 5], 0, Some(2), 10, false),
            (vec![1, 2], Some("12".to_owned()))
        );
        // Items before the offset are skipped; the page's end is the list's.
        assert_eq!(
            cut_page(vec![1, 2, 3, 4, 5], 3, Some(2), 13, false),
            (vec![4, 5], None)
        );
        // The provider says a later page holds more.
        assert_eq!(
            cut_page(vec![1, 2, 3], 0, None, 0, true),
            (vec![1, 2, 3], Some("3".to_owned()))
        );
        // Nothing at the offset: no next page, never the same offset again.
        assert_eq!(
            cut_page(Vec::<u8>::new(), 0, Some(2), 4, true),
            (vec![], None)
        );
        assert_eq!(cut_page(vec![1], 5, None, 9, true), (vec![], None));
    }

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
