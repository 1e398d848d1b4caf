//! The database each store's run starts from: empty, made fresh for the run.

use tempfile::TempDir;

use crate::args::StoreKind;

/// A fresh database, named as `--db` takes it.
pub struct Database {
    /// A SQLite path or a PostgreSQL URL.
    pub db: String,
    /// The folder the commands run in (and, for SQLite, the database's); removed on drop.
    pub folder: TempDir,
}

impl Database {
    /// A new empty database of `kind`. PostgreSQL's comes from the test tools' private cluster,
    /// started on first use and removed when this process exits.
    pub fn new(kind: StoreKind) -> Result<Database, String> {
        let folder = tempfile::Builder::new()
            .prefix("unified-load-")
            .tempdir()
            .map_err(|error| format!("cannot make a temporary folder: {error}"))?;
        let db = match kind {
            StoreKind::Sqlite => folder
                .path()
                .join("unified.db")
                .into_os_string()
                .into_string()
                .map_err(|path| format!("the temporary path {path:?} is not UTF-8"))?,
            // The helper panics with what went wrong (printed by the panic hook); the other
            // stores still run.
            StoreKind::Postgres => {
                std::panic::catch_unwind(|| unified_test_tools::postgres().new_database())
                    .map_err(|_| "no PostgreSQL test cluster (see the panic above)".to_owned())?
            }
        };
        Ok(Database { db, folder })
    }
}
