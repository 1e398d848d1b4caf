//! A command-line program over one provider set: its name, its models and its adapters, and
//! the run of one command line against them.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use unified_adapter::Adapters;
use unified_core::{ProviderSet, Registry};

use crate::cli::Cli;
use crate::output::{note, program_name, set_program_name};

/// A program of the commands over the models of `registry` and the providers `adapters` serve;
/// `name` is what its help, notes and failures call it.
pub struct Program<S: ProviderSet> {
    pub(crate) registry: Registry<S>,
    pub(crate) adapters: Adapters<S>,
    name: &'static str,
}

impl<S: ProviderSet> Program<S> {
    /// The program called `name` over `registry` and `adapters`.
    pub fn new(name: &'static str, registry: Registry<S>, adapters: Adapters<S>) -> Self {
        Program {
            registry,
            adapters,
            name,
        }
    }

    /// Runs this process's command line; the exit status to end with.
    pub fn main(self) -> ExitCode {
        self.run(std::env::args_os())
    }

    /// Runs the command line `args` (the program's name first, as `std::env::args_os` gives).
    pub fn run<I, T>(self, args: I) -> ExitCode
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        set_program_name(self.name);
        let command = Cli::command().name(self.name).bin_name(self.name);
        let cli = match command
            .try_get_matches_from(args)
            .and_then(|matches| Cli::from_arg_matches(&matches))
        {
            Ok(cli) => cli,
            Err(error) => return usage_error(&error),
        };
        match crate::commands::run(self, cli.command) {
            Ok(code) => code,
            Err(failure) => {
                note(&failure.to_string());
                ExitCode::from(2)
            }
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
    note(&format!("{line} (see `{} --help`)", program_name()));
    ExitCode::from(2)
}
