import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KeystoreError } from './errors';
import type { InspectOptions, OpenedKeystore } from './inspect';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

/** Thrown when the caller cancelled the read. */
export class CancelledError extends Error {
	constructor() {
		super('The keystore read was cancelled.');
		this.name = 'CancelledError';
	}
}

/**
 * The worker script: dist/keystoreWorker.js next to the bundle, or worker.js next to this
 * file when the sources run unbundled (the tests).
 */
function workerScript(): string {
	const bundled = join(__dirname, 'keystoreWorker.js');
	return existsSync(bundled) ? bundled : join(__dirname, 'worker.js');
}

/**
 * Opens a keystore in a worker thread, one per read, so that decryption never blocks the
 * calling thread. Aborting `signal` ends the worker at once, whatever it is doing.
 */
export function openKeystoreInWorker(
	bytes: Uint8Array,
	options: InspectOptions,
	signal?: AbortSignal,
): Promise<OpenedKeystore> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(new CancelledError());
			return;
		}
		const worker = new Worker(workerScript());
		const onAbort = () => {
			void worker.terminate();
			reject(new CancelledError());
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		const finish = () => {
			signal?.removeEventListener('abort', onAbort);
			void worker.terminate();
		};

		worker.once('message', (response: WorkerResponse) => {
			finish();
			if (response.ok) {
				resolve({ report: response.report, privateKeys: response.privateKeys });
			} else {
				reject(new KeystoreError(response.code, response.message, response.detail));
			}
		});
		worker.once('error', () => {
			finish();
			reject(
				new KeystoreError('truncated_or_malformed', `"${options.fileName}" could not be read.`),
			);
		});
		const request: WorkerRequest = { bytes, options };
		worker.postMessage(request);
	});
}
