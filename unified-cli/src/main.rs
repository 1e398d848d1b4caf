//! `unified`: validate request bodies per provider, print and export JSON Schemas, show
//! coverage, and run the gateway, for the models of `unified-models` and the adapters of
//! `unified-providers`. The commands themselves are `unified-commands`.

use std::process::ExitCode;

use unified_commands::Program;

/// glibc's malloc keeps most of what a burst of large or hostile requests freed (hundreds of
/// MiB, for good); jemalloc's background thread hands it back to the system within seconds.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    Program::new(
        "unified",
        unified_models::registry(),
        unified_providers::adapters(),
    )
    .main()
}
