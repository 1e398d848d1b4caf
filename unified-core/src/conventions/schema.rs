//! The conventions in an operation's schemas and coverage table: added to each part beside the
//! model's own fields, for every provider alike.

use crate::json::{Map, Value};
use crate::schema::Schema;

use crate::conventions::{BodyConventions, QueryConventions, ResponseConventions, rules};
use crate::model::{ConstraintCoverage, FieldCoverage};
use crate::operation::part::Part;
use crate::provider::{NoProviders, ProviderSet, Target};
use crate::validate::field_value::FieldValue;

/// The schema of the conventions of `part` (an object schema, every provider alike).
fn conventions_schema(part: Part) -> Schema {
    match part {
        Part::Body => <BodyConventions as FieldValue<NoProviders>>::schema(Target::UNIFIED),
        Part::Query => <QueryConventions as FieldValue<NoProviders>>::schema(Target::UNIFIED),
        Part::Response => <ResponseConventions as FieldValue<NoProviders>>::schema(Target::UNIFIED),
    }
}

/// A model's object schema for `part` with the conventions of the part added: their properties
/// after the model's, and the ones they require after the model's required ones.
pub fn with_conventions(part: Part, mut schema: Schema) -> Schema {
    let conventions = conventions_schema(part).into_value();
    let Some(object) = schema.as_object_mut() else {
        return schema;
    };
    if let Some(Value::Object(added)) = conventions.get("properties")
        && let Value::Object(properties) =
            object.get_or_insert_with("properties", || Value::Object(Map::new()))
    {
        properties.extend(added.clone());
    }
    if let Some(Value::Array(added)) = conventions.get("required")
        && !added.is_empty()
        && let Value::Array(required) =
            object.get_or_insert_with("required", || Value::Array(Vec::new()))
    {
        required.extend(added.iter().cloned());
    }
    schema
}

/// The coverage rows of the conventions of `part` for the provider set `S`: every provider
/// takes each of them, and every provider needs the ones they require.
pub(crate) fn coverage<S: ProviderSet>(part: Part) -> Vec<FieldCoverage> {
    let every: Vec<&'static str> = S::ALL.iter().map(|info| info.id).collect();
    rules(part)
        .iter()
        .map(|rule| FieldCoverage {
            field: rule.name,
            description: rule.description,
            required: if rule.required.contains(Target::UNIFIED) {
                every.clone()
            } else {
                Vec::new()
            },
            supported: every.clone(),
            constraints: rule
                .constraints
                .iter()
                .map(|constraint| ConstraintCoverage {
                    rule: constraint.rule.code().as_str(),
                    value: constraint.rule.keyword().1,
                    providers: every.clone(),
                })
                .collect(),
        })
        .collect()
}
