//! What a provider set's size costs its model crate to build: generates the crate of
//! `unified_bench::many_providers` for each size asked (default 10, 100, 500 and 1,000
//! providers), builds it in debug and release, and prints the build time and the rlib's size, and
//! what each provider added costs per model.
//!
//! `cargo run -p unified-bench --release --bin build-cost -- [SIZES..] [--dir DIR]`
//!
//! The crates share one target folder, and a one-provider crate is built first in each profile,
//! so every timed build compiles the model crate alone (its dependencies are built already).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use clap::Parser;
use unified_bench::many_providers::crate_source;

/// The command line.
#[derive(Parser)]
struct Args {
    /// Set sizes to build.
    #[arg(default_values_t = [10, 100, 500, 1000])]
    sizes: Vec<usize>,
    /// Where the crates and their target folder go.
    #[arg(long, default_value = "target/build-cost")]
    dir: PathBuf,
}

/// Models in the generated crate, for the cost per provider and model.
const MODELS: usize = 2;

/// One build measured.
struct Built {
    seconds: f64,
    rlib_bytes: u64,
}

fn main() -> Result<(), String> {
    let args = Args::parse();
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("the bench crate has no parent folder")?
        .to_path_buf();
    std::fs::create_dir_all(&args.dir).map_err(|e| format!("cannot make {:?}: {e}", args.dir))?;
    let dir = args
        .dir
        .canonicalize()
        .map_err(|e| format!("cannot resolve {:?}: {e}", args.dir))?;
    let profiles = ["debug", "release"];
    for profile in profiles {
        write_crate(&workspace, &dir, 1)?;
        build(&dir, 1, profile)?;
    }
    println!(
        "| providers | debug build (s) | release build (s) | debug rlib (KB) | release rlib (KB) |"
    );
    println!("|---:|---:|---:|---:|---:|");
    let mut rows: Vec<(usize, Built, Built)> = Vec::new();
    for &size in &args.sizes {
        write_crate(&workspace, &dir, size)?;
        let debug = build(&dir, size, "debug")?;
        let release = build(&dir, size, "release")?;
        println!(
            "| {size} | {:.2} | {:.2} | {} | {} |",
            debug.seconds,
            release.seconds,
            debug.rlib_bytes / 1024,
            release.rlib_bytes / 1024
        );
        rows.push((size, debug, release));
    }
    println!();
    println!("| from → to | release build ratio | release bytes per added provider per model |");
    println!("|---|---:|---:|");
    for pair in rows.windows(2) {
        let ((from, _, small), (to, _, large)) = (&pair[0], &pair[1]);
        let added = (to - from) * MODELS;
        let per = large.rlib_bytes.saturating_sub(small.rlib_bytes) as f64 / added as f64;
        println!(
            "| {from} → {to} | {:.2}x | {per:.0} |",
            large.seconds / small.seconds
        );
    }
    Ok(())
}

fn crate_name(size: usize) -> String {
    format!("many_providers_{size}")
}

/// Writes the crate for `size` providers under `dir`, with the workspace's lock file so that
/// every dependency is the version the workspace builds.
fn write_crate(workspace: &Path, dir: &Path, size: usize) -> Result<(), String> {
    let root = dir.join(crate_name(size));
    let src = root.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("cannot make {src:?}: {e}"))?;
    let core = workspace.join("unified-core");
    let manifest = format!(
        "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [lib]\npath = \"src/lib.rs\"\n\n\
         [dependencies]\nunified-core = {{ path = {:?} }}\nserde_json = \"1\"\n\n\
         [workspace]\n",
        crate_name(size),
        core.display().to_string()
    );
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("cannot write {path:?}: {e}"))
    };
    write(root.join("Cargo.toml"), &manifest)?;
    let lib = format!(
        "//! A model crate for a set of {size} providers, made by unified-bench's build-cost.\n\n{}",
        crate_source(size)
    );
    write(src.join("lib.rs"), &lib)?;
    std::fs::copy(workspace.join("Cargo.lock"), root.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy the lock file: {e}"))?;
    Ok(())
}

/// Builds the crate for `size` in `profile`, timed, and measures its rlib.
fn build(dir: &Path, size: usize, profile: &str) -> Result<Built, String> {
    let root = dir.join(crate_name(size));
    let target = dir.join("target");
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .arg("build")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_INCREMENTAL", "0");
    if profile == "release" {
        command.arg("--release");
    }
    // Touch the source so that the crate itself is rebuilt even when nothing changed.
    let lib = root.join("src/lib.rs");
    let text = std::fs::read(&lib).map_err(|e| format!("cannot read {lib:?}: {e}"))?;
    std::fs::write(&lib, text).map_err(|e| format!("cannot write {lib:?}: {e}"))?;
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!(
            "the crate for {size} providers did not build ({profile})"
        ));
    }
    let rlib = target
        .join(profile)
        .join(format!("lib{}.rlib", crate_name(size)));
    let rlib_bytes = std::fs::metadata(&rlib)
        .map_err(|e| format!("no rlib at {rlib:?}: {e}"))?
        .len();
    Ok(Built {
        seconds,
        rlib_bytes,
    })
}
