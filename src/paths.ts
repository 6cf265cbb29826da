// Files shipped with the package (the demo zone), found relative to the installed code.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEMO_FIXTURES = fileURLToPath(new URL('../fixtures/demo/', import.meta.url));
