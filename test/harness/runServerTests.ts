import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { REPORT_MARKER_VARIABLE, SUMMARY_PREFIX } from '../integration/report';
import { launchChromium } from './browser';
import {
	CACHE_DIR,
	INTEGRATION_ENTRY,
	INTEGRATION_WORKSPACE,
	INTEGRATION_WORKSPACE_FILE,
	REPO_ROOT,
} from './paths';
import { ensureRuntime } from './runtime';
import { QUIET_SETTINGS, startServer, type RunningServer } from './server';
import { CHROMIUM, ensureSystemPackages } from './systemPackages';
import { workbenchUrl } from './workbenchUrl';

/**
 * Runs the integration suites inside a real VS Code without internet: the VS Code server
 * starts an extension host with this extension and the suites loaded, and headless Chromium
 * opens its workbench. Exits non-zero when a test fails, when no test ran, and on time-out.
 *
 * Environment: MTLS_WEBHOOKS_TEST_GREP runs only matching tests; MTLS_WEBHOOKS_TEST_TIMEOUT
 * sets the limit for the whole run in seconds (default 600).
 */
async function main(): Promise<number> {
	const runtime = await ensureRuntime();
	await ensureSystemPackages([CHROMIUM]);
	const results = join(CACHE_DIR, 'results', 'integration');
	await rm(results, { recursive: true, force: true });
	await mkdir(results, { recursive: true });
	const work = await mkdtemp(join(tmpdir(), 'mtls-webhooks-integration-'));
	const workspace = join(work, 'workspace');
	await cp(INTEGRATION_WORKSPACE, workspace, { recursive: true });

	const marker = `[mtls-webhooks-report-${randomBytes(4).toString('hex')}] `;
	const workbenchLog = createWriteStream(join(results, 'workbench.log'));
	let server: RunningServer | undefined;
	let browser: Browser | undefined;
	try {
		server = await startServer({
			runtime,
			host: '127.0.0.1',
			port: 0,
			dataDir: join(work, 'data'),
			extensionsDir: join(work, 'extensions'),
			settings: QUIET_SETTINGS,
			testDriver: true,
			logFile: join(results, 'server.log'),
			env: {
				MTLS_WEBHOOKS_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
				...process.env,
				[REPORT_MARKER_VARIABLE]: marker,
			},
		});
		browser = await launchChromium();
		const page = await browser.newPage();
		const url = workbenchUrl(
			server.url,
			{ workspace: join(workspace, INTEGRATION_WORKSPACE_FILE) },
			{
				extensionDevelopmentPath: REPO_ROOT,
				extensionTestsPath: INTEGRATION_ENTRY,
			},
		);

		const outcome = await runInWorkbench(page, url, { marker, workbenchLog });
		if (outcome.code !== 0 || !outcome.summary) {
			await page.screenshot({ path: join(results, 'failure.png') });
		}
		return verdict(outcome, runtime.vscodeVersion, results);
	} finally {
		await browser?.close();
		await server?.stop();
		workbenchLog.end();
		await rm(work, { recursive: true, force: true });
	}
}

interface Outcome {
	/** The exit code the workbench reported, or undefined on time-out. */
	readonly code: number | undefined;
	/** The summary line of the suites, when they printed one. */
	readonly summary: string | undefined;
}

interface Output {
	/** Starts every line of the suites' report. */
	readonly marker: string;
	/** Receives everything else the workbench logs. */
	readonly workbenchLog: WriteStream;
}

/**
 * Opens the workbench and waits for the extension host to report the tests' exit code. The
 * suites' report goes to this process's output; the workbench's own log goes to a file.
 */
async function runInWorkbench(page: Page, url: string, output: Output): Promise<Outcome> {
	let summary: string | undefined;
	await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
		const text = format(...args);
		if (!text.startsWith(output.marker)) {
			output.workbenchLog.write(`[${type}] ${text}\n`);
			return;
		}
		const line = text.slice(output.marker.length);
		if (line.startsWith(SUMMARY_PREFIX)) {
			summary = line;
		}
		console.log(line);
	});
	let reportExit: (code: number) => void = () => undefined;
	const exited = new Promise<number>((resolve) => (reportExit = resolve));
	await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<undefined>((resolve) => {
		timer = setTimeout(() => resolve(undefined), timeoutSeconds() * 1000);
	});
	await page.goto(url);
	const code = await Promise.race([exited, timedOut]);
	clearTimeout(timer);

	return { code, summary };
}

function verdict(outcome: Outcome, vscodeVersion: string, results: string): number {
	const where = `VS Code ${vscodeVersion} server; logs in ${results}`;
	if (outcome.code === undefined) {
		console.error(`Integration tests timed out after ${timeoutSeconds()} s (${where}).`);
		return 1;
	}
	if (outcome.code !== 0) {
		console.error(`Integration tests failed with exit code ${outcome.code} (${where}).`);
		return outcome.code;
	}
	if (!outcome.summary) {
		console.error(`The extension host reported success but no test summary (${where}).`);
		return 1;
	}
	console.log(`Integration tests passed in the ${where}.`);
	return 0;
}

function timeoutSeconds(): number {
	return Number(process.env.MTLS_WEBHOOKS_TEST_TIMEOUT ?? 600);
}

main().then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		process.exitCode = 1;
	},
);
