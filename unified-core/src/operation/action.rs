//! What an operation does with a model's records. The action fixes the operation's name, its HTTP
//! method, whether its path names one record, and how it reads a body, so an operation declares
//! it once and every tool follows from it.

/// What an operation does with a model's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// `POST /unified/{model}`: makes a record from a whole body.
    Create,
    /// `GET /unified/{model}`: lists records, a page at a time.
    List,
    /// `GET /unified/{model}/{id}`: reads one record.
    Get,
    /// `PATCH /unified/{model}/{id}`: changes one record with a merge patch (RFC 7396).
    Update,
    /// `DELETE /unified/{model}/{id}`: deletes one record.
    Delete,
}

impl Action {
    /// Every action, in the order the documents list them.
    pub const ALL: [Action; 5] = [
        Action::Create,
        Action::List,
        Action::Get,
        Action::Update,
        Action::Delete,
    ];

    /// The operation's name (`create`).
    pub const fn name(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::List => "list",
            Action::Get => "get",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }

    /// The action of this name.
    pub fn named(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.name() == name)
    }

    /// The HTTP method of its route (`POST`).
    pub const fn method(self) -> &'static str {
        match self {
            Action::Create => "POST",
            Action::List | Action::Get => "GET",
            Action::Update => "PATCH",
            Action::Delete => "DELETE",
        }
    }

    /// The HTTP status of its success: `201` for a create, `200` otherwise.
    pub const fn success_status(self) -> u16 {
        match self {
            Action::Create => 201,
            Action::List | Action::Get | Action::Update | Action::Delete => 200,
        }
    }

    /// Whether its path names one record (`/unified/{model}/{id}`).
    pub const fn names_a_record(self) -> bool {
        matches!(self, Action::Get | Action::Update | Action::Delete)
    }

    /// Whether it takes a request body.
    pub const fn takes_a_body(self) -> bool {
        matches!(self, Action::Create | Action::Update)
    }

    /// Whether it changes records at the provider (create, update, delete): a repeat of it is
    /// not harmless, so it takes an idempotency key.
    pub const fn writes(self) -> bool {
        matches!(self, Action::Create | Action::Update | Action::Delete)
    }

    /// Whether its body is a merge patch of the body model rather than a whole value of it.
    pub const fn patches(self) -> bool {
        matches!(self, Action::Update)
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn each_action_is_found_by_its_name_and_only_create_and_update_take_a_body() {
        for action in Action::ALL {
            assert_eq!(Action::named(action.name()), Some(action));
        }
        assert_eq!(Action::named("upsert"), None);
        let with_body: Vec<&str> = Action::ALL
            .into_iter()
            .filter(|action| action.takes_a_body())
            .map(Action::name)
            .collect();
        assert_eq!(with_body, ["create", "update"]);
    }
}
