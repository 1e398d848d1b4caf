//! The `jsonschema` crate's validators generated at compile time (its `macros` feature, 0.60.2)
//! from the committed schemas: one per provider for the request body and for the response, each
//! with `validate_formats` as our validator and the runtime reference have it.

// The generated code names its runtime `jsonschema`: here that is 0.60.2, the version whose
// macros are published, beside 0.61's runtime validator elsewhere in the bench.
use jsonschema_generated as jsonschema;
use serde_json::Value;
use unified_core::{Part, Provider};
use unified_models::providers::Set;

/// One generated validator: its `is_valid`, and its `iter_errors` counted.
#[derive(Clone, Copy)]
pub struct Generated {
    /// `is_valid`.
    pub is_valid: fn(&Value) -> bool,
    /// `iter_errors(value).count()`.
    pub errors: fn(&Value) -> usize,
}

/// Declares one generated validator per provider and part, and the choice among them.
macro_rules! generated {
    ($($id:ident => $body:ident $body_path:literal, $response:ident $response_path:literal;)+) => {
        $(
            #[jsonschema::validator(
                path = $body_path,
                draft = Draft202012,
                validate_formats = true
            )]
            struct $body;

            #[jsonschema::validator(
                path = $response_path,
                draft = Draft202012,
                validate_formats = true
            )]
            struct $response;
        )+

        /// The generated validator of `provider`'s `part` (body or response), picked once so
        /// that a measurement calls it directly, as a user of the generated code would.
        pub fn validator(part: Part, provider: Provider<Set>) -> Generated {
            match (part, provider.id()) {
                $(
                    (Part::Response, stringify!($id)) => Generated {
                        is_valid: $response::is_valid,
                        errors: |value| $response::iter_errors(value).count(),
                    },
                    (_, stringify!($id)) => Generated {
                        is_valid: $body::is_valid,
                        errors: |value| $body::iter_errors(value).count(),
                    },
                )+
                _ => panic!("no generated validator for {}", provider.id()),
            }
        }
    };
}

generated! {
    dixa =>
        DixaBody "../schemas/ticketing/users/dixa/create.body.json",
        DixaResponse "../schemas/ticketing/users/dixa/create.response.json";
    freshchat =>
        FreshchatBody "../schemas/ticketing/users/freshchat/create.body.json",
        FreshchatResponse "../schemas/ticketing/users/freshchat/create.response.json";
    gorgias =>
        GorgiasBody "../schemas/ticketing/users/gorgias/create.body.json",
        GorgiasResponse "../schemas/ticketing/users/gorgias/create.response.json";
    hive =>
        HiveBody "../schemas/ticketing/users/hive/create.body.json",
        HiveResponse "../schemas/ticketing/users/hive/create.response.json";
    pivotal_tracker =>
        PivotalTrackerBody "../schemas/ticketing/users/pivotal_tracker/create.body.json",
        PivotalTrackerResponse "../schemas/ticketing/users/pivotal_tracker/create.response.json";
    planhat =>
        PlanhatBody "../schemas/ticketing/users/planhat/create.body.json",
        PlanhatResponse "../schemas/ticketing/users/planhat/create.response.json";
    qualtrics_corexm =>
        QualtricsCorexmBody "../schemas/ticketing/users/qualtrics_corexm/create.body.json",
        QualtricsCorexmResponse "../schemas/ticketing/users/qualtrics_corexm/create.response.json";
    reamaze =>
        ReamazeBody "../schemas/ticketing/users/reamaze/create.body.json",
        ReamazeResponse "../schemas/ticketing/users/reamaze/create.response.json";
    solarwinds_service_desk =>
        SolarwindsServiceDeskBody "../schemas/ticketing/users/solarwinds_service_desk/create.body.json",
        SolarwindsServiceDeskResponse "../schemas/ticketing/users/solarwinds_service_desk/create.response.json";
    teamwork_project_management =>
        TeamworkProjectManagementBody "../schemas/ticketing/users/teamwork_project_management/create.body.json",
        TeamworkProjectManagementResponse "../schemas/ticketing/users/teamwork_project_management/create.response.json";
}
