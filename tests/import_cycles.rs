//! No crate's files import each other in a circle: each file's `use` of its own crate's paths
//! (`crate::…`, `super::…`, `self::…`, a child module's), each followed through imports and
//! re-exports to the file that defines the name, make a graph per crate, which must have no
//! cycle. A `pub use` is a module's public face, not a use of what it re-exports, and test
//! modules (`#[cfg(test)] mod tests`) are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use unified_tests::workspace_root;

/// A module's path below its crate's root: `["validate", "object"]`; the root is empty.
type Module = Vec<String>;

/// The crates whose files are checked.
const CRATES: [&str; 12] = [
    "unified-core",
    "unified-derive",
    "unified-models",
    "unified-adapter",
    "unified-providers",
    "unified-store",
    "unified-openapi",
    "unified-gateway",
    "unified-commands",
    "unified-cli",
    "test-tools",
    "bench",
];

#[test]
fn no_crate_has_an_import_cycle_between_its_files() {
    let mut cycles = Vec::new();
    for name in CRATES {
        let src = workspace_root().join(name).join("src");
        let crate_files = CrateFiles::read(&src);
        for cycle in crate_files.cycles() {
            let files: Vec<String> = cycle.iter().map(display).collect();
            cycles.push(format!("{name}: {}", files.join(" → ")));
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_check_sees_a_cycle_through_a_reexport() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir(src.join("a")).unwrap();
    write(
        src,
        "lib.rs",
        "mod a;\nmod b;\npub use b::Thing;\nuse a::Other;\n",
    );
    write(src, "a/mod.rs", "mod inner;\nuse crate::Thing;\n");
    write(src, "a/inner.rs", "use super::super::b;\n");
    write(
        src,
        "b.rs",
        "use crate::a::{self, Other};\npub struct Thing;\n",
    );
    let cycles = CrateFiles::read(src).cycles();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    let files: BTreeSet<String> = cycles[0].iter().map(display).collect();
    assert_eq!(files, BTreeSet::from(["a".to_owned(), "b".to_owned()]));
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join(file), text).unwrap();
}

fn display(module: &Module) -> String {
    if module.is_empty() {
        "lib".to_owned()
    } else {
        module.join("/")
    }
}

/// One crate's module files and the `use` paths each holds.
struct CrateFiles {
    /// Each module with the paths (from the crate's root) it imports.
    imports: BTreeMap<Module, Vec<Module>>,
    /// Names brought in by `use`: the name's path where brought in → the path it names.
    aliases: BTreeMap<Module, Module>,
}

impl CrateFiles {
    fn read(src: &Path) -> Self {
        let mut files = Vec::new();
        collect_rust_files(src, &mut files);
        let modules: BTreeSet<Module> = files.iter().map(|file| module_of(src, file)).collect();
        let mut imports = BTreeMap::new();
        let mut aliases = BTreeMap::new();
        for file in files {
            let module = module_of(src, &file);
            let text = std::fs::read_to_string(&file).unwrap();
            let text = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default();
            let mut paths = Vec::new();
            for (public, tree) in use_items(text) {
                for path in expand(&tree) {
                    let Some(absolute) = absolute(&module, &path, &modules) else {
                        continue;
                    };
                    // A name a `use` brings in can be named from elsewhere (`super::name`);
                    // a re-export is the module's public face, not a use of it.
                    if let Some(name) = path.last() {
                        let mut at = module.clone();
                        at.push(name.clone());
                        aliases.insert(at, absolute.clone());
                    }
                    if !public {
                        paths.push(absolute);
                    }
                }
            }
            imports.insert(module, paths);
        }
        CrateFiles { imports, aliases }
    }

    /// The module file that defines what `path` names: imports and re-exports followed, then
    /// the longest prefix that is a module.
    fn defining_module(&self, path: &Module) -> Module {
        let mut path = path.clone();
        for _ in 0..8 {
            let hit = (1..=path.len()).rev().find_map(|n| {
                self.aliases
                    .get(&path[..n])
                    .map(|target| [target.clone(), path[n..].to_vec()].concat())
            });
            match hit {
                Some(next) if next != path => path = next,
                _ => break,
            }
        }
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|prefix| self.imports.contains_key(prefix))
            .unwrap_or_default()
    }

    /// Every set of two or more modules that import each other in a circle.
    fn cycles(&self) -> Vec<Vec<Module>> {
        let graph: BTreeMap<&Module, BTreeSet<Module>> = self
            .imports
            .iter()
            .map(|(module, paths)| {
                let targets = paths
                    .iter()
                    .map(|path| self.defining_module(path))
                    .filter(|target| target != module)
                    .collect();
                (module, targets)
            })
            .collect();
        strongly_connected(&graph)
            .into_iter()
            .filter(|component| component.len() > 1)
            .collect()
    }
}

fn collect_rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

/// `src/validate/object.rs` → `["validate", "object"]`; `mod.rs`, `lib.rs` and `main.rs` name
/// their folder.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Each top-level `use` item of `text` (whether it is `pub`) as its tree's text.
fn use_items(text: &str) -> Vec<(bool, String)> {
    let mut items = Vec::new();
    for (start, _) in text.match_indices("use ") {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..start].trim();
        let public = before.starts_with("pub");
        if !(before.is_empty() || public) {
            continue;
        }
        let Some(end) = text[start..].find(';') else {
            continue;
        };
        items.push((public, text[start + 4..start + end].to_owned()));
    }
    items
}

/// The paths of a use tree: `crate::a::{b, c::{self, D}}` → `crate::a::b`, `crate::a::c`,
/// `crate::a::c::D`; renames (`as`) keep the path.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    expand_into(&[], tree.trim(), &mut out);
    out
}

fn expand_into(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = segments(&tree[..open]);
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let base = [prefix, &head].concat();
        for branch in split_top_level(inner) {
            if branch.trim() == "self" {
                out.push(base.clone());
            } else if !branch.trim().is_empty() {
                expand_into(&base, branch, out);
            }
        }
    } else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        let mut full = [prefix, &segments(path)].concat();
        if full
            .last()
            .is_some_and(|last| last == "self" || last == "*")
        {
            full.pop();
        }
        out.push(full);
    }
}

fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `a, b::{c, d}, e` split at its top-level commas.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (index, ch) in text.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A path of the module `module` made absolute from the crate's root; `None` for another
/// crate's path. A path may also start at a child module (`use b::Thing` beside `mod b;`).
fn absolute(module: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let (first, rest) = path.split_first()?;
    let child = [module.clone(), vec![first.clone()]].concat();
    let (mut base, rest): (Module, &[String]) = match first.as_str() {
        "crate" => (Vec::new(), rest),
        "self" => (module.clone(), rest),
        "super" => (module[..module.len().saturating_sub(1)].to_vec(), rest),
        _ if modules.contains(&child) => (module.clone(), path),
        _ => return None,
    };
    let mut rest = rest;
    while let Some(("super", tail)) = rest.split_first().map(|(h, t)| (h.as_str(), t)) {
        base.pop();
        rest = tail;
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// Tarjan's strongly connected components.
fn strongly_connected(graph: &BTreeMap<&Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'g> {
        graph: &'g BTreeMap<&'g Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        next: usize,
        components: Vec<Vec<Module>>,
    }
    fn visit(state: &mut State<'_>, node: &Module) {
        state.index.insert(node.clone(), state.next);
        state.low.insert(node.clone(), state.next);
        state.next += 1;
        state.stack.push(node.clone());
        state.on_stack.insert(node.clone());
        let targets: Vec<Module> = state
            .graph
            .get(node)
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default();
        for target in targets {
            if !state.index.contains_key(&target) {
                visit(state, &target);
                let low = state.low[node].min(state.low[&target]);
                state.low.insert(node.clone(), low);
            } else if state.on_stack.contains(&target) {
                let low = state.low[node].min(state.index[&target]);
                state.low.insert(node.clone(), low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(&member);
                let done = &member == node;
                component.push(member);
                if done {
                    break;
                }
            }
            state.components.push(component);
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        components: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(*node) {
            visit(&mut state, node);
        }
    }
    state.components
}
