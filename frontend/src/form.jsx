// The gateway's form page: pick a provider, get a form rendered from that provider's request
// schema (react-jsonschema-form, validated in the browser by ajv with JSON Schema 2020-12), and
// post it to the gateway with a pasted token. The server's errors are shown next to the fields
// they point at, so the browser's verdict and the server's can be compared field by field.

import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { useEffect, useMemo, useState } from "react";
import Form from "@rjsf/core";
import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020";

const validator = customizeValidator({ AjvClass: Ajv2020 });
const META_PATH = "/unified/{model}/{resource}/{provider}/meta/{method}";

// The create operations and providers the gateway's unified OpenAPI document lists.
function readIndex(document) {
  const models = Object.entries(document.paths)
    .filter(([path, item]) => path.startsWith("/unified/") && item.post)
    .map(([path, item]) => ({
      path,
      schemaName: item.post.requestBody.content["application/json"].schema.$ref.split("/").pop(),
    }));
  const parameters = document.paths[META_PATH].get.parameters;
  const providers = parameters
    .find((parameter) => parameter.name === "provider")
    .schema.enum.filter((id) => id !== "unified");
  return { models, providers };
}

// What the gateway put in the page, so the first paint is the form, not a wait: the unified
// document (the index) and the document of the provider asked for (or the first one).
function embeddedDocuments() {
  const element = document.getElementById("documents");
  if (!element) return null;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return null;
  }
}

// The page's state before any fetch: from the embedded documents where they serve.
function initialState() {
  const embedded = embeddedDocuments();
  if (!embedded || !embedded.index) return { index: null, provider: "", model: "", schema: null, loaded: null };
  const index = readIndex(embedded.index);
  const model = index.models[0] ? index.models[0].path : "";
  const provider = new URLSearchParams(location.search).get("provider") || index.providers[0];
  const entry = index.models.find((each) => each.path === model);
  const schema =
    entry && embedded.document && embedded.provider === provider
      ? embedded.document.components.schemas[entry.schemaName]
      : null;
  return { index, provider, model, schema, loaded: schema ? `${provider} ${model}` : null };
}

function allowsType(schema, kind) {
  return schema.type === kind || (Array.isArray(schema.type) && schema.type.includes(kind));
}

// `writeOnly` strings (passwords) get a password input, at any depth.
function uiSchemaFor(schema) {
  const ui = {};
  for (const [name, property] of Object.entries(schema.properties || {})) {
    if (property.writeOnly) ui[name] = { "ui:widget": "password" };
    else if (allowsType(property, "object") || (property.items && property.items.properties)) {
      const inner = property.items ? { items: uiSchemaFor(property.items) } : uiSchemaFor(property);
      if (Object.keys(inner).length > 0) ui[name] = inner;
    }
  }
  return ui;
}

// `data` without its `writeOnly` values, for showing as JSON: a password stays in its masked
// input. `restore` puts them back into data parsed from that JSON.
function withoutSecrets(data, schema) {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const shown = {};
  for (const [name, value] of Object.entries(data)) {
    const property = (schema.properties || {})[name] || {};
    if (!property.writeOnly) shown[name] = withoutSecrets(value, property);
  }
  return shown;
}

function restore(parsed, previous, schema) {
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return parsed;
  const out = { ...parsed };
  for (const [name, property] of Object.entries(schema.properties || {})) {
    const before = previous && previous[name];
    if (property.writeOnly && before !== undefined && !(name in out)) out[name] = before;
    else if (name in out) out[name] = restore(out[name], before, property);
  }
  return out;
}

// The server's violations of the body as react-jsonschema-form's `extraErrors`, by pointer.
function errorsByPointer(violations) {
  const tree = {};
  for (const violation of violations) {
    if (violation.in !== "body") continue;
    let node = tree;
    const segments = violation.pointer
      .split("/")
      .slice(1)
      .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
    for (const segment of segments) {
      node[segment] = node[segment] || {};
      node = node[segment];
    }
    node.__errors = [...(node.__errors || []), violation.message];
  }
  return tree;
}

function App({ initial }) {
  const [index, setIndex] = useState(initial.index);
  const [problem, setProblem] = useState(null);
  const [provider, setProvider] = useState(initial.provider);
  const [model, setModel] = useState(initial.model);
  const [schema, setSchema] = useState(initial.schema);
  const [loaded, setLoaded] = useState(initial.loaded);
  const [formData, setFormData] = useState({});
  const [json, setJson] = useState("{}");
  const [token, setToken] = useState("");
  const [account, setAccount] = useState("");
  const [moreQuery, setMoreQuery] = useState("");
  const [browserValidation, setBrowserValidation] = useState(true);
  const [serverErrors, setServerErrors] = useState({});
  const [answer, setAnswer] = useState(null);

  useEffect(() => {
    if (index) return;
    fetch("/openapi.json")
      .then((response) => response.json())
      .then((document) => {
        const read = readIndex(document);
        setIndex(read);
        setModel(read.models[0] ? read.models[0].path : "");
        setProvider(new URLSearchParams(location.search).get("provider") || read.providers[0]);
      })
      .catch(() => setProblem("cannot read the gateway's /openapi.json"));
  }, []);

  useEffect(() => {
    if (!index || !provider || !model || loaded === `${provider} ${model}`) return;
    const { schemaName } = index.models.find((entry) => entry.path === model);
    fetch(`/openapi/${provider}.json`)
      .then((response) => response.json())
      .then((document) => {
        setSchema(document.components.schemas[schemaName]);
        setLoaded(`${provider} ${model}`);
        setFormData({});
        setJson("{}");
        setServerErrors({});
        setAnswer(null);
      })
      .catch(() => setProblem(`cannot read the OpenAPI document of ${provider}`));
  }, [index, provider, model, loaded]);

  const uiSchema = useMemo(() => (schema ? uiSchemaFor(schema) : {}), [schema]);

  const change = ({ formData: data }) => {
    setFormData(data);
    setJson(JSON.stringify(withoutSecrets(data ?? {}, schema), null, 2));
  };

  const submit = async ({ formData: data }) => {
    setServerErrors({});
    setAnswer({ pending: true });
    const query = `integrated_account_id=${encodeURIComponent(account)}${moreQuery ? "&" + moreQuery.replace(/^[?&]/, "") : ""}`;
    try {
      const response = await fetch(`${model}?${query}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(data ?? {}),
      });
      const text = await response.text();
      let body = text;
      try {
        body = text ? JSON.parse(text) : "(no body)";
      } catch {
        // Shown as the text it is.
      }
      setAnswer({ status: response.status, body });
      if (Array.isArray(body.errors)) setServerErrors(errorsByPointer(body.errors));
    } catch (error) {
      setAnswer({ status: 0, body: "the gateway did not answer" });
    }
  };

  if (problem) return <p className="problem">{problem}</p>;
  if (!index) return <p>Loading…</p>;
  return (
    <main>
      <h1>Create through the unified API</h1>
      <fieldset className="settings">
        <label>
          Provider{" "}
          <select id="provider" value={provider} onChange={(event) => setProvider(event.target.value)}>
            {index.providers.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model{" "}
          <select id="model" value={model} onChange={(event) => setModel(event.target.value)}>
            {index.models.map((entry) => (
              <option key={entry.path} value={entry.path}>
                {entry.path.replace("/unified/", "")}
              </option>
            ))}
          </select>
        </label>
        <label>
          API token <input id="token" type="password" value={token} onChange={(event) => setToken(event.target.value)} />
        </label>
        <label>
          Integrated account ID <input id="account" value={account} onChange={(event) => setAccount(event.target.value)} />
        </label>
        <label>
          More query parameters <input id="more-query" placeholder="collections[][id]=99" value={moreQuery} onChange={(event) => setMoreQuery(event.target.value)} />
        </label>
        <label>
          <input id="browser-validation" type="checkbox" checked={browserValidation} onChange={(event) => setBrowserValidation(event.target.checked)} />{" "}
          Validate in the browser
        </label>
      </fieldset>
      {schema && (
        <Form
          key={`${provider} ${model}`}
          schema={schema}
          uiSchema={uiSchema}
          validator={validator}
          formData={formData}
          onChange={change}
          onSubmit={submit}
          noValidate={!browserValidation}
          noHtml5Validate
          extraErrors={serverErrors}
          showErrorList="top"
        />
      )}
      <details>
        <summary>The body as JSON (passwords stay in their fields)</summary>
        <textarea
          id="body-json"
          rows={12}
          value={json}
          onChange={(event) => {
            setJson(event.target.value);
            try {
              setFormData(restore(JSON.parse(event.target.value), formData, schema));
            } catch {
              // Kept as typed until it reads as JSON.
            }
          }}
        />
      </details>
      {answer && !answer.pending && (
        <section id="answer" data-status={answer.status}>
          <h2>The gateway answered {answer.status}</h2>
          <pre>{JSON.stringify(answer.body, null, 2)}</pre>
        </section>
      )}
    </main>
  );
}

// Rendered at once, so the page holds the form when it has loaded (a plain headless screenshot
// shows it); later changes render as React schedules them.
const root = createRoot(document.getElementById("app"));
flushSync(() => root.render(<App initial={initialState()} />));
