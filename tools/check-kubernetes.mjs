// Validates rendered Kubernetes manifests (stdin, multi-document YAML) against
// the Kubernetes API schemas of the kubernetes-models package.
//   kubectl kustomize kubernetes/overlays/dev | node tools/check-kubernetes.mjs
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const documents = parseAllDocuments(readFileSync(0, "utf8")).map((d) => d.toJS()).filter(Boolean);
let failures = 0;
for (const object of documents) {
  const { apiVersion, kind } = object;
  // kustomize wraps long base64 Secret values over lines; the API server's
  // decoder skips the line breaks, the schema's "byte" format does not.
  if (kind === "Secret" && object.data) {
    for (const key of Object.keys(object.data)) object.data[key] = object.data[key].replace(/\s+/g, "");
  }
  const name = `${kind}/${object.metadata?.name} (${apiVersion})`;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    const module = await import(`${modulePath}.js`).catch(() => import(modulePath));
    const Model = module[kind] ?? module.default;
    new Model(object).validate();
    console.log(`ok - ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`not ok - ${name}: ${error.message.split("\n").slice(0, 4).join(" | ")}`);
  }
}
console.log(`${documents.length - failures} passed, ${failures} failed`);
process.exit(failures === 0 && documents.length > 0 ? 0 : 1);
