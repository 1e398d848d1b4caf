//! Credentials at rest: sealed with ChaCha20-Poly1305 under a 32-byte key that lives in a file
//! only its owner can read (created on first run), or in the `UNIFIED_MASTER_KEY` environment
//! variable (64 hex digits). Each sealed credential is bound to its account id, so a ciphertext
//! copied onto another account does not open.

use std::fs;
use std::io::Write;
use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use unified_core::Secret;

use crate::error::StoreError;
use crate::private_file::create_new_private;

/// The environment variable that may hold the key instead of the key file.
pub const KEY_VARIABLE: &str = "UNIFIED_MASTER_KEY";

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 12;

/// A sealed credential: a fresh nonce and the ciphertext with its tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedCredential {
    /// The nonce used for this credential.
    pub nonce: Vec<u8>,
    /// The encrypted credential and its authentication tag.
    pub ciphertext: Vec<u8>,
}

/// Who wrote the key file that [`Vault::create`] read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFile {
    /// This call wrote it.
    Made,
    /// Another process wrote it first.
    Found,
}

/// The key that seals and opens credentials.
pub struct Vault {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(***)")
    }
}

impl Vault {
    /// The key held by `UNIFIED_MASTER_KEY`, given here as `text` (64 hex digits).
    pub fn from_variable(text: &str) -> Result<Vault, StoreError> {
        let key = decode_key(text)
            .map_err(|why| StoreError::key(format!("{KEY_VARIABLE} is not a usable key: {why}")))?;
        Ok(Vault::from_key(&key))
    }

    /// The key in `key_file`, or `None` when that file does not exist.
    pub fn read(key_file: &Path) -> Result<Option<Vault>, StoreError> {
        Ok(read_key(key_file)?.map(|key| Vault::from_key(&key)))
    }

    /// A new random key, written to `key_file` (mode 0600); the key another process wrote there
    /// first, if one did. Which of the two it is says whether this call made the file.
    pub fn create(key_file: &Path) -> Result<(Vault, KeyFile), StoreError> {
        let (key, made) = create_key(key_file)?;
        Ok((Vault::from_key(&key), made))
    }

    fn from_key(key: &[u8; KEY_LEN]) -> Vault {
        Vault {
            cipher: ChaCha20Poly1305::new(Key::from_slice(key)),
        }
    }

    /// Seals `credential` for the account `account_id`.
    pub fn seal(
        &self,
        account_id: &str,
        credential: &Secret,
    ) -> Result<SealedCredential, StoreError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce)
            .map_err(|error| StoreError::key(format!("no randomness for a nonce: {error}")))?;
        let payload = Payload {
            msg: credential.expose().as_bytes(),
            aad: account_id.as_bytes(),
        };
        let ciphertext = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), payload)
            .map_err(|_| StoreError::key("the credential could not be encrypted"))?;
        Ok(SealedCredential {
            nonce: nonce.to_vec(),
            ciphertext,
        })
    }

    /// Opens the credential sealed for `account_id`; fails when the key is another one or the
    /// record was altered.
    pub fn open_sealed(
        &self,
        account_id: &str,
        sealed: &SealedCredential,
    ) -> Result<Secret, StoreError> {
        if sealed.nonce.len() != NONCE_LEN {
            return Err(StoreError::key("a stored credential has a malformed nonce"));
        }
        let payload = Payload {
            msg: &sealed.ciphertext,
            aad: account_id.as_bytes(),
        };
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(&sealed.nonce), payload)
            .map_err(|_| {
                StoreError::key(format!(
                    "the credential of account {account_id} does not open with this key"
                ))
            })?;
        String::from_utf8(plain)
            .map(Secret::new)
            .map_err(|_| StoreError::key("a stored credential is not UTF-8"))
    }
}

fn decode_key(text: &str) -> Result<[u8; KEY_LEN], String> {
    let bytes = hex::decode(text.trim()).map_err(|error| error.to_string())?;
    bytes
        .try_into()
        .map_err(|bytes: Vec<u8>| format!("{} bytes, expected {KEY_LEN}", bytes.len()))
}

fn read_key(path: &Path) -> Result<Option<[u8; KEY_LEN]>, StoreError> {
    match fs::read_to_string(path) {
        Ok(text) => decode_key(&text).map(Some).map_err(|why| {
            StoreError::key(format!("key file {} is not usable: {why}", path.display()))
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(StoreError::key(format!(
            "cannot read key file {}: {error}",
            path.display()
        ))),
    }
}

/// Writes the key whole to a file of its own, then links it in place: a process reading the
/// key file never sees it half-written, and of two processes creating it one key wins.
fn create_key(path: &Path) -> Result<([u8; KEY_LEN], KeyFile), StoreError> {
    let mut key = [0u8; KEY_LEN];
    getrandom::fill(&mut key)
        .map_err(|error| StoreError::key(format!("no randomness for a key: {error}")))?;
    let cannot = |error: std::io::Error| {
        StoreError::key(format!(
            "cannot create key file {}: {error}",
            path.display()
        ))
    };
    let draft = draft_path(path)?;
    let mut file = create_new_private(&draft).map_err(cannot)?;
    // On disk before it is linked: credentials sealed under a key lost in a crash stay sealed.
    let linked = file
        .write_all(format!("{}\n", hex::encode(key)).as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::hard_link(&draft, path));
    let _ = fs::remove_file(&draft);
    match linked {
        Ok(()) => Ok((key, KeyFile::Made)),
        // Another process made it first: use theirs.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => read_key(path)?
            .map(|key| (key, KeyFile::Found))
            .ok_or_else(|| StoreError::key(format!("key file {} vanished", path.display()))),
        Err(error) => Err(cannot(error)),
    }
}

/// A name beside `path` that no other process picks: `<path>.<random>.new`.
fn draft_path(path: &Path) -> Result<std::path::PathBuf, StoreError> {
    let mut tag = [0u8; 8];
    getrandom::fill(&mut tag)
        .map_err(|error| StoreError::key(format!("no randomness for a file name: {error}")))?;
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{}.new", hex::encode(tag)));
    Ok(name.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credential_opens_only_for_its_account_and_key() {
        let vault = Vault::from_key(&[7; KEY_LEN]);
        let sealed = vault.seal("acct-1", &Secret::new("s3cret")).unwrap();
        assert!(!sealed.ciphertext.windows(6).any(|w| w == b"s3cret"));
        assert_eq!(
            vault.open_sealed("acct-1", &sealed).unwrap().expose(),
            "s3cret"
        );
        assert!(vault.open_sealed("acct-2", &sealed).is_err());
        let other = Vault::from_key(&[8; KEY_LEN]);
        assert!(other.open_sealed("acct-1", &sealed).is_err());
        assert_eq!(format!("{vault:?}"), "Vault(***)");
    }

    #[test]
    fn racing_creators_of_one_key_file_all_get_the_key_written() {
        for _round in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("unified.key");
            let barrier = std::sync::Barrier::new(8);
            let keys: Vec<_> = std::thread::scope(|scope| {
                let racers: Vec<_> = (0..8)
                    .map(|_| {
                        scope.spawn(|| {
                            barrier.wait();
                            create_key(&path)
                        })
                    })
                    .collect();
                racers
                    .into_iter()
                    .map(|racer| racer.join().unwrap())
                    .collect()
            });
            let written = read_key(&path).unwrap().unwrap();
            let mut makers = 0;
            for key in keys {
                let (key, made) = key.unwrap();
                assert_eq!(key, written);
                makers += usize::from(made == KeyFile::Made);
            }
            assert_eq!(makers, 1, "exactly one racer says it made the file");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_key_file_is_created_once_and_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unified.key");
        let (first, made) = create_key(&path).unwrap();
        assert_eq!(made, KeyFile::Made);
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(read_key(&path).unwrap(), Some(first));
        assert_eq!(
            create_key(&path).unwrap(),
            (first, KeyFile::Found),
            "the key already there wins"
        );
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no draft is left behind");
    }
}
