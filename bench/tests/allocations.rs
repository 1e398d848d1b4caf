//! Validating a valid body allocates nothing: a counting global allocator (the
//! `allocation-counter` crate, counting per thread) around `is_valid` and the full-report
//! `validate` of every provider's valid bench bodies, parsed or read from their text in one
//! pass. The fixtures are checked too: valid bodies are valid for both validators, invalid ones
//! invalid for both, and the one-error body has one error.

use std::hint::black_box;

use unified_bench::{
    Kind, cases, read_is_valid, read_validate, reference_errors, unified_is_valid, unified_validate,
};

#[test]
fn validating_a_valid_body_allocates_nothing() {
    let cases = cases();
    let mut checked = 0;
    for case in cases.iter().filter(|case| case.kind.is_valid()) {
        let is_valid = allocation_counter::measure(|| {
            assert!(black_box(unified_is_valid(black_box(case))));
        });
        assert_eq!(
            is_valid.count_total,
            0,
            "is_valid allocates on {}",
            case.id()
        );
        let validate = allocation_counter::measure(|| {
            assert_eq!(black_box(unified_validate(black_box(case))), 0);
        });
        assert_eq!(
            validate.count_total,
            0,
            "validate allocates on {}",
            case.id()
        );
        // Reading the text in one pass builds nothing either (the bodies' keys have no escapes).
        let read = allocation_counter::measure(|| {
            assert!(black_box(read_is_valid(black_box(case))));
            assert_eq!(black_box(read_validate(black_box(case))), 0);
        });
        assert_eq!(read.count_total, 0, "reading allocates on {}", case.id());
        checked += 1;
    }
    assert_eq!(
        checked, 20,
        "two valid bodies for each of the ten providers"
    );
}

#[test]
fn the_counter_sees_allocations() {
    let invalid = cases()
        .into_iter()
        .find(|case| case.kind == Kind::ManyErrors)
        .expect("a many-errors case");
    let info = allocation_counter::measure(|| {
        black_box(unified_validate(black_box(&invalid)));
    });
    assert!(info.count_total > 0, "a report with errors allocates them");
}

#[test]
fn the_bodies_are_what_their_kind_says() {
    for case in cases() {
        let ours = unified_validate(&case);
        let theirs = reference_errors(&case);
        assert_eq!(ours == 0, case.kind.is_valid(), "{}", case.id());
        assert_eq!(theirs == 0, case.kind.is_valid(), "{}", case.id());
        if case.kind == Kind::OneError {
            assert_eq!(ours, 1, "{}", case.id());
        }
    }
}
