//! A throwaway PostgreSQL cluster per test process, for tests and the load benchmark that need
//! a real database; and a second one that takes TLS connections only, for the tests of TLS.

use std::ffi::OsStr;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{INSTALLING, apt_install, quietly};

/// A PostgreSQL cluster of this test process's own: its own folder (only its owner may enter)
/// under the system's temporary folder, its own loopback port, one superuser `unified` with a
/// random password, so no other local user can connect. Tests get databases from it with
/// [`PostgresCluster::new_database`].
///
/// [`postgres_tls`] starts a second one that takes TLS connections only.
pub struct PostgresCluster {
    /// The folder of the PostgreSQL programs (`createdb`, `psql`).
    bin: PathBuf,
    port: u16,
    /// The superuser's password, in every URL the cluster gives.
    password: String,
    /// The CA certificate (PEM) that signed the server's, for a cluster that takes TLS only.
    ca_file: Option<PathBuf>,
    /// The watcher that stops the server and removes its folder once its standard input, held
    /// open here and never written, closes: when this process ends, however it ends.
    _watcher: Child,
}

/// The process's private cluster, started on first use (initdb + pg_ctl in a temp dir, free
/// loopback port), stopped and removed when the process exits.
pub fn postgres() -> &'static PostgresCluster {
    static CLUSTER: OnceLock<PostgresCluster> = OnceLock::new();
    CLUSTER.get_or_init(|| PostgresCluster::start(false))
}

/// The process's private cluster that takes TLS connections only (`hostssl` lines alone in
/// pg_hba.conf, so plain TCP is refused), started on first use like [`postgres`]. Its
/// certificate, from a CA made for it (see [`PostgresCluster::ca_file`]), names `localhost`
/// only: reached as 127.0.0.1, a host name check fails.
pub fn postgres_tls() -> &'static PostgresCluster {
    static CLUSTER: OnceLock<PostgresCluster> = OnceLock::new();
    CLUSTER.get_or_init(|| PostgresCluster::start(true))
}

impl PostgresCluster {
    /// A new, empty database of its own (unique name per call), as a connection URL:
    /// `postgres://unified:PASSWORD@127.0.0.1:PORT/NAME`.
    pub fn new_database(&self) -> String {
        static CREATED: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "t_{}_{}",
            std::process::id(),
            CREATED.fetch_add(1, Ordering::Relaxed)
        );
        let port = self.port.to_string();
        let mut createdb = Command::new(self.bin.join("createdb"));
        if self.ca_file.is_some() {
            createdb.env("PGSSLMODE", "require");
        }
        quietly(
            createdb
                .env("PGPASSWORD", &self.password)
                .args(["-h", "127.0.0.1", "-p", &port])
                .args(["-U", "unified", &name]),
            &format!("cannot create the test database {name} with createdb"),
        );
        format!(
            "postgres://unified:{}@127.0.0.1:{port}/{name}",
            self.password
        )
    }

    /// The superuser's password, which every URL it gives carries: for tests that check it is
    /// never shown.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// The PEM file of the CA that signed the server's certificate, for the TLS-only cluster
    /// ([`postgres_tls`]); none for the plain one.
    pub fn ca_file(&self) -> Option<&Path> {
        self.ca_file.as_deref()
    }

    /// Makes, starts and arranges the removal of the cluster; with `tls`, one that takes TLS
    /// connections only.
    fn start(tls: bool) -> PostgresCluster {
        let bin = binaries();
        let owner = server_user();
        let folder = fresh_folder();
        let password = crate::random_hex(16);
        let password_file = folder.join("password");
        std::fs::write(&password_file, &password)
            .unwrap_or_else(|error| panic!("cannot write {} ({error})", password_file.display()));
        for path in [&folder, &password_file] {
            // Only the cluster's owner (and root) may enter: its log and socket are there.
            let private = std::os::unix::fs::PermissionsExt::from_mode(0o700);
            std::fs::set_permissions(path, private)
                .unwrap_or_else(|error| panic!("cannot protect {} ({error})", path.display()));
            if let Some((uid, gid)) = owner {
                std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap_or_else(|error| {
                    panic!("cannot hand {} to postgres ({error})", path.display())
                });
            }
        }
        // Started before initdb, so a process that dies while starting the cluster removes it
        // too. It runs as the cluster's owner, who may remove the folder; it ignores the
        // terminal's signals (Ctrl-C reaches the whole foreground group) and waits for EOF.
        let mut watcher = as_owner("sh", owner, &folder)
            .arg("-c")
            .arg(
                "trap '' INT QUIT HUP; read _; \
                 \"$1/pg_ctl\" -D \"$2/data\" stop -m immediate; rm -rf \"$2\"",
            )
            .args(["watcher".as_ref(), bin.as_os_str(), folder.as_os_str()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start sh to watch the test cluster ({error})"));

        let data = folder.join("data");
        quietly(
            as_owner(bin.join("initdb"), owner, &folder)
                .arg("-D")
                .arg(&data)
                .args(["-U", "unified", "--auth=scram-sha-256", "-N"])
                .arg(format!("--pwfile={}", password_file.display()))
                .args(["-E", "UTF8", "--no-locale"]),
            &format!(
                "cannot make a PostgreSQL cluster with {}/initdb",
                bin.display()
            ),
        );
        let ca_file = tls.then(|| tls_only(&folder, &data, owner));
        // The free port may be taken by someone else before the server binds it: try again.
        let log = folder.join("log");
        for _ in 0..3 {
            let port = free_port();
            let started = as_owner(bin.join("pg_ctl"), owner, &folder)
                .arg("-D")
                .arg(&data)
                .args(["-w", "-t", "60", "-l"])
                .arg(&log)
                .arg("-o")
                // fsync off: the cluster is thrown away; several gateway pools share it.
                .arg(format!(
                    "-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='{}' \
                     -c unix_socket_permissions=0700 -c fsync=off -c max_connections=300",
                    folder.display()
                ))
                .arg("start")
                .stdin(Stdio::null())
                .output()
                .is_ok_and(|output| output.status.success());
            if started {
                return PostgresCluster {
                    bin,
                    port,
                    password,
                    ca_file,
                    _watcher: watcher,
                };
            }
        }
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        let lines: Vec<&str> = said.lines().collect();
        // The watcher removes the folder now, rather than when the process ends.
        drop(watcher.stdin.take());
        let _ = watcher.wait();
        panic!(
            "the test PostgreSQL cluster in {} does not start; its log ended:\n{}",
            folder.display(),
            lines[lines.len().saturating_sub(20)..].join("\n")
        );
    }
}

/// Makes the cluster in `data` take TLS connections only, with a new CA's certificate for
/// `localhost`; the CA's certificate file, in `folder`.
fn tls_only(folder: &Path, data: &Path, owner: Option<(u32, u32)>) -> PathBuf {
    let (ca, certificate, key) = certificates()
        .unwrap_or_else(|error| panic!("cannot make the test cluster's certificates ({error})"));
    let ca_file = folder.join("ca.pem");
    write_owned(&ca_file, &ca, 0o644, owner);
    write_owned(&data.join("server.crt"), &certificate, 0o644, owner);
    // The server refuses a key that others may read.
    write_owned(&data.join("server.key"), &key, 0o600, owner);
    let conf = data.join("postgresql.conf");
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .open(&conf)
        .and_then(|mut file| {
            std::io::Write::write_all(
                &mut file,
                b"ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
            )
        });
    appended.unwrap_or_else(|error| panic!("cannot write {} ({error})", conf.display()));
    // No `host` nor `local` line: a connection without TLS is refused.
    let hba = "hostssl all all 127.0.0.1/32 scram-sha-256\n\
               hostssl all all ::1/128 scram-sha-256\n";
    write_owned(&data.join("pg_hba.conf"), hba, 0o600, owner);
    ca_file
}

/// A new CA's certificate, and a certificate it signed for `localhost` (DNS name only) with its
/// key, all PEM.
fn certificates() -> Result<(String, String, String), rcgen::Error> {
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose,
        IsCa, KeyPair, KeyUsagePurpose,
    };
    let mut ca = CertificateParams::default();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca.distinguished_name = rcgen::DistinguishedName::new();
    ca.distinguished_name
        .push(DnType::CommonName, "unified test CA");
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate()?)?;
    let mut server = CertificateParams::new(vec!["localhost".to_owned()])?;
    server.distinguished_name = rcgen::DistinguishedName::new();
    server
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let key = KeyPair::generate()?;
    let certificate = server.signed_by(&key, &ca)?;
    Ok((ca.pem(), certificate.pem(), key.serialize_pem()))
}

/// Writes `contents` to `path` with `mode`, owned by `owner` (when given).
fn write_owned(path: &Path, contents: &str, mode: u32, owner: Option<(u32, u32)>) {
    let fail = |error: std::io::Error| -> ! { panic!("cannot write {} ({error})", path.display()) };
    std::fs::write(path, contents).unwrap_or_else(|error| fail(error));
    let permissions = std::os::unix::fs::PermissionsExt::from_mode(mode);
    std::fs::set_permissions(path, permissions).unwrap_or_else(|error| fail(error));
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap_or_else(|error| fail(error));
    }
}

/// A command to run `program` as `owner` (when given) in `folder`.
fn as_owner(program: impl AsRef<OsStr>, owner: Option<(u32, u32)>, folder: &Path) -> Command {
    let mut command = Command::new(program);
    command.current_dir(folder);
    if let Some((uid, gid)) = owner {
        command.uid(uid).gid(gid);
    }
    command
}

/// The user and group to run the server as: `postgres` when this process is root (initdb and
/// postgres refuse to run as root), else none, for the current user.
fn server_user() -> Option<(u32, u32)> {
    // /proc/self belongs to the effective user: no libc call needed.
    let uid = std::fs::metadata("/proc/self").map_or(0, |meta| meta.uid());
    if uid != 0 {
        return None;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let postgres = passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        match fields[..] {
            ["postgres", _, uid, gid, ..] => Some((uid.parse().ok()?, gid.parse().ok()?)),
            _ => None,
        }
    });
    Some(postgres.expect(
        "the test PostgreSQL cluster cannot run as root and there is no `postgres` user \
         (apt-get install postgresql makes one)",
    ))
}

/// The folder of the PostgreSQL programs: `UNIFIED_TEST_PG_BIN` when set, else the newest
/// installed, else Debian's `postgresql` package's, installed with apt-get.
fn binaries() -> PathBuf {
    if let Some(bin) = std::env::var_os("UNIFIED_TEST_PG_BIN") {
        // Absolute: the programs run in the cluster's folder.
        return std::path::absolute(&bin).unwrap_or_else(|_| bin.into());
    }
    if let Some(bin) = installed() {
        return bin;
    }
    let _one = INSTALLING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    apt_install(
        "postgresql",
        "cannot install PostgreSQL with `apt-get install postgresql` (Debian's package; run it \
         as root), or set UNIFIED_TEST_PG_BIN to a folder with initdb, pg_ctl and createdb",
    );
    installed().expect("apt-get installed postgresql, yet there is no initdb")
}

/// The newest `/usr/lib/postgresql/<N>/bin` with initdb (Debian's layout), else the folder of
/// the `initdb` on PATH.
fn installed() -> Option<PathBuf> {
    let debian = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| bin.join("initdb").is_file())
        .max_by_key(|(version, _)| *version)
        .map(|(_, bin)| bin);
    debian.or_else(|| {
        let path = std::env::var_os("PATH")?;
        let initdb = std::env::split_paths(&path)
            .map(|folder| folder.join("initdb"))
            .find(|initdb| initdb.is_file())?;
        // Through symlinks, to the folder that has pg_ctl and postgres too.
        Some(initdb.canonicalize().ok()?.parent()?.to_path_buf())
    })
}

/// A new folder of this process's own under the system's temporary folder (which every user
/// may traverse; `target/` may not be, for the `postgres` user).
fn fresh_folder() -> PathBuf {
    for attempt in 0.. {
        let folder =
            std::env::temp_dir().join(format!("unified-pg-{}-{attempt}", std::process::id()));
        match std::fs::create_dir(&folder) {
            Ok(()) => return folder,
            // Left by an earlier process of the same id.
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => panic!("cannot make {} ({error})", folder.display()),
        }
    }
    unreachable!("some folder name is free")
}

/// A loopback port free at the moment.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap_or_else(|error| panic!("cannot find a free loopback port ({error})"))
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    #[test]
    fn new_databases_are_distinct_and_reachable() {
        let cluster = super::postgres();
        let first = cluster.new_database();
        let second = cluster.new_database();
        assert_ne!(first, second);
        for url in [first, second] {
            let prefix = format!(
                "postgres://unified:{}@127.0.0.1:{}/",
                cluster.password, cluster.port
            );
            let name = url
                .strip_prefix(&prefix)
                .expect("the URL has the cluster's port");
            let output = Command::new(cluster.bin.join("psql"))
                .env("PGPASSWORD", &cluster.password)
                .args(["-h", "127.0.0.1", "-p", &cluster.port.to_string()])
                .args(["-U", "unified", "-d", name, "-tAc", "select 1"])
                .output()
                .expect("psql runs");
            let said = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "psql fails: {said}");
            assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "1");
            // Without the password, no one gets in.
            let refused = Command::new(cluster.bin.join("psql"))
                .env_remove("PGPASSWORD")
                .args(["-h", "127.0.0.1", "-p", &cluster.port.to_string(), "-w"])
                .args(["-U", "unified", "-d", name, "-tAc", "select 1"])
                .output()
                .expect("psql runs");
            assert!(!refused.status.success());
        }
    }

    #[test]
    fn the_tls_cluster_takes_tls_connections_only() {
        let cluster = super::postgres_tls();
        let url = cluster.new_database();
        let psql = |sslmode: &str| {
            Command::new(cluster.bin.join("psql"))
                .env("PGPASSWORD", &cluster.password)
                .env("PGSSLMODE", sslmode)
                .args([
                    "-d",
                    &url,
                    "-tAc",
                    "select ssl from pg_stat_ssl where pid = pg_backend_pid()",
                ])
                .output()
                .expect("psql runs")
        };
        let over_tls = psql("require");
        let said = String::from_utf8_lossy(&over_tls.stderr);
        assert!(over_tls.status.success(), "psql fails: {said}");
        assert_eq!(String::from_utf8_lossy(&over_tls.stdout).trim(), "t");
        let plain = psql("disable");
        assert!(!plain.status.success());
        let said = String::from_utf8_lossy(&plain.stderr);
        assert!(said.contains("no encryption"), "{said}");
        let ca = std::fs::read_to_string(cluster.ca_file().expect("a CA file")).unwrap();
        assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"), "{ca}");
    }
}
