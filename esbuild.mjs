// Builds the extension, the command-line tool, the webview scripts and the tests.
//
//   node esbuild.mjs               development build: dist/ plus the tests in out/
//   node esbuild.mjs --production  minified dist/ with external source maps, no tests
//   node esbuild.mjs --watch       development build, rebuilt on every change
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(await readFile('package.json', 'utf8'));

/** The Node inside the oldest VS Code that `engines.vscode` admits (1.96 ships Node 20.18.1). */
const NODE_TARGET = 'node20.18';
/** The Chromium inside that VS Code (1.96 ships Chromium 128). */
const WEBVIEW_TARGET = 'chrome128';

/** Prints the markers that the background task in .vscode/tasks.json waits for. */
const watchMarkers = {
	name: 'watch-markers',
	setup(build) {
		build.onStart(() => console.log('[watch] build started'));
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				const where = location ? `${location.file}:${location.line}:${location.column}` : '';
				console.error(`✘ [ERROR] ${text}\n    ${where}`);
			}
			console.log('[watch] build finished');
		});
	},
};

/** Makes the output runnable as a command, as its shebang line intends. */
const executable = {
	name: 'executable',
	setup(build) {
		build.onEnd(async (result) => {
			if (result.errors.length === 0) {
				await chmod(build.initialOptions.outfile, 0o755);
			}
		});
	},
};

const shared = {
	bundle: true,
	// jsonc-parser's "main" is a UMD build whose dynamic requires a bundler cannot follow.
	mainFields: ['module', 'main'],
	minify: production,
	sourcemap: true,
	sourcesContent: !production,
	logLevel: watch ? 'silent' : 'warning',
	define: { MTLS_WEBHOOKS_VERSION: JSON.stringify(pkg.version) },
	plugins: watch ? [watchMarkers] : [],
};

/** Every `media/<page>/main.ts` is the script of one webview page. */
async function webviewEntries() {
	if (!existsSync('media')) {
		return [];
	}
	const pages = await readdir('media', { withFileTypes: true });
	return pages
		.filter((page) => page.isDirectory() && existsSync(join('media', page.name, 'main.ts')))
		.map((page) => ({ in: join('media', page.name, 'main.ts'), out: page.name }));
}

/** Every TypeScript file under `dir`, for the unbundled test build. */
async function typeScriptFiles(dir) {
	const names = await readdir(dir, { recursive: true });
	return names
		.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
		.map((name) => join(dir, name));
}

const options = [
	{
		...shared,
		entryPoints: ['src/extension.ts'],
		outfile: 'dist/extension.js',
		format: 'cjs',
		platform: 'node',
		target: NODE_TARGET,
		external: ['vscode'],
	},
	{
		...shared,
		entryPoints: ['src/keystore/worker.ts'],
		outfile: 'dist/keystoreWorker.js',
		format: 'cjs',
		platform: 'node',
		target: NODE_TARGET,
	},
	{
		...shared,
		entryPoints: ['src/cli.ts'],
		outfile: 'dist/cli.js',
		format: 'cjs',
		platform: 'node',
		target: NODE_TARGET,
		banner: { js: '#!/usr/bin/env node' },
		plugins: [...shared.plugins, executable],
	},
];

const webviews = await webviewEntries();
if (webviews.length > 0) {
	options.push({
		...shared,
		entryPoints: webviews,
		outdir: 'dist/webview',
		format: 'iife',
		platform: 'browser',
		target: WEBVIEW_TARGET,
	});
}

if (!production) {
	// Tests load the modules under test one file at a time, as plain CommonJS, so that mocha can
	// find each suite and `vscode` resolves to the extension host's own module.
	options.push({
		...shared,
		entryPoints: [...(await typeScriptFiles('src')), ...(await typeScriptFiles('test'))],
		outdir: 'out',
		outbase: '.',
		bundle: false,
		format: 'cjs',
		platform: 'node',
		target: NODE_TARGET,
		sourcemap: 'inline',
	});
}

if (production) {
	await rm('dist', { recursive: true, force: true });
} else {
	// The unbundled tests import media/*.json from the sources' relative place: out/media.
	await cp('media', 'out/media', { recursive: true, filter: (path) => !path.endsWith('.ts') });
}

// The codicon font and its stylesheet, which VS Code Elements' buttons look for by id.
if (webviews.length > 0) {
	await mkdir('dist/webview', { recursive: true });
	for (const file of ['codicon.css', 'codicon.ttf']) {
		await cp(
			join('node_modules', '@vscode', 'codicons', 'dist', file),
			join('dist', 'webview', file),
		);
	}
}

if (watch) {
	const contexts = await Promise.all(options.map((option) => esbuild.context(option)));
	await Promise.all(contexts.map((context) => context.watch()));
} else {
	await Promise.all(options.map((option) => esbuild.build(option)));
}
