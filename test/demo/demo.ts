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

	// Ctrl+C may come while the server is still starting; the demo stops as soon as it can.
	let stopping = false;
	const stopRequested = new Promise<void>((resolve) => {
		const stop = () => {
			stopping = true;
			resolve();
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	const demo = await startDemo({ host: values.host, port, dir: DEMO_DIR });
	if (stopping) {
		// Stopped while it started: no address to open any more.
		console.log('\nStopping the demo.');
		await demo.stop();
		return;
	}
	console.log(
		[
			'',
			`mTLS Webhooks demo is running in VS Code ${demo.runtime.vscodeVersion}.`,
			'Open this address in a browser, then click the mTLS Webhooks icon in the activity bar:',
			'',
			`  ${demo.url}`,
			...(isLoopback(values.host) ? [] : remoteWarning(values.host)),
			'',
			`Workspace: ${demo.workspace}`,
			`Receiver:  ${demo.receiver}`,
			'Passwords: "changeit" for certs/orders.p12 and the other sample keystores; the ones',
			'           made at start (payments, refunds, legacy-billing) have an empty password.',
			`Server log: ${demo.logFile}`,
			'Press Ctrl+C to stop.',
		].join('\n'),
	);

	await stopRequested;
	console.log('\nStopping the demo.');
	await demo.stop();
}

function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function remoteWarning(host: string): string[] {
	return [
		'',
		...(host === '0.0.0.0' || host === '::'
			? ["(Replace the address with this machine's name or IP address.)"]
			: []),
		'Warning: the demo has no password. Anyone who can reach this address gets a full',
		'VS Code, terminal included, running as your user. Use it only on a network you trust.',
	];
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
