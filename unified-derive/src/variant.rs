//! Variants with named fields in a tagged enum. Each is read as a model of its own: the derive
//! gives the variant's fields, with their attributes, to a hidden struct, runs the same parser,
//! checker and generator on it, and moves the read fields into the variant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Ident};

use crate::ctxt::Ctxt;
use crate::model::{Kind, Model};
use crate::syntax::RawModel;

/// The hidden model of `variant`'s fields.
pub fn hidden_ident(enum_ident: &Ident, variant: &Ident) -> Ident {
    format_ident!("__{}{}Fields", enum_ident, variant, span = variant.span())
}

/// The hidden models' inputs, one per variant with named fields that serde reads: the fields
/// with every attribute, the variant's doc comment, the
/// rule that renames its fields (its `rename_all`, else the enum's `rename_all_fields`), and
/// the enum's provider set and runtime crate.
pub fn hidden_inputs(raw: &RawModel<'_>) -> Vec<DeriveInput> {
    let (Data::Enum(data), Some(_)) = (&raw.input.data, &raw.tag) else {
        return Vec::new();
    };
    let mut unified = Vec::new();
    if let Some(path) = &raw.providers {
        unified.push(quote!(providers = #path));
    }
    if let Some(path) = &raw.krate {
        unified.push(quote!(crate = #path));
    }
    let unified = (!unified.is_empty()).then(|| quote!(#[unified(#(#unified),*)]));
    let fields_rule = serde_value(&raw.input.attrs, "rename_all_fields");
    data.variants
        .iter()
        .filter_map(|variant| {
            let Fields::Named(fields) = &variant.fields else {
                return None;
            };
            // serde never reads a skipped variant, so it has no model.
            if serde_flag(&variant.attrs, &["skip", "skip_deserializing"]) {
                return None;
            }
            let ident = hidden_ident(&raw.input.ident, &variant.ident);
            let docs = variant
                .attrs
                .iter()
                .filter(|attr| attr.path().is_ident("doc"));
            // The fields' rule, as serde picks it: the variant's own, else the enum's
            // `rename_all_fields`. The variant's other serde attributes are about the variant.
            let renamed = serde_value(&variant.attrs, "rename_all")
                .or_else(|| fields_rule.clone())
                .map(|rule| quote!(#[serde(rename_all = #rule)]));
            Some(syn::parse_quote! {
                #(#docs)*
                #renamed
                #unified
                struct #ident #fields
            })
        })
        .collect()
}

/// The value serde deserializes with for `key` among `attrs`: `key = ".."`, or the
/// `deserialize` of `key(serialize = "..", deserialize = "..")`.
fn serde_value(attrs: &[syn::Attribute], key: &str) -> Option<syn::LitStr> {
    let mut found = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        // Malformed serde attributes are serde's to report.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(key) && meta.input.peek(syn::Token![=]) {
                found = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident(key) {
                meta.parse_nested_meta(|inner| {
                    let value: syn::LitStr = inner.value()?.parse()?;
                    if inner.path.is_ident("deserialize") {
                        found = Some(value);
                    }
                    Ok(())
                })?;
            } else {
                skip_meta_value(&meta)?;
            }
            Ok(())
        });
    }
    found
}

/// Whether serde's flag (one of `keys`) is among `attrs`.
fn serde_flag(attrs: &[syn::Attribute], keys: &[&str]) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            found |= keys.iter().any(|key| meta.path.is_ident(key));
            skip_meta_value(&meta)
        });
    }
    found
}

fn skip_meta_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

/// The hidden model's definition: its fields' names and types, without their attributes (serde's
/// would need serde's derive).
pub fn definition(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let Data::Struct(data) = &input.data else {
        return TokenStream::new();
    };
    let fields = data.fields.iter().map(|field| {
        let (name, ty) = (&field.ident, &field.ty);
        quote!(#name: #ty)
    });
    quote! {
        #[allow(non_camel_case_types)]
        struct #ident {
            #(#fields,)*
        }
    }
}

/// Refuses a field named like the tag of an internally tagged enum: serde takes that member as
/// the tag, so the field could never be read.
pub fn check_tag_collisions(cx: &Ctxt, raw: &RawModel<'_>, models: &[&Model<'_>]) {
    let (Some(tag), None) = (&raw.tag, &raw.content) else {
        return;
    };
    for model in models {
        let Kind::Struct { fields, .. } = &model.kind else {
            continue;
        };
        for field in fields.iter().filter(|field| field.json_name == tag.value()) {
            cx.error_spanned_by(
                field.ident,
                format!(
                    "the field `{}` has the name of the enum's tag: serde reads that member as the \
                     tag, so rename the field or the tag, or use `content` for adjacent tagging",
                    field.json_name
                ),
            );
        }
    }
}
