//! Generates the impls for a checked model. Generated code reaches the runtime only through
//! `#core::__private`, and holds just the per-field table, the slots one read fills, the
//! dispatch on each field's type, the assembly of the model from its slots and the call that
//! has the provider set's module generate the views (`views.rs`): the reader itself is shared
//! code in `unified-core`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use crate::model::{Field, Kind, Model, Presence, RuleKind, TaggedVariant, Takes};

/// The impls of `model`, with the hidden models of a tagged enum's variants that have named
/// fields (each with its definition).
pub fn emit(
    model: &Model<'_>,
    input: &syn::DeriveInput,
    hidden: &[(Model<'_>, &syn::DeriveInput)],
) -> TokenStream {
    let body = match &model.kind {
        Kind::Struct { fields, skipped } => {
            let core = &model.core;
            let providers = &model.providers;
            let model_impls = emit_struct(model, fields, skipped);
            // The views are items of the model's module, so they are outside the `const _`.
            let views = quote!(#providers::__unified_views! { (#core) #input });
            return quote! {
                #[doc(hidden)]
                const _: () = {
                    #model_impls
                };

                #views
            };
        }
        Kind::Enum(names) => emit_enum(model, names),
        Kind::Tagged {
            tag,
            content,
            variants,
        } => {
            let hidden = hidden.iter().map(|(model, input)| {
                let definition = crate::variant::definition(input);
                let impls = match &model.kind {
                    Kind::Struct { fields, skipped } => emit_struct(model, fields, skipped),
                    _ => TokenStream::new(),
                };
                quote!(#definition #impls)
            });
            let tagged = emit_tagged(model, tag, content.as_ref(), variants);
            quote!(#(#hidden)* #tagged)
        }
    };
    quote! {
        #[doc(hidden)]
        const _: () = {
            #body
        };
    }
}

fn option_str(text: &Option<String>) -> TokenStream {
    match text {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    }
}

fn emit_struct(
    model: &Model<'_>,
    fields: &[Field<'_>],
    skipped: &[(&Ident, Option<syn::ExprPath>)],
) -> TokenStream {
    let core = &model.core;
    let ident = &model.ident;
    let set = &model.set;
    let name = ident.to_string();
    let description = option_str(&model.doc);
    let rules = fields.iter().map(|field| emit_rule(core, set, field));
    let names: Vec<&String> = fields.iter().map(|field| &field.json_name).collect();
    let indices: Vec<usize> = (0..fields.len()).collect();
    let dispatch = fields.iter().zip(&indices).map(|(field, index)| {
        let ty = &field.ty;
        quote_spanned! {ty.span()=>
            #index => ::core::option::Option::Some(
                #core::__private::FieldVisitor::<#set>::visit::<#ty>(__visitor, &Self::RULES[#index])
            )
        }
    });
    let string_assertions = fields.iter().flat_map(|field| {
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
    });
    let json_schema = emit_json_schema(core, ident, set);
    let field_count = fields.len();
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
    let reads = fields.iter().zip(&indices).map(|(field, index)| {
        let ty = &field.ty;
        let slot = syn::Index::from(*index);
        let unique = field
            .constraints
            .iter()
            .any(|c| matches!(c.kind, RuleKind::UniqueItems(true)));
        if field.checks.is_empty() && !unique {
            return quote_spanned! {ty.span()=>
                #index => {
                    __slots.#slot = <#ty as #core::__private::FieldValue<#set>>::read::<__B, __D, __R>(
                        __input, __reading,
                    )?;
                    ::core::result::Result::Ok(())
                }
            };
        }
        let unique = unique.then(|| {
            quote_spanned!(ty.span()=> #core::__private::field_check::<#set, #ty>(#core::__private::unique_items::<#set, _>))
        });
        let checks = field.checks.iter().map(|check| {
            quote_spanned!(check.span()=> #core::__private::field_check::<#set, #ty>(#check))
        }).chain(unique);
        quote_spanned! {ty.span()=>
            #index => {
                __slots.#slot = #core::__private::read_checked::<#set, #ty, __B, __D, __R>(
                    __input, __reading, &[#(#checks),*],
                )?;
                ::core::result::Result::Ok(())
            }
        }
    });
    let model_checks = (!model.checks.is_empty()).then(|| {
        let checks = model.checks.iter().map(|check| {
            quote_spanned!(check.span()=> #core::__private::field_check::<#set, Self>(#check))
        });
        quote! {
            const CHECKS: &'static [#core::__private::FieldCheck<#set, Self>] = &[#(#checks),*];
        }
    });
    let slot_names: Vec<Ident> = indices
        .iter()
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
        #(#string_assertions)*

        const _: () = ::core::assert!(
            #field_count <= #core::__private::MAX_FIELDS,
            "a unified model has at most 128 fields",
        );

        #[automatically_derived]
        impl #core::__private::ObjectModel<#set> for #ident {
            const NAME: &'static str = #name;
            const DESCRIPTION: ::core::option::Option<&'static str> = #description;
            const RULES: &'static [#core::__private::FieldRule<#set>] = &[#(#rules),*];
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

        #[automatically_derived]
        impl #core::__private::FieldValue<#set> for #ident {
            fn schema(__view: #core::__private::View<#set>) -> #core::__private::Schema {
                #core::__private::object_schema::<#set, Self>(__view)
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

        #[automatically_derived]
        impl #core::__private::UnifiedModel<#set> for #ident {}

        #[automatically_derived]
        impl #core::__private::StructMembers for #ident {
            const MEMBERS: &'static [&'static str] = &[#(#names),*];
        }

        #json_schema
    }
}

fn emit_rule(core: &TokenStream, set: &TokenStream, field: &Field<'_>) -> TokenStream {
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
                    // With per-provider variants, the unified view takes no one provider's limit.
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

fn emit_enum(model: &Model<'_>, variants: &[(String, &Ident)]) -> TokenStream {
    let core = &model.core;
    let ident = &model.ident;
    let description = option_str(&model.doc);
    let json_schema = emit_json_schema(core, ident, &quote!(#core::__private::NoProviders));
    let mode = quote!(#core::__private::Mode);
    let names = variants.iter().map(|(name, _)| name);
    let positions = variants.iter().enumerate().map(
        |(index, (_, variant))| quote!(#index => ::core::option::Option::Some(#ident::#variant)),
    );
    let titles = variants
        .iter()
        .map(|(name, _)| crate::case::title_from_name(name));
    quote! {
        const __NAMES: &[&str] = &[#(#names),*];
        const __TITLES: &[&str] = &[#(#titles),*];

        fn __variant(__index: usize) -> ::core::option::Option<#ident> {
            match __index {
                #(#positions,)*
                _ => ::core::option::Option::None,
            }
        }

        #[automatically_derived]
        impl<__P: #core::ProviderType> #core::FieldView<__P> for #ident {
            type View = Self;

            fn view(self, _: &#core::__private::Sealed) -> ::core::option::Option<Self> {
                ::core::option::Option::Some(self)
            }
        }

        // A unit enum's values are its names, so items equal as Rust values are equal as JSON.
        #[automatically_derived]
        impl #core::__private::UniqueItem for #ident {}

        #[automatically_derived]
        impl<__S: #core::__private::ProviderSet> #core::__private::FieldValue<__S> for #ident {
            fn schema(_: #core::__private::View<__S>) -> #core::__private::Schema {
                #core::__private::unit_enum_schema(__NAMES, __TITLES, #description)
            }

            fn read<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __input: __D,
                __reading: #core::__private::Reading<'_, __S, __R>,
            ) -> ::core::result::Result<<__B as #mode>::Out<Self>, __D::Error> {
                #core::__private::read_with::<__S, _, __B, __D, __R>(
                    __input,
                    #core::__private::Names {
                        names: __NAMES,
                        variant: __variant,
                    },
                    <Self as #core::__private::FieldValue<__S>>::EMPTINESS,
                    __reading,
                )
            }
        }

        #json_schema
    }
}

/// A tagged enum of models: a field type (not a document of its own), read by the tag and
/// described as a `oneOf`, for every provider set its variants' models belong to.
fn emit_tagged(
    model: &Model<'_>,
    tag: &syn::LitStr,
    content: Option<&syn::LitStr>,
    variants: &[TaggedVariant<'_>],
) -> TokenStream {
    let core = &model.core;
    let ident = &model.ident;
    let description = option_str(&model.doc);
    let mode = quote!(#core::__private::Mode);
    let names = variants.iter().map(|variant| &variant.json_name);
    let types: Vec<&syn::Type> = variants.iter().map(|variant| &variant.ty).collect();
    let internal = content.is_none();
    let tag_title = crate::case::title_from_name(&tag.value());
    let content_title =
        option_str(&content.map(|content| crate::case::title_from_name(&content.value())));
    let content = match content {
        Some(content) => quote!(::core::option::Option::Some(#content)),
        None => quote!(::core::option::Option::None),
    };
    let schemas = types.iter().enumerate().map(|(index, ty)| {
        quote_spanned!(ty.span()=> #index => <#ty as #core::__private::FieldValue<__S>>::schema(__view))
    });
    let reads = variants.iter().enumerate().map(|(index, variant)| {
        let (ty, name) = (&variant.ty, variant.ident);
        let into_variant = match &variant.fields {
            None => quote!(#ident::#name),
            Some(fields) => quote!(|__fields: #ty| #ident::#name { #(#fields: __fields.#fields,)* }),
        };
        quote_spanned! {ty.span()=>
            #index => <#ty as #core::__private::FieldValue<__S>>::read::<__B, __D, __R>(__input, __reading)
                .map(|__out| <__B as #mode>::map(__out, #into_variant))
        }
    });
    // Beside an internal tag, a newtype's model must not have a member named like the tag
    // (the derive checks variants with named fields itself).
    let tag_free = variants
        .iter()
        .filter(|variant| internal && variant.fields.is_none())
        .map(|variant| {
            let ty = &variant.ty;
            quote_spanned! {ty.span()=>
                const _: () = ::core::assert!(
                    !#core::__private::has_member(
                        <#ty as #core::__private::StructMembers>::MEMBERS,
                        #tag,
                    ),
                    "the variant's model has a field named like the enum's tag: serde reads that member as the tag, so rename the field or the tag, or use `content` for adjacent tagging",
                );
            }
        });
    quote! {
        #(#tag_free)*

        #[automatically_derived]
        impl<__P: #core::ProviderType> #core::FieldView<__P> for #ident {
            type View = Self;

            fn view(self, _: &#core::__private::Sealed) -> ::core::option::Option<Self> {
                ::core::option::Option::Some(self)
            }
        }

        #[automatically_derived]
        impl<__S: #core::__private::ProviderSet> #core::__private::TaggedEnum<__S> for #ident
        where
            #(#types: #core::__private::FieldValue<__S>,)*
        {
            const TAG: &'static str = #tag;
            const CONTENT: ::core::option::Option<&'static str> = #content;
            const VARIANTS: &'static [&'static str] = &[#(#names),*];
            const TITLES: (&'static str, ::core::option::Option<&'static str>) = (#tag_title, #content_title);

            fn variant_schema(
                __index: usize,
                __view: #core::__private::View<__S>,
            ) -> #core::__private::Schema {
                match __index {
                    #(#schemas,)*
                    _ => #core::__private::Schema::default(),
                }
            }

            fn read_variant<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __index: usize,
                __input: __D,
                __reading: #core::__private::Reading<'_, __S, __R>,
            ) -> ::core::result::Result<<__B as #mode>::Out<Self>, __D::Error> {
                match __index {
                    #(#reads,)*
                    _ => ::core::result::Result::Ok(<__B as #mode>::none()),
                }
            }
        }

        #[automatically_derived]
        impl<__S: #core::__private::ProviderSet> #core::__private::FieldValue<__S> for #ident
        where
            #(#types: #core::__private::FieldValue<__S>,)*
        {
            fn schema(__view: #core::__private::View<__S>) -> #core::__private::Schema {
                #core::__private::tagged_schema::<__S, Self>(__view, #description)
            }

            fn read<'__de, __B: #mode, __D: #core::__private::Deserializer<'__de>, __R: #core::__private::Recorder>(
                __input: __D,
                __reading: #core::__private::Reading<'_, __S, __R>,
            ) -> ::core::result::Result<<__B as #mode>::Out<Self>, __D::Error> {
                #core::__private::read_with::<__S, _, __B, __D, __R>(
                    __input,
                    #core::__private::Tagged::<Self>(::core::marker::PhantomData),
                    <Self as #core::__private::FieldValue<__S>>::EMPTINESS,
                    __reading,
                )
            }
        }
    }
}

/// The `schemars::JsonSchema` impl: the provider-agnostic (unified) view.
fn emit_json_schema(core: &TokenStream, ident: &Ident, set: &TokenStream) -> TokenStream {
    let name = ident.to_string();
    quote! {
        #[automatically_derived]
        impl #core::__private::schemars::JsonSchema for #ident {
            fn schema_name() -> #core::__private::Cow<'static, str> {
                #core::__private::Cow::Borrowed(#name)
            }

            fn schema_id() -> #core::__private::Cow<'static, str> {
                #core::__private::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", #name))
            }

            fn json_schema(
                _: &mut #core::__private::schemars::SchemaGenerator,
            ) -> #core::__private::Schema {
                <Self as #core::__private::FieldValue<#set>>::schema(
                    #core::__private::View::UNIFIED,
                )
            }
        }
    }
}
