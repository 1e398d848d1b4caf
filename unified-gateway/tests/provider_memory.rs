//! The gateway's memory under misbehaving providers: ten at once answering eight times the
//! answer limit, cutting their answers, answering text, failing, or sleeping past the timeout.
//! The peak stays near ten answers' worth of the limit, and once they are done the memory in
//! use is back where it was. Measured by counting allocations on the one thread that runs the
//! gateway, its fake providers and its clients.

#[path = "gateway/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::time::Duration;

use serde_json::json;
use tokio::task::JoinSet;
use unified_gateway::GatewayConfig;

use harness::Harness;
use unified_test_tools::fake::Mode;

const MIB: usize = 1024 * 1024;
const AT_ONCE: usize = 10;

/// Each misbehaviour, `AT_ONCE` requests at a time; every answer is the documented failure.
async fn misbehave(harness: &Harness) {
    let body = json!({"name": "Ada", "emails": [{"email": "ada@example.org", "type": "primary"}]});
    let modes = [
        (
            Mode::Huge {
                bytes: 8 * MIB,
                chunked: true,
            },
            502,
        ),
        (
            Mode::Huge {
                bytes: 8 * MIB,
                chunked: false,
            },
            502,
        ),
        (Mode::CloseMidAnswer, 502),
        (Mode::EchoText, 502),
        (Mode::Refuse(500), 502),
        (Mode::Slow(Duration::from_millis(2300)), 504),
    ];
    for (mode, status) in modes {
        harness.fake("dixa").set_mode(mode);
        let mut requests = JoinSet::new();
        for _ in 0..AT_ONCE {
            requests.spawn(harness.create_owned("dixa", &body));
        }
        while let Some(answered) = requests.join_next().await {
            assert_eq!(answered.unwrap(), status);
        }
    }
    // The slow fakes finish their sleep, so their tasks are gone too.
    tokio::time::sleep(Duration::from_millis(500)).await;
}

#[test]
fn memory_returns_to_its_baseline_after_misbehaving_providers() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut config = GatewayConfig::default().with_provider_timeout(Duration::from_secs(2));
    config.provider_answer_limit = MIB;
    let harness = runtime.block_on(Harness::with_config(config));
    // A first round fills the connection pools and every lazily built table.
    runtime.block_on(misbehave(&harness));

    let used = allocation_counter::measure(|| runtime.block_on(misbehave(&harness)));
    // `cargo test -p unified-gateway --test provider_memory -- --nocapture` shows the figures.
    eprintln!(
        "peak {} bytes, {} bytes still in use afterwards",
        used.bytes_max, used.bytes_current
    );
    assert!(
        used.bytes_max < 40 * MIB as u64,
        "ten answers over a 1 MiB limit took {} MiB at the peak",
        used.bytes_max / MIB as u64
    );
    assert!(
        used.bytes_current < (MIB / 2) as i64,
        "{} KiB more in use after the misbehaving answers than before",
        used.bytes_current / 1024
    );
}
