//! Versions of one model, exported as a gateway exports them.

/// A module holding one version of the `crm/contacts` create: `$body` declares its provider
/// set and its `Body` and `Response` models; the query and the operation are the same in every
/// version.
macro_rules! version {
    ($name:ident { $($body:tt)* }) => {
        /// One version of the model.
        #[allow(dead_code)]
        pub mod $name {
            use serde::{Deserialize, Serialize};
            use unified_core::{Action, Operation, OperationModels, Registry, UnifiedModel};

            $($body)*

            /// The query of every version.
            #[derive(UnifiedModel, Serialize, Deserialize, Debug)]
            pub struct Query {
                /// The account to use
                pub integrated_account_id: String,
            }

            struct Create;

            impl OperationModels for Create {
                type Set = providers::Set;
                type Body = Body;
                type Query = Query;
                type Response = Response;
                const MODEL: &'static str = "crm/contacts";
                const ACTION: Action = Action::Create;
            }

            /// The schema files this version exports.
            pub fn files() -> Vec<(String, String)> {
                Registry::new(vec![Operation::of::<Create>()]).schema_files()
            }
        }
    };
}

pub(crate) use version;
