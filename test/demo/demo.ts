import { parseArgs } from 'node:util';
import { DEMO_DIR, startDemo } from './demoServer';

const USAGE = `Usage: npm run demo -- [--host ADDRESS] [--port PORT]

Starts VS Code (server edition) with mTLS Webhooks loaded on a sample workspace and prints
the address to open in a browser. Ctrl+C stops it.

  --host ADDRESS  address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)
  --port PORT     port to listen on (default 4280; 0 picks a free one)`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			host: { type: 'string', default: '127.0.0.1' },
			port: { type: 'string', default: '4280' },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
	}

	const demo = await startDemo({ host: values.host, port, dir: DEMO_DIR });
	console.log(
		[
			'',
			`mTLS Webhooks demo is running in VS Code ${demo.runtime.vscodeVersion}.`,
			'Open this address in a browser, then click the mTLS Webhooks icon in the activity bar:',
			'',
			`  ${demo.url}`,
			'',
			`Workspace: ${demo.workspace}`,
			`Server log: ${demo.logFile}`,
			'Press Ctrl+C to stop.',
		].join('\n'),
	);

	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	console.log('\nStopping the demo.');
	await demo.server.stop();
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
