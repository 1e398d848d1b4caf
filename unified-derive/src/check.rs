//! Turns the raw model into one the generator can trust: resolves JSON names, and rejects
//! provider lists that contradict themselves, each error spanned on the offending token.
//! Whether a provider id exists is left to the compiler, which resolves each id in the
//! provider set's module and points at the misspelt token with a suggestion.

use crate::constraint::check_rules;
use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{GenericArgument, Ident, PathArguments, Type};

use crate::ctxt::Ctxt;
use crate::model::{Allowed, Field, Kind, Model, Presence, TaggedVariant};
use crate::syntax::{ProviderList, RawBody, RawField, RawModel, SerdeDefault, VariantShape};

const FORMATS: [(&str, &str); 4] = [
    ("email", "Email"),
    ("uri", "Uri"),
    ("date-time", "DateTime"),
    ("uuid", "Uuid"),
];

/// The path of the provider set's module: `#[unified(providers = path)]`, or `providers`.
fn providers_path(raw: &RawModel<'_>) -> TokenStream {
    match &raw.providers {
        Some(path) => path.to_token_stream(),
        None => quote_spanned!(raw.input.ident.span()=> providers),
    }
}

/// A reference to every provider id the attributes name, each spanned on its token. Emitted
/// beside the stubs when other errors stop the derive, so a misspelt id is still reported in
/// the same build.
pub fn provider_references(raw: &RawModel<'_>) -> TokenStream {
    let RawBody::Struct(fields) = &raw.body else {
        return TokenStream::new();
    };
    let providers = providers_path(raw);
    let ids = fields.iter().flat_map(|field| {
        let listed = field
            .required
            .iter()
            .chain(&field.supported)
            .flat_map(|list| &list.ids);
        listed.chain(field.allowed.iter().map(|(id, _)| id))
    });
    let references = ids.map(|id| quote_spanned!(id.span()=> let _ = #providers::#id;));
    quote! {
        const _: () = {
            #(#references)*
        };
    }
}

/// A variant of a tagged enum: a newtype's model, or the hidden model of its named fields.
fn tagged_variant<'a>(
    raw: &RawModel<'a>,
    json_name: String,
    ident: &'a Ident,
    shape: &VariantShape<'a>,
) -> TaggedVariant<'a> {
    let (ty, fields) = match shape {
        VariantShape::Newtype(ty) => ((*ty).clone(), None),
        VariantShape::Struct(named) => {
            let hidden = crate::variant::hidden_ident(&raw.input.ident, ident);
            let fields = named
                .named
                .iter()
                .filter_map(|f| f.ident.as_ref())
                .collect();
            (syn::parse_quote!(#hidden), Some(fields))
        }
        VariantShape::Unit => (syn::parse_quote!(()), None),
    };
    TaggedVariant {
        json_name,
        ident,
        ty,
        fields,
    }
}

pub fn check<'a>(cx: &Ctxt, raw: RawModel<'a>) -> Option<Model<'a>> {
    let ident = raw.input.ident.clone();
    let providers = providers_path(&raw);
    crate::serde_attrs::refuse_container(cx, &raw);
    let kind = match &raw.body {
        RawBody::Struct(fields_raw) => {
            let fields: Vec<Field> = fields_raw
                .iter()
                .filter(|field| !field.serde.skip)
                .map(|field| check_field(cx, field, &raw, &providers))
                .collect();
            check_unique_names(cx, fields.iter().map(|f| (&f.json_name, f.ident)));
            let skipped = fields_raw
                .iter()
                .filter(|field| field.serde.skip)
                .map(|field| {
                    let default = field.serde.default.as_ref();
                    (
                        field.ident,
                        default.and_then(SerdeDefault::function).cloned(),
                    )
                })
                .collect();
            Kind::Struct { fields, skipped }
        }
        RawBody::Enum(variants) => {
            for variant in variants.iter().filter(|variant| !variant.serde.skip) {
                crate::serde_attrs::refuse_read_variant(cx, &variant.serde);
            }
            let named: Vec<(String, &Ident)> = variants
                .iter()
                .filter(|variant| !variant.serde.skip)
                .map(|variant| {
                    let name = variant.serde.rename.clone().unwrap_or_else(|| {
                        let name = variant.ident.unraw().to_string();
                        raw.rename_all
                            .map_or(name.clone(), |rule| rule.apply_to_variant(&name))
                    });
                    (name, variant.ident)
                })
                .collect();
            if named.is_empty() {
                cx.error_spanned_by(
                    &raw.input.ident,
                    "a UnifiedModel enum needs at least one variant that serde reads: each is one allowed string",
                );
            }
            check_unique_names(cx, named.iter().map(|(name, ident)| (name, *ident)));
            let shapes: Vec<&VariantShape> = variants
                .iter()
                .filter(|variant| !variant.serde.skip)
                .map(|variant| &variant.shape)
                .collect();
            let all_unit = shapes
                .iter()
                .all(|shape| matches!(shape, VariantShape::Unit));
            let all_data = !shapes
                .iter()
                .any(|shape| matches!(shape, VariantShape::Unit));
            match (&raw.tag, all_data) {
                (None, _) if all_unit => Kind::Enum(named),
                (Some(tag), true) if !named.is_empty() => Kind::Tagged {
                    tag: tag.clone(),
                    content: raw.content.clone(),
                    variants: named
                        .into_iter()
                        .zip(shapes)
                        .map(|((json_name, ident), shape)| {
                            tagged_variant(&raw, json_name, ident, shape)
                        })
                        .collect(),
                },
                (Some(tag), _) => {
                    cx.error_spanned_by(
                        tag,
                        "every variant of a tagged UnifiedModel enum holds data: named fields, or a model in a newtype variant",
                    );
                    return None;
                }
                (None, _) => {
                    cx.error_spanned_by(
                        &raw.input.ident,
                        "an enum with data needs `#[serde(tag = \"..\")]` (and `content` for adjacent tagging): UnifiedModel reads internally and adjacently tagged enums of models",
                    );
                    return None;
                }
            }
        }
        RawBody::Unsupported => return None,
    };
    if let (Kind::Enum(_) | Kind::Tagged { .. }, Some(check)) = (&kind, raw.checks.first()) {
        cx.error_spanned_by(
            check,
            "`check` belongs on a struct or its fields (a tagged enum's variants' fields too): \
             an enum itself has no check",
        );
    }
    Some(Model {
        ident,
        set: quote!(#providers::Set),
        providers,
        core: crate::syntax::core_path(&raw),
        doc: with_check_note(raw.doc.clone(), &raw.checks),
        checks: raw.checks.clone(),
        kind,
    })
}

/// Two members that serde reads under one JSON name are an error on the second.
fn check_unique_names<'a>(cx: &Ctxt, members: impl Iterator<Item = (&'a String, &'a Ident)>) {
    let mut seen: Vec<&String> = Vec::new();
    for (name, ident) in members {
        if seen.contains(&name) {
            cx.error_spanned_by(
                ident,
                format!("another member already has the JSON name `{name}`"),
            );
        }
        seen.push(name);
    }
}

fn check_field<'a>(
    cx: &Ctxt,
    field: &RawField<'a>,
    raw: &RawModel<'_>,
    providers: &TokenStream,
) -> Field<'a> {
    let json_name = field.serde.rename.clone().unwrap_or_else(|| {
        let name = field.ident.unraw().to_string();
        raw.rename_all
            .map_or(name.clone(), |rule| rule.apply_to_field(&name))
    });
    let (ty, optional) = match option_inner(field.ty) {
        Some(inner) => (inner.clone(), true),
        None => (field.ty.clone(), false),
    };
    crate::serde_attrs::refuse_read_field(cx, &field.serde, optional);
    let presence = check_presence(cx, field, optional);
    let format = field.format.as_ref().and_then(|lit| {
        let value = lit.value();
        match FORMATS.iter().find(|(keyword, _)| *keyword == value) {
            Some((_, variant)) => Some(Ident::new(variant, lit.span())),
            None => {
                cx.error_spanned_by(
                    lit,
                    format!(
                        "unknown format `{value}`; expected one of: email, uri, date-time, uuid"
                    ),
                );
                None
            }
        }
    });
    let allowed = check_allowed(cx, field, &presence);
    let constraints = check_rules(cx, &field.rules, &presence);
    let doc = with_check_note(field.doc.clone(), &field.checks);
    let title = match &field.title {
        Some(title) => title.value(),
        None => crate::case::title_from_name(&json_name),
    };
    Field {
        ident: field.ident,
        json_name,
        ty,
        doc,
        title,
        presence,
        allow_empty: field.allow_empty.is_some(),
        format,
        allowed,
        constraints,
        checks: field.checks.clone(),
        providers: providers.clone(),
    }
}

fn check_presence(cx: &Ctxt, field: &RawField<'_>, optional: bool) -> Presence {
    let lists = field.required.iter().chain(&field.supported);
    if !optional {
        for list in lists {
            cx.error_spanned_by(
                list.attr.path(),
                "this field is not an `Option`, so every provider requires it; make it `Option<..>` to list the providers that require or support it",
            );
        }
        return Presence::Always;
    }
    if field.required.is_empty() && field.supported.is_empty() {
        return Presence::Everywhere;
    }
    let required = unique_ids(cx, &field.required, &[]);
    let supported = unique_ids(cx, &field.supported, &required);
    Presence::Listed {
        required,
        supported,
    }
}

/// The ids of `lists`, each once; an id listed twice, or already in `elsewhere` (required and
/// supported both), is an error on its second mention.
fn unique_ids(cx: &Ctxt, lists: &[ProviderList], elsewhere: &[Ident]) -> Vec<Ident> {
    let mut ids: Vec<Ident> = Vec::new();
    for id in lists.iter().flat_map(|list| &list.ids) {
        if elsewhere.contains(id) {
            cx.error_spanned_by(
                id,
                format!("`{id}` is both required and supported; required implies supported, so list it under `required` only"),
            );
        } else if ids.contains(id) {
            cx.error_spanned_by(id, format!("`{id}` is listed twice"));
        } else {
            ids.push(id.clone());
        }
    }
    ids
}

fn check_allowed(cx: &Ctxt, field: &RawField<'_>, presence: &Presence) -> Vec<Allowed> {
    let mut allowed: Vec<Allowed> = Vec::new();
    for (provider, values) in &field.allowed {
        if values.is_empty() {
            cx.error_spanned_by(
                provider,
                format!("`allowed` for `{provider}` lists no value"),
            );
            continue;
        }
        if let Presence::Listed {
            required,
            supported,
        } = presence
            && !required.contains(provider)
            && !supported.contains(provider)
        {
            cx.error_spanned_by(
                provider,
                format!("`{provider}` does not take this field, so it has no allowed values; list it in `required` or `supported`"),
            );
            continue;
        }
        if allowed.iter().any(|a| a.provider == *provider) {
            cx.error_spanned_by(provider, format!("`allowed` names `{provider}` twice"));
            continue;
        }
        allowed.push(Allowed {
            provider: provider.clone(),
            values: values.clone(),
        });
    }
    allowed
}

/// `T` when the type is `Option<T>` (also spelt `std::option::Option<T>`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// The doc comment with a note naming the custom checks, which the schema cannot express: where
/// the schema and the validator stop agreeing, the schema says so.
pub fn with_check_note(doc: Option<String>, checks: &[syn::ExprPath]) -> Option<String> {
    if checks.is_empty() {
        return doc;
    }
    let names: Vec<String> = checks
        .iter()
        .map(|check| {
            let path = &check.path;
            format!("`{}`", quote::quote!(#path).to_string().replace(' ', ""))
        })
        .collect();
    let note = format!(
        "Also checked in code by {}, which this schema does not express.",
        names.join(", ")
    );
    Some(match doc {
        Some(doc) => format!("{doc}\n\n{note}"),
        None => note,
    })
}
