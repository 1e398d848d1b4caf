//! The request checked for the account's provider, each part read once more into what checks
//! it: the adapter makes its views (the model's rules and what the provider's API needs), the
//! conventions are held to theirs and the query to what its route needs. Every violation of
//! every part is reported at once.

use unified_adapter::needs::check;
use unified_adapter::{Invalid, Prepared};
use unified_core::{Part, Provider, ProviderSet, Report, Target};

use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::unified::request::{UnifiedRequest, by_part, push_by_part};
use crate::unified::shaping::Shape;
use unified_openapi::contract::RouteNeedsOf;

/// A request that keeps every rule for its provider: the adapter's views of it, and how to
/// answer.
pub(crate) struct Checked<'g> {
    /// The views, with the adapter that takes them.
    pub prepared: Box<dyn Prepared + 'g>,
    /// How the client asked to be answered.
    pub shape: Shape,
}

/// `request` checked for `provider`: its views, or every violation (400); a request that keeps
/// every rule but has no adapter to go through is a 501.
pub(crate) fn for_provider<'g, S: ProviderSet>(
    gateway: &'g Gateway<S>,
    request: &UnifiedRequest<'_, S>,
    provider: Provider<S>,
) -> Result<Checked<'g>, Failure> {
    let operation = request.operation();
    let view = Target::of(provider);
    let route_needs = check(
        gateway.route_needs(operation, view),
        Part::Query,
        request.query(),
        &RouteNeedsOf(operation.name()),
    );
    let Some(adapter) = gateway
        .adapters()
        .find(provider, operation.model(), operation.name())
    else {
        let mut errors = by_part(
            Part::Query,
            operation.validate(Part::Query, request.query(), view),
        );
        errors.extend(route_needs.into_iter().map(|error| (Part::Query, error)));
        errors.extend(by_part(
            Part::Body,
            operation.validate(Part::Body, request.body(), view),
        ));
        return Err(if errors.is_empty() {
            Failure::NoAdapter {
                provider: provider.name(),
                model: operation.model(),
                operation: operation.name(),
            }
        } else {
            Failure::Invalid(errors)
        });
    };
    let (query_conventions, body_conventions) = request.conventions_violations();
    let (prepared, query, body) =
        match adapter.prepare(request.query(), request.body(), request.id()) {
            Ok(prepared) => (Some(prepared), Report::default(), Report::default()),
            Err(invalid) => {
                let Invalid { query, body } = *invalid;
                (None, query, body)
            }
        };
    let mut errors = Vec::with_capacity(
        query.len()
            + query_conventions.len()
            + route_needs.len()
            + body.len()
            + body_conventions.len(),
    );
    push_by_part(&mut errors, Part::Query, query);
    push_by_part(&mut errors, Part::Query, query_conventions);
    errors.extend(route_needs.into_iter().map(|error| (Part::Query, error)));
    push_by_part(&mut errors, Part::Body, body);
    push_by_part(&mut errors, Part::Body, body_conventions);
    let Some(prepared) = prepared.filter(|_| errors.is_empty()) else {
        return Err(Failure::Invalid(errors));
    };
    let conventions = request
        .conventions()
        .map_err(|report| Failure::Invalid(by_part(Part::Query, report)))?;
    Ok(Checked {
        prepared,
        shape: Shape::from(&conventions),
    })
}
