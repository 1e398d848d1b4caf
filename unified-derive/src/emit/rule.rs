//! One field's rule as the runtime reads it: the views that take and need the field, its format,
//! allowed values and constraints, each with the views it applies to.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::emit::option_str;
use crate::model::{Field, Presence, RuleKind};

/// The `FieldRule` of `field`: which views take and need it, and its rules per view.
pub fn emit_rule(core: &TokenStream, set: &TokenStream, field: &Field<'_>) -> TokenStream {
    let name = &field.json_name;
    let mask = quote!(#core::__private::Mask::<#set>);
    let with = |ids: &[&Ident]| -> Vec<TokenStream> {
        let providers = &field.providers;
        ids.iter()
            .map(|id| quote_spanned!(id.span()=> .with(#providers::#id)))
            .collect()
    };
    let (supported, required) = match &field.presence {
        Presence::Always => (quote!(#mask::ALL), quote!(#mask::ALL)),
        Presence::Everywhere => (quote!(#mask::ALL), quote!(#mask::NONE)),
        Presence::Listed {
            required,
            supported,
        } => {
            let all: Vec<&Ident> = required.iter().chain(supported).collect();
            let supported = with(&all);
            let required = with(&required.iter().collect::<Vec<_>>());
            (
                quote!(#mask::UNIFIED #(#supported)*),
                quote!(#mask::NONE #(#required)*),
            )
        }
    };
    let non_empty = if field.allow_empty {
        quote!(#mask::NONE)
    } else {
        required.clone()
    };
    let format = match &field.format {
        Some(variant) => {
            quote!(::core::option::Option::Some(#core::__private::Format::#variant))
        }
        None => quote!(::core::option::Option::None),
    };
    let allowed = field.allowed.iter().map(|allowed| {
        let views = with(&[&allowed.provider]);
        let values = &allowed.values;
        quote! {
            #core::__private::AllowedValues {
                views: #mask::NONE #(#views)*,
                values: &[#(#values),*],
            }
        }
    });
    let constraints = field
        .constraints
        .iter()
        .filter(|constraint| !matches!(constraint.kind, RuleKind::UniqueItems(false)))
        .map(|constraint| {
            let views = match &constraint.provider {
                Some(provider) => {
                    let with = with(&[provider]);
                    quote!(#mask::NONE #(#with)*)
                }
                None => {
                    let providers = &field.providers;
                    let overridden: Vec<&Ident> = field
                        .constraints
                        .iter()
                        .filter(|other| other.key == constraint.key)
                        .filter_map(|other| other.provider.as_ref())
                        .collect();
                    let without = overridden
                        .iter()
                        .map(|id| quote_spanned!(id.span()=> .without(#providers::#id)));
                    // With per-provider variants, the unified target takes no one provider's limit.
                    let unified = (!overridden.is_empty()).then(|| quote!(.without_unified()));
                    quote!(#supported #(#without)* #unified)
                }
            };
            let rule = emit_rule_kind(core, &constraint.kind);
            let per_provider = constraint.provider.is_some();
            quote! {
                #core::__private::Constraint {
                    views: #views,
                    rule: #rule,
                    per_provider: #per_provider,
                }
            }
        });
    let description = option_str(&field.doc);
    let title = &field.title;
    quote! {
        #core::__private::FieldRule {
            name: #name,
            title: #title,
            supported: #supported,
            required: #required,
            non_empty: #non_empty,
            format: #format,
            allowed: &[#(#allowed),*],
            constraints: &[#(#constraints),*],
            description: #description,
        }
    }
}

/// A constraint's rule as a `Rule` value; a pattern with the static cell its matcher lives in.
fn emit_rule_kind(core: &TokenStream, kind: &RuleKind) -> TokenStream {
    let rule = quote!(#core::__private::Rule);
    let number = |value: f64| {
        let magnitude = proc_macro2::Literal::f64_suffixed(value.abs());
        if value < 0.0 {
            quote!(-#magnitude)
        } else {
            quote!(#magnitude)
        }
    };
    match kind {
        RuleKind::MinLength(n) => quote!(#rule::MinLength(#n)),
        RuleKind::MaxLength(n) => quote!(#rule::MaxLength(#n)),
        RuleKind::MinItems(n) => quote!(#rule::MinItems(#n)),
        RuleKind::MaxItems(n) => quote!(#rule::MaxItems(#n)),
        RuleKind::MultipleOf(n) => quote!(#rule::MultipleOf(#n)),
        RuleKind::Minimum(n) => {
            let n = number(*n);
            quote!(#rule::Minimum(#n))
        }
        RuleKind::Maximum(n) => {
            let n = number(*n);
            quote!(#rule::Maximum(#n))
        }
        RuleKind::ExclusiveMinimum(n) => {
            let n = number(*n);
            quote!(#rule::ExclusiveMinimum(#n))
        }
        RuleKind::ExclusiveMaximum(n) => {
            let n = number(*n);
            quote!(#rule::ExclusiveMaximum(#n))
        }
        RuleKind::UniqueItems(_) => quote!(#rule::UniqueItems),
        RuleKind::Pattern { source, translated } => quote! {
            #rule::Pattern(&#core::__private::Pattern::new(#source, #translated, {
                fn __cell() -> &'static #core::__private::PatternCell {
                    static __CELL: #core::__private::PatternCell =
                        #core::__private::OnceLock::new();
                    &__CELL
                }
                __cell
            }))
        },
    }
}
