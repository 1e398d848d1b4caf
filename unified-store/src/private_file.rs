//! Files only their owner may read: the database (SQLite gives its journals the database's mode)
//! and the key file.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `path` with mode 0600 on Unix; fails with `AlreadyExists` when it is already there, so
/// of several processes creating one file exactly one succeeds.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
