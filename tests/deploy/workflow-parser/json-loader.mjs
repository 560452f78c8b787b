// The parser imports its JSON schema without an import attribute, which Node
// 22 accepts and Node 20 (Debian's and NodeSource's here) refuses: serve such
// a JSON file as a module whose default export is the parsed document.
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json") && url.includes("/node_modules/@actions/")) {
    const { source } = await nextLoad(url, { ...context, format: "json", importAttributes: { type: "json" } });
    return { format: "module", source: `export default ${source};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
