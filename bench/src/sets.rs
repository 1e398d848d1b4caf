//! The many-providers models ([`many_providers`](crate::many_providers)) in sets of 10, 500 and
//! 1,000 providers, and what the set-size bench measures in each: validating a ticket for the
//! provider `p0001`, whose fields and rules are the same in every set.

use std::hint::black_box;

use serde_json::Value;

/// Declares a set's module from the generated items.
macro_rules! set {
    ($module:ident, $file:literal, $doc:literal) => {
        #[doc = $doc]
        pub mod $module {
            include!(concat!(env!("OUT_DIR"), "/", $file));
        }
    };
}

set!(of_10, "set_10.rs", "The models for a set of 10 providers.");
set!(
    of_500,
    "set_500.rs",
    "The models for a set of 500 providers."
);
set!(
    of_1000,
    "set_1000.rs",
    "The models for a set of 1,000 providers."
);

/// One measurement in each set, side by side: its name, and the function per set size.
pub type SetMeasurement = (&'static str, [(usize, fn(&Documents) -> usize); 3]);

/// The documents measured, the same for every set size: `p0001`'s full ticket (valid), its
/// text, and a broken ticket.
pub struct Documents {
    /// Every field `p0001` takes, valid.
    pub full: Value,
    /// The same as text.
    pub full_text: Vec<u8>,
    /// A broken value in every field.
    pub broken: Value,
    /// No field at all: every field `p0001` requires is missing.
    pub empty: Value,
}

impl Documents {
    /// The documents for `p0001`.
    pub fn new() -> Documents {
        let full = crate::many_providers::full_ticket(0);
        Documents {
            full_text: serde_json::to_vec(&full).expect("a Value serializes"),
            full,
            broken: crate::many_providers::broken_ticket(),
            empty: Value::Object(serde_json::Map::new()),
        }
    }
}

impl Default for Documents {
    fn default() -> Self {
        Documents::new()
    }
}

/// The measurements of one set's module, each kept out of line so callgrind counts it alone.
macro_rules! measurements {
    ($module:ident: $is_valid:ident, $validate:ident, $missing:ident, $view:ident) => {
        #[inline(never)]
        fn $is_valid(documents: &Documents) -> usize {
            use unified_core::UnifiedModel;
            usize::from($module::Ticket::is_valid(
                black_box(&documents.full),
                $module::providers::p0001,
            ))
        }

        #[inline(never)]
        fn $validate(documents: &Documents) -> usize {
            use unified_core::UnifiedModel;
            $module::Ticket::validate(black_box(&documents.broken), $module::providers::p0001)
                .errors()
                .len()
        }

        #[inline(never)]
        fn $missing(documents: &Documents) -> usize {
            use unified_core::UnifiedModel;
            $module::Ticket::validate(black_box(&documents.empty), $module::providers::p0001)
                .errors()
                .len()
        }

        #[inline(never)]
        fn $view(documents: &Documents) -> usize {
            use unified_core::UnifiedModel;
            let view = $module::Ticket::view_from_slice::<$module::providers::p0001>(black_box(
                &documents.full_text,
            ));
            usize::from(view.is_ok())
        }
    };
}

measurements!(of_10: is_valid_10, validate_10, missing_10, view_10);
measurements!(of_500: is_valid_500, validate_500, missing_500, view_500);
measurements!(of_1000: is_valid_1000, validate_1000, missing_1000, view_1000);

/// What the set-size bench measures: `is_valid` on the valid ticket, `validate` on the broken
/// one (every error) and on an empty one (every required field missing), and text to `p0001`'s
/// view, each in the three sets.
pub const SET_MEASUREMENTS: [SetMeasurement; 4] = [
    (
        "is_valid",
        [
            (10, is_valid_10),
            (500, is_valid_500),
            (1000, is_valid_1000),
        ],
    ),
    (
        "validate",
        [
            (10, validate_10),
            (500, validate_500),
            (1000, validate_1000),
        ],
    ),
    (
        "missing",
        [(10, missing_10), (500, missing_500), (1000, missing_1000)],
    ),
    ("view", [(10, view_10), (500, view_500), (1000, view_1000)]),
];
