//! Generates the impls for a checked model, one file per shape: an object model (`object.rs`,
//! with its field rules in `rule.rs`), a unit enum (`unit_enum.rs`) and a tagged enum
//! (`tagged.rs`). Generated code reaches the runtime only through `#core::__private`, and holds
//! just the per-field table, the slots one read fills, the dispatch on each field's type, the
//! assembly of the model from its slots and the hand-over of the model to the provider set's
//! module for its views: the reader itself is shared code in `unified-core`.

mod object;
mod rule;
mod tagged;
mod unit_enum;

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::model::{Kind, Model};

/// The impls of `model`, with the hidden models of a tagged enum's variants that have named
/// fields (each with its definition).
pub fn emit(
    model: &Model<'_>,
    input: &syn::DeriveInput,
    hidden: &[(Model<'_>, &syn::DeriveInput)],
) -> TokenStream {
    let body = match &model.kind {
        Kind::Struct { fields, skipped } => {
            let providers = &model.providers;
            let model_impls = object::emit_object(model, fields, skipped);
            let handed = crate::views::hand_over(model, fields, input);
            // The views are items of the model's module, so they are outside the `const _`.
            return quote! {
                #[doc(hidden)]
                const _: () = {
                    #model_impls
                };

                #providers::__views_need_the_model_in_the_crate_that_declares_its_providers! { #handed }
            };
        }
        Kind::Enum(names) => unit_enum::emit_unit_enum(model, names),
        Kind::Tagged {
            tag,
            content,
            variants,
        } => {
            let hidden = hidden.iter().map(|(model, input)| {
                let definition = crate::variant::definition(input);
                let impls = match &model.kind {
                    Kind::Struct { fields, skipped } => object::emit_object(model, fields, skipped),
                    _ => TokenStream::new(),
                };
                quote!(#definition #impls)
            });
            let tagged = tagged::emit_tagged(model, tag, content.as_ref(), variants);
            quote!(#(#hidden)* #tagged)
        }
    };
    quote! {
        #[doc(hidden)]
        const _: () = {
            #body
        };
    }
}

/// An `Option<&str>` expression of `text`.
pub(super) fn option_str(text: &Option<String>) -> TokenStream {
    match text {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    }
}

/// The view of a type every provider takes whole (a unit enum, a tagged enum): itself, in a
/// merge patch too.
pub(super) fn emit_whole_view(core: &TokenStream, ident: &Ident) -> TokenStream {
    quote! {
        #[automatically_derived]
        impl<__P: #core::ProviderType> #core::FieldView<__P> for #ident
        where
            Self: #core::__private::FieldValue<<__P as #core::ProviderType>::Set>,
        {
            type View = Self;

            fn view(self, _: &#core::__private::ValidationProof) -> ::core::option::Option<Self> {
                ::core::option::Option::Some(self)
            }

            type PatchView = Self;

            fn patch_view(
                __value: &#core::json::Value,
                __sealed: &#core::__private::ValidationProof,
            ) -> ::core::option::Option<Self> {
                #core::__private::whole_patch_view::<__P, Self>(__value, __sealed)
            }
        }
    }
}

/// The `schemars::JsonSchema` impl: the provider-agnostic (unified) view.
pub(super) fn emit_json_schema(
    core: &TokenStream,
    ident: &Ident,
    set: &TokenStream,
) -> TokenStream {
    let name = ident.to_string();
    quote! {
        #[automatically_derived]
        impl #core::__private::schemars::JsonSchema for #ident {
            fn schema_name() -> #core::__private::Cow<'static, str> {
                #core::__private::Cow::Borrowed(#name)
            }

            fn schema_id() -> #core::__private::Cow<'static, str> {
                #core::__private::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", #name))
            }

            fn json_schema(
                _: &mut #core::__private::schemars::SchemaGenerator,
            ) -> #core::__private::schemars::Schema {
                <Self as #core::__private::FieldValue<#set>>::schema(
                    #core::__private::Target::UNIFIED,
                )
                .into()
            }
        }
    }
}
