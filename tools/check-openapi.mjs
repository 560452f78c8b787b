// Checks html/openapi.json and html/fastapi/openapi.json (HotSox's FastAPI
// surface, /fastapi/v1/) against the server.
//   node tools/check-openapi.mjs routes ROUTES_FILE    (fcgi-app routes output)
//     every route is described, and every described operation is a route;
//   node tools/check-openapi.mjs samples SAMPLES_FILE  (JSON lines: method, route, status, body)
//     each real answer validates against its operation's schema for that status.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const load = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const specs = [load("../html/openapi.json"), load("../html/fastapi/openapi.json")];
// The description a route belongs to: the FastAPI surface's for /fastapi/, else the main one.
const specOf = (route) => (route.startsWith("/fastapi/") ? specs[1] : specs[0]);
const [mode, file] = process.argv.slice(2);
let passed = 0;
let failed = 0;
const ok = (text) => { passed += 1; console.log(`ok - ${text}`); };
const notOk = (text) => { failed += 1; console.log(`not ok - ${text}`); };

if (mode === "routes") {
  const routes = new Set(readFileSync(file, "utf8").split("\n").filter(Boolean));
  const described = new Set();
  for (const spec of specs) {
    for (const [path, operations] of Object.entries(spec.paths)) {
      if (specOf(path) !== spec) notOk(`${path} is described in the wrong file`);
      for (const method of Object.keys(operations)) described.add(`${method.toUpperCase()} ${path}`);
    }
  }
  for (const route of routes) (described.has(route) ? ok : notOk)(`route ${route} is described`);
  for (const operation of described) (routes.has(operation) ? ok : notOk)(`described ${operation} is a route`);
} else if (mode === "samples") {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  specs.forEach((spec, index) => ajv.addSchema({ $id: `openapi${index}`, components: spec.components }));
  const rewrite = (schema, spec) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"openapi${specs.indexOf(spec)}#/components/`));
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const sample = JSON.parse(line);
    const label = `${sample.method} ${sample.route} ${sample.status}`;
    const spec = specOf(sample.route);
    const response = spec.paths[sample.route]?.[sample.method.toLowerCase()]?.responses?.[String(sample.status)];
    if (!response) { notOk(`${label}: no such response described`); continue; }
    const media = response.content && Object.keys(response.content)[0];
    if (!media) {
      (sample.body === "" ? ok : notOk)(`${label}: described without a body`);
      continue;
    }
    let body = sample.body;
    if (media === "application/json") {
      try { body = JSON.parse(body); } catch { notOk(`${label}: not JSON`); continue; }
    }
    const validate = ajv.compile(rewrite(response.content[media].schema, spec));
    if (validate(body)) ok(`${label} matches its schema`);
    else notOk(`${label}: ${ajv.errorsText(validate.errors)}`);
  }
} else {
  console.error("usage: check-openapi.mjs routes FILE | samples FILE");
  process.exit(2);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
