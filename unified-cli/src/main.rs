//! `unified`: validate request bodies per provider, print and export JSON Schemas, and show
//! coverage, for every model in the registry of `unified-models`.

mod cli;
mod commands;
mod failure;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(std::io::stderr(), "unified: {failure}");
            ExitCode::from(2)
        }
    }
}

/// Help and version go to stdout as clap writes them; every other problem with the command line
/// is one line on stderr and exit status 2.
fn usage_error(error: &clap::Error) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let line = match error.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "a command is needed".to_owned(),
        // clap's first paragraph, on one line.
        _ => error
            .render()
            .to_string()
            .lines()
            .take_while(|line| !line.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
            .trim_start_matches("error: ")
            .to_owned(),
    };
    let _ = writeln!(std::io::stderr(), "unified: {line} (see `unified --help`)");
    ExitCode::from(2)
}
