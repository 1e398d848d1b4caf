//! Entry points for the fuzz targets in `fuzz/`: the checks the store runs on what a user types
//! (`unified account add --base-url ...`, the credential, an environment name), which are
//! private to the crate. Not part of the API: nothing here is covered by semver, and nothing but
//! the fuzz targets should call it.
#![doc(hidden)]

use unified_core::Secret;

/// The base URL as the store keeps it, or the refusal's message.
pub fn check_base_url(text: &str) -> Result<String, String> {
    crate::checks::check_base_url(text).map_err(|error| error.to_string())
}

/// Whether the store keeps `credential`, or the refusal's message.
pub fn check_credential(credential: &Secret) -> Result<(), String> {
    crate::checks::check_credential(credential).map_err(|error| error.to_string())
}

/// Whether the store takes `name` as an environment name, or the refusal's message.
pub fn check_environment_name(name: &str) -> Result<(), String> {
    crate::checks::check_environment_name(name).map_err(|error| error.to_string())
}
