//! Validating a valid document allocates nothing: a counting global allocator (the
//! `allocation-counter` crate, counting per thread) around `is_valid` and the full-report
//! `validate` of every provider's valid bench bodies and responses, parsed or read from their
//! text in one pass. Making a provider's view allocates no more than serde does for the plain
//! struct. The fixtures are checked too: valid documents are valid for every validator, invalid
//! ones invalid for every one, and the one-error documents have one error.

use std::hint::black_box;

use unified_bench::{
    Kind, cases, generated_is_valid, read_is_valid, read_validate, reference_errors, serde_typed,
    unified_is_valid, unified_validate, unified_validate_rendered, view_read,
};

#[test]
fn validating_a_valid_body_allocates_nothing() {
    let cases = cases();
    let mut checked = 0;
    for case in cases.iter().filter(|case| case.valid) {
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
        let rendered = allocation_counter::measure(|| {
            assert_eq!(black_box(unified_validate_rendered(black_box(case))), 0);
        });
        assert_eq!(
            rendered.count_total,
            0,
            "rendering an empty report allocates on {}",
            case.id()
        );
        // Reading the text in one pass builds nothing either (the bodies' keys have no escapes).
        let read = allocation_counter::measure(|| {
            assert!(black_box(read_is_valid(black_box(case))));
            assert_eq!(black_box(read_validate(black_box(case))), 0);
        });
        assert_eq!(read.count_total, 0, "reading allocates on {}", case.id());
        // A view holds the values (their strings and lists), as the plain struct does: no more.
        let view = allocation_counter::measure(|| assert!(black_box(view_read(black_box(case)))));
        let plain =
            allocation_counter::measure(|| assert!(black_box(serde_typed(black_box(case)))));
        assert!(
            view.count_total <= plain.count_total,
            "the view of {} allocates {} times, serde's struct {}",
            case.id(),
            view.count_total,
            plain.count_total
        );
        checked += 1;
    }
    // Two valid bodies and two valid responses per provider, the `"emails": null` documents of
    // the providers that take emails without requiring them, and the spec's valid examples.
    assert!(
        checked >= 40 + 2,
        "every valid document is checked, {checked} were"
    );
}

/// Rendering a report allocates a few times whatever its length: its violations share one
/// text and one table of parameters.
#[test]
fn rendering_allocates_per_report_not_per_violation() {
    let mut longest = 0;
    for case in cases().iter().filter(|case| !case.valid) {
        let report = allocation_counter::measure(|| {
            black_box(unified_validate(black_box(case)));
        });
        let rendered = allocation_counter::measure(|| {
            black_box(unified_validate_rendered(black_box(case)));
        });
        // The text, the table, the block that holds them and the list of violations; one more
        // where the messages run longer than the room made for them and the text grows.
        assert!(
            rendered.count_total - report.count_total <= 5,
            "rendering the report of {} ({} violations)",
            case.id(),
            unified_validate(case)
        );
        longest = longest.max(unified_validate(case));
    }
    assert!(longest >= 10, "reports of many violations are measured");
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
        assert_eq!(ours == 0, case.valid, "{}", case.id());
        assert_eq!(theirs == 0, case.valid, "{}", case.id());
        assert_eq!(generated_is_valid(&case), case.valid, "{}", case.id());
        assert_eq!(view_read(&case), case.valid, "{}", case.id());
        if case.kind == Kind::OneError {
            assert_eq!(ours, 1, "{}", case.id());
        }
    }
}
