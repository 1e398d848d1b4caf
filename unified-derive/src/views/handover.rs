//! What the derive hands to `views!` through the provider set's module: the model as it was
//! checked (each field's JSON name, type, visibility, doc and which providers take it), written
//! in a form of its own so the views are generated from it without reading the model's
//! attributes again.
//!
//! `(core path) (providers path) vis struct Model { #[json = "name"] #[presence(..)] #[doc = ".."]
//! vis field: Type, .. }`, where `presence` is `always`, `everywhere`, or
//! `listed, required(a, ..), supported(b, ..)` (a list only where it names a provider).

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Data, DeriveInput, Fields, Ident, LitStr, Type, Visibility};

use crate::model::{Field, Model, Presence};

/// The checked model as the views need it.
pub struct HandedModel {
    /// The runtime crate's path.
    pub core: syn::Path,
    /// The provider set's module.
    pub providers: syn::Path,
    /// The model's visibility, which its views share.
    pub vis: Visibility,
    /// The model's name.
    pub ident: Ident,
    /// Its fields, in declaration order.
    pub fields: Vec<HandedField>,
}

/// One checked field.
pub struct HandedField {
    /// The field's declared visibility, which the views' fields share.
    pub vis: Visibility,
    /// The Rust name.
    pub ident: Ident,
    /// The type, `T` for `Option<T>`.
    pub ty: Type,
    /// The property name in JSON.
    pub json_name: String,
    /// The doc comment.
    pub doc: Option<String>,
    /// Which providers take it.
    pub presence: Presence,
}

/// The tokens that hand `model` (a struct, with its checked `fields`) to `views!`.
pub fn hand_over(model: &Model<'_>, fields: &[Field<'_>], input: &DeriveInput) -> TokenStream {
    let Model {
        core,
        providers,
        ident,
        ..
    } = model;
    let vis = &input.vis;
    let fields = fields.iter().map(|field| {
        let (name, ty, json_name) = (field.ident, &field.ty, &field.json_name);
        let field_vis = declared_vis(input, name);
        let doc = field.doc.iter();
        let presence = match &field.presence {
            Presence::Always => quote!(always),
            Presence::Everywhere => quote!(everywhere),
            Presence::Listed {
                required,
                supported,
            } => {
                // A list is written only when it names a provider: `required()` does not parse.
                let required = (!required.is_empty()).then(|| quote!(, required(#(#required),*)));
                let supported =
                    (!supported.is_empty()).then(|| quote!(, supported(#(#supported),*)));
                quote!(listed #required #supported)
            }
        };
        quote! {
            #[json = #json_name]
            #[presence(#presence)]
            #(#[doc = #doc])*
            #field_vis #name: #ty
        }
    });
    quote!((#core) (#providers) #vis struct #ident { #(#fields,)* })
}

/// The declared visibility of the field named `name`.
fn declared_vis<'a>(input: &'a DeriveInput, name: &Ident) -> Option<&'a Visibility> {
    let Data::Struct(data) = &input.data else {
        return None;
    };
    let Fields::Named(named) = &data.fields else {
        return None;
    };
    named
        .named
        .iter()
        .find(|declared| declared.ident.as_ref() == Some(name))
        .map(|declared| &declared.vis)
}

impl Parse for HandedModel {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let core;
        syn::parenthesized!(core in input);
        let core: syn::Path = core.parse()?;
        let providers;
        syn::parenthesized!(providers in input);
        let providers: syn::Path = providers.parse()?;
        let item: DeriveInput = input.parse()?;
        let Data::Struct(data) = item.data else {
            return Err(syn::Error::new_spanned(
                &item.ident,
                "a handed-over model is a struct",
            ));
        };
        let fields = data
            .fields
            .into_iter()
            .map(|field| {
                let ident = field.ident.clone().ok_or_else(|| {
                    syn::Error::new_spanned(&field, "a handed-over field has a name")
                })?;
                let mut json_name = None;
                let mut doc = None;
                let mut presence = None;
                for attr in &field.attrs {
                    if attr.path().is_ident("json") {
                        json_name = Some(string_value(attr)?);
                    } else if attr.path().is_ident("doc") {
                        doc = Some(string_value(attr)?);
                    } else if attr.path().is_ident("presence") {
                        presence = Some(parse_presence(attr)?);
                    }
                }
                let missing = |what| syn::Error::new_spanned(&ident, format!("no {what}"));
                Ok(HandedField {
                    vis: field.vis,
                    json_name: json_name.ok_or_else(|| missing("JSON name"))?,
                    presence: presence.ok_or_else(|| missing("presence"))?,
                    doc,
                    ty: field.ty,
                    ident,
                })
            })
            .collect::<syn::Result<_>>()?;
        Ok(HandedModel {
            core,
            providers,
            vis: item.vis,
            ident: item.ident,
            fields,
        })
    }
}

/// The string of `#[name = ".."]`.
fn string_value(attr: &Attribute) -> syn::Result<String> {
    let value = &attr.meta.require_name_value()?.value;
    syn::parse2::<LitStr>(quote!(#value)).map(|text| text.value())
}

/// `#[presence(always | everywhere | listed, required(..), supported(..))]`.
fn parse_presence(attr: &Attribute) -> syn::Result<Presence> {
    let mut presence = None;
    let (mut required, mut supported) = (Vec::new(), Vec::new());
    attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("always") {
            presence = Some(Presence::Always);
        } else if meta.path.is_ident("everywhere") {
            presence = Some(Presence::Everywhere);
        } else if !meta.path.is_ident("listed") {
            let list = if meta.path.is_ident("required") {
                &mut required
            } else {
                &mut supported
            };
            meta.parse_nested_meta(|id| {
                list.push(id.path.require_ident()?.clone());
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(presence.unwrap_or(Presence::Listed {
        required,
        supported,
    }))
}
