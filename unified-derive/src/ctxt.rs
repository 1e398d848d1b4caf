//! The error collector: parsing and checking record errors here and go on, so one build shows
//! every mistake. It panics if dropped unchecked, so no error can be forgotten.

use std::cell::RefCell;
use std::fmt::Display;

use quote::ToTokens;

/// Errors found so far, each spanned on the offending tokens.
pub struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Records an error spanned on `tokens`.
    pub fn error_spanned_by(&self, tokens: impl ToTokens, message: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error from syn.
    pub fn syn_error(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("the collector is used after finish")
            .push(error);
    }

    /// Every error recorded, or `Ok` if there were none.
    pub fn finish(self) -> Result<(), Vec<syn::Error>> {
        let errors = self
            .errors
            .borrow_mut()
            .take()
            .expect("the collector is finished twice");
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("errors were collected but never reported");
        }
    }
}
