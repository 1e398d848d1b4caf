//! Compile errors of `#[derive(UnifiedModel)]` and of the boundaries its views draw (a view made
//! by hand, a field the provider does not take, an adapter handed or declared on an unvalidated
//! body), each held against its `.stderr` file, and programs that must compile and run.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/compile-fail/*.rs");
    cases.pass("ui/compile-pass/*.rs");
}
