import { join, resolve } from 'node:path';

/** The repository's root folder (this file runs as out/test/harness/paths.js). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Ignored folder for everything the tests and the demo download or generate. */
export const CACHE_DIR = join(REPO_ROOT, '.vscode-test');

/** The compiled entry that VS Code loads to run the integration suites. */
export const INTEGRATION_ENTRY = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');

/** The folder of the workspace the integration suites open; each run works on a copy of it. */
export const INTEGRATION_WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');

/** The multi-root workspace file in that folder. */
export const INTEGRATION_WORKSPACE_FILE = 'integration.code-workspace';
