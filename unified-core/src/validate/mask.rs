//! Which targets a rule applies to, as one bit per provider plus one for the unified target, so that
//! the validator's per-field question "does this provider support it?" is one shift of one word.
//!
//! A mask is sized by its set: `n` providers take `n / 64 + 1` words, computed when the model is
//! compiled (by [`mask_words`], in a constant the derive writes), so a set has no cap on its size
//! and a small set pays for one word.

use core::fmt;
use core::marker::PhantomData;

use crate::provider::{Provider, ProviderSet, Target};

/// A set of views of the provider set `S`.
pub struct Mask<S> {
    words: &'static [u64],
    set: PhantomData<fn() -> S>,
}

impl<S: ProviderSet> Mask<S> {
    /// No view at all.
    pub const NONE: Self = Self::from_words(&[]);

    /// The mask of these words, made by [`mask_words`] for the set `S`. Not a public API.
    #[doc(hidden)]
    pub const fn from_words(words: &'static [u64]) -> Self {
        Mask {
            words,
            set: PhantomData,
        }
    }

    /// Whether the view is in the set.
    #[inline]
    pub const fn contains(self, view: Target<S>) -> bool {
        contains_index(self.words, view.index() as usize)
    }

    /// Whether the view of this index (see [`Target`]) is in the set, at compile time.
    pub(crate) const fn contains_index(self, index: usize) -> bool {
        contains_index(self.words, index)
    }

    /// Whether every provider of `S` is in the set (the unified target aside): a word at a time.
    pub fn holds_every_provider(self) -> bool {
        let providers = S::ALL.len();
        let (full, rest) = (providers / 64, providers % 64);
        self.words.len() > full
            && self.words[..full].iter().all(|word| *word == u64::MAX)
            && self.words[full] & ((1 << rest) - 1) == (1 << rest) - 1
    }

    /// The providers in the set, in declaration order (the unified target is not a provider).
    pub fn providers(self) -> impl Iterator<Item = Provider<S>> {
        Provider::<S>::all().filter(move |provider| self.contains(Target::of(*provider)))
    }
}

#[inline(always)]
const fn contains_index(words: &[u64], index: usize) -> bool {
    let word = index >> 6;
    word < words.len() && words[word] >> (index & 63) & 1 != 0
}

/// How many words a mask of a set of `providers` providers takes: a bit each, and one for the
/// unified target. Not a public API.
#[doc(hidden)]
pub const fn mask_len(providers: usize) -> usize {
    providers / 64 + 1
}

/// The words of a mask of the set `S` (`W` is `mask_len` of its size): the `providers` listed
/// and, with `unified`, the unified target; with `except`, every view but those. Not a public API.
#[doc(hidden)]
pub const fn mask_words<S: ProviderSet, const W: usize>(
    providers: &[Provider<S>],
    unified: bool,
    except: bool,
) -> [u64; W] {
    let mut words = [0u64; W];
    let mut index = 0;
    while index < providers.len() {
        let bit = providers[index].__index() as usize;
        words[bit >> 6] |= 1 << (bit & 63);
        index += 1;
    }
    if unified {
        let bit = S::ALL.len();
        words[bit >> 6] |= 1 << (bit & 63);
    }
    if except {
        let views = S::ALL.len() + 1;
        let mut word = 0;
        while word < W {
            words[word] = !words[word];
            word += 1;
        }
        // Bits past the last view stay clear, so two masks of the same views are equal.
        if views & 63 != 0 {
            words[W - 1] &= (1 << (views & 63)) - 1;
        }
    }
    words
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

#[cfg(test)]
mod tests {
    use super::*;

    crate::providers! {
        /// A set of 130 providers: three words of mask.
        #[allow(dead_code)]
        pub mod wide {
            p000 => "P0", p001 => "P1", p002 => "P2", p003 => "P3", p004 => "P4", p005 => "P5",
            p006 => "P6", p007 => "P7", p008 => "P8", p009 => "P9", p010 => "P10", p011 => "P11",
            p012 => "P12", p013 => "P13", p014 => "P14", p015 => "P15", p016 => "P16", p017 => "P17",
            p018 => "P18", p019 => "P19", p020 => "P20", p021 => "P21", p022 => "P22", p023 => "P23",
            p024 => "P24", p025 => "P25", p026 => "P26", p027 => "P27", p028 => "P28", p029 => "P29",
            p030 => "P30", p031 => "P31", p032 => "P32", p033 => "P33", p034 => "P34", p035 => "P35",
            p036 => "P36", p037 => "P37", p038 => "P38", p039 => "P39", p040 => "P40", p041 => "P41",
            p042 => "P42", p043 => "P43", p044 => "P44", p045 => "P45", p046 => "P46", p047 => "P47",
            p048 => "P48", p049 => "P49", p050 => "P50", p051 => "P51", p052 => "P52", p053 => "P53",
            p054 => "P54", p055 => "P55", p056 => "P56", p057 => "P57", p058 => "P58", p059 => "P59",
            p060 => "P60", p061 => "P61", p062 => "P62", p063 => "P63", p064 => "P64", p065 => "P65",
            p066 => "P66", p067 => "P67", p068 => "P68", p069 => "P69", p070 => "P70", p071 => "P71",
            p072 => "P72", p073 => "P73", p074 => "P74", p075 => "P75", p076 => "P76", p077 => "P77",
            p078 => "P78", p079 => "P79", p080 => "P80", p081 => "P81", p082 => "P82", p083 => "P83",
            p084 => "P84", p085 => "P85", p086 => "P86", p087 => "P87", p088 => "P88", p089 => "P89",
            p090 => "P90", p091 => "P91", p092 => "P92", p093 => "P93", p094 => "P94", p095 => "P95",
            p096 => "P96", p097 => "P97", p098 => "P98", p099 => "P99", p100 => "P100", p101 => "P101",
            p102 => "P102", p103 => "P103", p104 => "P104", p105 => "P105", p106 => "P106",
            p107 => "P107", p108 => "P108", p109 => "P109", p110 => "P110", p111 => "P111",
            p112 => "P112", p113 => "P113", p114 => "P114", p115 => "P115", p116 => "P116",
            p117 => "P117", p118 => "P118", p119 => "P119", p120 => "P120", p121 => "P121",
            p122 => "P122", p123 => "P123", p124 => "P124", p125 => "P125", p126 => "P126",
            p127 => "P127", p128 => "P128", p129 => "P129",
        }
    }

    const W: usize = mask_len(130);

    #[test]
    fn a_set_past_128_providers_has_a_bit_for_each_and_for_the_unified_target() {
        const LISTED: [u64; W] =
            mask_words::<wide::Set, W>(&[wide::p000, wide::p127, wide::p129], true, false);
        let mask = Mask::<wide::Set>::from_words(&LISTED);
        let ids: Vec<&str> = mask.providers().map(Provider::id).collect();
        assert_eq!(ids, ["p000", "p127", "p129"]);
        assert!(mask.contains(Target::UNIFIED));
        assert!(!mask.contains(Target::of(wide::p128)));
        assert_eq!(Target::<wide::Set>::UNIFIED.provider(), None);
        assert_eq!(Target::of(wide::p129).provider(), Some(wide::p129));
    }

    #[test]
    fn a_mask_of_every_view_but_some_leaves_those_and_nothing_past_the_set() {
        const EXCEPT: [u64; W] = mask_words::<wide::Set, W>(&[wide::p064, wide::p129], true, true);
        let mask = Mask::<wide::Set>::from_words(&EXCEPT);
        assert_eq!(mask.providers().count(), 128);
        assert!(!mask.contains(Target::of(wide::p064)));
        assert!(!mask.contains(Target::UNIFIED));
        assert!(mask.contains(Target::of(wide::p063)));
        // 131 views in three words: nothing set past them.
        assert_eq!(EXCEPT[2] >> 3, 0);
        assert!(!Mask::<wide::Set>::NONE.contains(Target::of(wide::p000)));
        assert!(!mask.holds_every_provider());
        const EVERY: [u64; W] = mask_words::<wide::Set, W>(&[], false, true);
        assert!(Mask::<wide::Set>::from_words(&EVERY).holds_every_provider());
        const ALL_BUT_UNIFIED: [u64; W] = mask_words::<wide::Set, W>(&[], true, true);
        assert!(Mask::<wide::Set>::from_words(&ALL_BUT_UNIFIED).holds_every_provider());
        assert!(!Mask::<wide::Set>::NONE.holds_every_provider());
    }
}
