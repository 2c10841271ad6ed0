import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CACHE_DIR, REPO_ROOT } from '../harness/paths';
import { ensureRuntime, type Runtime } from '../harness/runtime';
import {
	QUIET_SETTINGS,
	installExtension,
	startServer,
	type RunningServer,
} from '../harness/server';
import { NGINX, OPENSSL, ensureSystemPackages } from '../harness/systemPackages';
import { workbenchUrl } from '../harness/workbenchUrl';
import { PKI, freePort, startNginx, startNodeReceiver, type Peer } from '../peers';
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
	/** The local receiver the sample integrations point to, in words. */
	readonly receiver: string;
}

export interface DemoOptions {
	readonly host: string;
	/** 0 picks a free port. */
	readonly port: number;
	/** Folder for the workspace, VS Code data and log; emptied first. */
	readonly dir: string;
	/** Install the extension from this .vsix instead of linking the repository's build. */
	readonly vsix?: string | undefined;
}

/**
 * Prepares a fresh sample workspace and starts the VS Code server with the extension loaded
 * from this repository (run `npm run build` first).
 */
export async function startDemo({ host, port, dir, vsix }: DemoOptions): Promise<Demo> {
	await ensureSystemPackages([OPENSSL]);
	const runtime = await ensureRuntime();
	const lock = `${dir}.pid`;
	await claimFolder(dir, lock);
	try {
		await rm(dir, { recursive: true, force: true });
		await mkdir(dir, { recursive: true });
		const workspace = join(dir, 'workspace');
		await cp(TEMPLATE, workspace, { recursive: true });
		for (const [fixture, name] of SAMPLE_KEYSTORES) {
			await cp(join(KEYSTORES, fixture), join(workspace, 'certs', name));
		}
		const demoCa = makeExpiringSamples(join(workspace, 'certs'));
		const receiver = await startReceiver(dir, workspace, demoCa);

		// Installed as VS Code installs extensions: from the .vsix when one is given, else as a
		// link to this repository's build (loading it from the URL payload would need the test
		// driver, which hides notifications).
		const extensionsDir = join(dir, 'extensions');
		await mkdir(extensionsDir, { recursive: true });
		if (vsix) {
			await installExtension(runtime, vsix, extensionsDir, join(dir, 'data'));
		} else {
			const link = join(extensionsDir, `mtls-webhooks.mtls-webhooks-${await version()}`);
			await symlink(REPO_ROOT, link);
		}

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
			await receiver.peer.close();
			await rm(lock, { force: true });
		};
		return { runtime, server, stop, workspace, url, logFile, receiver: receiver.description };
	} catch (error) {
		await rm(lock, { force: true });
		throw error;
	}
}

/** The port the sample configuration names for the local receiver. */
const RECEIVER_PORT = 8443;

/**
 * Starts the local receiver that the sample integrations point to: nginx when it is installed,
 * else Node's https, both requiring client certificates from the demo's CAs. It listens on
 * 127.0.0.1:8443, or on a free port written into the workspace's configuration when that one
 * is taken; the workspace gets the receiver's CA as certs/receiver-ca.pem.
 */
async function startReceiver(
	dir: string,
	workspace: string,
	demoCa: string,
): Promise<{ peer: Peer; description: string }> {
	const clientCa = join(dir, 'receiver-clients-ca.pem');
	await writeFile(
		clientCa,
		(await readFile(join(KEYSTORES, 'certificates', 'root.crt'), 'utf8')) + demoCa,
	);
	await cp(join(PKI, 'server-ca.pem'), join(workspace, 'certs', 'receiver-ca.pem'));
	const port = (await portIsFree(RECEIVER_PORT)) ? RECEIVER_PORT : await freePort();
	if (port !== RECEIVER_PORT) {
		const config = join(workspace, '.vscode', 'mtls-webhooks.json');
		const text = await readFile(config, 'utf8');
		await writeFile(config, text.replaceAll(`127.0.0.1:${RECEIVER_PORT}`, `127.0.0.1:${port}`));
	}
	const nginx = existsSync(NGINX.file);
	const peer = nginx
		? await startNginx({ port, clientCa })
		: await startNodeReceiver({ port, clientCa });
	return {
		peer,
		description: `${nginx ? 'nginx' : "Node's https"} on https://127.0.0.1:${port}, requiring client certificates`,
	};
}

async function portIsFree(port: number): Promise<boolean> {
	const server = createServer();
	return new Promise((resolve) => {
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
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
