//! `#[derive(UnifiedModel)]`, re-exported by `unified-core`; see its documentation for the
//! attributes. Use it through `unified-core` with its `derive` feature (the default): the
//! generated per-provider views call back into it.
//!
//! The pipeline: `syntax` reads the tokens into a raw model, collecting every error; `check`
//! turns it into a model the generator can trust; `emit` only generates.
//! When anything is wrong, `fallback` emits stub impls beside the errors so the user sees
//! the real mistakes and not a cascade of "trait not implemented".

mod case;
mod check;
mod constraint;
mod ctxt;
mod emit;
mod fallback;
mod model;
mod symbol;
mod syntax;
mod views;

use proc_macro::TokenStream;

/// Derives the unified-model traits for a struct with named fields, or an enum of unit variants.
///
/// Field attributes: `#[required(provider, ..)]`, `#[supported(provider, ..)]`,
/// `#[unified(format = "email" | "uri" | "date-time" | "uuid")]` and
/// `#[unified(allowed(provider = ["a", "b"]))]`. Container attribute:
/// `#[unified(providers = path::to::providers)]` (default: `providers`) and
/// `#[unified(crate = path::to::unified_core)]` (default: `::unified_core`), for a facade crate
/// that re-exports the runtime.
#[proc_macro_derive(UnifiedModel, attributes(required, supported, unified))]
pub fn derive_unified_model(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    let ctxt = ctxt::Ctxt::new();
    let raw = syntax::parse(&ctxt, &input);
    let provider_references = check::provider_references(&raw);
    let core = syntax::core_path(&raw);
    let model = check::check(&ctxt, raw);
    match (ctxt.finish(), model) {
        (Ok(()), Some(model)) => emit::emit(&model, &input).into(),
        (result, _) => {
            let errors = result.err().unwrap_or_default();
            fallback::emit(&input, &core, errors, provider_references).into()
        }
    }
}

/// Generates a model's per-provider views; called back by a provider set's module with every
/// provider of the set. Not a public API.
#[doc(hidden)]
#[proc_macro]
pub fn views(input: TokenStream) -> TokenStream {
    views::expand(input.into()).into()
}
