//! The idempotency keys in a SQLite file.

use rusqlite::{OptionalExtension, params};

use super::Sqlite;
use crate::backend::{
    Answer, Digest256, KeyRecords, KeyRow, NewClaim, StoredAnswer, stored_answer,
};
use crate::records::EnvironmentId;
use crate::statements;

impl KeyRecords for Sqlite {
    fn claim_key(&self, claim: NewClaim) -> Answer<'_, bool> {
        self.pool.run(move |connection| {
            connection.execute(statements::PURGE_KEYS, [claim.now])?;
            let changed = connection.execute(
                statements::CLAIM_KEY,
                params![
                    claim.environment.0,
                    claim.key,
                    claim.request,
                    claim.now,
                    claim.expires_at
                ],
            )?;
            Ok(changed > 0)
        })
    }

    fn key(
        &self,
        environment: EnvironmentId,
        key: Digest256,
        now: i64,
    ) -> Answer<'_, Option<KeyRow>> {
        self.pool.run(move |connection| {
            Ok(connection
                .query_row(statements::KEY, params![environment.0, key, now], |row| {
                    Ok(KeyRow {
                        request: row.get(0)?,
                        claimed_at: row.get(1)?,
                        answer: stored_answer(row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?),
                    })
                })
                .optional()?)
        })
    }

    fn finish_key(
        &self,
        environment: EnvironmentId,
        key: Digest256,
        answer: StoredAnswer,
    ) -> Answer<'_, ()> {
        self.pool.run(move |connection| {
            let StoredAnswer {
                status,
                content_type,
                sealed,
            } = answer;
            connection.execute(
                statements::FINISH_KEY,
                params![
                    status,
                    content_type,
                    sealed.nonce,
                    sealed.ciphertext,
                    environment.0,
                    key
                ],
            )?;
            Ok(())
        })
    }

    fn release_key(&self, environment: EnvironmentId, key: Digest256) -> Answer<'_, ()> {
        self.pool.run(move |connection| {
            connection.execute(statements::RELEASE_KEY, params![environment.0, key])?;
            Ok(())
        })
    }
}
