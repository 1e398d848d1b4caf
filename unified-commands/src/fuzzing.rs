//! Entry points for the fuzz targets in `fuzz/`: how `unified account add` reads what a user
//! gives it (the command line, the credential on standard input) before it opens the store,
//! which is private to the crate. Not part of the API: nothing here is covered by semver, and
//! nothing but the fuzz targets should call it.
#![doc(hidden)]

use clap::Parser;
use unified_core::{Provider, ProviderSet, Secret};

use crate::cli::{AccountCommand, Cli, Command};
use crate::commands::account::{check_shape, credential_from_text};
use crate::program::Program;

/// What `account add` hands the store: the base URL as the command line gave it, and the
/// credential as read and checked against the provider's scheme.
#[derive(Debug)]
pub struct AccountAdd {
    /// The `--base-url` argument, untouched (the store checks it).
    pub base_url: String,
    /// The credential, without its final line break.
    pub credential: Secret,
}

/// Parses `args` (the program's name first) as the command line and, for `account add`, reads
/// `stdin` as its credential and checks its shape for the provider, as the command does before
/// it opens the store; the refusal's message otherwise (clap's, or the command's).
pub fn account_add<S: ProviderSet>(
    program: &Program<S>,
    args: &[&str],
    stdin: &str,
) -> Result<AccountAdd, String> {
    let cli = Cli::try_parse_from(args).map_err(|error| error.kind().to_string())?;
    let Command::Account {
        command: AccountCommand::Add {
            provider, base_url, ..
        },
    } = cli.command
    else {
        return Err("not `account add`".to_owned());
    };
    let provider = Provider::<S>::from_id(&provider).ok_or("unknown provider")?;
    let credential = credential_from_text(stdin).map_err(|failure| failure.to_string())?;
    check_shape(program, provider, &credential).map_err(|failure| failure.to_string())?;
    Ok(AccountAdd {
        base_url,
        credential,
    })
}
