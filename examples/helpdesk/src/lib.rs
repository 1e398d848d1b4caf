//! A help desk's own unified API, built on the published surface of `unified` alone: two
//! providers, a ticket model with a nested requester, an adapter for one provider, a generic
//! gateway serving it, and a plain axum app whose route takes only validated tickets.

// guide: your own models (start)
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use unified_adapter::{Adapter, AdapterError, Adapters, AuthScheme, Call, Endpoint, Translate};
use unified_core::{Action, Operation, OperationModels, Registry, Target, UnifiedModel, providers};
use unified_gateway::{
    ApiError, Gateway, GatewayConfig, ResolveProvider, SetupError, Store, Validated,
};

providers! {
    /// The help desks this API fronts.
    pub mod providers {
        acme_desk => "Acme Desk",
        zendesk => "Zendesk",
    }
}

/// A ticket to open.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct TicketCreate {
    /// What the ticket is about
    #[required(zendesk)]
    #[supported(acme_desk)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Who asks
    pub requester: Requester,
    /// How urgent it is; Acme Desk knows two levels
    #[unified(allowed(acme_desk = ["low", "high"]))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
}

/// The person a ticket is for.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Requester {
    /// Their email address
    #[unified(format = "email")]
    pub email: String,
    /// Their name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The query of a ticket create: nothing of its own (the account id and the other request
/// conventions are every operation's).
#[derive(UnifiedModel, Serialize, Deserialize, Debug, Default)]
pub struct TicketQuery {}

/// A ticket as the API answers it.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, Default)]
pub struct TicketRecord {
    /// The ticket's id
    pub id: String,
    /// What it is about
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Its status at the help desk
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// Opening a ticket: the operation's models, for the registry and for adapters.
pub struct TicketsCreate;

impl OperationModels for TicketsCreate {
    type Set = providers::Set;
    type Body = TicketCreate;
    type Query = TicketQuery;
    type Response = TicketRecord;
    const MODEL: &'static str = "helpdesk/tickets";
    const ACTION: Action = Action::Create;
}

/// Every operation this API serves.
pub fn registry() -> Registry<providers::Set> {
    Registry::new(vec![Operation::of::<TicketsCreate>()])
}

/// Acme Desk: `POST /api/v2/tickets` with an `x-acme-key` header.
pub struct AcmeDesk;

/// Acme Desk's answer: `{"ticket": {"id": 17, "state": "open", ...}}`.
#[derive(Deserialize)]
pub struct Opened {
    ticket: AcmeTicket,
}

#[derive(Deserialize)]
struct AcmeTicket {
    id: u64,
    title: Option<String>,
    state: Option<String>,
}

impl Adapter for AcmeDesk {
    type Provider = providers::acme_desk;
    const AUTH: AuthScheme = AuthScheme::header("x-acme-key", "");
}

/// Written on Acme Desk's views: `subject` is an `Option` (Acme Desk supports it), the
/// requester's email a `String`; a field Acme Desk did not take would hold `NotTaken`.
impl Translate<TicketsCreate> for AcmeDesk {
    type Body = TicketCreateForAcmeDesk;
    type Query = TicketQueryForAcmeDesk;
    type Answer = Opened;

    const ENDPOINT: Endpoint = Endpoint::post("/api/v2/tickets");

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let ticket = call.body;
        json!({
            "title": ticket.subject,
            "contact": {"email": ticket.requester.email, "name": ticket.requester.name},
            "urgent": ticket.priority.as_deref() == Some("high"),
        })
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        Opened { ticket }: Opened,
    ) -> Result<TicketRecord, AdapterError> {
        Ok(TicketRecord {
            id: ticket.id.to_string(),
            subject: ticket.title,
            status: ticket.state,
        })
    }
}

/// The adapters of this API's providers: the gateway's, and those of the `helpdesk` program
/// (`src/bin/helpdesk.rs`).
pub fn adapters() -> Adapters<providers::Set> {
    Adapters::new().with::<TicketsCreate, _>(AcmeDesk)
}

/// The gateway for these models and adapters, over `store`.
pub fn gateway(store: Store, config: GatewayConfig) -> Result<Gateway<providers::Set>, SetupError> {
    Gateway::new(store, registry(), adapters(), config)
}

/// An app of one's own: the provider comes from the `X-Provider` header.
#[derive(Clone)]
pub struct ByHeader;

impl ResolveProvider for ByHeader {
    type Set = providers::Set;

    async fn resolve(&self, parts: &Parts) -> Result<Target<providers::Set>, ApiError> {
        parts
            .headers
            .get("x-provider")
            .and_then(|value| value.to_str().ok())
            .and_then(Target::from_id)
            .ok_or_else(|| {
                ApiError::new(StatusCode::BAD_REQUEST, "say which provider in X-Provider")
            })
    }
}

/// `POST /tickets`: the handler only ever sees a ticket valid for the provider asked for.
pub fn app() -> Router {
    Router::new()
        .route("/tickets", post(open_ticket))
        .with_state(ByHeader)
}

async fn open_ticket(ticket: Validated<TicketCreate>) -> (StatusCode, Json<TicketCreate>) {
    (StatusCode::CREATED, Json(ticket.into_inner()))
}
// guide: your own models (end)
