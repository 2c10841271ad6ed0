import * as assert from 'node:assert/strict';
import { KeystoreError } from '../../../src/keystore/errors';
import { openKeystore } from '../../../src/keystore/inspect';
import { CancelledError, openKeystoreInWorker } from '../../../src/keystore/workerClient';
import { fixture } from './fixtures';

const HEAVY = 'p12/rsa-600k.p12';
const options = { fileName: HEAVY, password: 'changeit', now: new Date('2027-01-01T00:00:00Z') };

describe('reading in a worker thread', function () {
	this.timeout(20_000);

	it('gives the same report, and the private key as a key object', async () => {
		const direct = await openKeystore(fixture('p12/ed25519.p12'), {
			...options,
			fileName: 'p12/ed25519.p12',
		});
		const threaded = await openKeystoreInWorker(fixture('p12/ed25519.p12'), {
			...options,
			fileName: 'p12/ed25519.p12',
		});

		assert.deepEqual(threaded.report, direct.report);
		assert.equal(threaded.privateKeys.get('client')?.asymmetricKeyType, 'ed25519');
	});

	it('keeps the calling thread free while 600,000 iterations run', async () => {
		const ticks: number[] = [];
		const timer = setInterval(() => ticks.push(Date.now()), 10);
		const started = Date.now();

		await openKeystoreInWorker(fixture(HEAVY), options);
		clearInterval(timer);

		const gaps = ticks.map((tick, i) => tick - (ticks[i - 1] ?? started));
		assert.ok(ticks.length >= 5, `only ${ticks.length} ticks`);
		assert.ok(Math.max(...gaps) < 250, `the thread was blocked for ${Math.max(...gaps)} ms`);
	});

	it('stops at once when cancelled', async () => {
		const abort = new AbortController();
		const reading = openKeystoreInWorker(fixture(HEAVY), options, abort.signal);
		setTimeout(() => abort.abort(), 30);
		const started = Date.now();

		await assert.rejects(reading, CancelledError);
		assert.ok(Date.now() - started < 200, 'cancellation waited for the read');
	});

	it('passes typed errors back', async () => {
		const reading = openKeystoreInWorker(fixture('jks/rsa.jks'), {
			fileName: 'jks/rsa.jks',
			password: 'x',
		});

		await assert.rejects(reading, (error: unknown) => {
			assert.ok(error instanceof KeystoreError);
			assert.equal(error.code, 'wrong_password');
			return true;
		});
	});
});
