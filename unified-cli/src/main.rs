//! `unified`: validate request bodies per provider, print and export JSON Schemas, show
//! coverage, and run the gateway, for the models of `unified-models` and the adapters of
//! `unified-providers`. The commands themselves are `unified-commands`.

use std::process::ExitCode;

use unified_commands::Program;

fn main() -> ExitCode {
    Program::new(
        "unified",
        unified_models::registry(),
        unified_providers::adapters(),
    )
    .main()
}
