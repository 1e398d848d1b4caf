//! SQLite connections for one database file, reused: each call takes an idle connection (or
//! opens one), runs on tokio's blocking threads and gives it back. In WAL mode readers run in
//! parallel with each other and with the one writer, so lookups never queue on one connection.
//! At most [`MAX_CONNECTIONS`] calls run at once; the others wait their turn, a bounded time.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;
use tokio::sync::Semaphore;

use crate::backend::Answer;
use crate::error::StoreError;

/// How long a write waits for another connection's (or process's) before it fails.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The most connections open at once (each holds a few file descriptors).
const MAX_CONNECTIONS: usize = 16;

/// How long a call waits for a connection before it fails.
const WAIT_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections to one database file.
pub(super) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    turns: Arc<Semaphore>,
}

impl Pool {
    /// A pool for the database at `path`, holding `first` as its first idle connection.
    pub fn new(path: &Path, first: Connection) -> Arc<Pool> {
        Arc::new(Pool {
            path: path.to_owned(),
            idle: Mutex::new(vec![first]),
            turns: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
        })
    }

    /// Runs `call` with a connection, off the async workers.
    pub fn run<T: Send + 'static>(
        self: &Arc<Self>,
        call: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Answer<'static, T> {
        let pool = self.clone();
        Box::pin(async move {
            let turn = tokio::time::timeout(WAIT_TIMEOUT, pool.turns.clone().acquire_owned())
                .await
                .ok()
                .and_then(Result::ok)
                .ok_or_else(|| {
                    StoreError::Unavailable(format!(
                        "no database connection was free within {} s",
                        WAIT_TIMEOUT.as_secs()
                    ))
                })?;
            tokio::task::spawn_blocking(move || {
                let _turn = turn;
                let connection = pool.take()?;
                let answer = call(&connection);
                pool.give_back(connection);
                answer
            })
            .await
            .map_err(|_| StoreError::Unavailable("the database call did not finish".to_owned()))?
        })
    }

    fn take(&self) -> Result<Connection, StoreError> {
        match self.idle().pop() {
            Some(connection) => Ok(connection),
            None => connect(&self.path),
        }
    }

    fn give_back(&self, connection: Connection) {
        let mut idle = self.idle();
        if idle.len() < MAX_CONNECTIONS {
            idle.push(connection);
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // The lock only guards a list; a panic elsewhere leaves it whole.
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A connection to the database at `path`, with foreign keys on and writes that wait for
/// another's.
pub(super) fn connect(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open(path).map_err(|error| {
        StoreError::refused(format!("cannot open database {}: {error}", path.display()))
    })?;
    connection.pragma_update(None, "foreign_keys", true)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}
