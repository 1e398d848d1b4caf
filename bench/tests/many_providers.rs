//! Sets of many providers: a set of 1,000 compiles, validates and exports a schema for every
//! provider, the exported schema holds what the generator drew and accepts what the validator
//! accepts (the `jsonschema` crate judging), and a provider is validated the same whatever the
//! size of its set.

use serde_json::Value;
use unified_bench::many_providers::{broken_ticket, full_ticket, minimal_ticket, ticket_required};
use unified_bench::sets::{of_10, of_500, of_1000};
use unified_core::{Provider, Target, UnifiedModel};
use unified_tests::reference_validator;

#[test]
fn every_provider_of_a_set_of_1000_validates_and_has_a_schema_the_reference_agrees_with() {
    let providers: Vec<Provider<of_1000::providers::Set>> = Provider::all().collect();
    assert_eq!(providers.len(), 1000);
    let broken = broken_ticket();
    for (index, provider) in providers.into_iter().enumerate() {
        let schema = of_1000::Ticket::schema_for(provider).to_value();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(required, ticket_required(index), "{}", provider.id());
        let reference = reference_validator(&schema);
        for (document, valid) in [
            (full_ticket(index), true),
            (minimal_ticket(index), true),
            (broken.clone(), false),
        ] {
            let report = of_1000::Ticket::validate(&document, provider);
            assert_eq!(report.is_valid(), valid, "{}: {report:?}", provider.id());
            assert_eq!(
                of_1000::Ticket::is_valid(&document, provider),
                valid,
                "{}",
                provider.id()
            );
            assert_eq!(reference.is_valid(&document), valid, "{}", provider.id());
        }
    }
    let unified = of_1000::Ticket::schema_for(Target::UNIFIED).to_value();
    assert!(unified["properties"]["subject"].is_object());
}

#[test]
fn the_views_of_the_first_and_the_last_provider_of_1000_hold_what_they_take() {
    use of_1000::providers::{p0001, p1000};
    let text = serde_json::to_vec(&full_ticket(0)).unwrap();
    let first = of_1000::Ticket::view_from_slice::<p0001>(&text).unwrap();
    let last_text = serde_json::to_vec(&full_ticket(999)).unwrap();
    let last = of_1000::Ticket::view_from_slice::<p1000>(&last_text).unwrap();
    // A field's type in a view says how the provider takes it: check one each way.
    let shown = format!("{first:?} {last:?}");
    assert!(shown.starts_with("TicketView<p0001>"), "{shown}");
    assert!(shown.contains("TicketView<p1000>"), "{shown}");
    assert_eq!(
        of_1000::Ticket::view_from_slice::<p1000>(&serde_json::to_vec(&broken_ticket()).unwrap())
            .unwrap_err(),
        of_1000::Ticket::validate(&broken_ticket(), p1000),
    );
}

#[test]
fn a_provider_is_validated_and_described_the_same_in_sets_of_10_500_and_1000() {
    let broken = broken_ticket();
    for index in 0..10 {
        let id = unified_bench::many_providers::provider_id(index);
        let small = Provider::<of_10::providers::Set>::from_id(&id).unwrap();
        let middle = Provider::<of_500::providers::Set>::from_id(&id).unwrap();
        let large = Provider::<of_1000::providers::Set>::from_id(&id).unwrap();
        let schemas = [
            of_10::Ticket::schema_for(small).to_value(),
            of_500::Ticket::schema_for(middle).to_value(),
            of_1000::Ticket::schema_for(large).to_value(),
        ];
        assert_eq!(schemas[0], schemas[1], "{id}");
        assert_eq!(schemas[0], schemas[2], "{id}");
        let reports = [
            serde_json::to_value(of_10::Ticket::validate(&broken, small).errors()).unwrap(),
            serde_json::to_value(of_500::Ticket::validate(&broken, middle).errors()).unwrap(),
            serde_json::to_value(of_1000::Ticket::validate(&broken, large).errors()).unwrap(),
        ];
        assert!(reports[0].as_array().is_some_and(|errors| errors.len() > 5));
        assert_eq!(reports[0], reports[1], "{id}");
        assert_eq!(reports[0], reports[2], "{id}");
    }
}

#[test]
fn a_fields_rules_are_as_many_in_a_set_of_1000_as_in_a_set_of_500() {
    use unified_core::__private::{FieldRule, ObjectModel};
    // Providers with the same value of a rule share its entry: the validator looks through a
    // field's entries, so their number must not grow with the providers that set a value (in
    // both sets some providers set each rule's own value; a set of 10 may have none that do).
    fn entries<S: unified_core::ProviderSet>(rules: &[FieldRule<S>]) -> Vec<(usize, usize)> {
        rules
            .iter()
            .map(|rule| (rule.constraints.len(), rule.allowed.len()))
            .collect()
    }
    let middle = entries(<of_500::Ticket as ObjectModel<of_500::providers::Set>>::RULES);
    let large = entries(<of_1000::Ticket as ObjectModel<of_1000::providers::Set>>::RULES);
    assert_eq!(middle, large);
    assert!(
        large
            .iter()
            .all(|(constraints, allowed)| *constraints <= 4 && *allowed <= 1)
    );
}
