//! The adapters a gateway dispatches through, one entry per provider and operation, each
//! reached at run time by provider and operation name. An entry validates the request into its
//! provider's views (the only way to make them) and hands those to the adapter.

use core::any::TypeId;
use core::marker::PhantomData;

use serde_json::{Map, Value};
use unified_core::{
    OperationModels, Part, Provider, ProviderSet, ProviderType, Report, ValidatedPart,
};

use crate::adapter::Translate;
use crate::auth::AuthScheme;
use crate::call::Call;
use crate::error::AdapterError;
use crate::native::{NativeRequest, NativeResponse};
use crate::needs::{ApiOf, Need, check};
use crate::rate_limit::RateLimitHeaders;
use crate::typed;

/// A request that is not valid for the provider: the reports of its query and of its body.
#[derive(Debug)]
pub struct Invalid {
    /// The query parameters' violations.
    pub query: Report,
    /// The body's violations.
    pub body: Report,
}

/// A validated request, ready for its adapter: the provider's views and the adapter.
pub trait Prepared: Send + Sync {
    /// The native request (before `remote_data` and `remote_query`).
    fn native_request(&self) -> Result<NativeRequest, AdapterError>;

    /// The unified response, as a JSON object, for the provider's successful answer.
    fn unified_response(&self, native: &NativeResponse)
    -> Result<Map<String, Value>, AdapterError>;
}

/// One registered translation, whatever its types: what the gateway dispatches through.
pub trait Translation<S: ProviderSet>: Send + Sync {
    /// The provider.
    fn provider(&self) -> Provider<S>;

    /// How the provider's credential is sent.
    fn auth(&self) -> AuthScheme;

    /// The headers in which the provider's answers tell its rate limit.
    fn rate_limits(&self) -> RateLimitHeaders;

    /// The model (`ticketing/users`).
    fn model(&self) -> &'static str;

    /// The operation (`create`).
    fn operation(&self) -> &'static str;

    /// The [`OperationModels`] type of the operation, to match it with the registry's
    /// operation (see `unified_core::Operation::declared_by`).
    fn declared_by(&self) -> TypeId;

    /// What the provider's API needs of the request beyond the unified model.
    fn needs(&self) -> &'static [Need];

    /// Validates the query and the body for the provider, in one pass each, into its views,
    /// and holds each part that keeps the model to the provider's needs.
    fn prepare<'a>(
        &'a self,
        query: &Value,
        body: &Value,
        id: Option<&str>,
    ) -> Result<Box<dyn Prepared + 'a>, Box<Invalid>>;
}

/// An adapter registered for the operation `O`.
struct Entry<O, A> {
    adapter: A,
    operation: PhantomData<fn() -> O>,
}

/// The views of one request and the adapter that takes them.
struct Views<'a, A: Translate<O>, O: OperationModels> {
    adapter: &'a A,
    query: A::Query,
    body: A::Body,
    id: Option<String>,
}

impl<A: Translate<O>, O: OperationModels> Views<'_, A, O> {
    fn call(&self) -> Call<'_, A::Body, A::Query> {
        Call {
            body: &self.body,
            query: &self.query,
            id: self.id.as_deref(),
        }
    }
}

impl<A: Translate<O>, O: OperationModels> Prepared for Views<'_, A, O> {
    fn native_request(&self) -> Result<NativeRequest, AdapterError> {
        let path = self.adapter.path(self.call())?.into_owned();
        let body = typed::native_body(&self.adapter.native_body(self.call()));
        let query = self.adapter.native_query(self.call());
        Ok(A::ENDPOINT.request(path, body, query))
    }

    fn unified_response(
        &self,
        native: &NativeResponse,
    ) -> Result<Map<String, Value>, AdapterError> {
        let answer: A::Answer = typed::native(native)?;
        typed::unified(&self.adapter.unified_response(self.call(), answer)?)
    }
}

impl<S, O, A> Translation<S> for Entry<O, A>
where
    S: ProviderSet,
    O: OperationModels<Set = S>,
    A: Translate<O>,
    A::Provider: ProviderType<Set = S>,
    A::Body: ValidatedPart<O::Body, A::Provider>,
    A::Query: ValidatedPart<O::Query, A::Provider>,
{
    fn provider(&self) -> Provider<S> {
        A::Provider::PROVIDER
    }

    fn auth(&self) -> AuthScheme {
        A::AUTH
    }

    fn rate_limits(&self) -> RateLimitHeaders {
        A::RATE_LIMITS
    }

    fn model(&self) -> &'static str {
        O::MODEL
    }

    fn operation(&self) -> &'static str {
        O::ACTION.name()
    }

    fn declared_by(&self) -> TypeId {
        TypeId::of::<O>()
    }

    fn needs(&self) -> &'static [Need] {
        <A as Translate<O>>::NEEDS
    }

    fn prepare<'a>(
        &'a self,
        query: &Value,
        body: &Value,
        id: Option<&str>,
    ) -> Result<Box<dyn Prepared + 'a>, Box<Invalid>> {
        let who = ApiOf(A::Provider::PROVIDER.name());
        let needs = self.needs();
        let query_view = needed(
            A::Query::validated(Part::Query, query),
            (needs, Part::Query, query, &who),
        );
        let body_view = needed(
            A::Body::validated(Part::Body, body),
            (needs, Part::Body, body, &who),
        );
        match (query_view, body_view) {
            (Ok(query), Ok(body)) => Ok(Box::new(Views::<A, O> {
                adapter: &self.adapter,
                query,
                body,
                id: id.map(str::to_owned),
            })),
            (query, body) => Err(Box::new(Invalid {
                query: query.err().unwrap_or_default(),
                body: body.err().unwrap_or_default(),
            })),
        }
    }
}

/// The view of a part, once the part keeps its needs too. A part that breaks the model is
/// refused for that; its needs are read once it keeps it.
fn needed<V>(
    made: Result<V, Report>,
    (needs, part, value, who): (&[Need], Part, &Value, &ApiOf<'_>),
) -> Result<V, Report> {
    let view = made?;
    match check(needs, part, value, who) {
        errors if errors.is_empty() => Ok(view),
        errors => Err(Report::from_errors(errors)),
    }
}

/// Every translation a gateway can dispatch to.
pub struct Adapters<S: ProviderSet> {
    entries: Vec<Box<dyn Translation<S>>>,
}

impl<S: ProviderSet> Default for Adapters<S> {
    fn default() -> Self {
        Adapters {
            entries: Vec::new(),
        }
    }
}

impl<S: ProviderSet> Adapters<S> {
    /// No adapter yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `adapter`'s translation of the operation `O`: `Adapters::new().with::<UsersCreate,
    /// _>(Dixa)`. Compiles only when the adapter's `Body` and `Query` are its provider's views
    /// of `O`'s models, the body a patch view exactly when `O` is an update. A provider and
    /// operation registered twice is a mistake that [`Adapters::duplicates`] reports (the first
    /// one is used).
    #[must_use]
    pub fn with<O, A>(mut self, adapter: A) -> Self
    where
        O: OperationModels<Set = S>,
        A: Translate<O>,
        A::Provider: ProviderType<Set = S>,
        A::Body: ValidatedPart<O::Body, A::Provider>,
        A::Query: ValidatedPart<O::Query, A::Provider>,
    {
        const {
            assert!(
                <A::Body as ValidatedPart<O::Body, A::Provider>>::PATCH == O::ACTION.patches(),
                "an update's adapter takes the body's patch view (`PatchOf<Model, P>`), every \
                 other adapter its view (`ViewOf<Model, P>`)"
            );
            assert!(
                !<A::Query as ValidatedPart<O::Query, A::Provider>>::PATCH,
                "an adapter's `Query` is the query model's view (`ViewOf<Model, P>`)"
            );
        }
        self.entries.push(Box::new(Entry::<O, A> {
            adapter,
            operation: PhantomData,
        }));
        self
    }

    /// The translation of `model` `operation` for `provider`, if there is one.
    pub fn find(
        &self,
        provider: Provider<S>,
        model: &str,
        operation: &str,
    ) -> Option<&dyn Translation<S>> {
        self.iter().find(|entry| {
            entry.provider() == provider && entry.model() == model && entry.operation() == operation
        })
    }

    /// Whether any operation has an adapter for `provider`.
    pub fn serves(&self, provider: Provider<S>) -> bool {
        self.iter().any(|entry| entry.provider() == provider)
    }

    /// Every translation, in registration order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Translation<S>> {
        self.entries.iter().map(|entry| entry.as_ref())
    }

    /// Each provider, model and operation registered more than once.
    pub fn duplicates(&self) -> Vec<(Provider<S>, &'static str, &'static str)> {
        let mut seen = Vec::new();
        let mut twice = Vec::new();
        for entry in self.iter() {
            let key = (entry.provider(), entry.model(), entry.operation());
            if seen.contains(&key) {
                twice.push(key);
            }
            seen.push(key);
        }
        twice
    }
}
