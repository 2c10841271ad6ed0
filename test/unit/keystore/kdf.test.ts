import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { iterateSha1, iterateSha256 } from '../../../src/keystore/iteratedHash';
import type { HashName } from '../../../src/keystore/oids';
import { bmpPassword, pkcs12Kdf } from '../../../src/keystore/pkcs12Kdf';

describe('iterated hashing', () => {
	for (const [name, iterate, bytes] of [
		['sha256', iterateSha256, 32],
		['sha1', iterateSha1, 20],
	] as const) {
		it(`equals node:crypto hashing with ${name} again and again`, () => {
			for (const count of [0, 1, 2, 3, 64, 1000]) {
				const start = randomBytes(bytes);
				let reference = start;
				for (let i = 0; i < count; i++) {
					reference = createHash(name).update(reference).digest();
				}

				assert.deepEqual(iterate(start, count), reference, `${count} iterations`);
			}
		});
	}
});

describe('the PKCS#12 key derivation', () => {
	// node-forge's own, independent, implementation is the reference.
	const forgeDigests: Record<HashName, () => forge.md.MessageDigest> = {
		sha1: () => forge.md.sha1.create(),
		sha224: () => forge.md.sha512.sha224.create(),
		sha256: () => forge.md.sha256.create(),
		sha384: () => forge.md.sha384.create(),
		sha512: () => forge.md.sha512.create(),
	};

	for (const hash of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
		it(`agrees with node-forge for ${hash}, every purpose, short and long outputs`, () => {
			for (const [password, iterations, length] of [
				['changeit', 1, 24],
				['pässwörd', 2048, 8],
				['', 7, 40],
				['x'.repeat(70), 100, 64],
			] as const) {
				const salt = randomBytes(8);
				for (const purpose of [1, 2, 3] as const) {
					const ours = pkcs12Kdf(hash, bmpPassword(password), salt, purpose, iterations, length);
					const reference = forge.pkcs12.generateKey(
						password,
						forge.util.createBuffer(salt.toString('latin1')),
						purpose,
						iterations,
						length,
						forgeDigests[hash](),
					);

					assert.equal(ours.toString('latin1'), reference.getBytes(), `${password}/${purpose}`);
				}
			}
		});
	}

	it('derives from no bytes at all for an absent password, unlike the empty one', () => {
		const salt = randomBytes(8);
		const absent = pkcs12Kdf('sha1', bmpPassword(undefined), salt, 3, 1, 20);
		const empty = pkcs12Kdf('sha1', bmpPassword(''), salt, 3, 1, 20);

		assert.notDeepEqual(absent, empty);
		assert.equal(bmpPassword(undefined).length, 0);
		assert.deepEqual(bmpPassword(''), Buffer.from([0, 0]));
	});
});
