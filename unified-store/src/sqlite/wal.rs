//! The switch of a database file to WAL, which a new file's first openers race to make.

use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode};

use super::pool::BUSY_TIMEOUT;
use crate::error::StoreError;

/// The pause between two tries of a switch another connection holds up.
const RETRY_PAUSE: Duration = Duration::from_millis(10);

/// Switches the file of `connection` to WAL (kept in the file); the journal mode it now has.
/// SQLite gives up at once, without its busy handler, when another connection holds the file
/// while the mode changes: that is retried here for up to the busy timeout.
pub(super) fn switch_to_wal(connection: &Connection) -> Result<String, StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match connection.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0)) {
            Err(rusqlite::Error::SqliteFailure(error, _))
                if matches!(
                    error.code,
                    ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked
                ) && Instant::now() < deadline =>
            {
                std::thread::sleep(RETRY_PAUSE);
            }
            answer => return Ok(answer?),
        }
    }
}
