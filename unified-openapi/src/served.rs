//! The schemas of an operation as a gateway serves them: the operation's own (the model's
//! fields and the request conventions), and, for a request part, what the provider's API (its
//! adapter's needs) and the route (a create's needs) ask beyond them, each in an `allOf` branch
//! that says whose need it is. The meta endpoint and the OpenAPI documents serve these, the
//! same declarations the gateway checks requests with.

use unified_adapter::Adapters;
use unified_adapter::needs::{self, Need, api_of};
use unified_core::json::{Map, Value};
use unified_core::{Operation, Part, ProviderSet, Schema, Target};

use crate::contract::{route_needs, route_needs_of};

/// What a request of `operation` needs for `view` beyond the operation's schemas, by whose
/// need it is: the provider's API (for a provider with an adapter), then the route.
pub fn needs_of<S: ProviderSet>(
    operation: &Operation<S>,
    adapters: &Adapters<S>,
    view: Target<S>,
) -> Vec<(String, Vec<Need>)> {
    let mut needs = Vec::new();
    if let Some(provider) = view.provider()
        && let Some(adapter) = adapters.find(provider, operation.model(), operation.name())
    {
        needs.push((api_of(provider.name()), adapter.needs().to_vec()));
    }
    needs.push((route_needs_of(operation), route_needs(operation, view)));
    needs
}

/// The standalone schema of `part` of `operation` for `view`, as served.
pub fn served_schema<S: ProviderSet>(
    operation: &Operation<S>,
    adapters: &Adapters<S>,
    part: Part,
    view: Target<S>,
) -> Schema {
    let mut schema = operation.schema(part, view);
    let branches: Vec<Value> = needs_of(operation, adapters, view)
        .iter()
        .filter_map(|(who, needs)| needs::schema(needs, part, who))
        .collect();
    if let Some(object) = schema.as_object_mut() {
        with_branches(object, branches);
    }
    schema
}

/// `object` with `branches` added to its `allOf` (both must hold).
pub fn with_branches(object: &mut Map, branches: Vec<Value>) {
    if branches.is_empty() {
        return;
    }
    match object.get_mut("allOf") {
        Some(Value::Array(all)) => all.extend(branches),
        _ => {
            object.insert("allOf".into(), Value::Array(branches));
        }
    }
}
