//! Opening the gateway's records for a command, and saying on stderr which database they are.

use core::fmt::Display;

use unified_store::Store;

use crate::failure::Failure;
use crate::output::note;

/// Opens (creating and migrating if needed) the records at `db`, a SQLite path or a
/// `postgres://` URL, and prints `<program>: database <absolute path or URL>` on stderr, so the
/// user sees whose records a command reads or changes. Every command that uses the gateway's
/// records opens them here.
pub async fn open_store(db: &str) -> Result<Store, Failure> {
    let store = Store::open(db).await.map_err(setup_failure)?;
    note(&format!("database {}", store.location()));
    Ok(store)
}

/// Runs `work` on the records at `db`, on a runtime of the command's own.
pub fn with_store<T>(
    db: &str,
    work: impl AsyncFnOnce(&Store) -> Result<T, Failure>,
) -> Result<T, Failure> {
    runtime()?.block_on(async {
        let store = open_store(db).await?;
        work(&store).await
    })
}

/// The runtime a command's store calls run on.
fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::new(format!("cannot start the runtime: {error}")))
}

/// A store's or a gateway's error as the command's failure (exit status 2, one line).
pub fn setup_failure(error: impl Display) -> Failure {
    Failure::new(error.to_string())
}
