//! A handler that takes `Validated<TicketCreate>` cannot be given the plain model, which
//! skipped the validator.

use helpdesk_example::{Requester, TicketCreate};
use unified_gateway::Validated;

fn open_ticket(ticket: Validated<TicketCreate>) -> String {
    ticket.into_inner().requester.email
}

fn main() {
    let ticket = TicketCreate {
        subject: None,
        requester: Requester {
            email: "not checked".to_owned(),
            name: None,
        },
        priority: None,
    };
    open_ticket(ticket);
}
