//! `diff` on trees exported from versions of one model, each changed from the first in one way:
//! every way a frontend can be broken is found with its level and pointer, each worked example
//! holds under the `jsonschema` crate, and identical trees report nothing.

mod support;

use serde_json::Value;
use unified_schema_diff::{Change, Code, Level, Report, Tree, diff_trees};

/// One version of the `crm/contacts` create, its fields' attributes and types given.
macro_rules! contacts {
    (
        $version:ident,
        providers: [$($provider:ident => $label:literal),*],
        name: [$($name:tt)*],
        nickname: [$($nickname:tt)*],
        website: [$($website:tt)*],
        seats: $seats:ty,
        title: [$($title:tt)*],
        code: [$($code:tt)*],
        kinds: [$($kind:ident),*],
        id: [$($id_rule:tt)*],
        score: $score:ty,
        statuses: [$($status:ident),*] $(,)?
    ) => {
        support::version!($version {
            unified_core::providers! {
                /// The providers of this version.
                pub mod providers { $($provider => $label,)* }
            }

            /// What a contact is.
            #[derive(UnifiedModel, Serialize, Deserialize, Debug)]
            #[serde(rename_all = "snake_case")]
            pub enum Kind { $(#[doc = "A kind."] $kind,)* }

            /// Where a contact stands.
            #[derive(UnifiedModel, Serialize, Deserialize, Debug)]
            #[serde(rename_all = "snake_case")]
            pub enum Status { $(#[doc = "A status."] $status,)* }

            /// A contact to create.
            #[derive(UnifiedModel, Serialize, Deserialize, Debug)]
            pub struct Body {
                /// The contact's name
                $($name)* pub name: Option<String>,
                /// The contact's nickname
                $($nickname)* pub nickname: Option<String>,
                /// The contact's website
                $($website)* pub website: Option<String>,
                /// Seats bought
                pub seats: $seats,
                /// What the contact is
                pub kind: Option<Kind>,
                /// The contact's title
                $($title)* pub title: Option<String>,
                /// The contact's code
                $($code)* pub code: Option<String>,
            }

            /// The contact created.
            #[derive(UnifiedModel, Serialize, Deserialize, Debug)]
            pub struct Response {
                /// The contact's id
                $($id_rule)* pub id: Option<String>,
                /// The contact's score
                pub score: $score,
                /// Where the contact stands
                pub status: Option<Status>,
            }
        });
    };
}

contacts!(base,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(newly_required,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[required(beta)] #[supported(acme)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(no_longer_supported,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(type_narrowed,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<i64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(value_removed,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(limit_tightened,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 20)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(pattern_added,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [#[unified(pattern = "^[A-Z]{3}$")]],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(provider_removed,
    providers: [acme => "Acme"],
    name: [#[required(acme)]],
    nickname: [#[supported(acme)]],
    website: [#[supported(acme)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(no_longer_guaranteed,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[supported(acme, beta)]], score: Option<u32>, statuses: [Open, Closed]);

contacts!(type_widened,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<f64>, statuses: [Open, Closed]);

contacts!(value_added,
    providers: [acme => "Acme", beta => "Beta"],
    name: [#[required(acme)] #[supported(beta)]],
    nickname: [#[supported(acme, beta)]],
    website: [#[supported(acme, beta)]],
    seats: Option<f64>,
    title: [#[unified(max_length = 50)]],
    code: [],
    kinds: [Person, Company],
    id: [#[required(acme, beta)]], score: Option<u32>, statuses: [Open, Closed, Archived]);

fn tree(files: Vec<(String, String)>) -> Tree {
    Tree::from_texts(files).expect("exported schemas are JSON")
}

fn report(new: Vec<(String, String)>) -> Report {
    diff_trees(&tree(base::files()), &tree(new))
}

/// The change of `code` in `file` at `pointer`, which must be there once.
fn change<'a>(report: &'a Report, code: Code, file: &str, pointer: &str) -> &'a Change {
    let found: Vec<&Change> = report
        .changes
        .iter()
        .filter(|change| {
            change.code == code && change.place.file == file && change.pointer == pointer
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {} in {file} at {pointer}, in:\n{}",
        code.as_str(),
        unified_schema_diff::render(report, unified_schema_diff::Format::Text)
    );
    found[0]
}

fn schema(files: &[(String, String)], file: &str) -> Value {
    let text = &files
        .iter()
        .find(|(path, _)| path == file)
        .expect("the file is exported")
        .1;
    serde_json::from_str(text).expect("JSON")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

/// `change`'s worked example: present, and (for a request part) taken by the old schema and
/// refused by the new one, or (for a response) the other way, as `jsonschema` judges.
fn example_holds(change: &Change, new: &[(String, String)]) {
    let example = change
        .example
        .as_ref()
        .unwrap_or_else(|| panic!("no example for {}", change.message));
    let (old, new) = (
        schema(&base::files(), &change.place.file),
        schema(new, &change.place.file),
    );
    let (accepting, refusing) = match change.side {
        unified_schema_diff::Side::Request => (old, new),
        unified_schema_diff::Side::Response => (new, old),
    };
    assert!(
        validator(&accepting).is_valid(example),
        "{example} should be taken"
    );
    assert!(
        !validator(&refusing).is_valid(example),
        "{example} should be refused"
    );
}

/// Every change of `report` at `level` or above, as (code, file, pointer).
fn serious(report: &Report, level: Level) -> Vec<(Code, String, String)> {
    report
        .changes
        .iter()
        .filter(|change| change.level >= level)
        .map(|change| {
            (
                change.code,
                change.place.file.clone(),
                change.pointer.clone(),
            )
        })
        .collect()
}

const BETA_BODY: &str = "crm/contacts/beta/create.body.json";
const ACME_BODY: &str = "crm/contacts/acme/create.body.json";

#[test]
fn identical_trees_report_nothing() {
    let report = report(base::files());
    assert!(report.is_empty(), "{:?}", report.changes);
}

#[test]
fn a_field_newly_required_for_one_provider_breaks_only_its_body() {
    let files = newly_required::files();
    let report = report(files.clone());
    let found = change(&report, Code::RequiredAdded, BETA_BODY, "/required");
    assert_eq!(found.level, Level::Err);
    assert!(found.message.contains("`nickname`"), "{}", found.message);
    example_holds(found, &files);
    assert!(
        serious(&report, Level::Warn)
            .iter()
            .all(|(_, file, _)| file == BETA_BODY),
        "{:?}",
        serious(&report, Level::Warn)
    );
}

#[test]
fn a_field_no_longer_supported_is_refused_where_it_was_taken() {
    let files = no_longer_supported::files();
    let report = report(files.clone());
    let found = change(
        &report,
        Code::PropertyRemoved,
        BETA_BODY,
        "/properties/website",
    );
    assert_eq!(found.level, Level::Err);
    example_holds(found, &files);
    assert_eq!(
        serious(&report, Level::Warn).len(),
        1,
        "{:?}",
        serious(&report, Level::Warn)
    );
}

#[test]
fn a_type_narrowed_breaks_the_body() {
    let files = type_narrowed::files();
    let report = report(files.clone());
    let found = change(
        &report,
        Code::TypeNarrowed,
        ACME_BODY,
        "/properties/seats/type",
    );
    assert_eq!(found.level, Level::Err);
    example_holds(found, &files);
}

#[test]
fn a_value_no_longer_allowed_breaks_every_body() {
    let files = value_removed::files();
    let report = report(files.clone());
    for file in [
        ACME_BODY,
        BETA_BODY,
        "crm/contacts/unified/create.body.json",
    ] {
        let found = change(&report, Code::ValueRemoved, file, "/properties/kind/oneOf");
        assert_eq!(found.level, Level::Err);
        assert!(found.message.contains("\"company\""), "{}", found.message);
        example_holds(found, &files);
    }
}

#[test]
fn a_tighter_limit_breaks_the_body() {
    let files = limit_tightened::files();
    let report = report(files.clone());
    let found = change(
        &report,
        Code::LimitTightened,
        ACME_BODY,
        "/properties/title/maxLength",
    );
    assert_eq!(found.level, Level::Err);
    assert!(found.message.contains("50 → 20"), "{}", found.message);
    example_holds(found, &files);
}

#[test]
fn a_pattern_added_breaks_the_body() {
    let files = pattern_added::files();
    let report = report(files.clone());
    let found = change(
        &report,
        Code::PatternAdded,
        ACME_BODY,
        "/properties/code/pattern",
    );
    assert_eq!(found.level, Level::Err);
    example_holds(found, &files);
}

#[test]
fn a_provider_removed_is_an_error_once_per_model() {
    let report = report(provider_removed::files());
    let found = change(&report, Code::ProviderRemoved, "crm/contacts/beta/", "");
    assert_eq!(found.level, Level::Err);
    assert!(
        !report
            .changes
            .iter()
            .any(|change| change.place.file.starts_with("crm/contacts/beta/")
                && change.code != Code::ProviderRemoved),
        "the provider's files are not also compared one by one"
    );
}

#[test]
fn a_response_field_no_longer_guaranteed_breaks_readers() {
    let files = no_longer_guaranteed::files();
    let report = report(files.clone());
    let found = change(
        &report,
        Code::RequiredRemoved,
        "crm/contacts/acme/create.response.json",
        "/required",
    );
    assert_eq!(
        (found.level, found.side),
        (Level::Err, unified_schema_diff::Side::Response)
    );
    example_holds(found, &files);
    let body = report
        .changes
        .iter()
        .filter(|change| change.place.part == "body")
        .count();
    assert_eq!(body, 0, "the bodies did not change");
}

#[test]
fn a_response_type_widened_breaks_readers() {
    let files = type_widened::files();
    let report = report(files.clone());
    let file = "crm/contacts/acme/create.response.json";
    let found = change(&report, Code::TypeWidened, file, "/properties/score/type");
    assert_eq!(found.level, Level::Err);
    example_holds(found, &files);
}

#[test]
fn a_new_allowed_value_in_a_response_warns_readers_and_widens_no_body() {
    let files = value_added::files();
    let report = report(files.clone());
    let found = change(
        &report,
        Code::ValueAdded,
        "crm/contacts/beta/create.response.json",
        "/properties/status/oneOf",
    );
    assert_eq!(found.level, Level::Warn);
    assert!(found.message.contains("\"archived\""), "{}", found.message);
    assert!(
        report
            .changes
            .iter()
            .all(|change| change.level <= Level::Warn)
    );
}

#[test]
fn loosening_a_request_is_information_only() {
    // The reverse of each request break: the new version takes everything the old one did.
    for (old, new) in [
        (newly_required::files(), base::files()),
        (value_removed::files(), base::files()),
        (limit_tightened::files(), base::files()),
        (pattern_added::files(), base::files()),
    ] {
        let report = diff_trees(&tree(old), &tree(new));
        let bodies: Vec<&Change> = report
            .changes
            .iter()
            .filter(|change| change.place.part == "body")
            .collect();
        assert!(!bodies.is_empty());
        assert!(
            bodies.iter().all(|change| change.level == Level::Info),
            "{bodies:?}"
        );
    }
}
