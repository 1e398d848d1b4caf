//! Criterion's estimates of a run, read back for the ratio tables the benches print.

use std::path::{Path, PathBuf};

/// Where criterion keeps its estimates: `CRITERION_HOME`, else `criterion` in the target
/// directory (`CARGO_TARGET_DIR`, else the workspace's `target`; cargo runs benches from the
/// package directory, so a relative `target` would miss it).
pub fn criterion_dir() -> PathBuf {
    std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
                .join("criterion")
        })
}

/// The median time in nanoseconds of benchmark `name` in group `group`, if criterion estimated it
/// (a group's `/` is `_` in criterion's folders).
pub fn median_ns(group: &str, name: &str) -> Option<f64> {
    let path = criterion_dir()
        .join(group.replace('/', "_"))
        .join(name)
        .join("new/estimates.json");
    let text = std::fs::read(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_slice(&text).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}
