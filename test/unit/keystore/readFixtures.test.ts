import * as assert from 'node:assert/strict';
import type { ExpectedEntry, ExpectedKeystore } from '../../fixtures/keystores/expected';
import { KeystoreError } from '../../../src/keystore/errors';
import { openKeystore } from '../../../src/keystore/inspect';
import type { KeystoreEntry, KeystoreReport } from '../../../src/keystore/model';
import { expected, fixture, LIBRARY_WORDS } from './fixtures';

function read(keystore: ExpectedKeystore) {
	return openKeystore(fixture(keystore.file), {
		fileName: keystore.file,
		password: keystore.password ?? undefined,
		keyPassword: keystore.keyPassword,
		now: new Date(expected.now),
		warnDays: expected.warnDays,
	});
}

function comparable(entries: (ExpectedEntry | KeystoreEntry)[]): string[] {
	return entries
		.map((entry) => {
			const chain = 'chain' in entry ? entry.chain : entry.certificates.map((c) => c.sha256);
			return JSON.stringify([entry.kind, entry.alias, chain]);
		})
		.sort();
}

function encryptionAsOpensslSays(report: KeystoreReport) {
	const schemes = [
		...report.encryption.certificates.map((s) => ({ target: 'certificates', ...s })),
		...report.encryption.privateKeys.map((s) => ({ target: 'privateKeys', ...s })),
	];
	return schemes
		.filter((scheme) => scheme.algorithm !== 'none')
		.map((scheme) => JSON.stringify(scheme))
		.sort();
}

describe('reading every fixture keystore', () => {
	for (const keystore of expected.keystores) {
		const title = `${keystore.file} (${keystore.note})`;

		if (keystore.error) {
			it(`refuses ${title} with ${keystore.error}`, async () => {
				const error = await read(keystore).then(
					() => assert.fail('it was read'),
					(caught: unknown) => caught,
				);

				assert.ok(error instanceof KeystoreError, String(error));
				assert.equal(error.code, keystore.error);
				assert.ok(error.message.includes(`"${keystore.file}"`), error.message);
				assert.doesNotMatch(error.message, LIBRARY_WORDS);
			});
			continue;
		}

		it(`reads ${title} as openssl and keytool do`, async function () {
			this.timeout(10_000);
			const { report } = await read(keystore);

			assert.equal(report.format, keystore.format);
			const listed = keystore.openssl?.entries ?? keystore.keytool?.entries ?? [];
			assert.deepEqual(comparable(report.entries), comparable(listed));
			if (keystore.openssl) {
				assert.deepEqual(report.encryption.mac, keystore.openssl.mac);
				const openssl = keystore.openssl.encryption.map((scheme) => JSON.stringify(scheme));
				assert.deepEqual(encryptionAsOpensslSays(report), [...new Set(openssl)].sort());
			}
		});

		it(`reports the findings ${keystore.findings.join(', ') || 'none'} for ${keystore.file}`, async function () {
			this.timeout(10_000);
			const { report } = await read(keystore);

			const codes = [...new Set(report.findings.map((finding) => finding.code))].sort();
			assert.deepEqual(codes, [...keystore.findings].sort());
			for (const finding of report.findings) {
				assert.doesNotMatch(finding.message, LIBRARY_WORDS);
			}
		});
	}
});

describe('certificate facts', () => {
	it('match openssl x509 and keytool -printcert for every certificate of every fixture', async function () {
		this.timeout(30_000);
		const seen = new Set<string>();
		for (const keystore of expected.keystores.filter((k) => !k.error)) {
			const { report } = await read(keystore);
			for (const certificate of report.entries.flatMap((entry) => entry.certificates)) {
				const {
					name: _name,
					keyType,
					keyBits,
					curve,
					...facts
				} = expected.certificates[certificate.sha256] ??
				assert.fail(`unknown ${certificate.sha256}`);
				const { derBase64: _der, key, ...actual } = certificate;

				assert.deepEqual(actual, facts, certificate.subject);
				assert.deepEqual(key, { type: keyType, bits: keyBits, ...(curve ? { curve } : {}) });
				seen.add(certificate.sha256);
			}
		}

		assert.deepEqual([...seen].sort(), Object.keys(expected.certificates).sort());
	});
});
