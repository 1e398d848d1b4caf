//! A model that holds itself (a tree of nodes): it validates at every depth and has views, with
//! the nested nodes as views of their own (a view of such a model has no `Clone`, `Debug` or
//! `PartialEq`: bounded by its own view, each would be a cycle).

use unified_core::UnifiedModel;

unified_core::providers! {
    /// The providers of the test model.
    pub mod providers {
        acme => "Acme",
        beta => "Beta",
    }
}

/// A node of a tree.
#[derive(UnifiedModel, Debug)]
struct Node {
    /// The node's name; Beta needs one.
    #[required(beta)]
    #[supported(acme)]
    name: Option<String>,
    /// Its children.
    #[supported(acme, beta)]
    children: Option<Vec<Node>>,
    /// Acme's label.
    #[supported(acme)]
    label: Option<String>,
}

#[test]
fn a_model_that_holds_itself_validates_at_every_depth_and_has_views() {
    let text = br#"{"name": "root", "children": [{"name": "leaf", "children": [{"label": "x"}]}]}"#;
    let beta = Node::validate_slice(text, providers::beta);
    let found: Vec<(&str, &str)> = beta
        .errors()
        .iter()
        .map(|error| (error.pointer.as_str(), error.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("/children/0/children/0/label", "unsupported"),
            ("/children/0/children/0/name", "required"),
        ]
    );
    let acme = Node::view_from_slice::<providers::acme>(text).unwrap();
    let children: &Vec<NodeForAcme> = acme.children.as_ref().unwrap();
    let grandchild = &children[0].children.as_ref().unwrap()[0];
    assert_eq!(grandchild.label.as_deref(), Some("x"));
    // A view of a model that holds itself has no `Debug`, `Clone` or `PartialEq` (docs).
    assert_eq!(children.len(), 1);
}
