//! Variants with named fields in a tagged enum. Each is read as a model of its own: the derive
//! gives the variant's fields, with their attributes, to a hidden struct, runs the same parser,
//! checker and generator on it, and moves the read fields into the variant.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Ident};

use crate::ctxt::Ctxt;
use crate::model::{Kind, Model};
use crate::syntax::{RawBody, RawModel, VariantShape};

/// The hidden model of `variant`'s fields.
pub fn hidden_ident(enum_ident: &Ident, variant: &Ident) -> Ident {
    format_ident!("__{}{}Fields", enum_ident, variant, span = variant.span())
}

/// The hidden models' inputs, one per variant with named fields that serde reads: the fields
/// with every attribute, the variant's doc comment, the rule that names its fields as serde
/// picks it (the variant's `rename_all`, else the enum's `rename_all_fields`), and the enum's
/// provider set and runtime crate.
pub fn hidden_inputs(raw: &RawModel<'_>) -> Vec<DeriveInput> {
    let (RawBody::Enum(variants), Some(_)) = (&raw.body, &raw.tag) else {
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
    variants
        .iter()
        // serde never reads a skipped variant, so it has no model.
        .filter(|variant| !variant.serde.skip)
        .filter_map(|variant| {
            let VariantShape::Struct(fields) = variant.shape else {
                return None;
            };
            let ident = hidden_ident(&raw.input.ident, variant.ident);
            let docs = variant
                .attrs
                .iter()
                .filter(|attr| attr.path().is_ident("doc"));
            let renamed = variant
                .serde
                .rename_all
                .as_ref()
                .or(raw.rename_all_fields.as_ref())
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
