//! Where generated code points.

use proc_macro2::Span;
use syn::spanned::Spanned;

/// A span at `tokens` (so errors about generated code point at the user's type) that resolves
/// names as the derive's own code does: the locals generated code declares and uses stay one
/// binding even when `tokens` came from a `macro_rules!` of the user's, whose hygiene differs.
pub(crate) fn at(tokens: &impl Spanned) -> Span {
    tokens.span().resolved_at(Span::call_site())
}
