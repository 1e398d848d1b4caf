//! A unit enum: a string among its variants' names (each with a label), read by name, the same
//! for every provider and every provider set.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::emit::{emit_json_schema, emit_whole_view, option_str};
use crate::model::Model;

/// A unit enum: a string among its variants' names, the same for every provider.
pub fn emit_unit_enum(model: &Model<'_>, variants: &[(String, &Ident)]) -> TokenStream {
    let core = &model.core;
    let ident = &model.ident;
    let whole_view = emit_whole_view(core, ident);
    let description = option_str(&model.doc);
    let json_schema = emit_json_schema(core, ident, &quote!(#core::__private::NoProviders));
    let mode = quote!(#core::__private::Mode);
    let names = variants.iter().map(|(name, _)| name);
    let positions = variants.iter().enumerate().map(
        |(index, (_, variant))| quote!(#index => ::core::option::Option::Some(#ident::#variant)),
    );
    let titles = variants
        .iter()
        .map(|(name, _)| crate::case::title_from_name(name));
    quote! {
        const __NAMES: &[&str] = &[#(#names),*];
        const __TITLES: &[&str] = &[#(#titles),*];

        fn __variant(__index: usize) -> ::core::option::Option<#ident> {
            match __index {
                #(#positions,)*
                _ => ::core::option::Option::None,
            }
        }

        #whole_view

        // A unit enum's values are its names, so items equal as Rust values are equal as JSON.
        #[automatically_derived]
        impl #core::__private::UniqueItem for #ident {}

        #[automatically_derived]
        impl<__S: #core::__private::ProviderSet> #core::__private::FieldValue<__S> for #ident {
            fn schema(_: #core::__private::Target<__S>) -> #core::__private::Schema {
                #core::__private::unit_enum_schema(__NAMES, __TITLES, #description)
            }

            fn read<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __input: __D,
                __reading: #core::__private::Reading<'_, __S, __R>,
            ) -> ::core::result::Result<<__B as #mode>::Out<Self>, __D::Error> {
                #core::__private::read_with::<__S, _, __B, __D, __R>(
                    __input,
                    #core::__private::Names {
                        names: __NAMES,
                        variant: __variant,
                    },
                    <Self as #core::__private::FieldValue<__S>>::EMPTINESS,
                    __reading,
                )
            }
        }

        #json_schema
    }
}
