// The tool's version, inlined at build time from package.json (rolldown's and vitest's `define`), so
// --version and batch provenance agree and nothing reads package.json at run time.
declare const __SAFETY_SCAN_VERSION__: string;

export const TOOL_VERSION: string = __SAFETY_SCAN_VERSION__;
