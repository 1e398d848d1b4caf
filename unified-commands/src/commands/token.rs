//! `token create|list|revoke`: API tokens, each printed once when created.

use std::process::ExitCode;

use crate::cli::TokenCommand;
use crate::commands::database::{setup_failure, with_store};
use crate::failure::Failure;
use crate::output::{note, print, print_json};

/// Runs a token command.
pub fn run(command: TokenCommand) -> Result<ExitCode, Failure> {
    match command {
        TokenCommand::Create {
            environment,
            storage,
        } => {
            let token = with_store(&storage.db, async |store| {
                store
                    .create_token(&environment)
                    .await
                    .map_err(setup_failure)
            })?;
            print(&format!("{}\n", token.expose()))?;
            note("keep this token now; only its hash is stored");
        }
        TokenCommand::List { storage } => {
            let tokens = with_store(&storage.db, async |store| {
                store.list_tokens().await.map_err(setup_failure)
            })?;
            print_json(&tokens)?;
        }
        TokenCommand::Revoke { id, storage } => {
            with_store(&storage.db, async |store| {
                store.revoke_token(id).await.map_err(setup_failure)
            })?;
            note(&format!("token {id} revoked"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
