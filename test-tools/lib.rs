//! The outside programs some of the workspace's tests run: a Python with given packages, the
//! Node packages of `frontend/`, Chromium. Each is installed by the test that needs it when
//! missing (`.ci/run` installs them beforehand); one that cannot be had fails the test with how
//! to get it, never skips it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// A Python package: the module that tells it is installed, and what pip installs.
pub struct Package {
    /// The module to find (`openapi_spec_validator`).
    pub module: &'static str,
    /// The requirement pip installs (`openapi-spec-validator==0.9.0`).
    pub pip: &'static str,
}

/// The workspace's root folder.
fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// One installer at a time: tests run in parallel and share the environments.
static INSTALLING: Mutex<()> = Mutex::new(());

/// A Python interpreter with `packages` importable: `UNIFIED_SDK_PYTHON` (which `.ci/run` sets
/// after making its virtual environment), or a virtual environment under the target directory;
/// missing packages are installed into it with pip.
pub fn python(packages: &[Package]) -> PathBuf {
    let _one = INSTALLING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let python = match std::env::var_os("UNIFIED_SDK_PYTHON") {
        Some(python) => PathBuf::from(python),
        None => {
            let venv = workspace().join("target/tools-venv");
            let python = venv.join("bin/python");
            if !python.exists() {
                quietly(
                    Command::new("python3").arg("-m").arg("venv").arg(&venv),
                    "cannot make a Python virtual environment with `python3 -m venv` (on Debian: \
                     apt-get install python3-venv)",
                );
            }
            python
        }
    };
    for package in packages {
        // Asked without importing, so a first run prints no traceback.
        let installed = Command::new(&python)
            .arg("-c")
            .arg(format!(
                "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('{}') else 1)",
                package.module
            ))
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !installed {
            quietly(
                Command::new(&python).args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--ignore-requires-python",
                    package.pip,
                ]),
                &format!(
                    "cannot install {} with pip; install it into a virtual environment and set \
                     UNIFIED_SDK_PYTHON to that environment's python",
                    package.pip
                ),
            );
        }
    }
    python
}

/// The workspace's `frontend/` folder with its Node packages installed (`npm ci` from its lock
/// file when `node_modules` is missing or older than the lock).
pub fn node_packages() -> PathBuf {
    let _one = INSTALLING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let frontend = workspace().join("frontend");
    let marker = frontend.join("node_modules/.package-lock.json");
    let lock = frontend.join("package-lock.json");
    let modified = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok()
    };
    if modified(&marker).is_none() || modified(&marker) < modified(&lock) {
        quietly(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&frontend),
            "cannot install frontend/'s Node packages with `npm ci` (Node.js 20 and npm are \
             needed: apt-get install nodejs npm)",
        );
    }
    frontend
}

/// Runs `command` with its output captured; on failure, panics with one line: `failure` and
/// the last line the command printed.
pub fn quietly(command: &mut Command, failure: &str) {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|error| panic!("{failure} ({error})"));
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let last = said.lines().rev().find(|line| !line.trim().is_empty());
        panic!("{failure} ({})", last.unwrap_or("no output").trim());
    }
}

/// Debian's Chromium, installed with apt-get when missing.
pub fn chromium() -> PathBuf {
    let _one = INSTALLING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let chromium = PathBuf::from("/usr/bin/chromium");
    if !chromium.exists() {
        // The package lists are read again only when the first try fails.
        quietly(
            Command::new("sh")
                .arg("-c")
                .arg(
                    "apt-get install -y --no-install-recommends chromium \
                     || { apt-get update && apt-get install -y --no-install-recommends chromium; }",
                )
                .env("DEBIAN_FRONTEND", "noninteractive"),
            "cannot install Chromium with `apt-get install chromium` (Debian's package; run it as \
             root)",
        );
    }
    chromium
}

/// Runs the Node script `frontend/checks/{script}` with `plan` on its standard input; what it
/// prints, as JSON.
pub fn node_script(script: &str, plan: &serde_json::Value) -> serde_json::Value {
    use std::io::Write;
    let frontend = node_packages();
    let mut child = Command::new("node")
        .arg(frontend.join("checks").join(script))
        .current_dir(&frontend)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("node does not start ({error}): apt-get install nodejs"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(plan.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{script} prints JSON"))
}
