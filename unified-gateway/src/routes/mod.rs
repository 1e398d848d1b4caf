//! The HTTP handlers, one file each.

pub mod fallback;
pub mod health;
pub mod meta;
pub mod metrics;
pub mod openapi;
pub mod operation;
pub mod page;

/// `; did you mean `x`?` when one of `known` is close to `name`, else nothing.
pub(crate) fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean_file(name, known, "")
}

/// [`did_you_mean`] with `suffix` after the suggestion (`dixa.json` for `.json`).
pub(crate) fn did_you_mean_file<'a>(
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
    suffix: &str,
) -> String {
    unified_core::suggest::closest(name, known)
        .map(|close| format!("; did you mean `{close}{suffix}`?"))
        .unwrap_or_default()
}
