//! `unified token create`: a new API token, printed once.

use std::process::ExitCode;

use unified_gateway::Store;

use crate::cli::TokenCommand;
use crate::commands::print;
use crate::failure::Failure;

/// Runs a token command.
pub fn run(command: TokenCommand) -> Result<ExitCode, Failure> {
    match command {
        TokenCommand::Create {
            environment,
            storage,
        } => {
            let store =
                Store::open(&storage.db).map_err(|error| Failure::new(error.to_string()))?;
            let token = store
                .create_token(&environment)
                .map_err(|error| Failure::new(error.to_string()))?;
            print(&format!("{}\n", token.expose()))?;
            eprintln!("unified: keep this token now; only its hash is stored");
            Ok(ExitCode::SUCCESS)
        }
    }
}
