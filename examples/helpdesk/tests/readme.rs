//! The README's "Your own models" code is this crate's code, so what the README shows compiles
//! and is tested.

const START: &str = "// README: your own models (start)\n";
const END: &str = "// README: your own models (end)";
const README_MARK: &str = "<!-- README: your own models -->\n```rust,ignore\n";

#[test]
fn the_readme_shows_this_crate_as_it_is() {
    let source = include_str!("../src/lib.rs");
    let start = source.find(START).expect("the start mark") + START.len();
    let end = source.find(END).expect("the end mark");
    let code = source[start..end].trim_end();

    let readme = include_str!("../../../README.md");
    let block = readme.find(README_MARK).expect("the README's mark") + README_MARK.len();
    let shown = &readme[block..];
    let shown = shown[..shown.find("\n```").expect("the block's end")].trim_end();
    assert_eq!(
        shown, code,
        "the README's block differs from examples/helpdesk/src/lib.rs"
    );
}
