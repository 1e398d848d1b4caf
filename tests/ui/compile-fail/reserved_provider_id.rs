unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        unified => "Unified",
    }
}

fn main() {}
