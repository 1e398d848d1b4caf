//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Validate unified API requests per provider, and print the schemas and coverage they follow.
#[derive(Parser, Debug)]
#[command(name = "unified", version, about)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// What `unified` can do.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a JSON body (or, with `--part query`, a query string) for one provider; prints
    /// one JSON report. Exit status 0 when valid, 1 when invalid, 2 on usage errors.
    Validate {
        #[command(flatten)]
        target: Target,
        /// The file to read; `-` or nothing reads standard input.
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft 2020-12) of one part for one provider.
    Schema {
        #[command(flatten)]
        target: Target,
    },
    /// Write every schema of every model, provider and part below DIR.
    Export {
        /// Where to write the schemas.
        #[arg(default_value = "schemas")]
        dir: PathBuf,
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
    /// List the known providers (id and name).
    Providers,
    /// List the known models and their operations.
    Models,
}

/// Which document of which operation, for whom.
#[derive(clap::Args, Debug)]
pub struct Target {
    /// The model, e.g. `ticketing/users`.
    pub model: String,
    /// The provider id (see `unified providers`), or `unified` for the provider-agnostic view.
    #[arg(long)]
    pub provider: String,
    /// The operation.
    #[arg(long = "op", default_value = "create")]
    pub operation: String,
    /// The part: `body`, `query` or `response`.
    #[arg(long, default_value = "body")]
    pub part: String,
}

/// How `unified coverage` prints the table.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum CoverageFormat {
    /// A Markdown table per part that reads like the spec.
    Markdown,
    /// One JSON document.
    Json,
}
