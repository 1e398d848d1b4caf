//! The tests read a copy of the spec (`tests/spec`); where the shared, normative spec is beside
//! the checkout, the copy must be the same to the byte.

use unified_tests::{shared_spec_dir, spec_dir};

#[test]
fn the_copy_of_the_spec_is_current() {
    let shared = shared_spec_dir();
    if !shared.exists() {
        eprintln!(
            "{} is not here; the copy in tests/spec is used as it is",
            shared.display()
        );
        return;
    }
    for name in ["ticketing-users-create.txt", "examples.json"] {
        let copy = std::fs::read(spec_dir().join(name)).expect("the copy is committed");
        let normative = std::fs::read(shared.join(name)).expect("the shared spec has the file");
        assert!(
            copy == normative,
            "tests/spec/{name} differs from {}; copy it over and fix what the tests then show",
            shared.join(name).display()
        );
    }
}
