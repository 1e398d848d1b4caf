//! What one read of a document keeps: nothing (validation alone, which never allocates) or the
//! model's value (validation and deserialization in the same pass). The reader is written once,
//! generic over the mode, so both come from the same code.

/// What a read keeps of the values it checks. Implemented by [`Check`] and [`Build`] only.
pub trait Mode: sealed::Sealed + Sized + 'static {
    /// What reading a value of type `T` gives.
    type Out<T>;
    /// Whether values are built (and a value the Rust type cannot hold is a violation).
    const BUILDS: bool;

    /// Nothing: the value was null, or not of the type.
    fn none<T>() -> Self::Out<T>;

    /// The value `make` gives, if this mode keeps values (`make` is not called otherwise).
    fn keep<T>(make: impl FnOnce() -> Option<T>) -> Self::Out<T>;

    /// The value mapped by `f`.
    fn map<T, U>(out: Self::Out<T>, f: impl FnOnce(T) -> U) -> Self::Out<U>;

    /// Adds an item to a collection being built; a missing item leaves no collection.
    fn push<C: Extend<I>, I>(collection: &mut Self::Out<C>, item: Self::Out<I>);

    /// The value from the slots a read filled.
    fn assemble<M: Assemble>(slots: M::Slots<Self>) -> Self::Out<M>;
}

/// A value read in parts, one slot per field: what the derive generates for each object model,
/// so a read in either mode fills slots and [`Mode::assemble`] builds the value only when it
/// keeps values.
pub trait Assemble: Sized + 'static {
    /// What a read in mode `B` keeps of each field, one slot per field in declaration order.
    type Slots<B: Mode>;

    /// The slots before anything is read.
    fn slots<B: Mode>() -> Self::Slots<B>;

    /// The value from the slots; `None` where a field every view requires is missing.
    fn assemble(slots: Self::Slots<Build>) -> Option<Self>;
}

/// Validation alone: nothing is kept, nothing allocated.
#[derive(Clone, Copy, Debug)]
pub struct Check;

/// Validation while deserializing: the value, or `None` where it was null or could not be read.
#[derive(Clone, Copy, Debug)]
pub struct Build;

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Check {}
    impl Sealed for super::Build {}
}

impl Mode for Check {
    type Out<T> = ();
    const BUILDS: bool = false;

    #[inline(always)]
    fn none<T>() {}

    #[inline(always)]
    fn keep<T>(_: impl FnOnce() -> Option<T>) {}

    #[inline(always)]
    fn map<T, U>((): (), _: impl FnOnce(T) -> U) {}

    #[inline(always)]
    fn push<C: Extend<I>, I>(_: &mut (), (): ()) {}

    #[inline(always)]
    fn assemble<M: Assemble>(_: M::Slots<Self>) {}
}

impl Mode for Build {
    type Out<T> = Option<T>;
    const BUILDS: bool = true;

    #[inline(always)]
    fn none<T>() -> Option<T> {
        None
    }

    #[inline(always)]
    fn keep<T>(make: impl FnOnce() -> Option<T>) -> Option<T> {
        make()
    }

    #[inline(always)]
    fn map<T, U>(out: Option<T>, f: impl FnOnce(T) -> U) -> Option<U> {
        out.map(f)
    }

    #[inline]
    fn push<C: Extend<I>, I>(collection: &mut Option<C>, item: Option<I>) {
        match (collection.as_mut(), item) {
            (Some(collection), Some(item)) => collection.extend(Some(item)),
            _ => *collection = None,
        }
    }

    #[inline]
    fn assemble<M: Assemble>(slots: M::Slots<Self>) -> Option<M> {
        M::assemble(slots)
    }
}
