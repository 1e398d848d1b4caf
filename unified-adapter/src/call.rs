//! The unified request an adapter translates.

/// One unified request, validated for the adapter's provider: the provider's views of the body
/// and of the query parameters (`UserCreateBodyForDixa`, `UserCreateQueryForDixa`; an update's
/// body is a patch, `UserCreateBodyPatchForDixa`), which only validation makes, so an adapter
/// cannot be handed a body that was never checked; and the id of the record it names.
#[derive(Debug)]
pub struct Call<'a, Body, Query> {
    /// The request body as the provider takes it.
    pub body: &'a Body,
    /// The query parameters as the provider takes them.
    pub query: &'a Query,
    /// The record the request names (`/unified/{model}/{resource}/{id}`): get, update and
    /// delete have one, create and list none.
    pub id: Option<&'a str>,
}

impl<Body, Query> Clone for Call<'_, Body, Query> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Body, Query> Copy for Call<'_, Body, Query> {}
