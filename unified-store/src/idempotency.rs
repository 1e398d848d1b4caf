//! Idempotency keys: a write sent with a key is dispatched once, and its answer kept for the
//! retention period, so that a client may repeat it safely. Only hashes of the key and of the
//! request are kept, and the answer is sealed by the vault. Keys belong to an environment; on
//! PostgreSQL every instance shares them.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use unified_core::Secret;

use crate::backend::{Digest256, NewClaim, StoredAnswer};
use crate::error::StoreError;
use crate::records::EnvironmentId;
use crate::store::Store;

/// How long a key and its answer are kept unless configured otherwise: 24 hours.
pub const DEFAULT_KEY_RETENTION: Duration = Duration::from_secs(24 * 60 * 60);

/// The SHA-256 of a request as the gateway compares repeats: each part length-prefixed, so
/// that no two different lists of parts give the same bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RequestFingerprint(Digest256);

impl RequestFingerprint {
    /// The fingerprint of the request made of `parts` (method, path, query, body, ...).
    pub fn of(parts: &[&[u8]]) -> RequestFingerprint {
        let mut hash = Sha256::new();
        for part in parts {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
        RequestFingerprint(hash.finalize().into())
    }
}

impl fmt::Debug for RequestFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestFingerprint(..)")
    }
}

/// The answer kept for a key: the status, media type and body sent to the client.
#[derive(Clone, PartialEq, Eq)]
pub struct KeptAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`, when the answer has a body.
    pub content_type: Option<String>,
    /// The body, as sent.
    pub body: String,
}

impl fmt::Debug for KeptAnswer {
    // The body may hold what a provider said of the record: never in a log line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeptAnswer")
            .field("status", &self.status)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// A key this request holds: to keep its answer with [`Store::keep_answer`], or to give it back
/// with [`Store::release_key`] when the request is not dispatched.
#[derive(Debug)]
#[must_use = "a claimed key is kept with its answer or released"]
pub struct KeyClaim {
    environment: EnvironmentId,
    key: Digest256,
}

/// What a key says of a request that carries it.
#[derive(Debug)]
pub enum Claim {
    /// The key is new (or its retention passed): this request holds it and is dispatched.
    Claimed(KeyClaim),
    /// The same request was answered before: this is its answer.
    Replay(KeptAnswer),
    /// The same request holds the key and has no answer yet; it was claimed this long ago.
    InFlight {
        /// The time since it was claimed.
        since: Duration,
    },
    /// Another request (another account, path, query or body) holds the key.
    Mismatch,
}

impl Store {
    /// Claims `key` in `environment` for the request `request`, for `retention`; or says what
    /// holds it. Expired keys are forgotten on the way.
    pub async fn claim_key(
        &self,
        environment: EnvironmentId,
        key: &str,
        request: RequestFingerprint,
        retention: Duration,
    ) -> Result<Claim, StoreError> {
        let key: Digest256 = Sha256::digest(key.as_bytes()).into();
        // A claim given back, or one that expires, between the two calls: try again.
        for _ in 0..3 {
            let now = now_millis();
            let claim = NewClaim {
                environment,
                key,
                request: request.0,
                now,
                expires_at: now
                    .saturating_add(retention.as_millis().try_into().unwrap_or(i64::MAX)),
            };
            if self.backend.claim_key(claim).await? {
                return Ok(Claim::Claimed(KeyClaim { environment, key }));
            }
            let Some(row) = self.backend.key(environment, key, now).await? else {
                continue;
            };
            if row.request != request.0 {
                return Ok(Claim::Mismatch);
            }
            return Ok(match row.answer {
                None => Claim::InFlight {
                    since: Duration::from_millis(now.saturating_sub(row.claimed_at).unsigned_abs()),
                },
                Some(StoredAnswer {
                    status,
                    content_type,
                    sealed,
                }) => Claim::Replay(KeptAnswer {
                    status: u16::try_from(status).unwrap_or(500),
                    content_type,
                    body: self
                        .vault
                        .open_sealed(&sealing_context(&key), &sealed)?
                        .expose()
                        .to_owned(),
                }),
            });
        }
        Err(StoreError::Unavailable(
            "the idempotency key changed hands too often to be claimed".to_owned(),
        ))
    }

    /// Keeps `answer` as the answer to the request holding `claim`, sealed.
    pub async fn keep_answer(
        &self,
        claim: KeyClaim,
        answer: &KeptAnswer,
    ) -> Result<(), StoreError> {
        let sealed = self.vault.seal(
            &sealing_context(&claim.key),
            &Secret::new(answer.body.clone()),
        )?;
        let answer = StoredAnswer {
            status: i64::from(answer.status),
            content_type: answer.content_type.clone(),
            sealed,
        };
        self.backend
            .finish_key(claim.environment, claim.key, answer)
            .await
    }

    /// Gives back `claim`: its request was not dispatched, so a repeat may be.
    pub async fn release_key(&self, claim: KeyClaim) -> Result<(), StoreError> {
        self.backend.release_key(claim.environment, claim.key).await
    }
}

/// What an answer is sealed for: its key, so a sealed answer cannot be moved to another row.
fn sealing_context(key: &Digest256) -> String {
    format!("idempotency-key:{}", hex::encode(key))
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis().try_into().unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{TEST_KEY, each_store, open_temporary, postgres_database};

    const DAY: Duration = DEFAULT_KEY_RETENTION;

    fn answer(status: u16, body: &str) -> KeptAnswer {
        KeptAnswer {
            status,
            content_type: Some("application/json".to_owned()),
            body: body.to_owned(),
        }
    }

    async fn environment(store: &Store, name: &str) -> EnvironmentId {
        let token = store.create_token(name).await.unwrap();
        store
            .environment_of_token(token.expose())
            .await
            .unwrap()
            .unwrap()
    }

    #[tokio::test]
    async fn a_key_is_claimed_once_then_replays_its_answer_and_refuses_another_request() {
        for store in each_store().await {
            let prod = environment(&store, "prod").await;
            let first = RequestFingerprint::of(&[b"POST", b"/unified/ticketing/users", b"{}"]);
            let other = RequestFingerprint::of(&[b"POST", b"/unified/ticketing/users", b"{ }"]);

            let Claim::Claimed(claim) = store.claim_key(prod, "k-1", first, DAY).await.unwrap()
            else {
                panic!("a new key is claimed ({})", store.location());
            };
            assert!(matches!(
                store.claim_key(prod, "k-1", first, DAY).await.unwrap(),
                Claim::InFlight { .. }
            ));
            assert!(matches!(
                store.claim_key(prod, "k-1", other, DAY).await.unwrap(),
                Claim::Mismatch
            ));
            let kept = answer(201, r#"{"id":"u-1"}"#);
            store.keep_answer(claim, &kept).await.unwrap();
            for _ in 0..2 {
                match store.claim_key(prod, "k-1", first, DAY).await.unwrap() {
                    Claim::Replay(replayed) => assert_eq!(replayed, kept),
                    other => panic!("replayed, not {other:?}"),
                }
            }
            assert!(matches!(
                store.claim_key(prod, "k-1", other, DAY).await.unwrap(),
                Claim::Mismatch
            ));
            // Keys belong to their environment.
            let staging = environment(&store, "staging").await;
            assert!(matches!(
                store.claim_key(staging, "k-1", other, DAY).await.unwrap(),
                Claim::Claimed(_)
            ));
        }
    }

    #[tokio::test]
    async fn a_released_key_and_an_expired_key_are_claimed_again() {
        for store in each_store().await {
            let prod = environment(&store, "prod").await;
            let request = RequestFingerprint::of(&[b"DELETE", b"/unified/ticketing/users/1"]);
            let Claim::Claimed(claim) = store.claim_key(prod, "k", request, DAY).await.unwrap()
            else {
                panic!("claimed");
            };
            store.release_key(claim).await.unwrap();
            let short = Duration::from_millis(200);
            let Claim::Claimed(claim) = store.claim_key(prod, "k", request, short).await.unwrap()
            else {
                panic!("a released key is claimed again");
            };
            store.keep_answer(claim, &answer(204, "")).await.unwrap();
            assert!(matches!(
                store.claim_key(prod, "k", request, short).await.unwrap(),
                Claim::Replay(_)
            ));
            tokio::time::sleep(Duration::from_millis(300)).await;
            let other = RequestFingerprint::of(&[b"DELETE", b"/unified/ticketing/users/2"]);
            assert!(
                matches!(
                    store.claim_key(prod, "k", other, DAY).await.unwrap(),
                    Claim::Claimed(_)
                ),
                "an expired key is free for any request ({})",
                store.location()
            );
        }
    }

    #[tokio::test]
    async fn neither_the_key_nor_the_answer_is_kept_in_clear() {
        let (dir, store) = open_temporary().await;
        let prod = environment(&store, "prod").await;
        let request = RequestFingerprint::of(&[b"POST"]);
        let Claim::Claimed(claim) = store
            .claim_key(prod, "key-in-clear-7f3a", request, DAY)
            .await
            .unwrap()
        else {
            panic!("claimed");
        };
        store
            .keep_answer(
                claim,
                &answer(201, r#"{"email":"answer-in-clear@example.com"}"#),
            )
            .await
            .unwrap();
        drop(store);
        let mut bytes = Vec::new();
        for file in ["unified.db", "unified.db-wal"] {
            bytes.extend(std::fs::read(dir.path().join(file)).unwrap_or_default());
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("key-in-clear-7f3a"));
        assert!(!text.contains("answer-in-clear"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn instances_racing_for_one_key_on_postgres_claim_it_once() {
        let url = postgres_database();
        let key = unified_core::Secret::new(TEST_KEY);
        let mut instances = Vec::new();
        for _ in 0..4 {
            instances.push(std::sync::Arc::new(
                Store::open_with_key(&url, &key).await.unwrap(),
            ));
        }
        let prod = environment(&instances[0], "prod").await;
        for round in 0..20 {
            let key = format!("race-{round}");
            let request = RequestFingerprint::of(&[key.as_bytes()]);
            let racers: Vec<_> = instances
                .iter()
                .flat_map(|store| [store.clone(), store.clone()])
                .map(|store| {
                    let key = key.clone();
                    tokio::spawn(async move { store.claim_key(prod, &key, request, DAY).await })
                })
                .collect();
            let mut claimed = 0;
            for racer in racers {
                match racer.await.unwrap().unwrap() {
                    Claim::Claimed(_) => claimed += 1,
                    Claim::InFlight { .. } => {}
                    other => panic!("{other:?}"),
                }
            }
            assert_eq!(claimed, 1, "round {round}");
        }
    }
}
