//! The per-provider views of a model. `#[derive(UnifiedModel)]` cannot see the provider set, so
//! it hands the model to the set's module (`providers::__unified_views!`), which calls back
//! `views!` with every provider; this reads the model again with the derive's own parser and
//! checker and generates, per provider, a struct holding what the provider takes and the
//! conversion into it. A model with errors gets no views: the derive reports them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Token, Visibility};

use crate::case::pascal_from_snake;
use crate::ctxt::Ctxt;
use crate::model::{Field, Kind, Model, Presence};

/// `[id => "Name", ..] <the model's item>`.
struct ViewsInput {
    providers: Vec<(Ident, LitStr)>,
    item: DeriveInput,
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
            item: input.parse()?,
        })
    }
}

pub fn expand(input: TokenStream) -> TokenStream {
    let Ok(ViewsInput { providers, item }) = syn::parse2::<ViewsInput>(input) else {
        return TokenStream::new();
    };
    let ctxt = Ctxt::new();
    let raw = crate::syntax::parse(&ctxt, &item);
    let model = crate::check::check(&ctxt, raw);
    let (Ok(()), Some(model)) = (ctxt.finish(), model) else {
        return TokenStream::new();
    };
    let Kind::Struct { fields, .. } = &model.kind else {
        return TokenStream::new();
    };
    let views = providers
        .iter()
        .map(|(id, name)| emit_view(&model, &item, fields, id, name));
    quote!(#(#views)*)
}

/// What one provider does with a field.
enum Taken {
    Required,
    Supported,
    Absent,
}

fn taken(field: &Field<'_>, id: &Ident) -> Taken {
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

/// The declared visibility of a field of the model.
fn field_vis<'a>(item: &'a DeriveInput, field: &Field<'_>) -> Option<&'a Visibility> {
    let Data::Struct(data) = &item.data else {
        return None;
    };
    let Fields::Named(named) = &data.fields else {
        return None;
    };
    named
        .named
        .iter()
        .find(|declared| declared.ident.as_ref() == Some(field.ident))
        .map(|declared| &declared.vis)
}

fn emit_view(
    model: &Model<'_>,
    item: &DeriveInput,
    fields: &[Field<'_>],
    id: &Ident,
    name: &LitStr,
) -> TokenStream {
    let core = &model.core;
    let ident = &model.ident;
    let vis = &item.vis;
    let view = format_ident!("{}For{}", ident, pascal_from_snake(&id.to_string()));
    let providers = &model.providers;
    let provider = quote!(#providers::#id);
    let field_view = quote!(#core::FieldView::<#provider>);
    let mut declared = Vec::new();
    let mut converted = Vec::new();
    let mut absent = Vec::new();
    // The fields a view holds and their types, for its `Clone`, `Debug` and `PartialEq`.
    let mut held_fields: Vec<(&Ident, TokenStream)> = Vec::new();
    for field in fields {
        let name_ = field.ident;
        let ty = &field.ty;
        let doc = field.doc.iter();
        let field_vis = field_vis(item, field);
        let held = quote_spanned!(ty.span()=> <#ty as #field_view>::View);
        let value = match field.presence {
            Presence::Always => quote!(self.#name_),
            _ => quote!(self.#name_?),
        };
        match taken(field, id) {
            Taken::Required => {
                held_fields.push((name_, held.clone()));
                declared.push(quote!(#(#[doc = #doc])* #field_vis #name_: #held));
                converted.push(quote!(#name_: #field_view::view(#value, __sealed)?));
            }
            Taken::Supported => {
                held_fields.push((name_, quote!(::core::option::Option<#held>)));
                declared.push(
                    quote!(#(#[doc = #doc])* #field_vis #name_: ::core::option::Option<#held>),
                );
                converted.push(quote! {
                    #name_: match self.#name_ {
                        ::core::option::Option::Some(__value) => {
                            ::core::option::Option::Some(#field_view::view(__value, __sealed)?)
                        }
                        ::core::option::Option::None => ::core::option::Option::None,
                    }
                });
            }
            Taken::Absent => absent.push(format!("`{}`", field.json_name)),
        }
    }
    let summary = format!(
        " `{ident}` as {} takes it: a field it requires is a value, one it supports an `Option`.",
        name.value()
    );
    let made = " Only validation makes one: `UnifiedModel::view_from_slice` or `UnifiedModel::view_from_value`.";
    let absent_doc = if absent.is_empty() {
        String::new()
    } else {
        format!(
            " Absent, since {} does not take them: {}.",
            name.value(),
            absent.join(", ")
        )
    };
    let standard = emit_standard_traits(&view, &held_fields);
    quote! {
        #[doc = #summary]
        #[doc = ""]
        #[doc = #made]
        #[doc = #absent_doc]
        #[allow(dead_code)]
        #vis struct #view {
            #(#declared,)*
            __sealed: #core::__private::Sealed,
        }

        #[automatically_derived]
        impl #core::FieldView<#provider> for #ident {
            type View = #view;

            fn view(
                self,
                __sealed: &#core::__private::Sealed,
            ) -> ::core::option::Option<#view> {
                ::core::option::Option::Some(#view {
                    #(#converted,)*
                    __sealed: __sealed.duplicate(),
                })
            }
        }

        #standard
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
