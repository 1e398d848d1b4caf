//! The idempotency keys in a PostgreSQL database, shared by every instance: the claim is one
//! statement, so two instances racing for a key never both hold it.

use super::Postgres;
use crate::backend::{
    Answer, Digest256, KeyRecords, KeyRow, NewClaim, StoredAnswer, stored_answer,
};
use crate::records::EnvironmentId;
use crate::statements;

impl KeyRecords for Postgres {
    fn claim_key(&self, claim: NewClaim) -> Answer<'_, bool> {
        Box::pin(async move {
            self.execute(statements::PURGE_KEYS, &[&claim.now]).await?;
            let (key, request): (&[u8], &[u8]) = (&claim.key, &claim.request);
            let changed = self
                .execute(
                    statements::CLAIM_KEY,
                    &[
                        &claim.environment.0,
                        &key,
                        &request,
                        &claim.now,
                        &claim.expires_at,
                    ],
                )
                .await?;
            Ok(changed > 0)
        })
    }

    fn key(
        &self,
        environment: EnvironmentId,
        key: Digest256,
        now: i64,
    ) -> Answer<'_, Option<KeyRow>> {
        Box::pin(async move {
            let key: &[u8] = &key;
            let rows = self
                .query(statements::KEY, &[&environment.0, &key, &now])
                .await?;
            let Some(row) = rows.first() else {
                return Ok(None);
            };
            Ok(Some(KeyRow {
                request: row.try_get(0)?,
                claimed_at: row.try_get(1)?,
                answer: stored_answer(
                    row.try_get(2)?,
                    row.try_get(3)?,
                    row.try_get(4)?,
                    row.try_get(5)?,
                ),
            }))
        })
    }

    fn finish_key(
        &self,
        environment: EnvironmentId,
        key: Digest256,
        answer: StoredAnswer,
    ) -> Answer<'_, ()> {
        Box::pin(async move {
            let key: &[u8] = &key;
            let StoredAnswer {
                status,
                content_type,
                sealed,
            } = answer;
            self.execute(
                statements::FINISH_KEY,
                &[
                    &status,
                    &content_type,
                    &sealed.nonce,
                    &sealed.ciphertext,
                    &environment.0,
                    &key,
                ],
            )
            .await
            .map(drop)
        })
    }

    fn release_key(&self, environment: EnvironmentId, key: Digest256) -> Answer<'_, ()> {
        Box::pin(async move {
            let key: &[u8] = &key;
            self.execute(statements::RELEASE_KEY, &[&environment.0, &key])
                .await
                .map(drop)
        })
    }
}
