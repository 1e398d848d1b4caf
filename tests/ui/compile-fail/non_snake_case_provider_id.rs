unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        PivotalTracker => "Pivotal Tracker",
    }
}

fn main() {}
