//! What the derive emits when the input has errors: the errors, plus stub impls for any provider
//! set, so code that uses the model still type-checks and the user sees only the real mistakes.
//!
//! Each error is a `const` that fails to evaluate, spanned on the offending token, rather than a
//! `compile_error!`: the compiler stops after macro expansion when it meets the latter, and the
//! provider ids it resolves later (misspelt ones, with its "did you mean") would only show in
//! the next build. This way every mistake arrives in one build.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

pub fn emit(
    input: &syn::DeriveInput,
    core: &TokenStream,
    errors: Vec<syn::Error>,
    provider_references: TokenStream,
) -> TokenStream {
    let ident = &input.ident;
    let errors = errors.into_iter().flatten().map(|error| {
        let message = error.to_string();
        quote_spanned!(error.span()=> const _: () = ::core::panic!("{}", #message);)
    });
    if !input.generics.params.is_empty() {
        // Generic models are themselves the error; stubs would need their bounds.
        return quote!(#(#errors)* #provider_references);
    }
    let generics = quote!(<__S: #core::__private::ProviderSet>);
    quote! {
        #(#errors)*

        #provider_references

        const _: () = {
            impl #generics #core::__private::ObjectModel<__S> for #ident {
                const NAME: &'static str = "";
                const DESCRIPTION: ::core::option::Option<&'static str> = ::core::option::Option::None;
                const RULES: &'static [#core::__private::FieldRule<__S>] = &[];
                const REQUIRED_BY_VIEW: &'static [u128] = &[];

                fn field_index(_: &str) -> ::core::option::Option<usize> {
                    ::core::option::Option::None
                }

                fn field<__V: #core::__private::FieldVisitor<__S>>(
                    _: usize,
                    _: __V,
                ) -> ::core::option::Option<__V::Output> {
                    ::core::unreachable!()
                }

                fn read_field<'__de, __B: #core::__private::Mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                    _: &mut (),
                    _: usize,
                    _: __D,
                    _: #core::__private::Reading<'_, __S, __R>,
                ) -> ::core::result::Result<(), __D::Error> {
                    ::core::unreachable!()
                }
            }

            impl #core::__private::Assemble for #ident {
                type Slots<__B: #core::__private::Mode> = ();

                fn slots<__B: #core::__private::Mode>() {}

                fn assemble(_: ()) -> ::core::option::Option<Self> {
                    ::core::unreachable!()
                }
            }

            impl #generics #core::__private::FieldValue<__S> for #ident {
                fn read<'__de, __B: #core::__private::Mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                    _: __D,
                    _: #core::__private::Reading<'_, __S, __R>,
                ) -> ::core::result::Result<<__B as #core::__private::Mode>::Out<Self>, __D::Error> {
                    ::core::unreachable!()
                }

                fn schema(_: #core::__private::Target<__S>) -> #core::__private::Schema {
                    ::core::unreachable!()
                }
            }

            impl #generics #core::__private::UnifiedModel<__S> for #ident {}

            // Stands in for the members, so an enum holding the model adds no error of its own.
            impl #core::__private::StructMembers for #ident {
                const MEMBERS: &'static [&'static str] = &[];
            }

            impl #core::__private::schemars::JsonSchema for #ident {
                fn schema_name() -> #core::__private::Cow<'static, str> {
                    ::core::unreachable!()
                }

                fn json_schema(
                    _: &mut #core::__private::schemars::SchemaGenerator,
                ) -> #core::__private::schemars::Schema {
                    ::core::unreachable!()
                }
            }
        };
    }
}
