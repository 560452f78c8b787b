// Validates each workflow file named on the command line with GitHub's own
// parser and schema (@actions/workflow-parser), offline; exits 1 on any error.
import { readFileSync } from "node:fs";
import { register } from "node:module";

register("./json-loader.mjs", import.meta.url);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = parseWorkflow({ name: file, content: readFileSync(file, "utf8") }, new NoOperationTraceWriter());
  const errors = [...result.context.errors.getErrors()];
  if (result.value === undefined) errors.push({ message: "no workflow parsed" });
  if (errors.length === 0) {
    const template = await convertWorkflowTemplate(result.context, result.value);
    errors.push(...(template.errors ?? []));
    if (errors.length === 0 && template.jobs.length === 0) errors.push({ message: "no jobs" });
  }
  for (const error of errors) console.log(`${file}: ${error.message}`);
  failed ||= errors.length > 0;
}
process.exit(failed ? 1 : 0);
