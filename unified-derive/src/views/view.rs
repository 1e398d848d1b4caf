//! One provider's view of a model: a struct holding what the provider takes (a field it requires
//! as a value, one it supports as an `Option`), the conversion into it, and `Clone`, `Debug` and
//! `PartialEq` where the fields have them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use crate::case::pascal_from_snake;
use crate::model::Presence;
use crate::views::handover::{HandedField, HandedModel};

/// What one provider does with a field.
enum Taken {
    Required,
    Supported,
    Absent,
}

fn taken(field: &HandedField, id: &Ident) -> Taken {
    match &field.presence {
        Presence::Always => Taken::Required,
        Presence::Everywhere => Taken::Supported,
        Presence::Listed {
            required,
            supported,
        } => {
            if required.contains(id) {
                Taken::Required
            } else if supported.contains(id) {
                Taken::Supported
            } else {
                Taken::Absent
            }
        }
    }
}

/// The view of `model` for provider `id`, named `name` in docs.
pub fn emit_view(model: &HandedModel, id: &Ident, name: &LitStr) -> TokenStream {
    let core = &model.core;
    let ident = &model.ident;
    let vis = &model.vis;
    let pascal = pascal_from_snake(&id.to_string());
    let view = format_ident!("{}For{}", ident, pascal);
    let patch_ident = format_ident!("{}PatchFor{}", ident, pascal);
    let providers = &model.providers;
    let provider = quote!(#providers::#id);
    let field_view = quote!(#core::FieldView::<#provider>);
    let mut whole = ViewFields::default();
    let mut patch = PatchFields::default();
    for field in &model.fields {
        let taken_here = taken(field, id);
        whole.add(field, &taken_here, &field_view);
        patch.add(field, &taken_here, core, &field_view);
    }
    let docs = ViewDocs::new(ident, &name.value(), &whole.absent);
    let ViewDocs {
        summary,
        made,
        absent: absent_doc,
        patch_summary,
        patch_made,
    } = docs;
    let validated_view = emit_validated_part(core, ident, &provider, &view, false);
    let validated_patch = emit_validated_part(core, ident, &provider, &patch_ident, true);
    let standard = emit_standard_traits(&view, &whole.held);
    let patch_standard = emit_standard_traits(&patch_ident, &patch.held);
    let ViewFields {
        declared,
        converted,
        ..
    } = whole;
    let PatchFields {
        declared: patch_declared,
        read: patch_read,
        ..
    } = patch;
    quote! {
        #[doc = #summary]
        #[doc = ""]
        #[doc = #made]
        #[doc = #absent_doc]
        #[allow(dead_code)]
        #vis struct #view {
            #(#declared,)*
            __sealed: #core::__private::ValidationProof,
        }

        #[doc = #patch_summary]
        #[doc = ""]
        #[doc = #patch_made]
        #[doc = #absent_doc]
        #[allow(dead_code)]
        #vis struct #patch_ident {
            #(#patch_declared,)*
            __sealed: #core::__private::ValidationProof,
        }

        #[automatically_derived]
        impl #core::FieldView<#provider> for #ident {
            type View = #view;
            type PatchView = #patch_ident;

            fn patch_view(
                __value: &#core::json::Value,
                __sealed: &#core::__private::ValidationProof,
            ) -> ::core::option::Option<#patch_ident> {
                let __members = __value.as_object()?;
                ::core::option::Option::Some(#patch_ident {
                    #(#patch_read,)*
                    __sealed: __sealed.duplicate(),
                })
            }

            fn view(
                self,
                __sealed: &#core::__private::ValidationProof,
            ) -> ::core::option::Option<#view> {
                ::core::option::Option::Some(#view {
                    #(#converted,)*
                    __sealed: __sealed.duplicate(),
                })
            }
        }

        #validated_view
        #validated_patch
        #standard
        #patch_standard
    }
}

/// `ValidatedPart` for a provider's view of a model (`patch` false) or its patch (true): how the
/// gateway makes what an adapter is handed from a request's part.
fn emit_validated_part(
    core: &syn::Path,
    model: &Ident,
    provider: &TokenStream,
    part: &Ident,
    patch: bool,
) -> TokenStream {
    let read = if patch {
        quote!(patch_from_value)
    } else {
        quote!(view_from_value)
    };
    quote! {
        #[automatically_derived]
        impl #core::ValidatedPart<#model, #provider> for #part {
            const PATCH: bool = #patch;

            fn validated(
                __part: #core::Part,
                __value: &#core::__private::Value,
            ) -> ::core::result::Result<Self, #core::Report> {
                #core::conventions::#read::<
                    <#provider as #core::ProviderType>::Set, #model, #provider,
                >(__part, __value)
            }
        }
    }
}

/// The doc lines of a provider's view and patch of a model.
struct ViewDocs {
    summary: String,
    made: &'static str,
    absent: String,
    patch_summary: String,
    patch_made: &'static str,
}

impl ViewDocs {
    fn new(model: &Ident, provider: &str, absent: &[String]) -> ViewDocs {
        let absent = if absent.is_empty() {
            String::new()
        } else {
            format!(
                " Absent, since {provider} does not take them: {}.",
                absent.join(", ")
            )
        };
        ViewDocs {
            summary: format!(
                " `{model}` as {provider} takes it: a field it requires is a value, one it \
                 supports an `Option`."
            ),
            made: " Only validation makes one: `UnifiedModel::view_from_slice` or `UnifiedModel::view_from_value`.",
            absent,
            patch_summary: format!(
                " A merge patch of `{model}` as {provider} takes it: a field it requires is an \
                 `Option` (left as it is, or set; never cleared), one it supports a `Patch` \
                 (left, cleared or set), a nested model its own patch."
            ),
            patch_made: " Only validation makes one: `UnifiedModel::patch_from_slice` or `UnifiedModel::patch_from_value`.",
        }
    }
}

/// The fields of a provider's view of a model: declared, converted from the model's value, held
/// (for the standard traits), and the JSON names of those the provider does not take.
#[derive(Default)]
struct ViewFields<'m> {
    declared: Vec<TokenStream>,
    converted: Vec<TokenStream>,
    held: Vec<(&'m Ident, TokenStream)>,
    absent: Vec<String>,
}

impl<'m> ViewFields<'m> {
    /// A field as a view holds it: one the provider requires as a value, one it supports as an
    /// `Option`, one it does not take not at all.
    fn add(&mut self, field: &'m HandedField, taken: &Taken, field_view: &TokenStream) {
        let name = &field.ident;
        let ty = &field.ty;
        let doc = field.doc.iter();
        let field_vis = &field.vis;
        let held = quote_spanned!(ty.span()=> <#ty as #field_view>::View);
        let value = match field.presence {
            Presence::Always => quote!(self.#name),
            _ => quote!(self.#name?),
        };
        match taken {
            Taken::Required => {
                self.held.push((name, held.clone()));
                self.declared
                    .push(quote!(#(#[doc = #doc])* #field_vis #name: #held));
                self.converted
                    .push(quote!(#name: #field_view::view(#value, __sealed)?));
            }
            Taken::Supported => {
                let optional = quote!(::core::option::Option<#held>);
                self.held.push((name, optional.clone()));
                self.declared
                    .push(quote!(#(#[doc = #doc])* #field_vis #name: #optional));
                self.converted.push(quote! {
                    #name: match self.#name {
                        ::core::option::Option::Some(__value) => {
                            ::core::option::Option::Some(#field_view::view(__value, __sealed)?)
                        }
                        ::core::option::Option::None => ::core::option::Option::None,
                    }
                });
            }
            Taken::Absent => self.absent.push(format!("`{}`", field.json_name)),
        }
    }
}

/// The fields of a provider's patch of a model: declared, read from the validated document, and
/// held (for the standard traits).
#[derive(Default)]
struct PatchFields<'m> {
    declared: Vec<TokenStream>,
    read: Vec<TokenStream>,
    held: Vec<(&'m Ident, TokenStream)>,
}

impl<'m> PatchFields<'m> {
    /// A field as a patch holds it: one the provider requires may be left or set, one it
    /// supports left, cleared or set, one it does not take is absent.
    fn add(
        &mut self,
        field: &'m HandedField,
        taken: &Taken,
        core: &syn::Path,
        field_view: &TokenStream,
    ) {
        let (name, ty, json) = (&field.ident, &field.ty, &field.json_name);
        let doc = field.doc.iter();
        let field_vis = &field.vis;
        let value = quote_spanned!(ty.span()=> <#ty as #field_view>::PatchView);
        let (held, reader) = match taken {
            Taken::Required => (
                quote!(::core::option::Option<#value>),
                quote!(#core::__private::set_member),
            ),
            Taken::Supported => (
                quote!(#core::Patch<#value>),
                quote!(#core::__private::patch_member),
            ),
            Taken::Absent => return,
        };
        self.declared
            .push(quote!(#(#[doc = #doc])* #field_vis #name: #held));
        self.read.push(quote! {
            #name: #reader(__members.get(#json), |__member| {
                <#ty as #field_view>::patch_view(__member, __sealed)
            })?
        });
        self.held.push((name, held));
    }
}

/// `Clone`, `Debug` and `PartialEq` for a view, each where every field's type has it: the
/// bounds are written `for<'__a>` so that one the model's field types lack leaves the view
/// without that trait rather than failing the build.
fn emit_standard_traits(view: &Ident, fields: &[(&Ident, TokenStream)]) -> TokenStream {
    let bounds = |trait_: TokenStream| {
        let types = fields.iter().map(|(_, ty)| ty);
        quote!(#(for<'__a> #types: #trait_,)*)
    };
    let clone_bounds = bounds(quote!(::core::clone::Clone));
    let debug_bounds = bounds(quote!(::core::fmt::Debug));
    let eq_bounds = bounds(quote!(::core::cmp::PartialEq));
    let names: Vec<&Ident> = fields.iter().map(|(name, _)| *name).collect();
    let labels = names.iter().map(|name| {
        let text = name.to_string();
        text.strip_prefix("r#").unwrap_or(&text).to_owned()
    });
    let view_name = view.to_string();
    quote! {
        #[automatically_derived]
        impl ::core::clone::Clone for #view where #clone_bounds {
            fn clone(&self) -> Self {
                #view {
                    #(#names: ::core::clone::Clone::clone(&self.#names),)*
                    __sealed: self.__sealed.duplicate(),
                }
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Debug for #view where #debug_bounds {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __f.debug_struct(#view_name)
                    #(.field(#labels, &self.#names))*
                    .finish()
            }
        }

        #[automatically_derived]
        impl ::core::cmp::PartialEq for #view where #eq_bounds {
            fn eq(&self, __other: &Self) -> bool {
                true #(&& self.#names == __other.#names)*
            }
        }
    }
}
