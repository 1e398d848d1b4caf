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
//!
//! Re:amaze documents only list beyond create for staff (confidence high for the answer's
//! shape, low for the page parameter's name, `page`): `GET /api/v1/staff?page=` answering
//! `{"page_size": 30, "page_count", "total_count", "staff": [...]}`. Re:amaze takes no page
//! size, so the unified page is cut from Re:amaze's to the client's `limit`, and `next_cursor`
//! is the offset where the next one starts. Get, update and delete are not offered.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, CredentialPart, Endpoint, Method, Need, Translate,
};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForReamaze, UserCreateQueryForReamaze, UserCreateResponse,
    UserListQueryForReamaze, UserListResponse, UsersCreate, UsersList,
};

use crate::people::{ZoneLess, email_records, non_empty, one_role, primary_email, timestamp};
use crate::records::{OFFSET_CURSOR, cut_page, offset};

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
        let mut user = record(staff);
        // The address and name the record was created with, as sent where Re:amaze does not
        // echo them.
        if user.id.is_none() {
            user.id = primary_email(&call.body.emails).map(str::to_owned);
            user.emails = email_records(user.id.as_deref(), &[]);
        }
        user.name = user.name.or_else(|| Some(call.body.name.clone()));
        Ok(user)
    }
}

/// The unified record of a Re:amaze staff member: the id is the address.
fn record(staff: Staff) -> UserCreateResponse {
    let email = non_empty(staff.email);
    UserCreateResponse {
        id: email.clone(),
        name: non_empty(staff.name),
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
    }
}

/// Re:amaze's page of staff: `GET /api/v1/staff?page=`.
#[derive(Deserialize, Debug)]
pub struct StaffPage {
    page_count: u64,
    staff: Vec<Staff>,
}

/// How many staff a Re:amaze page holds (its reference shows `"page_size": 30`; a list call
/// takes no size).
const PAGE_SIZE: u64 = 30;

impl Translate<UsersList> for Reamaze {
    type Body = ();
    type Query = UserListQueryForReamaze;
    type Answer = StaffPage;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/api/v1/staff");

    // The cursor is an offset this adapter gave; another is refused before it is sent.
    const NEEDS: &'static [Need] = &[Need::matching(Part::Query, "/next_cursor", OFFSET_CURSOR)];

    // Pages are numbered from 1.
    fn native_query(&self, call: Call<'_, (), Self::Query>) -> Vec<(String, String)> {
        let page = offset(call.query.next_cursor.as_deref()) / PAGE_SIZE + 1;
        vec![("page".to_owned(), page.to_string())]
    }

    fn unified_response(
        &self,
        call: Call<'_, (), Self::Query>,
        page: StaffPage,
    ) -> Result<UserListResponse, AdapterError> {
        let query = call.query;
        let at = offset(query.next_cursor.as_deref());
        let number = at / PAGE_SIZE + 1;
        // Below the page size, so it fits.
        let skip = usize::try_from(at % PAGE_SIZE).unwrap_or(0);
        let (staff, next_cursor) =
            cut_page(page.staff, skip, query.limit, at, number < page.page_count);
        Ok(UserListResponse {
            result: staff.into_iter().map(record).collect(),
            next_cursor,
        })
    }
}
