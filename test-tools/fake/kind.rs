//! Which provider a fake plays: its id, the credential its account holds, and how it checks
//! that credential, written from each provider's documented auth (not from the adapters' code).

use axum::http::HeaderMap;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// A provider a fake plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Dixa.
    Dixa,
    /// Freshchat.
    Freshchat,
    /// Gorgias.
    Gorgias,
    /// Hive.
    Hive,
    /// Pivotal Tracker.
    PivotalTracker,
    /// Planhat.
    Planhat,
    /// Qualtrics CoreXM.
    QualtricsCorexm,
    /// Re:amaze.
    Reamaze,
    /// SolarWinds Service Desk.
    SolarwindsServiceDesk,
    /// Teamwork Project Management.
    TeamworkProjectManagement,
}

impl Kind {
    /// Every provider, in the spec's order.
    pub const ALL: [Kind; 10] = [
        Kind::Dixa,
        Kind::Freshchat,
        Kind::Gorgias,
        Kind::Hive,
        Kind::PivotalTracker,
        Kind::Planhat,
        Kind::QualtricsCorexm,
        Kind::Reamaze,
        Kind::SolarwindsServiceDesk,
        Kind::TeamworkProjectManagement,
    ];

    /// The provider's id.
    pub fn provider_id(self) -> &'static str {
        match self {
            Kind::Dixa => "dixa",
            Kind::Freshchat => "freshchat",
            Kind::Gorgias => "gorgias",
            Kind::Hive => "hive",
            Kind::PivotalTracker => "pivotal_tracker",
            Kind::Planhat => "planhat",
            Kind::QualtricsCorexm => "qualtrics_corexm",
            Kind::Reamaze => "reamaze",
            Kind::SolarwindsServiceDesk => "solarwinds_service_desk",
            Kind::TeamworkProjectManagement => "teamwork_project_management",
        }
    }

    /// The credential the account holds (two-part credentials are `user:secret`).
    pub fn credential(self) -> &'static str {
        match self {
            Kind::Dixa => "dixa-secret-key-7f3a",
            Kind::Freshchat => "freshchat-token-2b81",
            Kind::Gorgias => "owner@example.org:gorgias-key-6c0d",
            Kind::Hive => "hive-user-31:hive-key-9e4f",
            Kind::PivotalTracker => "tracker-token-91bc",
            Kind::Planhat => "planhat-token-a7c2",
            Kind::QualtricsCorexm => "qualtrics-token-55de",
            Kind::Reamaze => "owner@example.org:reamaze-token-d3b9",
            Kind::SolarwindsServiceDesk => "samanage-token-4e17",
            Kind::TeamworkProjectManagement => "teamwork-key-80fa:X",
        }
    }

    /// What the account's base URL adds to the fake's root: Hive's carries the workspace.
    pub fn base_path(self) -> &'static str {
        match self {
            Kind::Hive => "/api/v1/workspaces/ws-5",
            _ => "",
        }
    }

    /// The header that carries the credential (or its secret part).
    pub fn credential_header(self) -> &'static str {
        match self {
            Kind::PivotalTracker => "x-trackertoken",
            Kind::QualtricsCorexm => "x-api-token",
            Kind::SolarwindsServiceDesk => "x-samanage-authorization",
            Kind::Hive => "api_key",
            _ => "authorization",
        }
    }

    /// Whether the request presents the credential as the provider documents it.
    pub fn authenticates(self, headers: &HeaderMap, query: Option<&str>) -> bool {
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        let credential = self.credential();
        match self {
            Kind::Dixa => header("authorization") == Some(credential),
            Kind::PivotalTracker => header("x-trackertoken") == Some(credential),
            Kind::QualtricsCorexm => header("x-api-token") == Some(credential),
            Kind::Freshchat | Kind::Planhat => {
                header("authorization") == Some(&format!("Bearer {credential}"))
            }
            Kind::SolarwindsServiceDesk => {
                header("x-samanage-authorization") == Some(&format!("Bearer {credential}"))
            }
            Kind::Gorgias | Kind::Reamaze | Kind::TeamworkProjectManagement => {
                header("authorization")
                    .and_then(|value| value.strip_prefix("Basic "))
                    .and_then(|encoded| STANDARD.decode(encoded).ok())
                    .is_some_and(|decoded| decoded == credential.as_bytes())
            }
            Kind::Hive => {
                let (user, key) = credential.split_once(':').expect("user:key");
                let user_param = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
                    .find(|(name, _)| name == "user_id")
                    .map(|(_, value)| value.into_owned());
                header("api_key") == Some(key) && user_param.as_deref() == Some(user)
            }
        }
    }
}
