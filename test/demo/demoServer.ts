import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR, REPO_ROOT } from '../harness/paths';
import { ensureRuntime, type Runtime } from '../harness/runtime';
import { QUIET_SETTINGS, startServer, type RunningServer } from '../harness/server';
import { OPENSSL, ensureSystemPackages } from '../harness/systemPackages';
import { workbenchUrl } from '../harness/workbenchUrl';
import { makeExpiringSamples } from './samplePki';

/** Where `npm run demo` keeps its workspace, VS Code data and log; remade on every start. */
export const DEMO_DIR = join(CACHE_DIR, 'demo');
const TEMPLATE = join(REPO_ROOT, 'test', 'demo', 'workspace');
const KEYSTORES = join(REPO_ROOT, 'test', 'fixtures', 'keystores');

/** Test keystores the demo workspace gets, by the names it gives them (all "changeit"). */
const SAMPLE_KEYSTORES: [string, string][] = [
	['p12/rsa-default.p12', 'orders.p12'],
	['jks/multi.jks', 'orders-2027.jks'],
	['p12/rsa-legacy.p12', 'legacy.pfx'],
	['p12/expired.p12', 'expired.p12'],
	['keytool/default-named.jks', 'keytool-default.jks'],
];

export interface Demo {
	readonly runtime: Runtime;
	readonly server: RunningServer;
	/** Stops the server and releases the demo folder. */
	stop(): Promise<void>;
	/** The folder the workbench opens. */
	readonly workspace: string;
	/** The address that opens the workbench with the extension loaded. */
	readonly url: string;
	readonly logFile: string;
}

export interface DemoOptions {
	readonly host: string;
	/** 0 picks a free port. */
	readonly port: number;
	/** Folder for the workspace, VS Code data and log; emptied first. */
	readonly dir: string;
}

/**
 * Prepares a fresh sample workspace and starts the VS Code server with the extension loaded
 * from this repository (run `npm run build` first).
 */
export async function startDemo({ host, port, dir }: DemoOptions): Promise<Demo> {
	await ensureSystemPackages([OPENSSL]);
	const runtime = await ensureRuntime();
	const lock = `${dir}.pid`;
	await claimFolder(dir, lock);
	try {
		await rm(dir, { recursive: true, force: true });
		await mkdir(dir, { recursive: true });
		const workspace = join(dir, 'workspace');
		// TODO(#7): a local mTLS receiver for the demo's integrations to test against.
		await cp(TEMPLATE, workspace, { recursive: true });
		for (const [fixture, name] of SAMPLE_KEYSTORES) {
			await cp(join(KEYSTORES, fixture), join(workspace, 'certs', name));
		}
		makeExpiringSamples(join(workspace, 'certs'));

		// Installed as VS Code installs extensions, but as a link to this repository's build:
		// loading it from the URL payload would need the test driver, which hides notifications.
		const extensionsDir = join(dir, 'extensions');
		await mkdir(extensionsDir, { recursive: true });
		await symlink(REPO_ROOT, join(extensionsDir, `mtls-webhooks.mtls-webhooks-${await version()}`));

		const logFile = join(dir, 'server.log');
		const server = await startServer({
			runtime,
			host,
			port,
			dataDir: join(dir, 'data'),
			extensionsDir,
			settings: QUIET_SETTINGS,
			testDriver: false,
			logFile,
		});
		const url = workbenchUrl(server.url, { folder: workspace }, {});
		const stop = async () => {
			await server.stop();
			await rm(lock, { force: true });
		};
		return { runtime, server, stop, workspace, url, logFile };
	} catch (error) {
		await rm(lock, { force: true });
		throw error;
	}
}

/**
 * Records this process as the user of `dir`, refusing when a live process already is: a
 * second demo would otherwise wipe the folder of one that is running.
 */
async function claimFolder(dir: string, lock: string): Promise<void> {
	const owner = Number(await readFile(lock, 'utf8').catch(() => ''));
	if (owner > 0 && owner !== process.pid && isAlive(owner)) {
		throw new Error(
			`A demo is already running (process ${owner}) and uses ${dir}. ` +
				'Stop it with Ctrl+C in its terminal first.',
		);
	}
	await mkdir(join(dir, '..'), { recursive: true });
	await writeFile(lock, String(process.pid));
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function version(): Promise<string> {
	const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		version: string;
	};
	return manifest.version;
}
