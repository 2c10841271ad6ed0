import { ensureRuntime } from './runtime';

/** `npm run setup:runtime`: installs the test VS Code runtime unless it is already intact. */
ensureRuntime().then(
	(runtime) => console.log(`VS Code ${runtime.vscodeVersion} server ready: ${runtime.serverMain}`),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	},
);
