//! `account add|list|remove|rotate-credential`: integrated accounts and their
//! credentials, which arrive on stdin or from a named variable, never on the command line.

use std::io::Read;
use std::process::ExitCode;

use unified_core::{Provider, ProviderSet, Secret};

use crate::cli::{AccountCommand, CredentialSource};
use crate::commands::database::{setup_failure, with_store};
use crate::commands::unknown;
use crate::failure::Failure;
use crate::output::{note, print, print_json};
use crate::program::Program;

/// Runs an account command.
pub fn run<S: ProviderSet>(
    program: &Program<S>,
    command: AccountCommand,
) -> Result<ExitCode, Failure> {
    match command {
        AccountCommand::Add {
            environment,
            provider,
            base_url,
            credential,
            storage,
        } => {
            let provider = Provider::<S>::from_id(&provider).ok_or_else(|| {
                unknown(
                    "provider",
                    &provider,
                    Provider::<S>::all().map(Provider::id),
                    "providers",
                )
            })?;
            let credential = read_credential(&credential)?;
            check_shape(program, provider, &credential)?;
            let id = with_store(&storage.db, async |store| {
                store
                    .add_account(&environment, provider, &base_url, &credential)
                    .await
                    .map_err(setup_failure)
            })?;
            print(&format!("{id}\n"))?;
            if !program.adapters.serves(provider) {
                note(&format!(
                    "warning: provider `{}` ({}) has no adapter yet; the gateway answers 501 \
                     for this account until one ships",
                    provider.id(),
                    provider.name()
                ));
            }
        }
        AccountCommand::List { storage } => {
            let accounts = with_store(&storage.db, async |store| {
                store.list_accounts().await.map_err(setup_failure)
            })?;
            print_json(&accounts)?;
        }
        AccountCommand::Remove { id, storage } => {
            with_store(&storage.db, async |store| {
                store.remove_account(&id).await.map_err(setup_failure)
            })?;
            note(&format!("account {id} removed"));
        }
        AccountCommand::RotateCredential {
            id,
            credential,
            storage,
        } => {
            let credential = read_credential(&credential)?;
            with_store(&storage.db, async |store| {
                let provider = store
                    .list_accounts()
                    .await
                    .map_err(setup_failure)?
                    .into_iter()
                    .find(|account| account.id == id)
                    .and_then(|account| Provider::<S>::from_id(&account.provider));
                if let Some(provider) = provider {
                    check_shape(program, provider, &credential)?;
                }
                store
                    .rotate_credential(&id, &credential)
                    .await
                    .map_err(setup_failure)
            })?;
            note(&format!("account {id} has its new credential"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses a credential its provider's adapter cannot present (a two-part credential without its
/// `:`), naming the shape and never the credential.
pub(crate) fn check_shape<S: ProviderSet>(
    program: &Program<S>,
    provider: Provider<S>,
    credential: &Secret,
) -> Result<(), Failure> {
    let Some(scheme) = program
        .adapters
        .iter()
        .find(|adapter| adapter.provider() == provider)
        .map(|adapter| adapter.auth())
    else {
        return Ok(());
    };
    scheme
        .present(credential)
        .map(drop)
        .map_err(|shape| Failure::new(format!("{} ({}): {shape}", provider.name(), provider.id())))
}

/// The credential from the named environment variable, or else all of standard input without
/// its final line break.
fn read_credential(source: &CredentialSource) -> Result<Secret, Failure> {
    let text = match &source.credential_env {
        Some(name) => std::env::var(name).map_err(|_| {
            Failure::new(format!(
                "environment variable {name} is not set (or not UTF-8)"
            ))
        })?,
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|error| Failure::new(format!("cannot read the credential: {error}")))?;
            text
        }
    };
    credential_from_text(&text)
}

/// The credential that `text` (a variable's value, or all of standard input) holds: the text
/// without its final line break, refused when blank.
pub(crate) fn credential_from_text(text: &str) -> Result<Secret, Failure> {
    let credential = text.trim_end_matches(['\r', '\n']);
    if credential.trim().is_empty() {
        return Err(Failure::new(
            "the credential is empty: pipe it on standard input or name a variable with --credential-env",
        ));
    }
    Ok(Secret::new(credential))
}
