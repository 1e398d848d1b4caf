//! Opening the gateway's database for a command, and saying on stderr which file it is.

use std::path::Path;

use core::fmt::Display;

use unified_gateway::Store;

use crate::commands::note;
use crate::failure::Failure;

/// Opens (creating and migrating if needed) the database at `db` and prints
/// `unified: database <absolute path>` on stderr, so the user sees whose records a command
/// reads or changes. Every command that uses the gateway's records opens them here.
pub fn open_store(db: &Path) -> Result<Store, Failure> {
    let store = Store::open(db).map_err(setup_failure)?;
    note(&format!("database {}", store.path().display()));
    Ok(store)
}

/// A store's or a gateway's error as the command's failure (exit status 2, one line).
pub fn setup_failure(error: impl Display) -> Failure {
    Failure::new(error.to_string())
}
