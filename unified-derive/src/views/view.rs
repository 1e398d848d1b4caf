//! A model's views: one struct generic over the provider (`<Model>View<P>`, and its merge patch
//! `<Model>PatchView<P>`), whose field types read how `P` takes each field from a table entry
//! (`Taking` markers), with its conversion and `Clone`, `Debug` and `PartialEq` written once;
//! and per provider only that entry and the aliases `<Model>For<Provider>` and
//! `<Model>PatchFor<Provider>`. A provider added to a set thus costs one impl of one associated
//! type per model, and no code until something uses its view.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use crate::case::pascal_from_snake;
use crate::model::Presence;
use crate::views::handover::{HandedField, HandedModel};

/// The names a model's views use.
struct Names {
    /// `<Model>View`.
    view: Ident,
    /// `<Model>PatchView`.
    patch: Ident,
    /// The trait each provider implements with its table entry.
    provider: Ident,
    /// The trait that names each field's marker in an entry.
    fields: Ident,
    /// The struct an entry is: one marker per field.
    takes: Ident,
}

impl Names {
    fn of(model: &Ident) -> Names {
        Names {
            view: format_ident!("{}View", model),
            patch: format_ident!("{}PatchView", model),
            provider: format_ident!("__{}Provider", model),
            fields: format_ident!("__{}Fields", model),
            takes: format_ident!("__{}Takes", model),
        }
    }
}

/// How provider `id` takes `field`, as the marker type's name in `__private`.
fn taken(field: &HandedField, id: &Ident) -> Ident {
    let name = match &field.presence {
        Presence::Always => "Required",
        Presence::Everywhere => "Supported",
        Presence::Listed {
            required,
            supported,
        } => {
            if required.contains(id) {
                "Required"
            } else if supported.contains(id) {
                "Supported"
            } else {
                "Absent"
            }
        }
    };
    Ident::new(name, proc_macro2::Span::call_site())
}

/// One provider's table entry for `model` and its two aliases.
pub fn emit_provider(model: &HandedModel, id: &Ident, name: &LitStr) -> TokenStream {
    let (core, vis, ident, providers) = (&model.core, &model.vis, &model.ident, &model.providers);
    let names = Names::of(ident);
    let Names {
        view,
        patch,
        provider: provider_trait,
        takes,
        ..
    } = &names;
    let pascal = pascal_from_snake(&id.to_string());
    let view_alias = format_ident!("{}For{}", ident, pascal);
    let patch_alias = format_ident!("{}PatchFor{}", ident, pascal);
    let markers = model
        .fields
        .iter()
        .map(|field| taken(field, id))
        .map(|marker| quote!(#core::__private::#marker));
    let name = name.value();
    let view_doc = format!(" `{ident}` as {name} takes it: [`{view}`] for `{id}`.");
    let patch_doc =
        format!(" A merge patch of `{ident}` as {name} takes it: [`{patch}`] for `{id}`.");
    quote! {
        #[automatically_derived]
        impl #provider_trait for #providers::#id {
            type Fields = #takes<#(#markers),*>;
        }

        #[doc = #view_doc]
        #vis type #view_alias = #view<#providers::#id>;

        #[doc = #patch_doc]
        #vis type #patch_alias = #patch<#providers::#id>;
    }
}

/// A field's tokens in the generic items: its marker for `__P`, and what a view and a patch
/// hold of it.
struct FieldTypes {
    marker: TokenStream,
    /// The field's value as a view holds it when taken (`<T as FieldView<__P>>::View`).
    view: TokenStream,
    /// The field's value as a patch sets it.
    patch: TokenStream,
    held: TokenStream,
    patched: TokenStream,
}

fn field_types(core: &syn::Path, names: &Names, field: &HandedField) -> FieldTypes {
    let (name, ty) = (&field.ident, &field.ty);
    let Names {
        provider, fields, ..
    } = names;
    let marker = quote!(<<__P as #provider>::Fields as #fields>::#name);
    let taking = quote!(#core::__private::Taking);
    let view = quote_spanned!(ty.span()=> <#ty as #core::FieldView<__P>>::View);
    let patch = quote_spanned!(ty.span()=> <#ty as #core::FieldView<__P>>::PatchView);
    FieldTypes {
        held: quote!(<#marker as #taking>::Held<#view>),
        patched: quote!(<#marker as #taking>::Patched<#patch>),
        marker,
        view,
        patch,
    }
}

/// The items of `model`'s views written once: the table's traits, the two generic structs, the
/// conversion into them, and their standard traits.
pub fn emit_generic(model: &HandedModel) -> TokenStream {
    let (core, vis, ident, providers) = (&model.core, &model.vis, &model.ident, &model.providers);
    let names = Names::of(ident);
    let types: Vec<FieldTypes> = model
        .fields
        .iter()
        .map(|field| field_types(core, &names, field))
        .collect();
    let table = emit_table(model, &names);
    let bounds = field_bounds(model);
    let Names {
        view,
        patch,
        provider,
        ..
    } = &names;
    let field_names: Vec<&Ident> = model.fields.iter().map(|field| &field.ident).collect();
    let declare = |hold: fn(&FieldTypes) -> &TokenStream| -> Vec<TokenStream> {
        model
            .fields
            .iter()
            .zip(&types)
            .map(|(field, types)| {
                let (name, field_vis, doc) = (&field.ident, &field.vis, field.doc.iter());
                let held = hold(types);
                quote!(#(#[doc = #doc])* #field_vis #name: #held)
            })
            .collect()
    };
    let view_fields = declare(|types| &types.held);
    let patch_fields = declare(|types| &types.patched);
    let converted = model.fields.iter().zip(&types).map(|(field, types)| {
        let (name, ty, marker) = (&field.ident, &field.ty, &types.marker);
        let value = match field.presence {
            Presence::Always => quote!(::core::option::Option::Some(self.#name)),
            _ => quote!(self.#name),
        };
        quote! {
            #name: <#marker as #core::__private::Taking>::hold::<__P, #ty>(#value, __sealed)?
        }
    });
    let read = model.fields.iter().zip(&types).map(|(field, types)| {
        let (name, ty, json, marker) = (&field.ident, &field.ty, &field.json_name, &types.marker);
        quote! {
            #name: <#marker as #core::__private::Taking>::patch::<__P, #ty>(
                __members.get(#json),
                __sealed,
            )?
        }
    });
    let docs = ViewDocs::new(ident);
    let ViewDocs {
        summary,
        made,
        absent,
        patch_summary,
        patch_made,
    } = &docs;
    let values: Vec<(&TokenStream, &TokenStream)> = types
        .iter()
        .map(|types| (&types.held, &types.view))
        .collect();
    let patch_values: Vec<(&TokenStream, &TokenStream)> = types
        .iter()
        .map(|types| (&types.patched, &types.patch))
        .collect();
    let markers: Vec<&TokenStream> = types.iter().map(|types| &types.marker).collect();
    let standard = Standard {
        core,
        model: ident,
        provider,
        bounds: &bounds,
        names: &field_names,
        markers: &markers,
    };
    let view_standard = standard.emit(view, &values);
    let patch_standard = standard.emit(patch, &patch_values);
    let validated_view = emit_validated_part(model, &names, &bounds, view, false);
    let validated_patch = emit_validated_part(model, &names, &bounds, patch, true);
    let _ = providers;
    quote! {
        #table

        #[doc = #summary]
        #[doc = ""]
        #[doc = #made]
        #[doc = #absent]
        #[allow(dead_code)]
        #vis struct #view<__P: #provider> where #bounds {
            #(#view_fields,)*
            __sealed: #core::__private::ValidationProof,
            __provider: ::core::marker::PhantomData<fn() -> __P>,
        }

        #[doc = #patch_summary]
        #[doc = ""]
        #[doc = #patch_made]
        #[doc = #absent]
        #[allow(dead_code)]
        #vis struct #patch<__P: #provider> where #bounds {
            #(#patch_fields,)*
            __sealed: #core::__private::ValidationProof,
            __provider: ::core::marker::PhantomData<fn() -> __P>,
        }

        #[automatically_derived]
        impl<__P: #provider> #core::FieldView<__P> for #ident where #bounds {
            type View = #view<__P>;
            type PatchView = #patch<__P>;

            fn patch_view(
                __value: &#core::json::Value,
                __sealed: &#core::__private::ValidationProof,
            ) -> ::core::option::Option<#patch<__P>> {
                let __members = __value.as_object()?;
                ::core::option::Option::Some(#patch {
                    #(#read,)*
                    __sealed: __sealed.duplicate(),
                    __provider: ::core::marker::PhantomData,
                })
            }

            fn view(
                self,
                __sealed: &#core::__private::ValidationProof,
            ) -> ::core::option::Option<#view<__P>> {
                ::core::option::Option::Some(#view {
                    #(#converted,)*
                    __sealed: __sealed.duplicate(),
                    __provider: ::core::marker::PhantomData,
                })
            }
        }

        #validated_view
        #validated_patch
        #view_standard
        #patch_standard
    }
}

/// The table's items: the trait a provider's entry implements, the trait naming each field's
/// marker, and the entry's struct (one marker per field).
fn emit_table(model: &HandedModel, names: &Names) -> TokenStream {
    let (core, vis, ident, providers) = (&model.core, &model.vis, &model.ident, &model.providers);
    let Names {
        provider,
        fields,
        takes,
        ..
    } = names;
    let field_names: Vec<&Ident> = model.fields.iter().map(|field| &field.ident).collect();
    let params: Vec<Ident> = (0..model.fields.len())
        .map(|index| format_ident!("__T{}", index))
        .collect();
    let provider_doc =
        format!(" How one provider takes each field of `{ident}`. Not a public API.");
    quote! {
        #[doc = #provider_doc]
        #[doc(hidden)]
        #vis trait #provider: #core::ProviderType<Set = #providers::Set> {
            /// The provider's entry: how it takes each field.
            type Fields: #fields;
        }

        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis trait #fields {
            #(type #field_names: #core::__private::Taking;)*
        }

        #[doc(hidden)]
        #vis struct #takes<#(#params),*>(::core::marker::PhantomData<fn() -> (#(#params,)*)>);

        #[automatically_derived]
        impl<#(#params: #core::__private::Taking),*> #fields for #takes<#(#params),*> {
            #(type #field_names = #params;)*
        }
    }
}

/// The bounds the generic items need: each field's type has a view for `__P` (a nested model
/// has one where `__P` has an entry for it). A type that holds the model itself is left out: its
/// view follows from the model's own impl, and bounding the impl by it would be a cycle.
fn field_bounds(model: &HandedModel) -> TokenStream {
    let core = &model.core;
    let mut seen: Vec<String> = Vec::new();
    let bounds = model.fields.iter().filter_map(|field| {
        let ty = &field.ty;
        let key = quote!(#ty).to_string();
        if seen.contains(&key) || mentions(quote!(#ty), &model.ident) {
            return None;
        }
        seen.push(key);
        Some(quote_spanned!(ty.span()=> #ty: #core::FieldView<__P>))
    });
    quote!(#(#bounds,)*)
}

/// Whether `tokens` name `ident` anywhere.
fn mentions(tokens: TokenStream, ident: &Ident) -> bool {
    tokens.into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(found) => found == *ident,
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), ident),
        _ => false,
    })
}

/// Compile-time checks, for one provider of the set, that every field's type has a view: the
/// generic items only bound them, so without this a type with no view would be an error only
/// where a view is first used. Spanned on each type.
pub fn emit_field_checks(model: &HandedModel, id: &Ident) -> TokenStream {
    let (core, providers) = (&model.core, &model.providers);
    let checks = model.fields.iter().map(|field| {
        let ty = &field.ty;
        quote_spanned!(ty.span()=> __has_view::<#ty>();)
    });
    quote! {
        const _: fn() = || {
            fn __has_view<__T: #core::FieldView<#providers::#id>>() {}
            #(#checks)*
        };
    }
}

/// `ValidatedPart` for a model's view (`patch` false) or its patch (true): how the gateway makes
/// what an adapter is handed from a request's part.
fn emit_validated_part(
    model: &HandedModel,
    names: &Names,
    bounds: &TokenStream,
    part: &Ident,
    patch: bool,
) -> TokenStream {
    let (core, ident, providers) = (&model.core, &model.ident, &model.providers);
    let provider = &names.provider;
    let read = if patch {
        quote!(patch_from_value)
    } else {
        quote!(view_from_value)
    };
    quote! {
        #[automatically_derived]
        impl<__P: #provider> #core::ValidatedPart<#ident, __P> for #part<__P> where #bounds {
            const PATCH: bool = #patch;

            fn validated(
                __part: #core::Part,
                __value: &#core::__private::Value,
            ) -> ::core::result::Result<Self, #core::Report> {
                #core::conventions::#read::<#providers::Set, #ident, __P>(__part, __value)
            }
        }
    }
}

/// The doc lines of a model's view and patch.
struct ViewDocs {
    summary: String,
    made: &'static str,
    absent: &'static str,
    patch_summary: String,
    patch_made: &'static str,
}

impl ViewDocs {
    fn new(model: &Ident) -> ViewDocs {
        ViewDocs {
            summary: format!(
                " `{model}` as the provider `P` takes it: a field it requires is a value, one it \
                 supports an `Option`. `{model}For<Provider>` names it for one provider."
            ),
            made: " Only validation makes one: `UnifiedModel::view_from_slice` or `UnifiedModel::view_from_value`.",
            absent: " A field the provider does not take holds `NotTaken`, which has nothing to read.",
            patch_summary: format!(
                " A merge patch of `{model}` as the provider `P` takes it: a field it requires is an \
                 `Option` (left as it is, or set; never cleared), one it supports a `Patch` \
                 (left, cleared or set), a nested model its own patch. `{model}PatchFor<Provider>` \
                 names it for one provider."
            ),
            patch_made: " Only validation makes one: `UnifiedModel::patch_from_slice` or `UnifiedModel::patch_from_value`.",
        }
    }
}

/// What `Clone`, `Debug` and `PartialEq` of a view or patch need.
struct Standard<'a> {
    core: &'a syn::Path,
    model: &'a Ident,
    provider: &'a Ident,
    bounds: &'a TokenStream,
    names: &'a [&'a Ident],
    markers: &'a [&'a TokenStream],
}

impl Standard<'_> {
    /// `Clone`, `Debug` and `PartialEq` for the generic struct `view`, each where every field's
    /// type (`fields`: what the struct holds, and the value type inside) has it; `Debug` shows
    /// the fields the provider takes. None for a model that holds itself: bounded by its own
    /// view, each would be a cycle the compiler cannot prove.
    fn emit(&self, view: &Ident, fields: &[(&TokenStream, &TokenStream)]) -> TokenStream {
        let Standard {
            core,
            model,
            provider,
            bounds,
            names,
            markers,
        } = self;
        if fields
            .iter()
            .any(|(_, value)| mentions((*value).clone(), model))
        {
            return TokenStream::new();
        }
        let held = fields.iter().map(|(held, _)| *held);
        let with = |trait_: TokenStream| {
            let held = held.clone();
            quote!(#bounds #(#held: #trait_,)*)
        };
        let clone_bounds = with(quote!(::core::clone::Clone));
        let debug_bounds = with(quote!(::core::fmt::Debug));
        let eq_bounds = with(quote!(::core::cmp::PartialEq));
        let taking = quote!(#core::__private::Taking);
        let cloned = names
            .iter()
            .map(|name| quote!(#name: ::core::clone::Clone::clone(&self.#name)));
        let compared = names.iter().map(|name| quote!(self.#name == __other.#name));
        let shown = names.iter().zip(markers.iter()).map(|(name, marker)| {
            let text = name.to_string();
            let label = text.strip_prefix("r#").unwrap_or(&text).to_owned();
            quote! {
                if <#marker as #taking>::TAKEN {
                    __fields.field(#label, &self.#name);
                }
            }
        });
        let view_name = view.to_string();
        quote! {
            #[automatically_derived]
            impl<__P: #provider> ::core::clone::Clone for #view<__P> where #clone_bounds {
                fn clone(&self) -> Self {
                    #view {
                        #(#cloned,)*
                        __sealed: self.__sealed.duplicate(),
                        __provider: ::core::marker::PhantomData,
                    }
                }
            }

            #[automatically_derived]
            impl<__P: #provider> ::core::fmt::Debug for #view<__P> where #debug_bounds {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let __name = ::std::format!(
                        "{}<{}>",
                        #view_name,
                        <__P as #core::ProviderType>::PROVIDER.id(),
                    );
                    let mut __fields = __f.debug_struct(&__name);
                    #(#shown)*
                    __fields.finish()
                }
            }

            #[automatically_derived]
            impl<__P: #provider> ::core::cmp::PartialEq for #view<__P> where #eq_bounds {
                fn eq(&self, __other: &Self) -> bool {
                    true #(&& #compared)*
                }
            }
        }
    }
}
