//! A `Validated` cannot be built by hand: only the extractor makes one, after validation.

use helpdesk_example::{Requester, TicketCreate};
use unified_gateway::Validated;

fn main() {
    let ticket = TicketCreate {
        subject: None,
        requester: Requester {
            email: "not checked".to_owned(),
            name: None,
        },
        priority: None,
    };
    let _forged = Validated { value: ticket };
}
