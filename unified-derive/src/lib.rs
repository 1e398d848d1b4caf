//! `#[derive(UnifiedModel)]`, re-exported by `unified-core`; see its documentation for the
//! attributes. Use it through `unified-core` with its `derive` feature (the default): the
//! generated per-provider views call back into it.
//!
//! The pipeline: `syntax` reads the tokens into a raw model, collecting every error; `check`
//! turns it into a model the generator can trust; `emit` only generates.
//! When anything is wrong, `fallback` emits stub impls beside the errors so the user sees
//! the real mistakes and not a cascade of "trait not implemented".

mod case;
mod check;
mod constraint;
mod ctxt;
mod emit;
mod fallback;
mod model;
mod symbol;
mod syntax;
mod variant;
mod views;

use proc_macro::TokenStream;

/// Derives the unified-model traits for a struct with named fields, an enum of unit variants,
/// or an enum that serde tags whose variants each hold a model or have named fields.
///
/// # Field attributes
///
/// | attribute | on | meaning |
/// |---|---|---|
/// | `#[required(p, ..)]` | `Option<T>` field | those providers need it: absent or `null` is `required`, `""` or `[]` is `empty` |
/// | `#[supported(p, ..)]` | `Option<T>` field | those providers accept it; the others refuse it as `unsupported` |
/// | neither | field | an `Option<T>` belongs to every provider; a field that is not an `Option` is required by every provider |
/// | `#[unified(title = "..")]` | any field | the label forms show; by default made from the JSON name (`first_name` → "First name") |
/// | `#[unified(format = "email" \| "uri" \| "date-time" \| "uuid")]` | string field | the JSON Schema format (`email` is an RFC 5321 mailbox) |
/// | `#[unified(allowed(p = ["a", "b"]))]` | string field | the values provider `p` takes |
/// | `#[unified(min_length = n, max_length = n)]` | `String`, `Secret` | characters, as JSON Schema counts them |
/// | `#[unified(min_items = n, max_items = n)]` | `Vec<T>` | items |
/// | `#[unified(minimum = x, maximum = x)]` | number (any integer, `f32`, `f64`) | inclusive bounds |
/// | `#[unified(exclusive_minimum = x, exclusive_maximum = x)]` | number | exclusive bounds |
/// | `#[unified(multiple_of = n)]` | number | a whole multiple of the whole number `n > 0` |
/// | `#[unified(pattern = "re")]` | `String`, `Secret` | an ECMA-262 pattern that must find a match |
/// | `#[unified(unique_items)]` | `Vec<T>` of strings, booleans, integers, `f64`, unit enums | no two equal items |
/// | `#[unified(rule(p = value))]` | any rule | provider `p`'s own value: `max_length = 255, max_length(gorgias = 100)` |
/// | `#[unified(check = path)]` | field | `fn(&T, &mut Checker<'_, Set>)`: a rule only code can express |
///
/// Each rule becomes the JSON Schema keyword of the same meaning in the views it applies to,
/// and a violation with the code of the rule's name (`max_length`). A rule for every provider
/// also applies to the unified view unless a provider has its own value of it. Patterns are
/// compiled when the model is: only ECMA-262's own syntax is taken, spelt so the `regex` crate
/// reads it alike (`\d`, `\w`, `\b` ASCII, `\s` and `.` as ECMA-262 has them); what cannot
/// be spelt alike (look-around, back-references, inline flags, other escapes) is refused.
///
/// A custom check records violations with codes of its own namespace (`Code::custom`), and the
/// schema's description says the field is also checked in code, since no schema expresses it.
///
/// # Container attributes
///
/// `#[unified(providers = path::to::providers)]` (default: a module named `providers` in scope,
/// as `providers! { pub mod providers { .. } }` declares it; where the compiler says it cannot
/// find `providers` and suggests `cargo add`, declare that module or name the set's module with
/// this attribute),
/// `#[unified(crate = path::to::unified_core)]` (default: `::unified_core`), for a facade crate
/// that re-exports the runtime, and `#[unified(check = path)]`, a check of the whole model
/// (`fn(&Model, &mut Checker<'_, Set>)`).
///
/// # Enums
///
/// An enum of unit variants is a string among its variants' names. An enum that serde tags
/// (`#[serde(tag = "type")]`, or `tag` and `content`) whose variants each hold a model
/// (`Card(Card)`) or have named fields (`Bank { iban: String }`) is read by its tag, and its
/// schema is a `oneOf` with the tag as a `const`; it is a field type, not a document of its own.
/// Named fields take every field attribute, and a variant's `#[serde(rename_all = "..")]`
/// renames them; `#[unified(providers = path)]` on the enum names their provider set. A field
/// named like an internal tag is refused: serde reads that member as the tag.
///
/// serde's `rename`, `rename_all`, `skip` and `default` are read, so the model describes the JSON
/// serde takes.
///
/// # Validating a value of the struct
///
/// serde writes a `None` as `null` unless the field has
/// `#[serde(skip_serializing_if = "Option::is_none")]`, and a provider that does not take the
/// field refuses a `null` for it as `unsupported`. `UnifiedModel::validate_value(&model, view)`
/// validates a value of the struct with every `None` as absent, whatever its serde attributes.
#[proc_macro_derive(UnifiedModel, attributes(required, supported, unified))]
pub fn derive_unified_model(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    let ctxt = ctxt::Ctxt::new();
    let raw = syntax::parse(&ctxt, &input);
    let provider_references = check::provider_references(&raw);
    let core = syntax::core_path(&raw);
    let hidden_inputs = variant::hidden_inputs(&raw);
    let hidden: Vec<_> = hidden_inputs
        .iter()
        .filter_map(|input| {
            let model = check::check(&ctxt, syntax::parse(&ctxt, input))?;
            Some((model, input))
        })
        .collect();
    let models: Vec<_> = hidden.iter().map(|(model, _)| model).collect();
    variant::check_tag_collisions(&ctxt, &raw, &models);
    let model = check::check(&ctxt, raw);
    match (ctxt.finish(), model) {
        (Ok(()), Some(model)) => emit::emit(&model, &input, &hidden).into(),
        (result, _) => {
            let errors = result.err().unwrap_or_default();
            fallback::emit(&input, &core, errors, provider_references).into()
        }
    }
}

/// Generates a model's per-provider views; called back by a provider set's module with every
/// provider of the set. Not a public API.
#[doc(hidden)]
#[proc_macro]
pub fn views(input: TokenStream) -> TokenStream {
    views::expand(input.into()).into()
}
