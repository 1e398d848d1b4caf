//! Mappings every user adapter shares: which email is the primary one, names split and joined,
//! initials, ids that arrive as numbers, flags that arrive as text, and timestamps made RFC 3339.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use unified_core::Format;
use unified_models::ticketing::users::{
    EmailType, UserEmailForDixa, UserEmailForFreshchat, UserEmailForGorgias, UserEmailForHive,
    UserEmailForPivotalTracker, UserEmailForPlanhat, UserEmailForQualtricsCorexm,
    UserEmailForReamaze, UserEmailForSolarwindsServiceDesk, UserEmailRecord, UserRoleForFreshchat,
    UserRoleForGorgias, UserRoleForPivotalTracker, UserRoleForPlanhat,
    UserRoleForSolarwindsServiceDesk, UserRoleRecord,
};

/// One email address as a provider's view holds it (each provider's view of `UserEmail` is its
/// own type).
pub trait EmailAddress {
    /// The address.
    fn address(&self) -> &str;
    /// Whether it is the primary one.
    fn kind(&self) -> EmailType;
}

/// Implements [`EmailAddress`] for providers' views of `UserEmail`.
macro_rules! email_views {
    ($($view:ty),+) => {
        $(
            impl EmailAddress for $view {
                fn address(&self) -> &str {
                    &self.email
                }
                fn kind(&self) -> EmailType {
                    self.r#type
                }
            }
        )+
    };
}

email_views!(
    UserEmailForDixa,
    UserEmailForFreshchat,
    UserEmailForGorgias,
    UserEmailForHive,
    UserEmailForPivotalTracker,
    UserEmailForPlanhat,
    UserEmailForQualtricsCorexm,
    UserEmailForReamaze,
    UserEmailForSolarwindsServiceDesk
);

/// One role as a provider's view holds it.
pub trait RoleRef {
    /// The role's id, if given.
    fn id(&self) -> Option<&str>;
    /// The role's name, if given.
    fn name(&self) -> Option<&str>;
}

/// Implements [`RoleRef`] for providers' views of `UserRole`.
macro_rules! role_views {
    ($($view:ty),+) => {
        $(
            impl RoleRef for $view {
                fn id(&self) -> Option<&str> {
                    self.id.as_deref()
                }
                fn name(&self) -> Option<&str> {
                    self.name.as_deref()
                }
            }
        )+
    };
}

role_views!(
    UserRoleForFreshchat,
    UserRoleForGorgias,
    UserRoleForPivotalTracker,
    UserRoleForPlanhat,
    UserRoleForSolarwindsServiceDesk
);

/// A role sent by its name (`{"name": "agent"}`).
#[derive(Serialize, Debug)]
pub struct NamedRole<'a> {
    /// The role's name.
    pub name: &'a str,
}

/// What a provider identifies a role by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKey {
    /// Its id (Freshchat, Planhat).
    Id,
    /// Its name (Gorgias, Pivotal Tracker, SolarWinds).
    Name,
}

/// Each role's id or name, as the provider takes them. The adapter's needs make every role
/// have one (`Need::required(Part::Body, "/roles/*/name")`): a role the provider could not
/// identify is refused before anything is sent, rather than dropped here.
pub fn role_keys<R: RoleRef>(roles: Option<&[R]>, key: RoleKey) -> Vec<&str> {
    roles
        .unwrap_or_default()
        .iter()
        .filter_map(|role| match key {
            RoleKey::Id => role.id(),
            RoleKey::Name => role.name(),
        })
        .collect()
}

/// The unified roles of a record that has one role.
pub fn one_role(id: Option<String>, name: Option<String>) -> Option<Vec<UserRoleRecord>> {
    (id.is_some() || name.is_some()).then(|| vec![UserRoleRecord { id, name }])
}

/// Where the primary address is: the entry typed `primary`, else the first one.
fn primary_index(emails: &[impl EmailAddress]) -> Option<usize> {
    emails
        .iter()
        .position(|email| email.kind() == EmailType::Primary)
        .or_else(|| (!emails.is_empty()).then_some(0))
}

/// The primary address; a list a provider requires is never empty, so it has one.
pub fn primary_email(emails: &[impl EmailAddress]) -> Option<&str> {
    primary_index(emails).map(|index| emails[index].address())
}

/// Every address but the primary one, in order.
pub fn other_emails(emails: &[impl EmailAddress]) -> Vec<&str> {
    let primary = primary_index(emails);
    emails
        .iter()
        .enumerate()
        .filter(|&(index, _)| Some(index) != primary)
        .map(|(_, email)| email.address())
        .collect()
}

/// The unified email list of a record: the primary address first, then the others.
pub fn email_records(primary: Option<&str>, others: &[String]) -> Option<Vec<UserEmailRecord>> {
    let record = |email: &str, kind: &str| UserEmailRecord {
        email: email.to_owned(),
        r#type: Some(kind.to_owned()),
    };
    let records: Vec<UserEmailRecord> = primary
        .map(|email| record(email, "primary"))
        .into_iter()
        .chain(others.iter().map(|email| record(email, "other")))
        .collect();
    (!records.is_empty()).then_some(records)
}

/// First and last name joined with a space, or whichever is there; `None` when neither is.
pub fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [first, last]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A full name split at its last space into first and last name; a single word is a first name,
/// and a name of spaces alone is kept whole (a name sent is never made empty).
pub fn split_name(name: &str) -> (&str, Option<&str>) {
    match name.trim().rsplit_once(' ') {
        Some((first, last)) => (first.trim_end(), Some(last)),
        None if name.trim().is_empty() => (name, None),
        None => (name.trim(), None),
    }
}

/// The first and last name to send: the given ones, else the unified full name split at its
/// last space.
pub fn first_and_last<'a>(
    first: Option<&'a str>,
    last: Option<&'a str>,
    name: Option<&'a str>,
) -> (Option<&'a str>, Option<&'a str>) {
    match (first, last, name) {
        (None, None, Some(name)) => {
            let (first, last) = split_name(name);
            (Some(first), last)
        }
        _ => (first, last),
    }
}

/// The full name to send: the unified `name`, else first and last name joined.
pub fn name_to_send(name: Option<&str>, first: Option<&str>, last: Option<&str>) -> Option<String> {
    name.map(str::to_owned).or_else(|| full_name(first, last))
}

/// The unified name of a record: the provider's full name, else its first and last names
/// joined.
pub fn record_name(
    full: Option<String>,
    first: Option<&str>,
    last: Option<&str>,
) -> Option<String> {
    non_empty(full).or_else(|| full_name(first, last))
}

/// `None` for an empty string: a provider's `""` is no value.
pub fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|text| !text.is_empty())
}

/// How a provider writes a timestamp that carries no offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneLess {
    /// It is UTC (Gorgias documents its datetimes so): `Z` is added.
    Utc,
    /// It is not documented: such a timestamp is left out (the native answer keeps it).
    Unknown,
}

/// A provider's timestamp as RFC 3339 with an offset: kept when it is one; a zone-less one
/// gets `Z` when the provider documents UTC; anything else is left out of the unified record
/// (`remote_data` still has it), since a wrong offset would be an invented value.
pub fn timestamp(text: Option<String>, zone_less: ZoneLess) -> Option<String> {
    let text = non_empty(text)?;
    if Format::DateTime.check(&text) {
        return Some(text);
    }
    let utc = format!("{text}Z");
    (zone_less == ZoneLess::Utc && Format::DateTime.check(&utc)).then_some(utc)
}

/// An avatar URL, kept when it is a URI with a scheme.
pub fn avatar(url: Option<String>) -> Option<String> {
    non_empty(url).filter(|url| Format::Uri.check(url))
}

/// A yes/no flag as a provider sends it: a boolean, or the text `"true"`/`"false"` in any case
/// (SolarWinds).
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct NativeFlag(pub bool);

impl TryFrom<Value> for NativeFlag {
    type Error = &'static str;

    fn try_from(value: Value) -> Result<Self, Self::Error> {
        match value {
            Value::Bool(flag) => Ok(NativeFlag(flag)),
            Value::String(text) if text.eq_ignore_ascii_case("true") => Ok(NativeFlag(true)),
            Value::String(text) if text.eq_ignore_ascii_case("false") => Ok(NativeFlag(false)),
            _ => Err("a boolean or the text true or false"),
        }
    }
}

/// `is_active` from a native flag that says the opposite (`inactive`, `disabled`,
/// `is_deactivated`).
pub fn active_unless(flag: Option<NativeFlag>) -> Option<bool> {
    flag.map(|NativeFlag(off)| !off)
}

/// Initials from a name: the first letter of each word, upper-cased.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// An id as the provider sends it: a string or a number. The unified id is always a string.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
pub enum NativeId {
    /// A text id.
    Text(String),
    /// A numeric id.
    Number(serde_json::Number),
}

impl NativeId {
    /// The id as unified text.
    pub fn into_string(self) -> String {
        match self {
            NativeId::Text(text) => text,
            NativeId::Number(number) => Value::Number(number).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An address and its kind.
    struct Email(&'static str, EmailType);

    impl EmailAddress for Email {
        fn address(&self) -> &str {
            self.0
        }
        fn kind(&self) -> EmailType {
            self.1
        }
    }

    #[test]
    fn the_primary_email_wins_wherever_it_is() {
        let emails = [
            Email("b@x.io", EmailType::Other),
            Email("a@x.io", EmailType::Primary),
            Email("c@x.io", EmailType::Other),
        ];
        assert_eq!(primary_email(&emails), Some("a@x.io"));
        assert_eq!(other_emails(&emails), ["b@x.io", "c@x.io"]);
        let untyped = [Email("b@x.io", EmailType::Other)];
        assert_eq!(primary_email(&untyped), Some("b@x.io"));
        assert!(other_emails(&untyped).is_empty());
        let none: [Email; 0] = [];
        assert_eq!(primary_email(&none), None);
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("ada king lovelace"), "AKL");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn names_split_and_join() {
        assert_eq!(
            split_name("Ada King Lovelace"),
            ("Ada King", Some("Lovelace"))
        );
        assert_eq!(split_name("Ada"), ("Ada", None));
        assert_eq!(split_name("  "), ("  ", None));
        assert_eq!(
            full_name(Some("Ada"), Some("Lovelace")).unwrap(),
            "Ada Lovelace"
        );
        assert_eq!(full_name(None, Some("Lovelace")).unwrap(), "Lovelace");
        assert_eq!(full_name(Some(""), None), None);
        assert_eq!(
            record_name(Some(String::new()), Some("Ada"), None).unwrap(),
            "Ada"
        );
    }

    #[test]
    fn timestamps_become_rfc_3339_or_are_left_out() {
        let at = |text: &str, zone| timestamp(Some(text.to_owned()), zone);
        assert_eq!(
            at("2019-04-13T03:27:56.973873", ZoneLess::Utc).unwrap(),
            "2019-04-13T03:27:56.973873Z"
        );
        assert_eq!(
            at("2030-01-01T00:00:00.000+00:00", ZoneLess::Unknown).unwrap(),
            "2030-01-01T00:00:00.000+00:00"
        );
        assert_eq!(at("2019-04-13T03:27:56", ZoneLess::Unknown), None);
        assert_eq!(at("yesterday", ZoneLess::Utc), None);
        assert_eq!(at("", ZoneLess::Utc), None);
    }

    #[test]
    fn flags_read_from_booleans_and_text() {
        for (text, flag) in [("true", true), ("\"False\"", false), ("\"TRUE\"", true)] {
            let read: NativeFlag = serde_json::from_str(text).unwrap();
            assert_eq!(read, NativeFlag(flag), "{text}");
        }
        assert!(serde_json::from_str::<NativeFlag>("\"maybe\"").is_err());
        assert_eq!(active_unless(Some(NativeFlag(true))), Some(false));
        assert_eq!(active_unless(None), None);
    }

    #[test]
    fn ids_become_strings() {
        let number: NativeId = serde_json::from_str("42").unwrap();
        let text: NativeId = serde_json::from_str("\"UR_1\"").unwrap();
        assert_eq!(number.into_string(), "42");
        assert_eq!(text.into_string(), "UR_1");
    }
}
