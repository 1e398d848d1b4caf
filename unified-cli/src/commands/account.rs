//! `unified account add` and `unified account list`.

use std::io::Read;
use std::process::ExitCode;

use unified_core::{Provider, Secret};
use unified_gateway::Store;
use unified_models::providers::Set;

use crate::cli::AccountCommand;
use crate::commands::{print, print_json, unknown};
use crate::failure::Failure;

/// Runs an account command.
pub fn run(command: AccountCommand) -> Result<ExitCode, Failure> {
    match command {
        AccountCommand::Add {
            environment,
            provider,
            base_url,
            credential_env,
            storage,
        } => {
            let provider = Provider::<Set>::from_id(&provider).ok_or_else(|| {
                unknown(
                    "provider",
                    &provider,
                    Provider::<Set>::all().map(Provider::id),
                    "unified providers",
                )
            })?;
            let credential = read_credential(credential_env.as_deref())?;
            let store = open(&storage.db)?;
            let id = store
                .add_account(&environment, provider, &base_url, &credential)
                .map_err(|error| Failure::new(error.to_string()))?;
            print(&format!("{id}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        AccountCommand::List { storage } => {
            let accounts = open(&storage.db)?
                .list_accounts()
                .map_err(|error| Failure::new(error.to_string()))?;
            print_json(&accounts)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn open(db: &std::path::Path) -> Result<Store, Failure> {
    Store::open(db).map_err(|error| Failure::new(error.to_string()))
}

/// The credential from the named environment variable, or else all of standard input without
/// its final line break.
fn read_credential(variable: Option<&str>) -> Result<Secret, Failure> {
    let text = match variable {
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
    let credential = text.trim_end_matches(['\r', '\n']);
    if credential.trim().is_empty() {
        return Err(Failure::new(
            "the credential is empty: pipe it on standard input or name a variable with --credential-env",
        ));
    }
    Ok(Secret::new(credential))
}
