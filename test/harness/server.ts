import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from './process';
import type { Runtime } from './runtime';

export interface ServerOptions {
	readonly runtime: Runtime;
	readonly host: string;
	/** 0 picks a free port. */
	readonly port: number;
	/** Holds the server's user data, settings, SecretStorage and logs. */
	readonly dataDir: string;
	readonly extensionsDir: string;
	/** Where the server's own output goes. */
	readonly logFile: string;
	/** Environment of the server, inherited by the extension host it starts. */
	readonly env?: NodeJS.ProcessEnv;
	/** User settings to start with. */
	readonly settings?: Record<string, unknown>;
	/**
	 * Lets the workbench load an extension and tests from the URL payload and report their
	 * result (codeAutomationExit). It also silences every notification pop-up, so the demo,
	 * which users look at, runs without it and installs the extension instead.
	 */
	readonly testDriver: boolean;
}

/**
 * Settings for a quiet, predictable workbench: the folder is trusted (these workspaces are
 * made by us), and nothing starts that wants the internet or an account.
 */
export const QUIET_SETTINGS: Record<string, unknown> = {
	'security.workspace.trust.enabled': false,
	'chat.disableAIFeatures': true,
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'git.openRepositoryInParentFolders': 'never',
};

export interface RunningServer {
	/** Base address of the server, for example `http://127.0.0.1:39123/`. */
	readonly url: string;
	/** Stops the server and every process it started. */
	stop(): Promise<void>;
}

const LISTENING = /Extension host agent listening on (\d+)/;

/** Starts the VS Code server and resolves once it accepts connections. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	await mkdir(dirname(options.logFile), { recursive: true });
	if (options.settings) {
		const userDir = join(options.dataDir, 'User');
		await mkdir(userDir, { recursive: true });
		await writeFile(join(userDir, 'settings.json'), JSON.stringify(options.settings, null, '\t'));
	}
	const log = createWriteStream(options.logFile);
	const args = [
		options.runtime.serverMain,
		'--host', options.host,
		'--port', String(options.port),
		'--without-connection-token',
		'--accept-server-license-terms',
		'--user-data-dir', options.dataDir,
		'--server-data-dir', options.dataDir,
		'--extensions-dir', options.extensionsDir,
		...(options.testDriver ? ['--enable-smoke-test-driver'] : []),
	]; // prettier-ignore
	// Its own process group, so that stop() also ends the extension hosts it forks.
	const child = spawn(options.runtime.node, args, {
		detached: true,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout.pipe(log);
	child.stderr.pipe(log);

	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		const group = child.pid;
		if (child.exitCode === null && child.signalCode === null && group !== undefined) {
			signalGroup(group, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(group, 'SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		log.end();
	};

	try {
		const port = await waitUntilListening(child, options);
		return { url: `http://${options.host}:${port}/`, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Resolves with the port once the server listens. A port in use does not stop VS Code's
 * server (it logs the error and waits), so that is caught here, as is a server that neither
 * listens nor fails within a minute.
 */
function waitUntilListening(
	child: ChildProcessByStdio<null, Readable, Readable>,
	options: ServerOptions,
): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		let seen = '';
		const timer = setTimeout(
			() =>
				reject(new Error(`The VS Code server did not start within 60 s; see ${options.logFile}`)),
			60_000,
		);
		const settle = (outcome: () => void) => {
			clearTimeout(timer);
			outcome();
		};
		const read = (chunk: Buffer) => {
			seen += chunk.toString();
			const listening = LISTENING.exec(seen);
			if (listening) {
				settle(() => resolve(Number(listening[1])));
			} else if (seen.includes('EADDRINUSE')) {
				settle(() =>
					reject(
						new Error(
							`Port ${options.port} on ${options.host} is already in use (another demo?). ` +
								'Stop that program, or choose another port with --port.',
						),
					),
				);
			}
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		child.once('error', (error) => settle(() => reject(error)));
		child.once('exit', (code) =>
			settle(() =>
				reject(new Error(`The VS Code server exited with code ${code}; see ${options.logFile}`)),
			),
		);
	});
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-group, signal);
	} catch {
		// The group has already ended.
	}
}

/**
 * Installs a .vsix into an extensions folder with the VS Code server's own command line, as a
 * user's `--install-extension` does.
 */
export async function installExtension(
	runtime: Runtime,
	vsix: string,
	extensionsDir: string,
	dataDir: string,
): Promise<void> {
	await run(runtime.node, [
		runtime.serverMain,
		'--accept-server-license-terms',
		'--user-data-dir', dataDir,
		'--server-data-dir', dataDir,
		'--extensions-dir', extensionsDir,
		'--install-extension', vsix,
	]); // prettier-ignore
}
