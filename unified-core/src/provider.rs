//! Provider identity: the sets of providers that models name, one provider of a set, and the view
//! (a provider, or the provider-agnostic unified target) that validation and schemas are made for.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

/// The stable id and the display name of one provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ProviderInfo {
    /// Stable snake_case id, as used in attributes, URLs and files (`pivotal_tracker`).
    pub id: &'static str,
    /// Name for people (`Pivotal Tracker`).
    pub name: &'static str,
}

/// A closed set of providers, declared once with [`providers!`](crate::providers) and named by
/// every model that lists them in `#[required(..)]` or `#[supported(..)]`.
pub trait ProviderSet: Copy + Eq + fmt::Debug + Send + Sync + 'static {
    /// Every provider of the set, in declaration order.
    const ALL: &'static [ProviderInfo];
}

/// One provider as a type, declared by [`providers!`](crate::providers) beside the provider's
/// constant and under the same name (`providers::dixa` is both), so that code can be specific
/// to one provider (a view of a model for it) or generic over providers.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a provider",
    note = "providers are declared with `unified_core::providers!`; name one as `providers::<id>`"
)]
pub trait ProviderType: crate::__private::DeclaredProvider + 'static {
    /// The set the provider belongs to.
    type Set: ProviderSet;
    /// The provider as a value.
    const PROVIDER: Provider<Self::Set>;
}

/// The provider set with no providers, for models whose rules hold for every provider alike
/// (`#[unified(providers = path)]` naming a module whose `Set` is this one): they validate for
/// [`Target::UNIFIED`], and their schema is the unified target's. Such models name the module
/// [`no_providers`](crate::no_providers): `#[unified(providers = unified_core::no_providers)]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NoProviders;

impl ProviderSet for NoProviders {
    const ALL: &'static [ProviderInfo] = &[];
}

/// One provider of the set `S`: the context that validation and schemas are made for.
pub struct Provider<S> {
    index: u32,
    set: PhantomData<fn() -> S>,
}

impl<S: ProviderSet> Provider<S> {
    /// Used by [`providers!`](crate::providers); the index is the position in `S::ALL`.
    #[doc(hidden)]
    pub const fn __from_index(index: u32) -> Self {
        Provider {
            index,
            set: PhantomData,
        }
    }

    /// The provider's stable id (`pivotal_tracker`).
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The provider's display name (`Pivotal Tracker`).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The provider's id and name.
    pub fn info(self) -> &'static ProviderInfo {
        &S::ALL[self.index as usize]
    }

    /// Every provider of the set, in declaration order.
    pub fn all() -> impl ExactSizeIterator<Item = Self> {
        (0..S::ALL.len()).map(|index| Self::__from_index(index as u32))
    }

    /// The provider with this id, if the set has one.
    pub fn from_id(id: &str) -> Option<Self> {
        S::ALL
            .iter()
            .position(|info| info.id == id)
            .map(|index| Self::__from_index(index as u32))
    }

    /// The provider's position in `S::ALL`, which is its bit in a mask. Not a public API.
    #[doc(hidden)]
    pub const fn __index(self) -> u32 {
        self.index
    }
}

impl<S> Clone for Provider<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for Provider<S> {}
impl<S> PartialEq for Provider<S> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}
impl<S> Eq for Provider<S> {}
impl<S> Hash for Provider<S> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.index.hash(state);
    }
}
impl<S: ProviderSet> fmt::Debug for Provider<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
impl<S: ProviderSet> fmt::Display for Provider<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a body is validated for, and what a schema describes: one provider, or the unified
/// target (every field, nothing provider-specific required or restricted). Not to be confused
/// with a view, the typed struct validation makes for one provider (`ViewOf`).
pub struct Target<S> {
    index: u32,
    set: PhantomData<fn() -> S>,
}

/// The id by which the unified target is named on the command line and in schema paths.
pub const UNIFIED_TARGET_ID: &str = "unified";

impl<S: ProviderSet> Target<S> {
    /// The provider-agnostic target. Its index follows the providers', so a set of `n`
    /// providers has `n + 1` targets, each a bit of a mask sized by the set.
    pub const UNIFIED: Self = Target {
        index: S::ALL.len() as u32,
        set: PhantomData,
    };

    /// The target of one provider.
    pub const fn of(provider: Provider<S>) -> Self {
        Target {
            index: provider.index,
            set: PhantomData,
        }
    }

    /// The provider of this target, or `None` for the unified target.
    pub fn provider(self) -> Option<Provider<S>> {
        (self.index != Self::UNIFIED.index).then(|| Provider::__from_index(self.index))
    }

    /// The provider's id, or `unified`.
    pub fn id(self) -> &'static str {
        self.provider().map_or(UNIFIED_TARGET_ID, Provider::id)
    }

    /// The provider's display name, or `the unified model`.
    pub fn name(self) -> &'static str {
        self.provider().map_or("the unified model", Provider::name)
    }

    /// The target named by `id`: a provider id of the set, or `unified`.
    pub fn from_id(id: &str) -> Option<Self> {
        if id == UNIFIED_TARGET_ID {
            Some(Self::UNIFIED)
        } else {
            Provider::from_id(id).map(Self::of)
        }
    }

    /// Every target: each provider in declaration order, then the unified target.
    pub fn all() -> impl Iterator<Item = Self> {
        Provider::<S>::all()
            .map(Self::of)
            .chain(core::iter::once(Self::UNIFIED))
    }

    /// The target's bit in a mask: a provider's position in `S::ALL`, or that count for the
    /// unified target.
    pub(crate) const fn index(self) -> u32 {
        self.index
    }
}

impl<S: ProviderSet> From<Provider<S>> for Target<S> {
    fn from(provider: Provider<S>) -> Self {
        Target::of(provider)
    }
}

impl<S> Clone for Target<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for Target<S> {}
impl<S> PartialEq for Target<S> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}
impl<S> Eq for Target<S> {}
impl<S: ProviderSet> fmt::Debug for Target<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Declares a set of providers as a module holding, per provider, a constant (the provider as a
/// value) and a type of the same name (the provider as a type, see [`ProviderType`]).
///
/// ```
/// unified_core::providers! {
///     /// The providers our gateway fronts.
///     pub mod providers {
///         acme_desk => "Acme Desk",
///         zendesk => "Zendesk",
///     }
/// }
/// assert_eq!(providers::acme_desk.name(), "Acme Desk");
/// assert_eq!(unified_core::Provider::<providers::Set>::from_id("zendesk"), Some(providers::zendesk));
/// ```
///
/// Models name the providers by id (`#[required(acme_desk)]`); the derive resolves each id as
/// `providers::<id>` where the model is declared (or under the path given by
/// `#[unified(providers = path)]`), so a misspelt id is a compile error on that very token.
/// The derive also writes, for every provider of the set, how the provider takes each field of
/// each model (a table entry its generic view reads, and the alias `<Model>For<Provider>`),
/// which it learns from the module: models of a set are declared in the crate that declares the
/// set. A set has no cap on its size: a mask takes a bit per provider, sized by the set.
///
/// ```
/// unified_core::providers! {
///     /// The providers our gateway fronts.
///     pub mod providers {
///         acme_desk => "Acme Desk",
///     }
/// }
/// use unified_core::ProviderType;
/// fn name_of<P: ProviderType>() -> &'static str {
///     P::PROVIDER.name()
/// }
/// assert_eq!(name_of::<providers::acme_desk>(), "Acme Desk");
/// ```
#[macro_export]
macro_rules! providers {
    (
        $(#[$meta:meta])*
        $vis:vis mod $module:ident {
            $( $(#[$provider_meta:meta])* $id:ident => $name:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[allow(non_upper_case_globals)]
        $vis mod $module {
            /// The set these providers form; models that name them validate for it.
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub struct Set;

            impl $crate::ProviderSet for Set {
                const ALL: &'static [$crate::__private::ProviderInfo] = &[
                    $( $crate::__private::ProviderInfo { id: ::core::stringify!($id), name: $name } ),+
                ];
            }

            // One check for the whole set: a constant per provider would cost each provider its
            // own entry in the crate's metadata.
            const _: () = $crate::__private::check_provider_ids(<Set as $crate::ProviderSet>::ALL);

            #[allow(non_camel_case_types, dead_code)]
            #[repr(u32)]
            enum Index { $( $id ),+ }

            $(
                $(#[$provider_meta])*
                #[doc = ::core::concat!("The ", $name, " provider (`", ::core::stringify!($id), "`).")]
                pub const $id: $crate::Provider<Set> = $crate::Provider::__from_index(Index::$id as u32);

                #[doc = ::core::concat!("The ", $name, " provider as a type, for its views and for code generic over providers.")]
                #[allow(non_camel_case_types)]
                pub enum $id {}

                impl $crate::ProviderType for $id {
                    type Set = Set;
                    const PROVIDER: $crate::Provider<Set> = $id;
                }

                impl $crate::__private::DeclaredProvider for $id {}
            )+

            $crate::__provider_views! { ($) $( $id => $name ),+ }
        }
    };
}

/// Declares, inside a provider set's module, the macro through which `#[derive(UnifiedModel)]`
/// learns every provider of the set to write each provider's entry of a model's views. Not a
/// public API.
///
/// A macro made by a macro can be named by path only inside its crate, so a model's set must
/// be declared in the model's crate. The macro's name is what the compiler quotes when a model
/// elsewhere names the set ("macro `…` is private"), so it says what to do.
#[doc(hidden)]
#[macro_export]
macro_rules! __provider_views {
    (($d:tt) $( $id:ident => $name:literal ),*) => {
        #[doc(hidden)]
        macro_rules! __views_need_the_model_in_the_crate_that_declares_its_providers {
            (($d($d core:tt)*) $d($d model:tt)*) => {
                $d($d core)* ::__private::views! { [$( $id => $name ),*] ($d($d core)*) $d($d model)* }
            };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        pub(crate) use __views_need_the_model_in_the_crate_that_declares_its_providers;
    };
}
