//! The worked examples of `../shared/spec/examples.json`: the verdict and the exact set of
//! `(pointer, code)` errors.

use std::collections::BTreeSet;

use serde_json::Value;
use unified_core::{Part, Target};
use unified_tests::{spec_dir, users_create};

#[test]
fn every_worked_example_gets_its_verdict_and_exact_errors() {
    let text = std::fs::read_to_string(spec_dir().join("examples.json")).expect("examples.json");
    let examples: Vec<Value> = serde_json::from_str(&text).expect("examples are JSON");
    assert!(!examples.is_empty());
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    for example in &examples {
        let provider = example["provider"].as_str().unwrap();
        let view = Target::from_id(provider).expect("known provider");
        let part: Part = example["part"].as_str().unwrap().parse().unwrap();
        let report = operation.validate(part, &example["body"], view);
        let got: BTreeSet<(String, String)> = report
            .errors()
            .iter()
            .map(|e| (e.pointer.to_string(), e.code.as_str().to_owned()))
            .collect();
        let want: BTreeSet<(String, String)> = example["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["pointer"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(got, want, "{provider} {part}: {}", example["body"]);
        assert_eq!(report.is_valid(), example["valid"].as_bool().unwrap());
        assert_eq!(
            operation.is_valid(part, &example["body"], view),
            report.is_valid()
        );
    }
}
