//! Mappings every user adapter shares: which email is the primary one, initials, and ids that
//! arrive as numbers.

use serde::Deserialize;
use serde_json::Value;
use unified_models::ticketing::users::{
    EmailType, UserEmailForDixa, UserEmailForPivotalTracker, UserEmailForQualtricsCorexm,
    UserEmailRecord,
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
    UserEmailForPivotalTracker,
    UserEmailForQualtricsCorexm
);

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
    fn ids_become_strings() {
        let number: NativeId = serde_json::from_str("42").unwrap();
        let text: NativeId = serde_json::from_str("\"UR_1\"").unwrap();
        assert_eq!(number.into_string(), "42");
        assert_eq!(text.into_string(), "UR_1");
    }
}
