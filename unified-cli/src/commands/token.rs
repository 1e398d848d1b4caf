//! `unified token create|list|revoke`: API tokens, each printed once when created.

use std::process::ExitCode;

use crate::cli::TokenCommand;
use crate::commands::database::{open_store, setup_failure};
use crate::commands::{note, print, print_json};
use crate::failure::Failure;

/// Runs a token command.
pub fn run(command: TokenCommand) -> Result<ExitCode, Failure> {
    match command {
        TokenCommand::Create {
            environment,
            storage,
        } => {
            let token = open_store(&storage.db)?
                .create_token(&environment)
                .map_err(setup_failure)?;
            print(&format!("{}\n", token.expose()))?;
            note("keep this token now; only its hash is stored");
        }
        TokenCommand::List { storage } => {
            let tokens = open_store(&storage.db)?
                .list_tokens()
                .map_err(setup_failure)?;
            print_json(&tokens)?;
        }
        TokenCommand::Revoke { id, storage } => {
            open_store(&storage.db)?
                .revoke_token(id)
                .map_err(setup_failure)?;
            note(&format!("token {id} revoked"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
