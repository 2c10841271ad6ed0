import { parentPort } from 'node:worker_threads';
import { KeystoreError } from './errors';
import { openKeystore } from './inspect';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

/**
 * The worker thread that decrypts keystores, so that a slow key derivation never blocks the
 * extension host. Built on its own into dist/keystoreWorker.js.
 */
parentPort?.on('message', (request: WorkerRequest) => {
	void openKeystore(Buffer.from(request.bytes), request.options).then(
		({ report, privateKeys }) => reply({ ok: true, report, privateKeys }),
		(error: unknown) =>
			reply({
				ok: false,
				code: error instanceof KeystoreError ? error.code : 'truncated_or_malformed',
				message:
					error instanceof KeystoreError
						? error.message
						: `"${request.options.fileName}" could not be read.`,
				detail: error instanceof KeystoreError ? error.detail : {},
			}),
	);
});

function reply(response: WorkerResponse): void {
	parentPort?.postMessage(response);
}
