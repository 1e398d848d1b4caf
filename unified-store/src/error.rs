//! What went wrong opening the records or reading and changing them. Messages say what went
//! wrong and where, never a secret, nor a row's values.

use core::fmt;

/// What went wrong opening the gateway's records or reading and changing them.
#[non_exhaustive]
pub enum StoreError {
    /// The SQLite database failed; SQLite's error is the source.
    Database(rusqlite::Error),
    /// The PostgreSQL database failed or could not be reached; the driver's error is the source.
    Postgres(tokio_postgres::Error),
    /// No database connection could be had in time (every pooled one busy, or the server slow
    /// to accept a new one).
    Unavailable(String),
    /// The key that seals credentials is missing, unreadable or not the database's.
    Key(String),
    /// What was asked is refused: a bad environment name, base URL or credential, an unknown
    /// id, a database newer than this build.
    Refused(String),
}

impl StoreError {
    /// A refusal with this message.
    pub fn refused(message: impl Into<String>) -> Self {
        StoreError::Refused(message.into())
    }

    /// A key problem with this message.
    pub fn key(message: impl Into<String>) -> Self {
        StoreError::Key(message.into())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Database(error) => {
                // SQLite quotes the failing SQL, line breaks and all; the message stays one line.
                f.write_str("database error:")?;
                for word in error.to_string().split_whitespace() {
                    write!(f, " {word}")?;
                }
                Ok(())
            }
            StoreError::Postgres(error) => match error.as_db_error() {
                // The server's message only: its detail may quote a row's values.
                Some(db) => write!(f, "database error: {} ({})", db.message(), db.code().code()),
                None => {
                    // The driver's own words leave out the cause (refused, timed out, ...).
                    write!(f, "database error: {error}")?;
                    let mut cause = std::error::Error::source(error);
                    while let Some(error) = cause {
                        write!(f, ": {error}")?;
                        cause = error.source();
                    }
                    Ok(())
                }
            },
            StoreError::Key(message)
            | StoreError::Refused(message)
            | StoreError::Unavailable(message) => f.write_str(message),
        }
    }
}

impl fmt::Debug for StoreError {
    /// The message, as displayed: the drivers' own `Debug` shows a server error's detail,
    /// which may quote a row's values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoreError({self})")
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Database(error) => Some(error),
            // A server's error carries its detail, which may quote a row's values.
            StoreError::Postgres(error) if error.as_db_error().is_none() => Some(error),
            StoreError::Postgres(_) => None,
            StoreError::Key(_) | StoreError::Refused(_) | StoreError::Unavailable(_) => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Database(error)
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> Self {
        StoreError::Postgres(error)
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        match error {
            deadpool_postgres::PoolError::Backend(error) => StoreError::Postgres(error),
            other => StoreError::Unavailable(format!("no database connection: {other}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;

    use super::*;

    #[test]
    fn a_database_error_is_one_line_and_keeps_its_source() {
        let connection = rusqlite::Connection::open_in_memory().unwrap();
        let error = connection
            .execute_batch("CREATE TABLE t (a);\nCREATE TABLE t (\n  a\n);")
            .unwrap_err();
        let error = StoreError::from(error);
        let message = error.to_string();
        assert!(
            message.starts_with("database error: table t already exists"),
            "{message}"
        );
        assert!(!message.contains('\n'), "{message}");
        assert!(
            error
                .source()
                .is_some_and(|source| source.is::<rusqlite::Error>())
        );
    }
}
