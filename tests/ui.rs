//! Compile errors of `#[derive(UnifiedModel)]`, each held against its `.stderr` file, and
//! programs that must compile and run.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/compile-fail/*.rs");
    cases.pass("ui/compile-pass/*.rs");
}
