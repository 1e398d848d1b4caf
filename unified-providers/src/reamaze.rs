//! Re:amaze: `POST /api/v1/staff` (confidence high for the request: Re:amaze's own API
//! reference; medium for the answer, which the reference calls "the JSON for the newly created
//! staff" without showing it).
//!
//! The body is `{"staff": {name, email}}`; Re:amaze makes up a password when none is sent (send
//! one in `remote_data` as `{"staff": {"password": ...}}`), and its create call takes no role,
//! so unified `roles` are not sent, and one address, so the other unified `emails` are not
//! either. A password sent that way is removed from whatever Re:amaze answers. Re:amaze's staff records carry no id: the unified id is the
//! staff member's email address, which logs them in. The answer is read whether or not it is
//! wrapped in `staff`. A refusal is a 422 explaining the error; it reaches the client as a 502
//! with `truto_is_remote_error`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, CredentialPart, Endpoint, Need, Translate,
};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForReamaze, UserCreateQueryForReamaze, UserCreateResponse, UsersCreate,
};

use crate::people::{ZoneLess, email_records, non_empty, one_role, primary_email, timestamp};

/// The Re:amaze adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reamaze;

#[derive(Serialize, Debug)]
struct StaffCreate<'a> {
    staff: NewStaff<'a>,
}

#[derive(Serialize, Debug)]
struct NewStaff<'a> {
    name: &'a str,
    email: Option<&'a str>,
}

/// The answer: the staff record, wrapped in `staff` or not.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum Answer {
    Wrapped { staff: Staff },
    Bare(Staff),
}

/// A Re:amaze staff record as it answers.
#[derive(Deserialize, Debug)]
pub struct Staff {
    name: Option<String>,
    email: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    /// A hash of permissions, with a `name` when the role has one.
    role: Option<Value>,
}

impl Adapter for Reamaze {
    type Provider = providers::reamaze;
    const AUTH: AuthScheme = AuthScheme::basic(CredentialPart::Password);
}

impl Translate<UsersCreate> for Reamaze {
    type Body = UserCreateBodyForReamaze;
    type Query = UserCreateQueryForReamaze;
    type Answer = Answer;

    const ENDPOINT: Endpoint = Endpoint::post("/api/v1/staff").with_secrets(&["/staff/password"]);

    // Re:amaze requires the staff member's `name` and `email`, which the unified fields
    // required for Re:amaze fill.
    const NEEDS: &'static [Need] = &[
        Need::text(Part::Body, "/remote_data/staff/name"),
        Need::formatted(Part::Body, "/remote_data/staff/email", Format::Email),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        StaffCreate {
            staff: NewStaff {
                name: &body.name,
                email: primary_email(&body.emails),
            },
        }
    }

    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        answer: Answer,
    ) -> Result<UserCreateResponse, AdapterError> {
        let (Answer::Wrapped { staff } | Answer::Bare(staff)) = answer;
        // The address the record was created with, as Re:amaze echoes it or as it was sent.
        let email =
            non_empty(staff.email).or_else(|| primary_email(&call.body.emails).map(str::to_owned));
        Ok(UserCreateResponse {
            id: email.clone(),
            name: non_empty(staff.name).or_else(|| Some(call.body.name.clone())),
            created_at: timestamp(staff.created_at, ZoneLess::Unknown),
            updated_at: timestamp(staff.updated_at, ZoneLess::Unknown),
            emails: email_records(email.as_deref(), &[]),
            roles: one_role(
                None,
                staff
                    .role
                    .as_ref()
                    .and_then(|role| role.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            ),
            ..UserCreateResponse::default()
        })
    }
}
