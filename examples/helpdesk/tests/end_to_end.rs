//! The help desk's gateway and its own axum app, over HTTP on loopback, with a fake Acme Desk
//! that answers as its (invented) documentation says.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use helpdesk_example::{TicketCreate, TicketQuery, app, gateway, providers};
use serde_json::{Value, json};
use unified_core::Secret;
use unified_gateway::{GatewayConfig, Store, Validated, ValidatedQuery};

/// What the fake Acme Desk received: the query and the body of each call.
type Seen = Arc<Mutex<Vec<(Option<String>, Value)>>>;

/// A fake Acme Desk: `POST /api/v2/tickets` with `x-acme-key: acme-key-12345`.
async fn acme_desk() -> (String, Seen) {
    async fn open(
        State(seen): State<Seen>,
        RawQuery(query): RawQuery,
        headers: HeaderMap,
        axum::Json(body): axum::Json<Value>,
    ) -> (StatusCode, axum::Json<Value>) {
        seen.lock().unwrap().push((query, body.clone()));
        if headers.get("x-acme-key").and_then(|v| v.to_str().ok()) != Some("acme-key-12345") {
            return (
                StatusCode::UNAUTHORIZED,
                axum::Json(json!({"error": "bad key"})),
            );
        }
        let ticket = json!({"id": 17, "title": body["title"], "state": "open"});
        (StatusCode::CREATED, axum::Json(json!({"ticket": ticket})))
    }
    let seen = Seen::default();
    let router = Router::new()
        .route("/api/v2/tickets", post(open))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, seen)
}

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

/// Status and JSON body of an answer.
async fn read(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

/// POSTs `body` as JSON to `url` with `headers`; the status and JSON body of the answer.
async fn post_json(url: String, headers: Vec<(&'static str, String)>, body: Value) -> (u16, Value) {
    let mut request = unified_gateway::http_client_builder()
        .unwrap()
        .build()
        .unwrap()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    read(request.send().await.unwrap()).await
}

/// `(pointer, code)` of each listed violation.
fn violations(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_generic_gateway_serves_the_help_desk() {
    let (acme_url, seen) = acme_desk().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("helpdesk.db");
    let store = Store::open(db.to_str().unwrap()).await.unwrap();
    let token = store
        .create_token("prod")
        .await
        .unwrap()
        .expose()
        .to_owned();
    let acme = store
        .add_account(
            "prod",
            providers::acme_desk,
            &acme_url,
            &Secret::new("acme-key-12345"),
        )
        .await
        .unwrap();
    let zendesk = store
        .add_account(
            "prod",
            providers::zendesk,
            "http://127.0.0.1:9",
            &Secret::new("zendesk-key-1"),
        )
        .await
        .unwrap();
    let gateway = gateway(store, GatewayConfig::default()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let serving = gateway.clone();
    tokio::spawn(async move { serving.serve(listener, std::future::pending()).await });
    let client = unified_gateway::http_client_builder()
        .unwrap()
        .build()
        .unwrap();
    let bearer = format!("Bearer {token}");
    let create = |query: String, body: Value| {
        let url = format!("{base}/unified/helpdesk/tickets?{query}");
        post_json(url, vec![("authorization", bearer.clone())], body)
    };

    // A 201 through the adapter, with the conventions the model does not declare.
    let ticket = json!({
        "subject": "Printer on fire",
        "requester": {"email": "ada@example.org", "name": "Ada"},
        "priority": "high",
        "remote_data": {"tags": ["hardware"]}
    });
    let query = format!(
        "integrated_account_id={acme}&remote_query[notify]=false&truto_exclude_fields[]=status"
    );
    let (status, body) = create(query, ticket).await;
    assert_eq!(status, 201, "{body:#}");
    assert_eq!(body["id"], "17");
    assert_eq!(body["subject"], "Printer on fire");
    assert!(body.get("status").is_none(), "excluded");
    assert_eq!(body["remote_data"]["ticket"]["state"], "open");
    let (native_query, native_body) = seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(native_query.as_deref(), Some("notify=false"));
    assert_eq!(
        native_body,
        json!({
            "title": "Printer on fire",
            "contact": {"email": "ada@example.org", "name": "Ada"},
            "urgent": true,
            "tags": ["hardware"]
        })
    );

    // Per-provider 400s with pointers: Zendesk requires a subject, Acme Desk knows two levels.
    let (status, body) = create(
        format!("integrated_account_id={zendesk}"),
        json!({"requester": {"email": "not an address"}, "priority": "urgent"}),
    )
    .await;
    assert_eq!(status, 400, "{body:#}");
    assert_eq!(
        violations(&body),
        [
            ("/requester/email".to_owned(), "format".to_owned()),
            ("/subject".to_owned(), "required".to_owned())
        ]
    );
    let (status, body) = create(
        format!("integrated_account_id={acme}"),
        json!({"requester": {"email": "ada@example.org"}, "priority": "urgent"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        violations(&body),
        [("/priority".to_owned(), "enum".to_owned())]
    );

    // The account id is the gateway's convention, checked though the model does not declare it.
    let (status, body) = create(
        String::new(),
        json!({"requester": {"email": "ada@example.org"}}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        violations(&body),
        [("/integrated_account_id".to_owned(), "required".to_owned())]
    );
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "no invalid request reached Acme Desk"
    );

    // The meta endpoint serves the model's schemas per provider.
    let meta = client
        .get(format!(
            "{base}/unified/helpdesk/tickets/zendesk/meta/create"
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let (status, body) = read(meta).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["request_body_schema"]["required"],
        json!(["subject", "requester"])
    );
    // The query schema a client follows has the conventions the gateway reads.
    assert_eq!(
        body["query_schema"]["required"],
        json!(["integrated_account_id"])
    );
    assert_eq!(
        body["query_schema"]["properties"]["integrated_account_id"]["format"],
        "uuid"
    );

    // A route of one's own on the gateway's state: the extractors validate for the account's
    // provider, and the query model does not see the gateway's conventions.
    async fn preview(
        query: ValidatedQuery<TicketQuery>,
        ticket: Validated<TicketCreate>,
    ) -> axum::Json<Value> {
        let _: &TicketQuery = &query;
        axum::Json(json!({"subject": ticket.into_inner().subject}))
    }
    let own = Router::new()
        .route("/preview", post(preview))
        .with_state(gateway.clone());
    let own = serve(own).await;
    let preview_for = |account: &str, body: Value| {
        let url = format!("{own}/preview?integrated_account_id={account}");
        post_json(url, vec![("authorization", bearer.clone())], body)
    };
    let no_subject = json!({"requester": {"email": "ada@example.org"}});
    let (status, body) = preview_for(&zendesk, no_subject.clone()).await;
    assert_eq!(status, 400, "{body:#}");
    assert_eq!(
        violations(&body),
        [("/subject".to_owned(), "required".to_owned())]
    );
    let (status, body) = preview_for(&acme, no_subject).await;
    assert_eq!(status, 200, "{body:#}");
    let ticket = json!({"subject": "Printer on fire", "requester": {"email": "ada@example.org"}});
    let (status, body) = preview_for("not-a-uuid", ticket.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(
        violations(&body),
        [("/integrated_account_id".to_owned(), "format".to_owned())]
    );
    let unknown = "00000000-0000-4000-8000-000000000000";
    let (status, _) = preview_for(unknown, ticket).await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_axum_route_takes_only_validated_tickets() {
    let base = serve(app()).await;
    let client = unified_gateway::http_client_builder()
        .unwrap()
        .build()
        .unwrap();
    let send = |provider: Option<&str>, body: Value| {
        let headers = provider.map(|id| ("x-provider", id.to_owned()));
        post_json(
            format!("{base}/tickets"),
            headers.into_iter().collect(),
            body,
        )
    };
    let ticket = json!({"subject": "Printer on fire", "requester": {"email": "ada@example.org"}});

    let (status, body) = send(Some("zendesk"), ticket.clone()).await;
    assert_eq!(status, 201, "{body:#}");
    assert_eq!(body, ticket, "the handler received the deserialized ticket");

    let missing = json!({"requester": {"email": "ada@example.org"}});
    let (status, body) = send(Some("zendesk"), missing.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(body["statusCode"], 400);
    assert_eq!(
        violations(&body),
        [("/subject".to_owned(), "required".to_owned())]
    );
    let (status, _) = send(Some("acme_desk"), missing).await;
    assert_eq!(status, 201, "Acme Desk does not require a subject");

    let (status, body) = send(None, ticket.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(body["message"], "say which provider in X-Provider");

    let text = client
        .post(format!("{base}/tickets"))
        .header("x-provider", "zendesk")
        .header("content-type", "text/plain")
        .body(ticket.to_string())
        .send()
        .await
        .unwrap();
    let (status, body) = read(text).await;
    assert_eq!((status, body["statusCode"].as_u64()), (415, Some(415)));
}
