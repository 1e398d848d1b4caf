//! Turns the raw model into one the generator can trust: resolves JSON names, and rejects
//! provider lists that contradict themselves, each error spanned on the offending token.
//! Whether a provider id exists is left to the compiler, which resolves each id in the
//! provider set's module and points at the misspelt token with a suggestion.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{GenericArgument, Ident, PathArguments, Type};

use crate::ctxt::Ctxt;
use crate::model::{Allowed, Field, Kind, Model, Presence};
use crate::syntax::{ProviderList, RawBody, RawField, RawModel};

/// Most fields in one model: the validator records seen fields in one 128-bit word.
const MAX_FIELDS: usize = 128;
const FORMATS: [(&str, &str); 4] = [
    ("email", "Email"),
    ("uri", "Uri"),
    ("date-time", "DateTime"),
    ("uuid", "Uuid"),
];

pub fn check(cx: &Ctxt, raw: RawModel<'_>) -> Option<Model> {
    let ident = raw.input.ident.clone();
    let providers = match &raw.providers {
        Some(path) => path.to_token_stream(),
        None => quote_spanned!(ident.span()=> providers),
    };
    let kind = match &raw.body {
        RawBody::Struct(fields) => {
            let fields: Vec<Field> = fields
                .iter()
                .filter(|field| !field.serde.skip)
                .filter_map(|field| check_field(cx, field, &raw, &providers))
                .collect();
            if fields.len() > MAX_FIELDS {
                cx.error_spanned_by(
                    &raw.input.ident,
                    format!("a unified model has at most {MAX_FIELDS} fields"),
                );
            }
            check_unique_names(cx, &raw.input.ident, fields.iter().map(|f| &f.json_name));
            Kind::Struct(fields)
        }
        RawBody::Enum(variants) => {
            if variants.is_empty() {
                cx.error_spanned_by(
                    &raw.input.ident,
                    "a UnifiedModel enum needs at least one variant: each is one allowed string",
                );
            }
            let names: Vec<String> = variants
                .iter()
                .filter(|variant| !variant.serde.skip)
                .map(|variant| {
                    variant.serde.rename.clone().unwrap_or_else(|| {
                        let name = variant.ident.unraw().to_string();
                        raw.rename_all
                            .map_or(name.clone(), |rule| rule.apply_to_variant(&name))
                    })
                })
                .collect();
            check_unique_names(cx, &raw.input.ident, names.iter());
            Kind::Enum(names)
        }
        RawBody::Unsupported => return None,
    };
    Some(Model {
        ident,
        set: quote!(#providers::Set),
        doc: raw.doc,
        kind,
    })
}

fn check_unique_names<'a>(cx: &Ctxt, ident: &Ident, names: impl Iterator<Item = &'a String>) {
    let mut seen: Vec<&String> = Vec::new();
    for name in names {
        if seen.contains(&name) {
            cx.error_spanned_by(ident, format!("two members have the JSON name `{name}`"));
        }
        seen.push(name);
    }
}

fn check_field(
    cx: &Ctxt,
    field: &RawField<'_>,
    raw: &RawModel<'_>,
    providers: &TokenStream,
) -> Option<Field> {
    let json_name = field.serde.rename.clone().unwrap_or_else(|| {
        let name = field.ident.unraw().to_string();
        raw.rename_all
            .map_or(name.clone(), |rule| rule.apply_to_field(&name))
    });
    let (ty, optional) = match option_inner(field.ty) {
        Some(inner) => (inner.clone(), true),
        None => (field.ty.clone(), false),
    };
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
    Some(Field {
        json_name,
        ty,
        doc: field.doc.clone(),
        presence,
        format,
        allowed,
        providers: providers.clone(),
    })
}

fn check_presence(cx: &Ctxt, field: &RawField<'_>, optional: bool) -> Presence {
    let lists = field.required.iter().chain(&field.supported);
    if !optional {
        for list in lists {
            cx.error_spanned_by(
                &list.attr,
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
