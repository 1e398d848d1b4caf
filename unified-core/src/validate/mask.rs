//! Which targets a rule applies to, as one bit per provider plus one for the unified target, so that
//! the validator's per-field question "does this provider support it?" is a single AND.

use core::fmt;
use core::marker::PhantomData;

use crate::provider::{Provider, ProviderSet, Target, UNIFIED_INDEX};

/// A set of views of the provider set `S`.
pub struct Mask<S> {
    bits: u128,
    set: PhantomData<fn() -> S>,
}

impl<S: ProviderSet> Mask<S> {
    /// No view at all.
    pub const NONE: Self = Self::from_bits(0);
    /// Every provider and the unified target.
    pub const ALL: Self = Self::from_bits(u128::MAX);
    /// The unified target alone.
    pub const UNIFIED: Self = Self::from_bits(1 << UNIFIED_INDEX);

    const fn from_bits(bits: u128) -> Self {
        Mask {
            bits,
            set: PhantomData,
        }
    }

    /// This set plus one provider.
    pub const fn with(self, provider: Provider<S>) -> Self {
        Self::from_bits(self.bits | 1 << provider.index())
    }

    /// This set without one provider.
    pub const fn without(self, provider: Provider<S>) -> Self {
        Self::from_bits(self.bits & !(1 << provider.index()))
    }

    /// This set without the unified target.
    pub const fn without_unified(self) -> Self {
        Self::from_bits(self.bits & !(1 << UNIFIED_INDEX))
    }

    /// The set as bits, one per view index.
    pub(crate) const fn bits(self) -> u128 {
        self.bits
    }

    /// Whether the view is in the set.
    #[inline]
    pub const fn contains(self, view: Target<S>) -> bool {
        self.bits & 1 << view.index() != 0
    }

    /// The providers in the set, in declaration order (the unified target is not a provider).
    pub fn providers(self) -> impl Iterator<Item = Provider<S>> {
        Provider::<S>::all().filter(move |provider| self.contains(Target::of(*provider)))
    }
}

impl<S> Clone for Mask<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for Mask<S> {}
impl<S: ProviderSet> fmt::Debug for Mask<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.providers()).finish()
    }
}
