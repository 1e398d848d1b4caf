//! Programs the derive must compile, each run: a facade crate's path, a downstream crate's own
//! providers under any path, free-form values, and serde's renames. Each is a module of its own,
//! as a downstream crate would write it; they are ordinary tests rather than trybuild cases, so
//! the trybuild suite only checks compile errors (and never builds its dependencies twice).

#[path = "derive_programs/crate_path.rs"]
mod crate_path;
#[path = "derive_programs/downstream_providers.rs"]
mod downstream_providers;
#[path = "derive_programs/free_form_values.rs"]
mod free_form_values;
#[path = "derive_programs/serde_renames.rs"]
mod serde_renames;

#[test]
fn a_facade_crate_path_names_the_runtime() {
    crate_path::main();
}

#[test]
fn a_downstream_crate_declares_its_own_providers_under_any_path() {
    downstream_providers::main();
}

#[test]
fn free_form_values_take_any_json_but_a_required_one_is_not_null() {
    free_form_values::main();
}

#[test]
fn serde_renames_are_honoured_by_validation_and_schemas() {
    serde_renames::main();
}
