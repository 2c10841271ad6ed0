import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR, REPO_ROOT } from '../harness/paths';
import { ensureRuntime, type Runtime } from '../harness/runtime';
import { QUIET_SETTINGS, startServer, type RunningServer } from '../harness/server';
import { workbenchUrl } from '../harness/workbenchUrl';

/** Where `npm run demo` keeps its workspace, VS Code data and log; remade on every start. */
export const DEMO_DIR = join(CACHE_DIR, 'demo');
const TEMPLATE = join(REPO_ROOT, 'test', 'demo', 'workspace');

export interface Demo {
	readonly runtime: Runtime;
	readonly server: RunningServer;
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
	const runtime = await ensureRuntime();
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	const workspace = join(dir, 'workspace');
	// TODO(#7): generate integrations, keystores and a local mTLS receiver for the demo.
	await cp(TEMPLATE, workspace, { recursive: true });

	const logFile = join(dir, 'server.log');
	const server = await startServer({
		runtime,
		host,
		port,
		dataDir: join(dir, 'data'),
		extensionsDir: join(dir, 'extensions'),
		settings: QUIET_SETTINGS,
		logFile,
	});
	const url = workbenchUrl(server.url, workspace, { extensionDevelopmentPath: REPO_ROOT });

	return { runtime, server, workspace, url, logFile };
}
