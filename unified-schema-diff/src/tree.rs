//! A tree of exported schemas as `diff` reads it: from a folder, from a git revision without
//! checking it out, or from files in memory.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::DiffError;
use crate::files::{SchemaFile, document_of};

/// Every JSON file of a tree: its path relative to the tree (with `/`), and its document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tree {
    files: BTreeMap<String, Value>,
}

impl Tree {
    /// The tree of `(relative path, text)` pairs, as `Registry::schema_files` gives them.
    pub fn from_texts<I, P, T>(files: I) -> Result<Tree, DiffError>
    where
        I: IntoIterator<Item = (P, T)>,
        P: Into<String>,
        T: AsRef<[u8]>,
    {
        let mut tree = Tree::default();
        for (path, text) in files {
            let path = path.into();
            if path.ends_with(".json") {
                let document = serde_json::from_slice(text.as_ref())
                    .map_err(|error| DiffError::new(format!("{path} is not JSON: {error}")))?;
                tree.files.insert(path, document);
            }
        }
        Ok(tree)
    }

    /// Every `.json` file below `dir`.
    pub fn from_folder(dir: &Path) -> Result<Tree, DiffError> {
        if !dir.is_dir() {
            return Err(DiffError::new(format!("{} is not a folder", dir.display())));
        }
        let mut texts = Vec::new();
        collect(dir, dir, &mut texts)?;
        Tree::from_texts(texts)
    }

    /// The folder `dir` of a git work tree as it is at `revision` (`main`, a tag, a commit),
    /// read from the repository without checking anything out.
    pub fn from_git(revision: &str, dir: &Path) -> Result<Tree, DiffError> {
        if revision.starts_with('-') || revision.contains(':') {
            return Err(DiffError::new(
                "a revision names a commit, such as `main` or `HEAD~1`",
            ));
        }
        let prefix = git(dir, &["rev-parse", "--show-prefix"], None)?;
        let prefix = String::from_utf8_lossy(&prefix)
            .trim()
            .trim_end_matches('/')
            .to_owned();
        let root = if prefix.is_empty() {
            format!("{revision}:")
        } else {
            format!("{revision}:{prefix}")
        };
        let listing = git(
            dir,
            &["ls-tree", "-r", "-z", "--full-tree", "--name-only", &root],
            None,
        )
        .map_err(|_| {
            DiffError::new(format!(
                "`{revision}` has no folder `{}` in this repository",
                if prefix.is_empty() { "." } else { &prefix }
            ))
        })?;
        let names: Vec<String> = listing
            .split(|byte| *byte == 0)
            .filter(|name| name.ends_with(b".json"))
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect();
        let request: String = names
            .iter()
            .map(|name| format!("{root}{}{name}\n", if prefix.is_empty() { "" } else { "/" }))
            .collect();
        let blobs = git(dir, &["cat-file", "--batch"], Some(request.as_bytes()))?;
        let texts = split_batch(&blobs, names.len())?;
        Tree::from_texts(names.into_iter().zip(texts))
    }

    /// The file at `path` in a git work tree as it is at `revision`, read from the repository.
    pub fn file_from_git(revision: &str, path: &Path) -> Result<Vec<u8>, DiffError> {
        if revision.starts_with('-') || revision.contains(':') {
            return Err(DiffError::new(
                "a revision names a commit, such as `main` or `HEAD~1`",
            ));
        }
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .ok_or_else(|| DiffError::new(format!("{} names no file", path.display())))?;
        let object = format!("{revision}:./{}", name.to_string_lossy());
        git(dir, &["show", &object], None)
    }

    /// The files, by relative path.
    pub fn files(&self) -> &BTreeMap<String, Value> {
        &self.files
    }

    /// Whether the tree holds a file `diff` compares: an exported schema
    /// (`<model>/<provider>/<operation>.<part>.json`) or an OpenAPI document.
    pub fn holds_schemas(&self) -> bool {
        self.files.iter().any(|(path, document)| {
            SchemaFile::parse(path).is_some() || document_of(path, document).is_some()
        })
    }

    /// Whether the tree has no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

fn collect(root: &Path, dir: &Path, texts: &mut Vec<(String, Vec<u8>)>) -> Result<(), DiffError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| DiffError::new(format!("cannot read {}: {error}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|error| DiffError::new(format!("cannot read {}: {error}", dir.display())))?
            .path();
        if path.is_dir() {
            collect(root, &path, texts)?;
        } else if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read(&path).map_err(|error| {
                DiffError::new(format!("cannot read {}: {error}", path.display()))
            })?;
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let relative: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            texts.push((relative.join("/"), text));
        }
    }
    Ok(())
}

/// Runs git in `dir` with `args`, feeding it `input`; what it printed, or why it failed.
fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, DiffError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            DiffError::new(format!("git does not start ({error}); is it installed?"))
        })?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        let input = input.to_vec();
        std::thread::spawn(move || stdin.write_all(&input));
    }
    let output = child
        .wait_with_output()
        .map_err(|error| DiffError::new(format!("git failed: {error}")))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(DiffError::new(format!(
            "git {} failed in {}: {}",
            args[0],
            dir.display(),
            said.trim()
        )));
    }
    Ok(output.stdout)
}

/// The contents of `count` blobs in `git cat-file --batch`'s output.
fn split_batch(mut output: &[u8], count: usize) -> Result<Vec<Vec<u8>>, DiffError> {
    let unreadable = || DiffError::new("git cat-file printed something other than the files asked");
    let mut blobs = Vec::with_capacity(count);
    for _ in 0..count {
        let end = output
            .iter()
            .position(|byte| *byte == b'\n')
            .ok_or_else(unreadable)?;
        let header = String::from_utf8_lossy(&output[..end]);
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|size| size.parse().ok())
            .filter(|_| header.contains(" blob "))
            .ok_or_else(unreadable)?;
        let start = end + 1;
        let blob = output.get(start..start + size).ok_or_else(unreadable)?;
        blobs.push(blob.to_vec());
        output = output.get(start + size + 1..).unwrap_or_default();
    }
    Ok(blobs)
}
