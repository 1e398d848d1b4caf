// A downstream crate declares its own providers under any path and names them in its models.
use serde_json::json;
use unified_core::{Provider, UnifiedModel};

mod integrations {
    unified_core::providers! {
        /// Our own providers.
        pub mod crm {
            hubspot => "HubSpot",
            pipedrive => "Pipedrive",
        }
    }
}

use integrations::crm;

/// A deal, with a nested model that restricts a value for one provider.
#[derive(UnifiedModel)]
#[unified(providers = integrations::crm)]
struct DealCreate {
    /// The title.
    #[required(hubspot)]
    #[supported(pipedrive)]
    title: Option<String>,
    /// The stage.
    #[supported(hubspot)]
    stage: Option<Stage>,
    /// The amount.
    amount: Option<f64>,
    /// Labels.
    labels: Option<Vec<String>>,
}

mod other {
    /// Another model named `Stage`.
    #[derive(unified_core::UnifiedModel)]
    #[unified(providers = super::integrations::crm)]
    pub struct Stage {
        /// Its label.
        pub label: Option<String>,
    }
}

/// A stage.
#[derive(UnifiedModel)]
#[unified(providers = integrations::crm)]
struct Stage {
    /// The stage name.
    #[unified(allowed(hubspot = ["open", "won", "lost"]))]
    name: String,
}

pub fn main() {
    // Two models of one name in different modules stay apart in schemars' definitions.
    use schemars::JsonSchema;
    assert_eq!(<Stage as JsonSchema>::schema_name(), "Stage");
    assert!(<Stage as JsonSchema>::schema_id().ends_with("::Stage"));
    assert_ne!(
        <Stage as JsonSchema>::schema_id(),
        <other::Stage as JsonSchema>::schema_id()
    );

    assert_eq!(Provider::<crm::Set>::all().count(), 2);
    assert_eq!(crm::pipedrive.name(), "Pipedrive");
    assert!(DealCreate::is_valid(
        &json!({"title": "T", "stage": {"name": "won"}, "amount": 3.5}),
        crm::hubspot
    ));
    let report = DealCreate::validate(
        &unified_core::json!({"stage": {"name": "maybe"}, "amount": "3"}),
        crm::hubspot,
    );
    let pointers: Vec<&str> = report.errors().iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/stage/name", "/amount", "/title"]);
    let report = DealCreate::validate(&json!({"stage": {"name": "x"}}), crm::pipedrive);
    assert_eq!(report.errors()[0].code, unified_core::Code::Unsupported);
}
