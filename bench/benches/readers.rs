//! `cargo bench -p unified-bench --features sonic,simd --bench readers`: does a SIMD JSON reader
//! (sonic-rs or simd-json, each through serde's `Deserializer`) make text to a checked or typed
//! value faster on this machine? For the valid minimal and full documents and the many-errors
//! ones, bodies and responses, each measured with `serde_json`'s reader and with the two others
//! side by side in one run: the plain typed deserialize, and the validator's one pass ("is it
//! valid" and the model built) driven through the same generic function. simd-json parses in
//! place, so each of its measurements copies the text first, as a gateway holding the body it
//! read would. Built without `target-cpu=native`, as the gateway is (simd-json picks its SIMD
//! code when it runs). Prints the ratios (each reader's time / serde_json's) at the end.

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use serde::Deserializer;
use unified_bench::estimates::median_ns;
use unified_bench::{Case, Kind, cases};
use unified_core::Part;
use unified_core::field::{Build, Check, FieldValue, FirstFailure, Mode, Path, Reading, Recorder};
use unified_models::providers::Set;
use unified_models::ticketing::users::{UserCreateBody, UserCreateResponse};

/// The kinds compared: what a gateway mostly sees (valid bodies) and the most work per error.
const KINDS: [Kind; 3] = [Kind::Minimal, Kind::Full, Kind::ManyErrors];

/// The readers compared, `serde_json` first.
const READERS: [&str; 3] = ["serde_json", "sonic_rs", "simd_json"];

/// The measurements, each over every provider's document of one kind and part.
const MEASUREMENTS: [&str; 3] = ["typed", "is_valid", "built"];

/// One pass of the validator over `input` in mode `B`, stopping at the first violation;
/// whether the document is valid (and, in `Build` mode, a value came out).
fn engine<'de, M: FieldValue<Set>, B: Mode, D: Deserializer<'de>>(input: D, case: &Case) -> bool {
    let mut recorder = FirstFailure::default();
    let reading = Reading::item(case.provider.into(), &Path::Root, &mut recorder);
    M::read::<B, D, FirstFailure>(input, reading)
        .map(black_box)
        .is_ok()
        && !recorder.failed()
}

/// Runs `measurement` on `case`'s text with `reader`; whether it succeeded.
fn measure(reader: &str, measurement: &str, case: &Case) -> bool {
    macro_rules! with_model {
        ($model:ty) => {
            match (reader, measurement) {
                ("serde_json", "typed") => serde_json::from_slice::<$model>(&case.text)
                    .map(black_box)
                    .is_ok(),
                ("sonic_rs", "typed") => sonic_rs::from_slice::<$model>(&case.text)
                    .map(black_box)
                    .is_ok(),
                ("simd_json", "typed") => {
                    simd_json::serde::from_slice::<$model>(&mut case.text.clone())
                        .map(black_box)
                        .is_ok()
                }
                ("serde_json", mode) => {
                    let mut input = serde_json::Deserializer::from_slice(&case.text);
                    let valid = run::<$model, _>(mode, &mut input, case);
                    valid && input.end().is_ok()
                }
                ("sonic_rs", mode) => {
                    let mut input = sonic_rs::Deserializer::from_slice(&case.text);
                    let valid = run::<$model, _>(mode, &mut input, case);
                    valid && input.end().is_ok()
                }
                ("simd_json", mode) => {
                    let mut text = case.text.clone();
                    // The whole text is read when the reader is made: nothing may follow it.
                    match simd_json::Deserializer::from_slice(&mut text) {
                        Ok(mut input) => run::<$model, _>(mode, &mut input, case),
                        Err(_) => false,
                    }
                }
                (other, _) => panic!("no reader named {other}"),
            }
        };
    }
    match case.part {
        Part::Response => with_model!(UserCreateResponse),
        _ => with_model!(UserCreateBody),
    }
}

/// The validator in the mode `mode` names.
fn run<'de, M: FieldValue<Set>, D: Deserializer<'de>>(mode: &str, input: D, case: &Case) -> bool {
    if mode == "built" {
        engine::<M, Build, D>(input, case)
    } else {
        engine::<M, Check, D>(input, case)
    }
}

/// The group of one kind and part: `readers/<kind>` or `readers/response/<kind>`.
fn group_id(part: Part, kind: Kind) -> String {
    match part {
        Part::Response => format!("readers/response/{}", kind.id()),
        _ => format!("readers/{}", kind.id()),
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let cases = cases();
    let groups: Vec<(String, Vec<&Case>)> = [Part::Body, Part::Response]
        .into_iter()
        .flat_map(|part| KINDS.map(|kind| (part, kind)))
        .map(|(part, kind)| {
            let of_group = cases
                .iter()
                .filter(|case| case.part == part && case.kind == kind)
                .collect();
            (group_id(part, kind), of_group)
        })
        .collect();
    for (id, of_group) in &groups {
        // Every reader must give every document the same verdict.
        for case in of_group {
            for measurement in MEASUREMENTS {
                let verdicts = READERS.map(|reader| measure(reader, measurement, case));
                for (reader, verdict) in READERS.iter().zip(verdicts) {
                    assert_eq!(verdict, verdicts[0], "{} {measurement} {reader}", case.id());
                }
            }
        }
        let mut group = criterion.benchmark_group(id);
        for measurement in MEASUREMENTS {
            for reader in READERS {
                group.bench_function(format!("{measurement}_{reader}"), |b| {
                    b.iter(|| {
                        of_group
                            .iter()
                            .filter(|case| measure(reader, measurement, black_box(case)))
                            .count()
                    })
                });
            }
        }
        group.finish();
    }
    criterion.final_summary();
    if std::env::args().any(|arg| arg == "--bench") {
        println!(
            "| documents | measurement | serde_json ns | sonic-rs ns | simd-json ns | sonic-rs / serde_json | simd-json / serde_json |"
        );
        println!("|---|---|---:|---:|---:|---:|---:|");
        for (id, _) in &groups {
            for measurement in MEASUREMENTS {
                let [Some(serde), Some(sonic), Some(simd)] =
                    READERS.map(|reader| median_ns(id, &format!("{measurement}_{reader}")))
                else {
                    continue;
                };
                println!(
                    "| {} | {measurement} | {serde:.0} | {sonic:.0} | {simd:.0} | {:.2} | {:.2} |",
                    id.trim_start_matches("readers/"),
                    sonic / serde,
                    simd / serde
                );
            }
        }
    }
}
