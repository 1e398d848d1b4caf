//! A gateway on an ephemeral loopback port with its own database, a token per environment, one
//! fake provider and one integrated account per adapter, and the log it writes.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde_json::Value;
use unified_core::{Provider, Secret};
use unified_gateway::{Gateway, GatewayConfig, Store};
use unified_models::providers::Set;

use unified_test_tools::fake::{Fake, Kind};

/// Everything the gateway has logged in this test process.
pub fn log_text() -> String {
    String::from_utf8_lossy(&log_buffer().lock().unwrap()).into_owned()
}

fn log_buffer() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || LogWriter(writer.clone()))
            .init();
        buffer
    })
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct Harness {
    pub base: String,
    pub token: String,
    pub other_token: String,
    pub fakes: HashMap<&'static str, Fake>,
    pub accounts: HashMap<&'static str, String>,
    /// A Dixa account of the other environment.
    pub foreign_account: String,
    pub client: reqwest::Client,
    /// The gateway's database: a SQLite path or a PostgreSQL URL.
    pub location: String,
    /// The gateway's address (`127.0.0.1:port`).
    pub addr: std::net::SocketAddr,
    pub gateway: Gateway<Set>,
    _dir: tempfile::TempDir,
}

/// The kinds of store a gateway's records can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The key the PostgreSQL stores are sealed with.
const POSTGRES_KEY: &str = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";

/// Makes each named test, an `async fn(Backend)`, into two: `name::sqlite` and
/// `name::postgres`, so the gateway's behaviour is checked on both stores.
#[macro_export]
macro_rules! on_each_store {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                use $crate::harness::Backend;

                #[tokio::test(flavor = "multi_thread")]
                async fn sqlite() {
                    super::$name(Backend::Sqlite).await
                }

                #[tokio::test(flavor = "multi_thread")]
                async fn postgres() {
                    super::$name(Backend::Postgres).await
                }
            }
        )*
    };
}

/// What the gateway answered.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::on(Backend::Sqlite).await
    }

    /// A harness whose records are in a store of the kind `backend`.
    pub async fn on(backend: Backend) -> Harness {
        let config = GatewayConfig::default().with_provider_timeout(Duration::from_secs(10));
        Harness::with_config_on(config, backend).await
    }

    pub async fn with_timeout(timeout: Duration) -> Harness {
        Harness::with_config(GatewayConfig::default().with_provider_timeout(timeout)).await
    }

    pub async fn with_config(config: GatewayConfig) -> Harness {
        Harness::with_config_on(config, Backend::Sqlite).await
    }

    pub async fn with_config_on(config: GatewayConfig, backend: Backend) -> Harness {
        log_buffer();
        let dir = tempfile::tempdir().unwrap();
        let (location, key) = match backend {
            Backend::Sqlite => {
                let path = dir.path().join("gateway.db");
                (path.to_str().unwrap().to_owned(), None)
            }
            Backend::Postgres => (
                unified_test_tools::postgres().new_database(),
                Some(Secret::new(POSTGRES_KEY)),
            ),
        };
        let store = match &key {
            Some(key) => Store::open_with_key(&location, key).await.unwrap(),
            None => Store::open(&location).await.unwrap(),
        };
        let token = store
            .create_token("prod")
            .await
            .unwrap()
            .expose()
            .to_owned();
        let other_token = store
            .create_token("staging")
            .await
            .unwrap()
            .expose()
            .to_owned();
        let mut fakes = HashMap::new();
        let mut accounts = HashMap::new();
        for kind in Kind::ALL {
            let fake = Fake::start(kind).await;
            let provider = Provider::<Set>::from_id(kind.provider_id()).unwrap();
            let credential = Secret::new(kind.credential());
            let id = store
                .add_account("prod", provider, &fake.base_url, &credential)
                .await
                .unwrap();
            accounts.insert(kind.provider_id(), id);
            fakes.insert(kind.provider_id(), fake);
        }
        let dixa = Provider::<Set>::from_id("dixa").unwrap();
        let foreign_account = store
            .add_account(
                "staging",
                dixa,
                &fakes["dixa"].base_url,
                &Secret::new(Kind::Dixa.credential()),
            )
            .await
            .unwrap();
        let (gateway, addr) = serve(store, config).await;
        let base = format!("http://{addr}");
        Harness {
            base,
            token,
            other_token,
            fakes,
            accounts,
            foreign_account,
            client: unified_gateway::http_client_builder()
                .unwrap()
                .build()
                .unwrap(),
            location,
            addr,
            gateway,
            _dir: dir,
        }
    }

    /// Another gateway on this harness's database, with `config`, as a second instance or the
    /// same one restarted: its base URL.
    pub async fn another_instance(&self, config: GatewayConfig) -> String {
        let store = if self.location.starts_with("postgres://") {
            Store::open_with_key(&self.location, &Secret::new(POSTGRES_KEY))
                .await
                .unwrap()
        } else {
            Store::open(&self.location).await.unwrap()
        };
        format!("http://{}", serve(store, config).await.1)
    }

    /// Adds a prod account of `provider` at `base_url`.
    pub async fn add_account(&self, provider: &str, base_url: &str) -> String {
        let provider = Provider::<Set>::from_id(provider).unwrap();
        self.gateway
            .store()
            .add_account("prod", provider, base_url, &Secret::new("any-api-key"))
            .await
            .unwrap()
    }

    pub fn fake(&self, provider: &str) -> &Fake {
        &self.fakes[provider]
    }

    pub fn total_calls(&self) -> usize {
        self.fakes.values().map(Fake::calls).sum()
    }

    /// `POST /unified/ticketing/users?{query}` with the prod token and a JSON body.
    pub async fn create(&self, query: &str, body: &Value) -> Answer {
        self.send(
            "/unified/ticketing/users",
            query,
            Some(&self.token),
            "application/json",
            body.to_string().into_bytes(),
        )
        .await
    }

    /// A create for the prod account of `provider`, with `extra` query parameters.
    pub async fn create_for(&self, provider: &str, extra: &str, body: &Value) -> Answer {
        let query = format!("integrated_account_id={}{extra}", self.accounts[provider]);
        self.create(&query, body).await
    }

    /// A create for the prod account of `provider` as a future that owns all it needs (to run
    /// many at once); its status. (The memory test uses it.)
    #[allow(dead_code)]
    pub fn create_owned(
        &self,
        provider: &str,
        body: &Value,
    ) -> impl Future<Output = u16> + Send + 'static {
        let sent = self
            .client
            .post(format!(
                "{}/unified/ticketing/users?integrated_account_id={}",
                self.base, self.accounts[provider]
            ))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send();
        async move {
            let response = sent.await.unwrap();
            let status = response.status().as_u16();
            response.bytes().await.unwrap();
            status
        }
    }

    pub async fn send(
        &self,
        path: &str,
        query: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> Answer {
        let mut request = self
            .client
            .post(format!("{}{path}?{query}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Answer::read(request.send().await.unwrap()).await
    }

    /// A request of `method` to `path_and_query` with the prod token, and a JSON body of
    /// `content_type` if given.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path_and_query: &str,
        body: Option<(&str, &Value)>,
    ) -> Answer {
        let mut request = self
            .client
            .request(method, format!("{}{path_and_query}", self.base))
            .bearer_auth(&self.token);
        if let Some((content_type, body)) = body {
            request = request
                .header("content-type", content_type)
                .body(body.to_string());
        }
        Answer::read(request.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Answer::read(request.send().await.unwrap()).await
    }
}

/// A gateway of the shipped models and adapters on `store`, serving on a free loopback port
/// until the test ends; it and its address.
async fn serve(store: Store, config: GatewayConfig) -> (Gateway<Set>, std::net::SocketAddr) {
    let gateway = Gateway::new(
        store,
        unified_models::registry(),
        unified_providers::adapters(),
        config,
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = gateway.clone();
    tokio::spawn(async move { serving.serve(listener, std::future::pending()).await });
    (gateway, addr)
}

impl Answer {
    async fn read(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bytes = response.bytes().await.unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
            panic!(
                "status {status}: not JSON: {}",
                String::from_utf8_lossy(&bytes)
            )
        });
        Answer {
            status,
            content_type,
            body,
        }
    }

    /// The `(in, pointer, code)` of each listed violation.
    pub fn violations(&self) -> Vec<(String, String, String)> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        let text = |key: &str| e[key].as_str().unwrap_or_default().to_owned();
                        (text("in"), text("pointer"), text("code"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}
