// Must not compile: Dixa requires `name` (the test reads tsc's error).
import type { components } from "./dixa";

export const withoutName: components["schemas"]["TicketingUsersCreateBody"] = {
  emails: [{ email: "ada@example.org", type: "primary" }],
};
