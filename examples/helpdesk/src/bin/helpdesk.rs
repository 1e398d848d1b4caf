//! `helpdesk`: the `unified` commands (validate, schema, export, openapi, coverage, serve, token,
//! account) for this API's own models and providers.

fn main() -> std::process::ExitCode {
    unified_commands::Program::new(
        "helpdesk",
        helpdesk_example::registry(),
        helpdesk_example::adapters(),
    )
    .main()
}
