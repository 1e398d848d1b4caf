//! A tagged enum of models: read by its tag, described as a `oneOf` with the tag as a `const`,
//! for every provider set its variants' models belong to.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::emit::{emit_whole_view, option_str};
use crate::model::{Model, TaggedVariant};

/// A tagged enum of models: a field type (not a document of its own), read by the tag and
/// described as a `oneOf`, for every provider set its variants' models belong to.
pub fn emit_tagged(
    model: &Model<'_>,
    tag: &syn::LitStr,
    content: Option<&syn::LitStr>,
    variants: &[TaggedVariant<'_>],
) -> TokenStream {
    let core = &model.core;
    let ident = &model.ident;
    let whole_view = emit_whole_view(core, ident);
    let description = option_str(&model.doc);
    let mode = quote!(#core::__private::Mode);
    let names = variants.iter().map(|variant| &variant.json_name);
    let types: Vec<&syn::Type> = variants.iter().map(|variant| &variant.ty).collect();
    let internal = content.is_none();
    let tag_title = crate::case::title_from_name(&tag.value());
    let content_title =
        option_str(&content.map(|content| crate::case::title_from_name(&content.value())));
    let content = match content {
        Some(content) => quote!(::core::option::Option::Some(#content)),
        None => quote!(::core::option::Option::None),
    };
    let schemas = types.iter().enumerate().map(|(index, ty)| {
        quote_spanned!(crate::span::at(ty)=> #index => <#ty as #core::__private::FieldValue<__S>>::schema(__view))
    });
    let reads = variants.iter().enumerate().map(|(index, variant)| {
        let (ty, name) = (&variant.ty, variant.ident);
        let into_variant = match &variant.fields {
            None => quote!(#ident::#name),
            Some(fields) => quote!(|__fields: #ty| #ident::#name { #(#fields: __fields.#fields,)* }),
        };
        quote_spanned! {crate::span::at(ty)=>
            #index => <#ty as #core::__private::FieldValue<__S>>::read::<__B, __D, __R>(__input, __reading)
                .map(|__out| <__B as #mode>::map(__out, #into_variant))
        }
    });
    // Beside an internal tag, a newtype's model must not have a member named like the tag
    // (the derive checks variants with named fields itself).
    let tag_free = variants
        .iter()
        .filter(|variant| internal && variant.fields.is_none())
        .map(|variant| {
            let ty = &variant.ty;
            quote_spanned! {ty.span()=>
                const _: () = ::core::assert!(
                    !#core::__private::has_member(
                        <#ty as #core::__private::StructMembers>::MEMBERS,
                        #tag,
                    ),
                    "the variant's model has a field named like the enum's tag: serde reads that member as the tag, so rename the field or the tag, or use `content` for adjacent tagging",
                );
            }
        });
    quote! {
        #(#tag_free)*

        #whole_view

        #[automatically_derived]
        impl<__S: #core::__private::ProviderSet> #core::__private::TaggedEnum<__S> for #ident
        where
            #(#types: #core::__private::FieldValue<__S>,)*
        {
            const TAG: &'static str = #tag;
            const CONTENT: ::core::option::Option<&'static str> = #content;
            const VARIANTS: &'static [&'static str] = &[#(#names),*];
            const TITLES: (&'static str, ::core::option::Option<&'static str>) = (#tag_title, #content_title);

            fn variant_schema(
                __index: usize,
                __view: #core::__private::Target<__S>,
            ) -> #core::__private::Schema {
                match __index {
                    #(#schemas,)*
                    _ => #core::__private::Schema::default(),
                }
            }

            fn read_variant<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __index: usize,
                __input: __D,
                __reading: #core::__private::Reading<'_, __S, __R>,
            ) -> ::core::result::Result<<__B as #mode>::Out<Self>, __D::Error> {
                match __index {
                    #(#reads,)*
                    _ => ::core::result::Result::Ok(<__B as #mode>::none()),
                }
            }
        }

        #[automatically_derived]
        impl<__S: #core::__private::ProviderSet> #core::__private::FieldValue<__S> for #ident
        where
            #(#types: #core::__private::FieldValue<__S>,)*
        {
            const OBJECTS_ONLY: bool =
                #core::__private::objects_only::<__S, #core::__private::Tagged<Self>>();

            fn schema(__view: #core::__private::Target<__S>) -> #core::__private::Schema {
                #core::__private::tagged_schema::<__S, Self>(__view, #description)
            }

            fn read<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __input: __D,
                __reading: #core::__private::Reading<'_, __S, __R>,
            ) -> ::core::result::Result<<__B as #mode>::Out<Self>, __D::Error> {
                #core::__private::read_with::<__S, _, __B, __D, __R>(
                    __input,
                    #core::__private::Tagged::<Self>(::core::marker::PhantomData),
                    <Self as #core::__private::FieldValue<__S>>::EMPTINESS,
                    __reading,
                )
            }
        }
    }
}
