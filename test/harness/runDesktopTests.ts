import { runTests } from '@vscode/test-electron';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	INTEGRATION_ENTRY,
	INTEGRATION_WORKSPACE,
	INTEGRATION_WORKSPACE_FILE,
	REPO_ROOT,
} from './paths';

/**
 * `npm run test:desktop`: runs the same integration suites in desktop VS Code through
 * @vscode/test-electron, for machines that can download VS Code or already have it.
 *
 * Environment: VSCODE_TEST_VERSION picks the version to download ('stable', 'insiders' or a
 * number such as '1.96.0'; default 'stable'); VSCODE_EXECUTABLE_PATH uses an installed VS Code
 * instead of downloading one; MTLS_WEBHOOKS_TEST_GREP runs only matching tests.
 */
async function main(): Promise<number> {
	const work = await mkdtemp(join(tmpdir(), 'mtls-webhooks-desktop-'));
	const workspace = join(work, 'workspace');
	await cp(INTEGRATION_WORKSPACE, workspace, { recursive: true });
	try {
		const executable = process.env.VSCODE_EXECUTABLE_PATH;
		return await runTests({
			extensionDevelopmentPath: REPO_ROOT,
			extensionTestsPath: INTEGRATION_ENTRY,
			...(executable
				? { vscodeExecutablePath: executable }
				: { version: process.env.VSCODE_TEST_VERSION ?? 'stable' }),
			launchArgs: [
				join(workspace, INTEGRATION_WORKSPACE_FILE),
				'--disable-extensions',
				'--skip-welcome',
				'--user-data-dir',
				join(work, 'data'),
			],
		});
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

main().then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		console.error(
			'Desktop integration tests could not run. They download VS Code unless ' +
				'VSCODE_EXECUTABLE_PATH points to an installed one; on a machine without internet ' +
				'use `npm test`, which runs the same suites in the VS Code server.',
		);
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	},
);
