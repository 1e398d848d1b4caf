//! serde's attributes that change what deserializes and that the derive does not honour: each is
//! refused on its key, with what serde would do that the validator, views and schemas would not,
//! and what to write instead. Members serde never reads (`skip`) keep theirs: serde ignores them.

use syn::Data;

use crate::ctxt::Ctxt;
use crate::symbol::{ALIAS, FLAGS, FLATTEN, FROM, OTHER, TRANSPARENT, TRY_FROM, UNTAGGED};
use crate::syntax::{RawModel, SerdeDefault, SerdeField, path_text};

/// Refuses the container keys the raw model recorded, and `tag` on a struct.
pub fn refuse_container(cx: &Ctxt, raw: &RawModel<'_>) {
    for key in &raw.refused {
        refuse(
            cx,
            &written(key),
            key,
            "",
            container_reason(&path_text(key)),
        );
    }
    if let (Data::Struct(_), Some(tag)) = (&raw.input.data, &raw.tag) {
        cx.error_spanned_by(
            tag,
            "UnifiedModel does not support `#[serde(tag = \"..\")]` on a struct: serde writes the \
             tag but reads past any value of it, where the validator and the schema refuse the \
             member as unknown; tag an enum whose variant holds this model instead",
        );
    }
}

/// Refuses the keys of a field serde reads, `optional` when its type is an `Option`.
pub fn refuse_read_field(cx: &Ctxt, serde: &SerdeField, optional: bool) {
    for key in &serde.refused {
        refuse(
            cx,
            &written(key),
            key,
            " on a field",
            field_reason(&path_text(key)),
        );
    }
    match &serde.default {
        Some(SerdeDefault::Function(key, _)) => refuse(
            cx,
            "default = \"..\"",
            key,
            " on a field serde reads",
            "serde gives an absent field the function's value, where the validator requires it \
             or reads `None`; make it an `Option<..>` and apply the default where it is used (on \
             a `#[serde(skip)]` field the function is honoured)",
        ),
        Some(SerdeDefault::Trait(key)) if !optional => refuse(
            cx,
            "default",
            key,
            " on a field that is not an `Option`",
            "serde fills an absent field with its default, where the validator and the schema \
             require it; make it an `Option<..>`, which is `None` when absent",
        ),
        _ => {}
    }
}

/// Refuses the keys of a variant serde reads.
pub fn refuse_read_variant(cx: &Ctxt, serde: &SerdeField) {
    for key in &serde.refused {
        refuse(
            cx,
            &written(key),
            key,
            " on a variant",
            variant_reason(&path_text(key)),
        );
    }
}

/// The key as the message shows it: `alias = ".."`, or `flatten` for a flag.
fn written(key: &syn::Path) -> String {
    let text = path_text(key);
    if FLAGS.contains(&text.as_str()) {
        text
    } else {
        format!("{text} = \"..\"")
    }
}

/// One refusal, on `key`: "UnifiedModel does not support `#[serde({written})]`{on}: {reason}".
fn refuse(cx: &Ctxt, written: &str, key: &syn::Path, on: &str, reason: &str) {
    cx.error_spanned_by(
        key,
        format!("UnifiedModel does not support `#[serde({written})]`{on}: {reason}"),
    );
}

/// Why a container key is refused.
fn container_reason(key: &str) -> &'static str {
    match key {
        TRANSPARENT => {
            "serde reads the one field's value in place of an object holding it, where the \
             validator and the schema expect the object; use the field's type where this type is \
             used"
        }
        FROM | TRY_FROM => {
            "serde reads the JSON of the other type and converts it, where the validator and the \
             schema describe this type's fields; derive UnifiedModel on the other type and \
             convert after validation"
        }
        UNTAGGED => {
            "serde tries each variant in turn, which the validator and the schema do not; tag the \
             enum with `#[serde(tag = \"..\")]`"
        }
        _ => {
            "serde fills absent fields from the type's `Default`, where the validator and the \
             schema require them (or read `None` where the default may hold a value); make the \
             fields that may be absent `Option<..>`"
        }
    }
}

/// Why a field key is refused.
fn field_reason(key: &str) -> &'static str {
    match key {
        ALIAS => {
            "serde also reads the field under that name, where the validator and the schema know \
             one name and refuse the other as unknown; give it the one name clients send, with \
             `rename = \"..\"`"
        }
        FLATTEN => {
            "serde reads the inner type's members from this object, where the validator and the \
             schema expect one member holding them; declare the fields in the model itself"
        }
        _ => {
            "serde reads the field through that function, which may take other JSON than the \
             field's type, where the validator and the schema read the type; give the field a \
             type that reads what clients send (the `field` module of `unified-core`), keeping \
             `serialize_with` if need be"
        }
    }
}

/// Why a variant key is refused.
fn variant_reason(key: &str) -> &'static str {
    match key {
        ALIAS => {
            "serde also takes that name for the variant, where the validator and the schema know \
             one name; give it the one name clients send, with `rename = \"..\"`"
        }
        OTHER => {
            "serde takes any name it does not know for this variant, where the validator and the \
             schema refuse names they do not list; declare each name as a variant"
        }
        UNTAGGED => {
            "serde tries this variant's content without a tag when no tag matches, which the \
             validator and the schema do not; give it a tag like the other variants"
        }
        _ => {
            "serde reads the variant through that function, which may take other JSON than the \
             variant's model, where the validator and the schema read the model; give the variant \
             a model that reads what clients send"
        }
    }
}
