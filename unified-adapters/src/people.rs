//! Mappings every user adapter shares: which email is the primary one, initials, and ids that
//! arrive as numbers.

use serde::Deserialize;
use serde_json::Value;
use unified_models::ticketing::users::{EmailType, UserEmail, UserEmailRecord};

/// Where the primary address is: the entry typed `primary`, else the first one.
fn primary_index(emails: &[UserEmail]) -> Option<usize> {
    emails
        .iter()
        .position(|email| email.r#type == EmailType::Primary)
        .or_else(|| (!emails.is_empty()).then_some(0))
}

/// The primary address.
pub fn primary_email(emails: &[UserEmail]) -> Option<&str> {
    primary_index(emails).map(|index| emails[index].email.as_str())
}

/// Every address but the primary one, in order.
pub fn other_emails(emails: &[UserEmail]) -> Vec<&str> {
    let primary = primary_index(emails);
    emails
        .iter()
        .enumerate()
        .filter(|&(index, _)| Some(index) != primary)
        .map(|(_, email)| email.email.as_str())
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

    fn email(address: &str, kind: EmailType) -> UserEmail {
        UserEmail {
            email: address.to_owned(),
            r#type: kind,
        }
    }

    #[test]
    fn the_primary_email_wins_wherever_it_is() {
        let emails = [
            email("b@x.io", EmailType::Other),
            email("a@x.io", EmailType::Primary),
            email("c@x.io", EmailType::Other),
        ];
        assert_eq!(primary_email(&emails), Some("a@x.io"));
        assert_eq!(other_emails(&emails), ["b@x.io", "c@x.io"]);
        let untyped = [email("b@x.io", EmailType::Other)];
        assert_eq!(primary_email(&untyped), Some("b@x.io"));
        assert!(other_emails(&untyped).is_empty());
        assert_eq!(primary_email(&[]), None);
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
