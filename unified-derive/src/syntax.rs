//! Reads the derive input into a raw model: our attributes (`required`, `supported`, `unified`),
//! serde's renames and skips, and doc comments. Every problem is recorded and reading goes on.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, LitStr, Meta, Token, Type};

use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// Where an attribute was found, for "belongs on a field" errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Container,
    Field,
    Variant,
}

pub struct RawModel<'a> {
    pub input: &'a DeriveInput,
    pub providers: Option<syn::Path>,
    /// `#[unified(crate = path)]`: where the runtime crate is, for a facade that re-exports it.
    pub krate: Option<syn::Path>,
    pub rename_all: Option<RenameRule>,
    /// serde's `rename_all_fields`: how a tagged enum's variants name their fields.
    pub rename_all_fields: Option<LitStr>,
    pub doc: Option<String>,
    /// `#[unified(check = path)]` on the model.
    pub checks: Vec<syn::ExprPath>,
    /// serde's `tag` and `content`, for a tagged enum.
    pub tag: Option<LitStr>,
    pub content: Option<LitStr>,
    /// serde's container keys that change what deserializes and that the derive does not
    /// honour, for `check` to refuse.
    pub refused: Vec<syn::Path>,
    pub body: RawBody<'a>,
}

pub enum RawBody<'a> {
    Struct(Vec<RawField<'a>>),
    Enum(Vec<RawVariant<'a>>),
    /// A shape the derive does not take; the error is recorded.
    Unsupported,
}

pub struct RawField<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub required: Vec<ProviderList>,
    pub supported: Vec<ProviderList>,
    pub format: Option<LitStr>,
    /// `#[unified(title = "..")]`: the label forms show.
    pub title: Option<LitStr>,
    /// `#[unified(allow_empty)]`: where the field is required, an empty string or list is
    /// still a value.
    pub allow_empty: Option<syn::Path>,
    pub allowed: Vec<(Ident, Vec<LitStr>)>,
    pub rules: Vec<RawRule>,
    /// `#[unified(check = path)]` on the field.
    pub checks: Vec<syn::ExprPath>,
    pub serde: SerdeField,
    pub doc: Option<String>,
}

pub struct RawVariant<'a> {
    pub ident: &'a Ident,
    /// Its attributes, for the doc comment a variant with named fields passes on.
    pub attrs: &'a [Attribute],
    pub serde: SerdeField,
    pub shape: VariantShape<'a>,
}

/// What a variant holds.
pub enum VariantShape<'a> {
    /// Nothing: one allowed string.
    Unit,
    /// One model.
    Newtype(&'a Type),
    /// Named fields, read as a model of their own (`variant.rs`).
    Struct(&'a syn::FieldsNamed),
}

/// One constraint as written: `max_length = 255`, or `max_length(gorgias = 100)` (one per
/// provider named).
pub struct RawRule {
    /// The rule's name (`max_length`).
    pub key: Ident,
    /// The provider of a per-provider variant.
    pub provider: Option<Ident>,
    /// The value, with a leading `-` if it had one.
    pub value: RuleValue,
}

/// A rule's value as written.
pub struct RuleValue {
    /// A leading minus sign.
    pub minus: Option<Token![-]>,
    /// The literal.
    pub lit: syn::Lit,
}

impl syn::parse::Parse for RuleValue {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        Ok(RuleValue {
            minus: input.parse()?,
            lit: input.parse()?,
        })
    }
}

/// One `#[required(..)]` or `#[supported(..)]`.
pub struct ProviderList {
    pub attr: Attribute,
    pub ids: Vec<Ident>,
}

#[derive(Default)]
pub struct SerdeField {
    pub rename: Option<String>,
    /// A variant's `rename_all`: how its named fields are named.
    pub rename_all: Option<LitStr>,
    pub skip: bool,
    /// `default` or `default = "path"`: what gives a field serde does not find its value.
    pub default: Option<SerdeDefault>,
    /// serde's keys that change what deserializes and that the derive does not honour, for
    /// `check` to refuse where serde reads the member.
    pub refused: Vec<syn::Path>,
}

/// serde's `default` on a field, with its key for errors.
pub enum SerdeDefault {
    /// `default`: the type's `Default`.
    Trait(syn::Path),
    /// `default = "path"`: a function.
    Function(syn::Path, syn::ExprPath),
}

impl SerdeDefault {
    /// The function, for `default = "path"`.
    pub fn function(&self) -> Option<&syn::ExprPath> {
        match self {
            SerdeDefault::Trait(_) => None,
            SerdeDefault::Function(_, path) => Some(path),
        }
    }
}

pub fn parse<'a>(cx: &Ctxt, input: &'a DeriveInput) -> RawModel<'a> {
    let mut model = RawModel {
        input,
        providers: None,
        krate: None,
        rename_all: None,
        rename_all_fields: None,
        doc: doc_comment(&input.attrs),
        checks: Vec::new(),
        tag: None,
        content: None,
        refused: Vec::new(),
        body: RawBody::Unsupported,
    };
    for attr in &input.attrs {
        if attr.path().is_ident(UNIFIED) {
            parse_container_unified(
                cx,
                attr,
                &mut model.providers,
                &mut model.krate,
                &mut model.checks,
            );
        } else if attr.path().is_ident(SERDE) {
            parse_container_serde(cx, attr, &mut model);
        } else {
            reject_misplaced(cx, attr, Place::Container);
        }
    }
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "UnifiedModel does not take generic parameters: a model describes one JSON shape",
        );
    }
    model.body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => RawBody::Struct(
                fields
                    .named
                    .iter()
                    .map(|field| parse_field(cx, field))
                    .collect(),
            ),
            Fields::Unnamed(_) => {
                cx.error_spanned_by(
                    data.struct_token,
                    "UnifiedModel needs a struct with named fields, not a tuple struct: fields are JSON properties",
                );
                RawBody::Unsupported
            }
            Fields::Unit => {
                cx.error_spanned_by(
                    data.struct_token,
                    "UnifiedModel needs a struct with named fields, not a unit struct",
                );
                RawBody::Unsupported
            }
        },
        Data::Enum(data) => {
            let variants: Vec<RawVariant> = data
                .variants
                .iter()
                .filter_map(|variant| parse_variant(cx, variant))
                .collect();
            let has_fields = variants
                .iter()
                .any(|variant| matches!(variant.shape, VariantShape::Struct(_)));
            if let (Some(path), false) = (&model.providers, has_fields) {
                cx.error_spanned_by(
                    path,
                    "`providers` belongs on a struct, or on a tagged enum with variants that have \
                     named fields: this enum's variants name no providers",
                );
            }
            RawBody::Enum(variants)
        }
        Data::Union(data) => {
            cx.error_spanned_by(
                data.union_token,
                "UnifiedModel cannot be derived for a union; use a struct with named fields",
            );
            RawBody::Unsupported
        }
    };
    model
}

fn parse_field<'a>(cx: &Ctxt, field: &'a syn::Field) -> RawField<'a> {
    let mut raw = RawField {
        ident: field.ident.as_ref().expect("named fields have names"),
        ty: &field.ty,
        required: Vec::new(),
        supported: Vec::new(),
        format: None,
        title: None,
        allow_empty: None,
        allowed: Vec::new(),
        rules: Vec::new(),
        checks: Vec::new(),
        serde: SerdeField::default(),
        doc: doc_comment(&field.attrs),
    };
    for attr in &field.attrs {
        if attr.path().is_ident(REQUIRED) {
            raw.required.extend(parse_provider_list(cx, attr));
        } else if attr.path().is_ident(SUPPORTED) {
            raw.supported.extend(parse_provider_list(cx, attr));
        } else if attr.path().is_ident(UNIFIED) {
            parse_field_unified(cx, attr, &mut raw);
        } else if attr.path().is_ident(SERDE) {
            parse_serde_field(attr, &mut raw.serde, Place::Field);
        }
    }
    raw
}

fn parse_variant<'a>(cx: &Ctxt, variant: &'a syn::Variant) -> Option<RawVariant<'a>> {
    let mut serde = SerdeField::default();
    for attr in &variant.attrs {
        if attr.path().is_ident(SERDE) {
            parse_serde_field(attr, &mut serde, Place::Variant);
        } else {
            reject_misplaced(cx, attr, Place::Variant);
        }
    }
    let shape = match &variant.fields {
        Fields::Unit => VariantShape::Unit,
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            VariantShape::Newtype(&fields.unnamed[0].ty)
        }
        Fields::Named(fields) => VariantShape::Struct(fields),
        Fields::Unnamed(_) => {
            cx.error_spanned_by(
                &variant.fields,
                "UnifiedModel enums take unit variants (each one allowed string) or, with \
                 `#[serde(tag = \"..\")]`, variants with named fields or newtype variants that \
                 each hold a model",
            );
            return None;
        }
    };
    Some(RawVariant {
        ident: &variant.ident,
        attrs: &variant.attrs,
        serde,
        shape,
    })
}

/// Our attributes where they mean nothing are errors, never silently ignored.
fn reject_misplaced(cx: &Ctxt, attr: &Attribute, place: Place) {
    let path = attr.path();
    let Some(name) = OURS.into_iter().find(|name| path.is_ident(name)) else {
        return;
    };
    let message = match (name, place) {
        (UNIFIED, Place::Variant) => {
            "`#[unified(..)]` does not go on an enum variant; it belongs on the enum or struct, or on a field".to_owned()
        }
        (_, Place::Container) => {
            format!("`#[{name}(..)]` belongs on a field of the struct, not on the type itself")
        }
        _ => format!("`#[{name}(..)]` belongs on a field of a struct, not on an enum variant"),
    };
    cx.error_spanned_by(path, message);
}

fn parse_provider_list(cx: &Ctxt, attr: &Attribute) -> Option<ProviderList> {
    let name = attr
        .path()
        .get_ident()
        .map(Ident::to_string)
        .unwrap_or_default();
    let empty_message = format!(
        "`#[{name}]` needs at least one provider: `#[{name}(provider, ...)]`; to take the field for every provider, leave the attribute out"
    );
    let list = match &attr.meta {
        Meta::List(list) if list.tokens.is_empty() => {
            cx.error_spanned_by(attr.path(), empty_message);
            return None;
        }
        Meta::List(list) => list,
        _ => {
            cx.error_spanned_by(attr.path(), empty_message);
            return None;
        }
    };
    match list.parse_args_with(Punctuated::<Ident, Token![,]>::parse_terminated) {
        Ok(ids) => Some(ProviderList {
            attr: attr.clone(),
            ids: ids.into_iter().collect(),
        }),
        Err(error) => {
            cx.syn_error(syn::Error::new(
                error.span(),
                format!("expected provider ids separated by commas, as in `#[{name}(dixa, pivotal_tracker)]`"),
            ));
            None
        }
    }
}

fn parse_container_unified(
    cx: &Ctxt,
    attr: &Attribute,
    providers: &mut Option<syn::Path>,
    krate: &mut Option<syn::Path>,
    checks: &mut Vec<syn::ExprPath>,
) {
    let result = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident(CHECK) {
            checks.push(meta.value()?.parse()?);
            return Ok(());
        }
        if meta.path.is_ident(PROVIDERS) {
            let path: syn::Path = meta.value()?.parse()?;
            if providers.replace(path).is_some() {
                cx.error_spanned_by(&meta.path, "duplicate `providers` attribute");
            }
        } else if meta.path.is_ident(CRATE) {
            let path: syn::Path = meta.value()?.parse()?;
            if krate.replace(path).is_some() {
                cx.error_spanned_by(&meta.path, "duplicate `crate` attribute");
            }
        } else if meta.path.is_ident(FORMAT)
            || meta.path.is_ident(ALLOWED)
            || RULES.iter().any(|rule| meta.path.is_ident(rule))
        {
            let key = meta
                .path
                .get_ident()
                .map(Ident::to_string)
                .unwrap_or_default();
            cx.error_spanned_by(
                &meta.path,
                format!("`{key}` belongs on a field, not on the type"),
            );
            skip_value(meta.input)?;
        } else {
            cx.error_spanned_by(
                &meta.path,
                format!(
                    "unknown unified container attribute `{}`; expected `providers`, `crate` or `check`",
                    path_text(&meta.path)
                ),
            );
            skip_value(meta.input)?;
        }
        Ok(())
    });
    if let Err(error) = result {
        cx.syn_error(error);
    }
}

fn parse_field_unified(cx: &Ctxt, attr: &Attribute, raw: &mut RawField<'_>) {
    let result = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident(CHECK) {
            raw.checks.push(meta.value()?.parse()?);
            return Ok(());
        }
        if meta.path.is_ident(FORMAT) {
            let format: LitStr = meta.value()?.parse()?;
            if raw.format.replace(format).is_some() {
                cx.error_spanned_by(&meta.path, "duplicate `format` attribute");
            }
        } else if meta.path.is_ident(TITLE) {
            let title: LitStr = meta.value()?.parse()?;
            if raw.title.replace(title).is_some() {
                cx.error_spanned_by(&meta.path, "duplicate `title` attribute");
            }
        } else if meta.path.is_ident(ALLOW_EMPTY) {
            if raw.allow_empty.replace(meta.path.clone()).is_some() {
                cx.error_spanned_by(&meta.path, "duplicate `allow_empty` attribute");
            }
        } else if meta.path.is_ident(ALLOWED) {
            meta.parse_nested_meta(|inner| {
                let provider = inner.path.require_ident()?.clone();
                let values = inner.value()?;
                let content;
                syn::bracketed!(content in values);
                let values = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                raw.allowed.push((provider, values.into_iter().collect()));
                Ok(())
            })?;
        } else if let Some(key) = meta.path.get_ident().filter(|key| RULES.iter().any(|rule| key == rule)) {
            let key = key.clone();
            if meta.input.peek(Token![=]) {
                let value: RuleValue = meta.value()?.parse()?;
                raw.rules.push(RawRule {
                    key,
                    provider: None,
                    value,
                });
            } else if !meta.input.peek(syn::token::Paren) {
                // A flag (`unique_items`) is the rule set to `true`.
                let lit = syn::Lit::Bool(syn::LitBool::new(true, key.span()));
                raw.rules.push(RawRule {
                    key,
                    provider: None,
                    value: RuleValue { minus: None, lit },
                });
            } else {
                meta.parse_nested_meta(|inner| {
                    let provider = inner.path.require_ident()?.clone();
                    let value: RuleValue = inner.value()?.parse()?;
                    raw.rules.push(RawRule {
                        key: key.clone(),
                        provider: Some(provider),
                        value,
                    });
                    Ok(())
                })?;
            }
        } else if meta.path.is_ident(PROVIDERS) || meta.path.is_ident(CRATE) {
            let key = path_text(&meta.path);
            let on = if key == PROVIDERS { "struct" } else { "type" };
            cx.error_spanned_by(
                &meta.path,
                format!("`{key}` belongs on the {on}, not on a field"),
            );
            skip_value(meta.input)?;
        } else {
            cx.error_spanned_by(
                &meta.path,
                format!(
                    "unknown unified field attribute `{}`; expected `format`, `allowed`, `title`, `allow_empty`, `check` or a rule ({})",
                    path_text(&meta.path),
                    RULES.join(", ")
                ),
            );
            skip_value(meta.input)?;
        }
        Ok(())
    });
    if let Err(error) = result {
        cx.syn_error(error);
    }
}

fn parse_container_serde(cx: &Ctxt, attr: &Attribute, model: &mut RawModel<'_>) {
    let _ = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident(TAG) {
            model.tag = Some(meta.value()?.parse()?);
        } else if meta.path.is_ident(CONTENT) {
            model.content = Some(meta.value()?.parse()?);
        } else if meta.path.is_ident(RENAME_ALL_FIELDS) {
            // Checked as a rule where it applies, in each variant's hidden model.
            model.rename_all_fields = deserialize_name(&meta)?;
        } else if meta.path.is_ident(RENAME_ALL) {
            if let Some(name) = deserialize_name(&meta)? {
                match RenameRule::from_name(&name.value()) {
                    Some(rule) => model.rename_all = Some(rule),
                    None => cx.error_spanned_by(
                        &name,
                        format!(
                            "unknown rename rule `{}`; expected one of {}",
                            name.value(),
                            RenameRule::NAMES.join(", ")
                        ),
                    ),
                }
            }
        } else {
            if is_one_of(&meta.path, &REFUSED_ON_CONTAINER) {
                model.refused.push(meta.path.clone());
            }
            skip_value(meta.input)?;
        }
        Ok(())
    });
}

fn parse_serde_field(attr: &Attribute, serde: &mut SerdeField, place: Place) {
    // Malformed serde attributes are serde's to report.
    let _ = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident(RENAME) {
            if let Some(name) = deserialize_name(&meta)? {
                serde.rename = Some(name.value());
            }
        } else if meta.path.is_ident(RENAME_ALL) && place == Place::Variant {
            serde.rename_all = deserialize_name(&meta)?;
        } else if meta.path.is_ident(SKIP) || meta.path.is_ident(SKIP_DESERIALIZING) {
            serde.skip = true;
        } else if meta.path.is_ident(DEFAULT) && place == Place::Field {
            serde.default = Some(if meta.input.peek(Token![=]) {
                let path: LitStr = meta.value()?.parse()?;
                SerdeDefault::Function(meta.path.clone(), path.parse()?)
            } else {
                SerdeDefault::Trait(meta.path.clone())
            });
        } else {
            let refused: &[&str] = match place {
                Place::Variant => &REFUSED_ON_VARIANT,
                _ => &REFUSED_ON_FIELD,
            };
            if is_one_of(&meta.path, refused) {
                serde.refused.push(meta.path.clone());
            }
            skip_value(meta.input)?;
        }
        Ok(())
    });
}

/// The name serde deserializes with: `rename = "x"` or `rename(deserialize = "x")`.
fn deserialize_name(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        let value: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident(DESERIALIZE) {
            name = Some(value);
        }
        Ok(())
    })?;
    Ok(name)
}

/// The runtime crate's path: the model's `#[unified(crate = path)]`, or `::unified_core`.
pub fn core_path(raw: &RawModel<'_>) -> proc_macro2::TokenStream {
    match &raw.krate {
        Some(path) => quote::quote!(#path),
        None => quote::quote!(::unified_core),
    }
}

/// Consumes `= value` or `(..)` after a key we do not read.
fn skip_value(input: ParseStream<'_>) -> syn::Result<()> {
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        input.parse::<syn::Expr>()?;
    } else if input.peek(syn::token::Paren) {
        input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

/// Whether `path` is one of the keys `keys`.
fn is_one_of(path: &syn::Path, keys: &[&str]) -> bool {
    keys.iter().any(|key| path.is_ident(key))
}

/// The path as written, `r#` prefixes removed.
pub fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|segment| segment.ident.unraw().to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// The doc comment as text: lines of a paragraph joined by spaces, paragraphs by a blank line.
fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let mut text = String::new();
    let mut blank = false;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(DOC)) {
        let Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) = &nv.value
        else {
            continue;
        };
        for line in lit.value().lines() {
            let line = line.trim();
            if line.is_empty() {
                blank = !text.is_empty();
            } else {
                if !text.is_empty() {
                    text.push_str(if blank { "\n\n" } else { " " });
                }
                text.push_str(line);
                blank = false;
            }
        }
    }
    (!text.is_empty()).then_some(text)
}
