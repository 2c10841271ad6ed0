import Mocha from 'mocha';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'node:util';
import * as vscode from 'vscode';
import { REPORT_MARKER_VARIABLE, SUMMARY_PREFIX } from './report';

/**
 * Entry point that VS Code calls in the extension host to run the integration suites, both
 * under the server runner and under @vscode/test-electron. It rejects when a test fails, when
 * one is skipped, and when none ran. `MTLS_WEBHOOKS_TEST_GREP` narrows the run;
 * `MTLS_WEBHOOKS_TEST_COLOR=0` turns colours off.
 */
export async function run(): Promise<void> {
	const marker = process.env[REPORT_MARKER_VARIABLE] ?? '';
	const report = (...args: unknown[]) => console.log(marker + format(...args));
	Mocha.reporters.Base.consoleLog = report;

	report(
		`Running integration tests in VS Code ${vscode.version} (${vscode.env.appHost}, ` +
			`${vscode.env.remoteName ?? 'local'} extension host on Node ${process.versions.node})`,
	);
	// A skipped or exclusive test is a test that did not run: both fail the run.
	const mocha = new Mocha({
		ui: 'bdd',
		color: process.env.MTLS_WEBHOOKS_TEST_COLOR !== '0',
		timeout: 20_000,
		forbidOnly: true,
		forbidPending: true,
	});
	if (process.env.MTLS_WEBHOOKS_TEST_GREP) {
		mocha.grep(process.env.MTLS_WEBHOOKS_TEST_GREP);
	}
	const files = await readdir(__dirname, { recursive: true });
	for (const file of files.filter((name) => name.endsWith('.test.js')).sort()) {
		mocha.addFile(join(__dirname, file));
	}

	const stats = await new Promise<Mocha.Stats>((resolve) => {
		const runner = mocha.run(() => resolve(runner.stats ?? emptyStats()));
	});
	const { passes, failures, pending } = stats;
	report(`${SUMMARY_PREFIX} ${JSON.stringify({ passes, failures, pending })}`);
	const problem =
		failures > 0
			? `${failures} of ${stats.tests} integration tests failed.`
			: passes === 0
				? 'No integration test ran.'
				: undefined;
	if (problem) {
		report(problem);
		throw new Error(problem);
	}
}

function emptyStats(): Mocha.Stats {
	return { suites: 0, tests: 0, passes: 0, pending: 0, failures: 0 };
}
