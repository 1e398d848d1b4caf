//! The per-provider views of a model. `#[derive(UnifiedModel)]` cannot see the provider set, so
//! it hands the model it checked (`handover.rs`) to the set's module
//! (`providers::__views_need_the_model_in_the_crate_that_declares_its_providers!`), which calls
//! back `views!` with every provider; `view.rs` generates the model's generic view once, and per
//! provider the table entry it reads and the view's alias.

mod handover;
mod view;

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

use handover::HandedModel;
pub use handover::hand_over;

/// `[id => "Name", ..] <the handed-over model>`.
struct ViewsInput {
    providers: Vec<(Ident, LitStr)>,
    model: HandedModel,
}

impl Parse for ViewsInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let list;
        syn::bracketed!(list in input);
        let mut providers = Vec::new();
        while !list.is_empty() {
            let id: Ident = list.parse()?;
            list.parse::<Token![=>]>()?;
            let name: LitStr = list.parse()?;
            providers.push((id, name));
            if !list.is_empty() {
                list.parse::<Token![,]>()?;
            }
        }
        Ok(ViewsInput {
            providers,
            model: input.parse()?,
        })
    }
}

/// The views of the handed-over model: the generic one, and an entry and aliases per provider.
pub fn expand(input: TokenStream) -> TokenStream {
    let ViewsInput { providers, model } = match syn::parse2::<ViewsInput>(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let generic = view::emit_generic(&model);
    let checks = providers
        .first()
        .map(|(id, _)| view::emit_field_checks(&model, id));
    let entries = providers
        .iter()
        .map(|(id, name)| view::emit_provider(&model, id, name));
    quote!(#generic #checks #(#entries)*)
}
