// What test/launch/run-e2e.mjs hands to the e2e specs: one running code-server and one Chromium, shared by
// every spec, plus where scratch workspaces and screenshots go. Specs reach it through openWorkbench()
// (test/e2e/workbench.mjs) rather than directly.

let current;
const openWorkbenches = new Set();

/** Called by the launcher before the specs load. */
export function installHarness(harness) {
  current = harness;
}

export function harness() {
  if (!current) throw new Error('e2e specs need a running workbench: start them with `npm run test:e2e`');
  return current;
}

/** Workbench pages still open, so the launcher can screenshot them when a test fails. */
export function trackWorkbench(workbench) {
  openWorkbenches.add(workbench);
  return () => openWorkbenches.delete(workbench);
}

export function liveWorkbenches() {
  return [...openWorkbenches];
}
