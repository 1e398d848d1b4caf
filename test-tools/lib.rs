//! What the workspace's tests run. The outside programs: a Python with given packages, the Node
//! packages of `frontend/`, Chromium, a PostgreSQL cluster of the test process's own; each is
//! installed by the test that needs it when missing (`.ci/run` installs them beforehand), and one
//! that cannot be had fails the test with how to get it, never skips it. And the [`fake`]
//! providers, real servers on loopback built to the providers' documented contracts.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

pub mod fake;
pub mod hostile;
mod postgres;
pub use postgres::{PostgresCluster, postgres, postgres_tls};

/// A Python package at a pinned version.
pub struct Package {
    /// The distribution's name (`openapi-spec-validator`).
    pub name: &'static str,
    /// The version tests are written against (`0.9.0`).
    pub version: &'static str,
}

/// The workspace's root folder.
fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// One installer at a time: tests run in parallel and share the environments.
static INSTALLING: Mutex<()> = Mutex::new(());

/// A Python interpreter with `packages` installed at their versions: `UNIFIED_TEST_PYTHON` when
/// set, else a virtual environment in `target/tools-venv`; pip installs what is missing or at
/// another version. (truto-python-sdk declares Python 3.12 but runs on 3.11, hence pip's
/// `--ignore-requires-python`.)
pub fn python(packages: &[Package]) -> PathBuf {
    let _one = INSTALLING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let python = match std::env::var_os("UNIFIED_TEST_PYTHON") {
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
                "import importlib.metadata as m, sys\n\
                 try:\n    sys.exit(0 if m.version('{}') == '{}' else 1)\n\
                 except m.PackageNotFoundError:\n    sys.exit(1)",
                package.name, package.version
            ))
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !installed {
            let requirement = format!("{}=={}", package.name, package.version);
            quietly(
                Command::new(&python).args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--ignore-requires-python",
                    &requirement,
                ]),
                &format!(
                    "cannot install {requirement} with pip; install it into a virtual environment \
                     and set UNIFIED_TEST_PYTHON to that environment's python"
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

/// `bytes` random bytes from the kernel, as hex digits: for passwords and keys of a test's own.
pub fn random_hex(bytes: usize) -> String {
    let mut random = vec![0u8; bytes];
    std::io::Read::read_exact(
        &mut std::fs::File::open("/dev/urandom").expect("/dev/urandom opens"),
        &mut random,
    )
    .expect("/dev/urandom reads");
    random.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Installs Debian's `package` with apt-get, or fails saying `failure`. The package lists are
/// read again only when the first try fails.
fn apt_install(package: &str, failure: &str) {
    let install = format!("apt-get install -y --no-install-recommends {package}");
    quietly(
        Command::new("sh")
            .arg("-c")
            .arg(format!("{install} || {{ apt-get update && {install}; }}"))
            .env("DEBIAN_FRONTEND", "noninteractive"),
        failure,
    );
}

/// Debian's Chromium, installed with apt-get when missing.
pub fn chromium() -> PathBuf {
    let _one = INSTALLING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let chromium = PathBuf::from("/usr/bin/chromium");
    if !chromium.exists() {
        apt_install(
            "chromium",
            "cannot install Chromium with `apt-get install chromium` (Debian's package; run it as \
             root)",
        );
    }
    chromium
}

/// Runs the Node script `frontend/checks/{script}` with `plan` on its standard input; what it
/// prints, as JSON.
pub fn node_script(script: &str, plan: &serde_json::Value) -> serde_json::Value {
    let frontend = node_packages();
    let mut node = Command::new("node");
    node.arg(frontend.join("checks").join(script))
        .current_dir(&frontend);
    with_plan(&mut node, plan, script)
}

/// Runs `command` with `plan` on its standard input and parses what it prints as JSON; `what`
/// names it in a failure, with what it said on its standard error.
pub fn with_plan(command: &mut Command, plan: &serde_json::Value, what: &str) -> serde_json::Value {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{what} does not start ({error})"));
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(plan.to_string().as_bytes())
        .unwrap_or_else(|error| panic!("{what} does not read its plan ({error})"));
    let output = child
        .wait_with_output()
        .unwrap_or_else(|error| panic!("{what} did not finish ({error})"));
    assert!(
        output.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{what} prints JSON"))
}
