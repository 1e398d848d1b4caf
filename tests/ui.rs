//! Compile errors of `#[derive(UnifiedModel)]` and of the boundaries its views draw (a view made
//! by hand, a field the provider does not take, an adapter handed or declared on an unvalidated
//! body), each held against its `.stderr` file. Only compile errors: with no case that must
//! run, trybuild checks the dependencies without building them and checks every case in one
//! cargo run (the programs that must compile and run are `derive_programs.rs`).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/compile-fail/*.rs");
}
