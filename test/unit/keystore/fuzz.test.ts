import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const FILES = [
	'p12/rsa-unencrypted-nomac.p12',
	'p12/rsa-nomac.p12',
	'p12/rsa-legacy.p12',
	'p12/ed25519.p12',
	'keytool/truststore.p12',
	'jks/rsa.jks',
	'jks/multi.jks',
];
const CASES_PER_FILE = 500;
/** A case that runs longer than this counts as a hang. */
const HANG_MS = 10_000;

describe('damaged keystores (fuzz)', () => {
	it(`never crash or hang, and always give a typed error naming the file (${FILES.length * CASES_PER_FILE} cases)`, async function () {
		this.timeout(0);
		const seed = Number(process.env.MTLS_WEBHOOKS_FUZZ_SEED ?? 20261203);
		const worker = new Worker(join(__dirname, 'fuzzWorker.js'), {
			workerData: { files: FILES, casesPerFile: CASES_PER_FILE, seed },
		});
		let current = 'before the first case';
		let timer: NodeJS.Timeout | undefined;

		const outcome = await new Promise<{ failed?: string; finished?: number }>((resolve) => {
			const watch = () => {
				clearTimeout(timer);
				timer = setTimeout(() => resolve({ failed: `hung on ${current}` }), HANG_MS);
			};
			watch();
			worker.on('message', (message: { starting?: string; failed?: string; finished?: number }) => {
				if (message.starting) {
					current = message.starting;
					watch();
				} else {
					resolve(message);
				}
			});
			worker.on('error', (error) => resolve({ failed: `crashed on ${current}: ${error.message}` }));
		});
		clearTimeout(timer);
		await worker.terminate();

		assert.equal(outcome.failed, undefined, `seed ${seed}: ${outcome.failed}`);
		assert.equal(outcome.finished, FILES.length * CASES_PER_FILE);
	});
});
