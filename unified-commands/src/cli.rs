//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Validate unified API requests per provider, print the schemas, documents and coverage they
/// follow, and run the gateway that serves them.
#[derive(Parser, Debug)]
#[command(name = "unified", version)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// What the program can do.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a JSON body (or, with `--part query`, a query string) for one provider; prints
    /// one JSON report. Exit status 0 when valid, 1 when invalid, 2 on usage errors.
    Validate {
        #[command(flatten)]
        selection: Selection,
        /// The file to read; `-` or nothing reads standard input.
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft 2020-12) of one part for one provider.
    Schema {
        #[command(flatten)]
        selection: Selection,
    },
    /// Write every schema of every model, provider and part below DIR.
    Export {
        /// Where to write the schemas.
        #[arg(default_value = "schemas")]
        dir: PathBuf,
    },
    /// Write the gateway's OpenAPI document for one provider (or the unified target) to FILE, or
    /// print it.
    Openapi {
        /// The OpenAPI version: `3.1` (the schemas as exported) or `3.0` (downgraded for
        /// generators that read only 3.0).
        #[arg(long, default_value = "3.1")]
        version: String,
        /// The provider whose request and response bodies the document has, or `unified`.
        #[arg(long, default_value = "unified")]
        provider: String,
        /// Where to write it; nothing or `-` prints it.
        file: Option<PathBuf>,
    },
    /// Print which providers support and require each field of a model.
    Coverage {
        /// The model, e.g. `ticketing/users`.
        model: String,
        /// The operation.
        #[arg(long = "op", default_value = "create")]
        operation: String,
        /// The output format.
        #[arg(long, value_enum, default_value_t = CoverageFormat::Markdown)]
        format: CoverageFormat,
    },
    /// Compare two versions of the exported schemas (two folders, or with --against a folder
    /// and itself at a git revision) or two OpenAPI documents, and print each change with its
    /// level: ERR breaks clients (a request refused that was taken, an answer they cannot read),
    /// WARN may, INFO does not. Exit status 1 when a change reaches --fail-on, 2 on usage
    /// errors.
    Diff {
        /// OLD and NEW: two folders of exported schemas or two OpenAPI documents; with
        /// --against, only NEW (by default `schemas`).
        #[arg(value_name = "OLD NEW", num_args = 0..=2)]
        paths: Vec<PathBuf>,
        /// Read OLD from this git revision (`main`, a tag, a commit): NEW as it was there, read
        /// from the repository without checking it out.
        #[arg(long, value_name = "REV")]
        against: Option<String>,
        /// Exit with status 1 when a change is at this level or above.
        #[arg(long, value_enum, default_value_t = FailOn::Never)]
        fail_on: FailOn,
        /// How the report is printed.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// List the known providers (id and name).
    Providers,
    /// List the known models and their operations.
    Models,
    /// Run the unified API gateway over HTTP.
    Serve {
        /// The address to listen on (port 0 picks a free port; the chosen address is printed).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        storage: Storage,
        #[command(flatten)]
        limits: ServeLimits,
        #[command(flatten)]
        metrics: ServeMetrics,
        /// How log lines are written to stderr: `text` for people, or `json`, one object per
        /// line (`timestamp`, `level`, `target`, `message`, the event's fields, and within a
        /// request `span.request_id`), for log collectors.
        #[arg(long, value_enum, default_value_t = LogFormat::Text)]
        log_format: LogFormat,
    },
    /// Manage the API tokens clients call the gateway with.
    Token {
        /// What to do.
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Manage integrated accounts: a provider, its base URL and its credential.
    Account {
        /// What to do.
        #[command(subcommand)]
        command: AccountCommand,
    },
}

/// How `serve` writes its log lines.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One line of text per event.
    Text,
    /// One JSON object per line.
    Json,
}

/// Where the gateway keeps its records.
#[derive(clap::Args)]
pub struct Storage {
    /// The records: a SQLite file, created on first use (its key file is `<db>.key` unless
    /// UNIFIED_MASTER_KEY holds the key), or a `postgres://user@host:port/name` URL that several
    /// instances share (the key then comes from UNIFIED_MASTER_KEY, the same on every one).
    #[arg(
        long,
        env = "UNIFIED_DB",
        hide_env_values = true,
        default_value = "unified.db",
        value_name = "PATH|URL"
    )]
    pub db: String,
}

impl std::fmt::Debug for Storage {
    /// Never the location: a URL may hold a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Storage { .. }")
    }
}

/// How long `serve` waits for clients and providers, and how much it takes.
#[derive(clap::Args, Debug)]
pub struct ServeLimits {
    /// Seconds a token or account found in the database is trusted before it is looked up
    /// again, so most requests touch no database; a token revoked or an account changed by
    /// another instance or command is seen within this time. 0 looks up every request.
    #[arg(long, default_value_t = unified_store::DEFAULT_CACHE_TTL.as_secs_f64(), value_name = "SECONDS")]
    pub cache_ttl: f64,
    /// Seconds a provider may take to answer before the request fails with 504.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub provider_timeout: f64,
    /// The largest provider answer read, in bytes; a larger one fails with 502.
    #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    pub provider_answer_limit: usize,
    /// Seconds a client may take to send a request's headers, from their first byte.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub header_timeout: f64,
    /// Seconds a client may take to send a request's body; a slower one gets 408.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub body_timeout: f64,
    /// Seconds a connection may stay open without a request before it is closed.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub idle_timeout: f64,
    /// Client connections served at once; more wait to be accepted. Keep it below the
    /// process's open-file limit (`ulimit -n`).
    #[arg(long, default_value_t = 512, value_name = "COUNT")]
    pub max_connections: usize,
    /// Bytes of request bodies held in memory at once, across all connections; a request whose
    /// body does not fit waits for room, up to --body-timeout, then fails with 503. At least the
    /// body limit (1 MiB) is used.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub body_memory_limit: usize,
    /// Seconds the answer to a write sent with an `Idempotency-Key` header is kept and given
    /// again to a repeat of the same request (24 hours by default).
    #[arg(long, default_value_t = unified_store::DEFAULT_KEY_RETENTION.as_secs_f64(), value_name = "SECONDS")]
    pub idempotency_retention: f64,
    /// Seconds the gateway goes on taking connections after SIGTERM or Ctrl-C, with `/readyz`
    /// answering 503, so a load balancer stops sending to it first (0 stops at once).
    #[arg(long, default_value_t = 0.0, value_name = "SECONDS")]
    pub drain_delay: f64,
}

/// Where `serve` serves its metrics, if anywhere.
#[derive(clap::Args, Debug)]
pub struct ServeMetrics {
    /// Serve `GET /metrics` (Prometheus' text format) on this address only, a listener of its
    /// own (port 0 picks a free port; the chosen address is printed), and not on --addr.
    /// Without it, `/metrics` is served on --addr.
    #[arg(long, value_name = "ADDR", conflicts_with = "no_metrics")]
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// Keep no metrics: nothing is counted or timed and `/metrics` is not served (for
    /// measuring what the metrics cost).
    #[arg(long)]
    pub no_metrics: bool,
}

/// `token ...`.
#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for an environment (created if new) and print it once; only its
    /// hash is stored.
    Create {
        /// The environment the token gives access to.
        #[arg(long)]
        environment: String,
        #[command(flatten)]
        storage: Storage,
    },
    /// List API tokens as JSON (id, environment, created_at), never the tokens themselves.
    List {
        #[command(flatten)]
        storage: Storage,
    },
    /// Revoke an API token: refused at once by gateways started after, by running ones within
    /// their --cache-ttl (5 s by default).
    Revoke {
        /// The token's id, as `token list` shows it.
        id: i64,
        #[command(flatten)]
        storage: Storage,
    },
}

/// `account ...`.
#[derive(Subcommand, Debug)]
pub enum AccountCommand {
    /// Add an integrated account and print its id. The provider credential is read from
    /// standard input, or from the environment variable named by --credential-env; never from
    /// the command line.
    Add {
        /// The environment the account belongs to (create a token for it first).
        #[arg(long)]
        environment: String,
        /// The provider id (the `providers` command lists them).
        #[arg(long)]
        provider: String,
        /// The provider's API base URL for this account, e.g. `https://dev.dixa.io`.
        #[arg(long)]
        base_url: String,
        #[command(flatten)]
        credential: CredentialSource,
        #[command(flatten)]
        storage: Storage,
    },
    /// List integrated accounts as JSON, without credentials.
    List {
        #[command(flatten)]
        storage: Storage,
    },
    /// Remove an integrated account and its credential.
    Remove {
        /// The account's id, as `account list` shows it.
        id: String,
        #[command(flatten)]
        storage: Storage,
    },
    /// Replace an account's credential, read as `account add` reads it.
    RotateCredential {
        /// The account's id, as `account list` shows it.
        id: String,
        #[command(flatten)]
        credential: CredentialSource,
        #[command(flatten)]
        storage: Storage,
    },
}

/// Where a provider credential comes from: standard input unless a variable is named.
#[derive(clap::Args, Debug)]
pub struct CredentialSource {
    /// Read the credential from this environment variable instead of standard input.
    #[arg(long, value_name = "VARIABLE")]
    pub credential_env: Option<String>,
}

/// Which document of which operation, for whom.
#[derive(clap::Args, Debug)]
pub struct Selection {
    /// The model, e.g. `ticketing/users`.
    pub model: String,
    /// The provider id (the `providers` command lists them), or `unified` for the
    /// provider-agnostic target.
    #[arg(long)]
    pub provider: String,
    /// The operation.
    #[arg(long = "op", default_value = "create")]
    pub operation: String,
    /// The part: `body`, `query` or `response`.
    #[arg(long, default_value = "body")]
    pub part: String,
}

/// How `coverage` prints the table.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum CoverageFormat {
    /// A Markdown table per part that reads like the spec.
    Markdown,
    /// One JSON document.
    Json,
}

/// The level of change `diff --fail-on` fails on.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Never: the report is for reading.
    Never,
    /// Breaking changes.
    #[value(name = "ERR", alias = "err")]
    Err,
    /// Breaking changes and warnings.
    #[value(name = "WARN", alias = "warn")]
    Warn,
    /// Any change.
    #[value(name = "INFO", alias = "info")]
    Info,
}

/// How `diff` prints its report.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    /// A block per change, for a terminal.
    Text,
    /// One JSON document.
    Json,
    /// A table, for a pull request comment.
    Markdown,
}
