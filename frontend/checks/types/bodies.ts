// Compiled by the Rust test `tests/typescript_types.rs` against the types openapi-typescript
// generates from `schemas/openapi/3.1/` (written beside this file, `dixa.d.ts` and the others).
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

// Teamwork's API needs what the spec's fields cannot carry: its document says so, and so do
// the types generated from it.
import type { components as teamwork } from "./teamwork_project_management";

type TeamworkUser = teamwork["schemas"]["TicketingUsersCreateBody"];

export const teamworkValid: TeamworkUser = {
  first_name: "Ada",
  last_name: "Lovelace",
  remote_data: { person: { "email-address": "ada@example.org" } },
};

// @ts-expect-error Teamwork needs an email address, which only `remote_data` carries.
export const teamworkWithoutAddress: TeamworkUser = { first_name: "Ada", last_name: "Lovelace" };
