//! What the extractor's types refuse at compile time, each held against its `.stderr` file.

#[test]
fn an_unvalidated_ticket_does_not_compile_where_a_validated_one_is_expected() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
