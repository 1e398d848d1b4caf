//! One field's rule as the runtime reads it: the views that take and need the field, its format,
//! allowed values and constraints, each with the views it applies to.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{Ident, LitStr};

use crate::emit::option_str;
use crate::model::{Constraint, Field, Presence, RuleKind};

/// Which views a mask holds, as the derive knows them: providers by id, and the unified target.
#[derive(Clone)]
enum Views<'a> {
    /// None at all.
    None,
    /// The providers listed, and the unified target if `unified`.
    Listed { ids: Vec<&'a Ident>, unified: bool },
    /// Every view but the providers listed, and but the unified target if `not_unified`.
    AllBut {
        ids: Vec<&'a Ident>,
        not_unified: bool,
    },
}

impl Views<'_> {
    /// The mask's tokens: its words, computed when the model is compiled, in a constant of
    /// their own (a mask is sized by the set, which only the compiler knows).
    fn emit(&self, core: &TokenStream, set: &TokenStream, providers: &TokenStream) -> TokenStream {
        let mask = quote!(#core::__private::Mask::<#set>);
        let (ids, unified, except) = match self {
            Views::None => return quote!(#mask::NONE),
            Views::Listed { ids, unified } => (ids, *unified, false),
            Views::AllBut { ids, not_unified } => (ids, *not_unified, true),
        };
        let ids = ids
            .iter()
            .map(|id| quote_spanned!(id.span()=> #providers::#id));
        quote! {
            #mask::from_words({
                const __WORDS: &[u64] = &#core::__private::mask_words::<
                    #set,
                    { #core::__private::mask_len(<#set as #core::__private::ProviderSet>::ALL.len()) },
                >(&[#(#ids),*], #unified, #except);
                __WORDS
            })
        }
    }
}

/// The `FieldRule` of `field`: which views take and need it, and its rules per view.
pub fn emit_rule(core: &TokenStream, set: &TokenStream, field: &Field<'_>) -> TokenStream {
    let name = &field.json_name;
    let providers = &field.providers;
    let mask = |views: Views<'_>| views.emit(core, set, providers);
    let every = || Views::AllBut {
        ids: Vec::new(),
        not_unified: false,
    };
    let (supported, required) = match &field.presence {
        Presence::Always => (every(), every()),
        Presence::Everywhere => (every(), Views::None),
        Presence::Listed {
            required,
            supported,
        } => (
            Views::Listed {
                ids: required.iter().chain(supported).collect(),
                unified: true,
            },
            Views::Listed {
                ids: required.iter().collect(),
                unified: false,
            },
        ),
    };
    let non_empty = if field.allow_empty {
        quote!(#core::__private::Mask::<#set>::NONE)
    } else {
        mask(required.clone())
    };
    let format = match &field.format {
        Some(variant) => {
            quote!(::core::option::Option::Some(#core::__private::Format::#variant))
        }
        None => quote!(::core::option::Option::None),
    };
    let allowed = same_values(field.allowed.iter().map(|allowed| {
        (
            &allowed.provider,
            format!(
                "{:?}",
                allowed.values.iter().map(LitStr::value).collect::<Vec<_>>()
            ),
            allowed,
        )
    }))
    .into_iter()
    .map(|(ids, allowed)| {
        let views = mask(Views::Listed {
            ids,
            unified: false,
        });
        let values = &allowed.values;
        quote! {
            #core::__private::AllowedValues {
                views: #views,
                values: &[#(#values),*],
            }
        }
    });
    let kept = || {
        field
            .constraints
            .iter()
            .filter(|constraint| !matches!(constraint.kind, RuleKind::UniqueItems(false)))
    };
    // Providers with the same value of a rule share one entry, so a field's entries grow with
    // its distinct values, not with the providers that set one. Each entry keeps the place of
    // its first constraint, so reports and schemas list rules in declaration order.
    let own = same_values(kept().filter_map(|constraint| {
        let provider = constraint.provider.as_ref()?;
        let rule = emit_rule_kind(core, &constraint.kind).to_string();
        Some((provider, format!("{} {rule}", constraint.key), constraint))
    }));
    let constraints: Vec<TokenStream> = kept()
        .filter_map(|constraint| {
            let views = match &constraint.provider {
                Some(_) => Views::Listed {
                    ids: own
                        .iter()
                        .find(|(_, first)| std::ptr::eq(*first, constraint))?
                        .0
                        .clone(),
                    unified: false,
                },
                None => every_provider_views(field, constraint, &supported),
            };
            let views = mask(views);
            let rule = emit_rule_kind(core, &constraint.kind);
            let per_provider = constraint.provider.is_some();
            Some(quote! {
                #core::__private::Constraint {
                    views: #views,
                    rule: #rule,
                    per_provider: #per_provider,
                }
            })
        })
        .collect();
    let description = option_str(&field.doc);
    let title = &field.title;
    let (supported, required) = (mask(supported), mask(required));
    quote! {
        #core::__private::FieldRule {
            name: #name,
            name_key: #core::__private::NameKey::of(#name),
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

/// The views a rule for every provider applies to: those that take the field, but the providers
/// with their own value of it (and then not the unified target, which takes no one provider's).
fn every_provider_views<'a>(
    field: &'a Field<'_>,
    constraint: &Constraint,
    supported: &Views<'a>,
) -> Views<'a> {
    let overridden: Vec<&Ident> = field
        .constraints
        .iter()
        .filter(|other| other.key == constraint.key)
        .filter_map(|other| other.provider.as_ref())
        .collect();
    let unified = overridden.is_empty();
    match supported {
        Views::Listed { ids, .. } => Views::Listed {
            ids: ids
                .iter()
                .filter(|id| !overridden.contains(id))
                .copied()
                .collect(),
            unified,
        },
        _ => Views::AllBut {
            ids: overridden,
            not_unified: !unified,
        },
    }
}

/// Per-provider items grouped by an equal `key` (a rule and its value, or a list of values): each
/// group's providers, in the order they first appear, with its first item.
fn same_values<'a, T>(
    items: impl Iterator<Item = (&'a Ident, String, T)>,
) -> Vec<(Vec<&'a Ident>, T)> {
    let mut groups: Vec<(String, Vec<&'a Ident>, T)> = Vec::new();
    for (provider, key, item) in items {
        match groups.iter_mut().find(|(seen, ..)| *seen == key) {
            Some((_, providers, _)) => providers.push(provider),
            None => groups.push((key, vec![provider], item)),
        }
    }
    groups
        .into_iter()
        .map(|(_, providers, item)| (providers, item))
        .collect()
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
