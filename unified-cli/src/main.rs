//! `unified`: validate request bodies per provider, print and export JSON Schemas, and show
//! coverage, for every model in the registry of `unified-models`.

mod cli;
mod commands;
mod failure;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(std::io::stderr(), "unified: {failure}");
            ExitCode::from(2)
        }
    }
}
