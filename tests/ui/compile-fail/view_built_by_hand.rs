// A view is made by validation only: a struct literal cannot fill its hidden field.
use unified_models::ticketing::users::{UserCreateBodyForDixa, UserEmailForDixa};

fn main() {
    let _ = UserCreateBodyForDixa {
        name: "Ada".to_owned(),
        emails: Vec::<UserEmailForDixa>::new(),
        avatar: None,
        first_name: None,
        last_name: None,
        remote_data: None,
        roles: None,
        team_ids: None,
    };
}
