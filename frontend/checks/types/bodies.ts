// Compiled by the Rust test `tests/typescript_types.rs` against the types openapi-typescript
// generates from `schemas/openapi/3.1/dixa.json` (written beside this file as `dixa.d.ts`).
import type { components } from "./dixa";

type DixaUser = components["schemas"]["TicketingUsersCreateBody"];

export const valid: DixaUser = {
  name: "Ada Lovelace",
  emails: [{ email: "ada@example.org", type: "primary" }],
  avatar: null,
};

// @ts-expect-error Dixa requires `name`.
export const withoutName: DixaUser = {
  emails: [{ email: "ada@example.org", type: "primary" }],
};

// @ts-expect-error An email's type is `primary` or `other`.
export const unknownType: DixaUser = { name: "Ada", emails: [{ email: "a@example.org", type: "work" }] };
