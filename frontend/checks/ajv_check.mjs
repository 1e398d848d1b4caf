// Runs the form page's validator (react-jsonschema-form's ajv 8 with JSON Schema 2020-12 and
// ajv-formats, configured exactly as the page configures it) for the Rust test
// `the_form_pages_ajv_agrees_with_our_validator` in `tests/agreement.rs`. Reads on stdin {schemas: [schema, ...], formats: {format: [string,
// ...]}, checks: [[schema index, value], ...]} and prints {formats: {format: [bool, ...]},
// checks: [bool, ...]}.

import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020.js";

const plan = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

const { ajv } = customizeValidator({ AjvClass: Ajv2020 });
const compiled = plan.schemas.map((schema) => ajv.compile(schema));
const formats = {};
for (const [format, strings] of Object.entries(plan.formats)) {
  const check = ajv.compile({ type: "string", format });
  formats[format] = strings.map((text) => check(text));
}
const checks = plan.checks.map(([index, value]) => compiled[index](value));
process.stdout.write(JSON.stringify({ formats, checks }));
