//! An object model: the per-field table, the slots one read fills, the dispatch on each field's
//! type, the assembly from the slots, and the field-type and schema impls that call into the
//! runtime's shared reader.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use crate::emit::rule::emit_rule;
use crate::emit::{emit_json_schema, option_str};
use crate::model::{Field, Model, Presence, RuleKind, Takes};

/// The impls of an object model: its rules, slots, reader dispatch and assembly.
pub fn emit_object(
    model: &Model<'_>,
    fields: &[Field<'_>],
    skipped: &[(&Ident, Option<syn::ExprPath>)],
) -> TokenStream {
    let (core, ident, set) = (&model.core, &model.ident, &model.set);
    let assertions = fields.iter().flat_map(|field| type_assertions(core, field));
    let field_count = fields.len();
    let object_model = emit_object_model(model, fields);
    let assemble = emit_assemble(core, ident, fields, skipped);
    let field_value = emit_field_value(core, ident, set);
    let names = fields.iter().map(|field| &field.json_name);
    let json_schema = emit_json_schema(core, ident, set);
    quote! {
        #(#assertions)*

        const _: () = ::core::assert!(
            #field_count <= #core::__private::MAX_FIELDS,
            "a unified model has at most 128 fields",
        );

        #object_model

        #assemble

        #field_value

        #[automatically_derived]
        impl #core::__private::UnifiedModel<#set> for #ident {}

        #[automatically_derived]
        impl #core::__private::StructMembers for #ident {
            const MEMBERS: &'static [&'static str] = &[#(#names),*];
        }

        #json_schema
    }
}

/// Compile-time checks that a field's rules suit its type (`format` on a string, `minimum` on a
/// number, `min_items` on a list), spanned on the type.
fn type_assertions<'a>(
    core: &'a TokenStream,
    field: &'a Field<'_>,
) -> impl Iterator<Item = TokenStream> + 'a {
    let ty = &field.ty;
    let takes = |kind: Takes| field.constraints.iter().any(|c| c.kind.takes() == kind);
    let string = field.format.is_some() || !field.allowed.is_empty() || takes(Takes::String);
    [
        (string, quote!(assert_string_field)),
        (takes(Takes::Number), quote!(assert_number_field)),
        (takes(Takes::List), quote!(assert_list_field)),
    ]
    .into_iter()
    .filter(|(applies, _)| *applies)
    .map(move |(_, assert)| {
        quote_spanned! {ty.span()=>
            const _: () = #core::__private::#assert::<#ty>();
        }
    })
}

/// The `ObjectModel` impl: the rule table, the field lookup, and the dispatch on field types.
fn emit_object_model(model: &Model<'_>, fields: &[Field<'_>]) -> TokenStream {
    let (core, ident, set) = (&model.core, &model.ident, &model.set);
    let mode = quote!(#core::__private::Mode);
    let name = ident.to_string();
    let description = option_str(&model.doc);
    let rules = fields.iter().map(|field| emit_rule(core, set, field));
    let names = fields.iter().map(|field| &field.json_name);
    let indices = 0..fields.len();
    let dispatch = fields.iter().enumerate().map(|(index, field)| {
        let ty = &field.ty;
        quote_spanned! {crate::span::at(ty)=>
            #index => ::core::option::Option::Some(
                #core::__private::FieldVisitor::<#set>::visit::<#ty>(__visitor, &Self::RULES[#index])
            )
        }
    });
    let reads = fields
        .iter()
        .enumerate()
        .map(|(index, field)| emit_field_read(core, set, index, field));
    let model_checks = (!model.checks.is_empty()).then(|| {
        let checks = model.checks.iter().map(|check| {
            quote_spanned!(check.span()=> #core::__private::field_check::<#set, Self>(#check))
        });
        quote! {
            const CHECKS: &'static [#core::__private::FieldCheck<#set, Self>] = &[#(#checks),*];
        }
    });
    quote! {
        #[automatically_derived]
        impl #core::__private::ObjectModel<#set> for #ident {
            const NAME: &'static str = #name;
            const DESCRIPTION: ::core::option::Option<&'static str> = #description;
            const RULES: &'static [#core::__private::FieldRule<#set>] = &[#(#rules),*];
            const REQUIRED_BY_VIEW: &'static [u128] = &#core::__private::required_by_view::<
                #set,
                { <#set as #core::__private::ProviderSet>::ALL.len() + 1 },
            >(Self::RULES);
            #model_checks

            fn field_index(__key: &str) -> ::core::option::Option<usize> {
                match __key {
                    #(#names => ::core::option::Option::Some(#indices),)*
                    _ => ::core::option::Option::None,
                }
            }

            fn field<__V: #core::__private::FieldVisitor<#set>>(
                __index: usize,
                __visitor: __V,
            ) -> ::core::option::Option<__V::Output> {
                match __index {
                    #(#dispatch,)*
                    _ => ::core::option::Option::None,
                }
            }

            #[inline]
            fn read_field<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __slots: &mut Self::Slots<__B>,
                __index: usize,
                __input: __D,
                __reading: #core::__private::Reading<'_, #set, __R>,
            ) -> ::core::result::Result<(), __D::Error> {
                match __index {
                    #(#reads,)*
                    _ => #core::__private::skip(__input),
                }
            }
        }
    }
}

/// The arm of `read_field` for field `index`: its type's reader into its slot, through its
/// custom checks (and `unique_items`, which is one) when it has any.
fn emit_field_read(
    core: &TokenStream,
    set: &TokenStream,
    index: usize,
    field: &Field<'_>,
) -> TokenStream {
    let ty = &field.ty;
    let slot = syn::Index::from(index);
    let unique = field
        .constraints
        .iter()
        .any(|c| matches!(c.kind, RuleKind::UniqueItems(true)));
    if field.checks.is_empty() && !unique {
        return quote_spanned! {crate::span::at(ty)=>
            #index => {
                __slots.#slot = <#ty as #core::__private::FieldValue<#set>>::read::<__B, __D, __R>(
                    __input, __reading,
                )?;
                ::core::result::Result::Ok(())
            }
        };
    }
    // Each check runs on the value as it takes it: the field's type, or a list as a slice.
    let as_taken = |check: TokenStream, span: proc_macro2::Span| {
        quote_spanned! {span=>
            #core::__private::field_check::<#set, #ty>(|__value, __checker| {
                #core::__private::check_as(__value, __checker, #check)
            })
        }
    };
    let unique = unique.then(|| {
        let unique = quote_spanned!(ty.span()=> #core::__private::unique_items::<#set, _>);
        as_taken(unique, ty.span())
    });
    let checks = field
        .checks
        .iter()
        .map(|check| as_taken(quote!(#check), check.span()))
        .chain(unique);
    quote_spanned! {crate::span::at(ty)=>
        #index => {
            __slots.#slot = #core::__private::read_checked::<#set, #ty, __B, __D, __R>(
                __input, __reading, &[#(#checks),*],
            )?;
            ::core::result::Result::Ok(())
        }
    }
}

/// The `Assemble` impl: one slot per field, and the model built from them (serde's skipped
/// fields from their `default`).
fn emit_assemble(
    core: &TokenStream,
    ident: &Ident,
    fields: &[Field<'_>],
    skipped: &[(&Ident, Option<syn::ExprPath>)],
) -> TokenStream {
    let mode = quote!(#core::__private::Mode);
    let slot_types = fields.iter().map(|field| {
        let ty = &field.ty;
        quote!(<__B as #mode>::Out<#ty>)
    });
    let empty_slots = fields.iter().map(|field| {
        let ty = &field.ty;
        quote!(<__B as #mode>::none::<#ty>())
    });
    // No fields: no slots, and `()` is the block's own value.
    let empty_slots = if fields.is_empty() {
        quote!()
    } else {
        quote!((#(#empty_slots,)*))
    };
    let slot_names: Vec<Ident> = (0..fields.len())
        .map(|index| quote::format_ident!("__slot{}", index))
        .collect();
    let skipped = skipped.iter().map(|(name, default)| match default {
        Some(path) => quote!(#name: #path()),
        None => quote!(#name: ::core::default::Default::default()),
    });
    let assembled = fields.iter().zip(&slot_names).map(|(field, slot)| {
        let name = field.ident;
        match field.presence {
            Presence::Always => quote!(#name: #slot?),
            _ => quote!(#name: #slot),
        }
    });
    quote! {
        #[automatically_derived]
        impl #core::__private::Assemble for #ident {
            type Slots<__B: #mode> = (#(#slot_types,)*);

            fn slots<__B: #mode>() -> Self::Slots<__B> {
                #empty_slots
            }

            fn assemble(
                __slots: Self::Slots<#core::__private::Build>,
            ) -> ::core::option::Option<Self> {
                #[allow(clippy::let_unit_value)]
                let (#(#slot_names,)*) = __slots;
                ::core::option::Option::Some(Self {
                    #(#assembled,)*
                    #(#skipped,)*
                })
            }
        }
    }
}

/// The `FieldValue` impl: the model's schema and its reader, both the runtime's shared code.
fn emit_field_value(core: &TokenStream, ident: &Ident, set: &TokenStream) -> TokenStream {
    let mode = quote!(#core::__private::Mode);
    quote! {
        #[automatically_derived]
        impl #core::__private::FieldValue<#set> for #ident {
            const OBJECTS_ONLY: bool =
                #core::__private::objects_only::<#set, #core::__private::Fields<Self>>();

            fn schema(__view: #core::__private::Target<#set>) -> #core::__private::Schema {
                #core::__private::object_schema::<#set, Self>(__view)
            }

            fn patch_schema(__view: #core::__private::Target<#set>) -> #core::__private::Schema {
                #core::__private::object_patch_schema::<#set, Self>(__view)
            }

            #[inline]
            fn read<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __input: __D,
                __reading: #core::__private::Reading<'_, #set, __R>,
            ) -> ::core::result::Result<<__B as #mode>::Out<Self>, __D::Error> {
                #core::__private::read_with::<#set, _, __B, __D, __R>(
                    __input,
                    #core::__private::Fields::<Self>(::core::marker::PhantomData),
                    <Self as #core::__private::FieldValue<#set>>::EMPTINESS,
                    __reading,
                )
            }
        }
    }
}
