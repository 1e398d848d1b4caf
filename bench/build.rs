//! Writes the many-providers model crate's items for the set sizes the set-size bench and tests
//! compare (`$OUT_DIR/set_<n>.rs`), from the same generator as the build-cost bench.

#[path = "src/many_providers.rs"]
#[allow(dead_code)]
mod many_providers;

/// The set sizes compared.
const SIZES: [usize; 3] = [10, 500, 1000];

fn main() {
    println!("cargo::rerun-if-changed=src/many_providers.rs");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for size in SIZES {
        let path = std::path::Path::new(&out).join(format!("set_{size}.rs"));
        std::fs::write(&path, many_providers::crate_source(size))
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
    }
}
