//! The `jsonschema` crate's validators generated at compile time (its `macros` feature, 0.60.2)
//! from the committed schemas: one per provider for the request body and for the response, each
//! with `validate_formats` as our validator and the runtime reference have it.

// The generated code names its runtime `jsonschema`: here that is 0.60.2, the version whose
// macros are published, beside 0.61's runtime validator elsewhere in the bench.
use jsonschema_generated as jsonschema;
use serde_json::Value;
use unified_core::{Part, Provider};
use unified_models::providers::Set;

/// Declares one generated validator per provider and part, and the dispatch on them.
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

        /// The generated validator's `is_valid` for `provider`'s `part` (body or response).
        pub fn is_valid(part: Part, provider: Provider<Set>, value: &Value) -> bool {
            match (part, provider.id()) {
                $(
                    (Part::Response, stringify!($id)) => $response::is_valid(value),
                    (_, stringify!($id)) => $body::is_valid(value),
                )+
                _ => false,
            }
        }

        /// The generated validator's `iter_errors`, collected; how many errors.
        pub fn errors(part: Part, provider: Provider<Set>, value: &Value) -> usize {
            match (part, provider.id()) {
                $(
                    (Part::Response, stringify!($id)) => $response::iter_errors(value).count(),
                    (_, stringify!($id)) => $body::iter_errors(value).count(),
                )+
                _ => 0,
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
