import * as assert from 'node:assert/strict';
import { KeystoreError, type KeystoreErrorCode } from '../../../src/keystore/errors';
import { openKeystore, type InspectOptions } from '../../../src/keystore/inspect';
import { expected, fixture, LIBRARY_WORDS } from './fixtures';

/** Opens a fixture (or given bytes) and returns the KeystoreError it fails with. */
async function failure(
	file: string,
	options: Partial<InspectOptions>,
	bytes = fixture(file),
): Promise<KeystoreError> {
	const error = await openKeystore(bytes, { fileName: file, ...options }).then(
		() => assert.fail(`${file} was read`),
		(caught: unknown) => caught,
	);
	assert.ok(error instanceof KeystoreError, `not a KeystoreError: ${String(error)}`);
	assert.ok(
		error.message.includes(`"${file}"`),
		`the message does not name the file: ${error.message}`,
	);
	assert.doesNotMatch(error.message, LIBRARY_WORDS);
	return error;
}

async function expectCode(file: string, options: Partial<InspectOptions>, code: KeystoreErrorCode) {
	assert.equal((await failure(file, options)).code, code);
}

/** Replaces the first occurrence of `from` (latin1) with `to` of the same length. */
function patched(file: string, from: string, to: string): Buffer {
	const bytes = Buffer.from(fixture(file));
	const at = bytes.indexOf(Buffer.from(from, 'latin1'));
	assert.ok(at >= 0, `"${from}" not found in ${file}`);
	bytes.write(to, at, 'latin1');
	return bytes;
}

describe('passwords', () => {
	const wrong = { password: 'not-the-password' };

	for (const file of [
		'p12/rsa-default.p12',
		'p12/rsa-legacy.p12',
		'p12/rsa-3des.p12',
		'p12/rsa-rc2-128.p12',
		'p12/rsa-nomac.p12',
		'keytool/sha512.p12',
		'jks/rsa.jks',
	]) {
		it(`says the password is wrong for ${file} opened with another one`, async () => {
			await expectCode(file, wrong, 'wrong_password');
		});
	}

	it('asks for a password when none was given for a protected keystore', async () => {
		const error = await failure('jks/rsa.jks', {});

		assert.equal(error.code, 'wrong_password');
		assert.match(error.message, /Give its password/);
	});

	it('opens an absent-password PKCS#12 with no password and with an empty one', async () => {
		for (const password of [undefined, '']) {
			const { report } = await openKeystore(fixture('p12/rsa-absent-password.p12'), {
				fileName: 'p12/rsa-absent-password.p12',
				password,
			});
			assert.equal(report.entries[0]?.certificates.length, 3);
		}
	});

	it('opens an empty-password PKCS#12 when no password was given', async () => {
		for (const file of ['p12/rsa-empty-password.p12', 'p12/rsa-empty-password-legacy.p12']) {
			const { report } = await openKeystore(fixture(file), { fileName: file });
			assert.ok(report.identifier, file);
		}
	});

	it('does not take the empty password for an absent one, or the reverse, when one is given', async () => {
		await expectCode('p12/rsa-absent-password.p12', { password: 'changeit' }, 'wrong_password');
		await expectCode('p12/rsa-empty-password.p12', { password: 'changeit' }, 'wrong_password');
	});

	it('asks for the key password of a JKS key that has its own, naming the alias', async () => {
		const error = await failure('jks/key-password-differs.jks', { password: 'changeit' });

		assert.equal(error.code, 'key_password_required');
		assert.equal(error.detail.alias, 'client');
	});

	it('asks again when the key password given is wrong, saying it was wrong', async () => {
		const options = { password: 'changeit', keyPassword: 'wrong' };
		const error = await failure('jks/key-password-differs.jks', options);

		assert.equal(error.code, 'key_password_required');
		assert.match(error.message, /The key password given is not it either/);
	});

	it('says an empty JKS store password is wrong, not that the key has its own', async () => {
		const error = await failure('jks/multi.jks', { password: '', alias: 'second' });

		assert.equal(error.code, 'wrong_password');
	});

	it('says the store password is wrong when both passwords are wrong', async () => {
		const options = { password: 'bad', keyPassword: 'wrong' };
		await expectCode('jks/key-password-differs.jks', options, 'wrong_password');
	});

	it('opens the chosen JKS alias although another key has a password of its own', async () => {
		const file = 'jks/two-key-passwords.jks';
		const { report, privateKeys } = await openKeystore(fixture(file), {
			fileName: file,
			password: 'changeit',
			alias: 'client',
		});

		assert.ok(report.identifier);
		assert.deepEqual([...privateKeys.keys()], ['client']);
		const locked = report.findings.find((finding) => finding.code === 'key_password_differs');
		assert.equal(locked?.alias, 'second');
		assert.match(locked?.message ?? '', /was not opened/);
	});

	it('asks for the key password of the chosen alias when it has its own', async () => {
		const options = { password: 'changeit', alias: 'second' };
		const error = await failure('jks/two-key-passwords.jks', options);

		assert.equal(error.code, 'key_password_required');
		assert.equal(error.detail.alias, 'second');
	});

	it('reports an alias that is not there, and matches aliases regardless of case', async () => {
		const file = 'jks/multi.jks';
		const missing = await openKeystore(fixture(file), {
			fileName: file,
			password: 'changeit',
			alias: 'nosuch',
		});
		const folded = await openKeystore(fixture(file), {
			fileName: file,
			password: 'changeit',
			alias: 'SECOND',
		});

		assert.equal(missing.report.identifier, undefined);
		const finding = missing.report.findings.find((f) => f.code === 'alias_not_found');
		assert.match(finding?.message ?? '', /no private-key entry named "nosuch".*"client", "second"/);
		assert.ok(folded.report.identifier);
	});

	it('reads a JKS truststore without a password, saying its integrity was not checked', async () => {
		const { report } = await openKeystore(fixture('jks/truststore.jks'), {
			fileName: 'jks/truststore.jks',
		});

		assert.equal(report.entries.length, 2);
		assert.ok(report.findings.some((finding) => finding.code === 'no_integrity_mac'));
	});

	it('tells a non-ASCII password from its look-alikes', async () => {
		const file = 'p12/rsa-unicode-password.p12';
		const right = expected.keystores.find((k) => k.file === file)?.password ?? '';
		await expectCode(file, { password: right.normalize('NFD') }, 'wrong_password');
		await expectCode(file, { password: right.replace('🔐', '') }, 'wrong_password');
	});
});

describe('damaged files', () => {
	it('says a PKCS#12 was altered when the password decrypts it but the MAC fails', async () => {
		// The key's friendly name sits in a plain (unencrypted) safe, covered only by the MAC.
		const bytes = patched('p12/rsa-default.p12', '\x00c\x00l\x00i', '\x00C\x00l\x00i');

		const error = await failure('p12/rsa-default.p12', { password: 'changeit' }, bytes);

		assert.equal(error.code, 'integrity_check_failed');
	});

	it('says a PKCS#12 was altered when one encrypted part still decrypts', async () => {
		// Flip a bit near the end of the encrypted certificate safe; the key bag stays intact.
		const bytes = Buffer.from(fixture('p12/rsa-default.p12'));
		const safe = bytes.indexOf(Buffer.from('2a864886f70d010706', 'hex'));
		bytes[safe + 400] = bytes[safe + 400]! ^ 0x01;

		const error = await failure('p12/rsa-default.p12', { password: 'changeit' }, bytes);

		assert.equal(error.code, 'integrity_check_failed');
	});

	it('says a JKS was altered when the key opens but the keyed digest fails', async () => {
		const bytes = patched('jks/rsa.jks', 'client', 'CLIENT');

		const error = await failure('jks/rsa.jks', { password: 'changeit' }, bytes);

		assert.equal(error.code, 'integrity_check_failed');
	});

	for (const file of ['p12/rsa-default.p12', 'jks/rsa.jks', 'keytool/sha1.p12']) {
		it(`says ${file} cut in half is truncated, not that the password is wrong`, async () => {
			const bytes = fixture(file);
			const half = bytes.subarray(0, bytes.length >> 1);

			const error = await failure(file, { password: 'changeit' }, half);

			assert.equal(error.code, 'truncated_or_malformed');
		});
	}
});

describe('limits', () => {
	it('refuses a file larger than the size limit, saying how large it is', async () => {
		const error = await failure('p12/rsa-default.p12', { limits: { maxBytes: 1000 } });

		assert.equal(error.code, 'too_large');
		assert.match(error.message, /0\.0 MB|MB/);
	});

	it('refuses more key-derivation work in all than allowed', async () => {
		const error = await failure('p12/rsa-600k.p12', {
			password: 'changeit',
			limits: { maxTotalIterations: 1_000_000 },
		});

		assert.equal(error.code, 'too_expensive');
		assert.match(error.message, /iterations in all, more than the limit of 1,000,000/);
	});

	it('refuses more key-derivation iterations than allowed before doing any of them', async () => {
		const started = Date.now();
		const error = await failure('p12/rsa-600k.p12', {
			password: 'changeit',
			limits: { maxIterations: 100_000 },
		});

		assert.equal(error.code, 'too_expensive');
		assert.match(error.message, /600,000/);
		assert.ok(Date.now() - started < 150, 'it derived keys before refusing');
	});

	it('reports high iteration counts as a finding', async function () {
		this.timeout(10_000);
		const { report } = await openKeystore(fixture('p12/rsa-600k.p12'), {
			fileName: 'p12/rsa-600k.p12',
			password: 'changeit',
			limits: { highIterations: 500_000 },
		});

		assert.ok(report.findings.some((finding) => finding.code === 'high_kdf_iterations'));
	});
});

describe('expiry and the entry in use', () => {
	it('warns about a certificate expiring within the threshold, with the days left', async () => {
		const { report } = await openKeystore(fixture('p12/rsa-default.p12'), {
			fileName: 'p12/rsa-default.p12',
			password: 'changeit',
			now: new Date('2035-12-20T00:00:00Z'),
			warnDays: 30,
		});

		const soon = report.findings.filter((finding) => finding.code === 'expiring_soon');
		assert.equal(soon.length, 1);
		assert.match(soon[0]?.message ?? '', /expires on 2036-01-01, in 12 days/);
	});

	it('gives the Identifier and Valid Till of the chosen alias when there are several keys', async () => {
		const file = 'jks/multi.jks';
		const both = await openKeystore(fixture(file), { fileName: file, password: 'changeit' });
		const second = await openKeystore(fixture(file), {
			fileName: file,
			password: 'changeit',
			alias: 'second',
		});

		assert.equal(both.report.identifier, undefined);
		const entry = second.report.entries.find((e) => e.alias === 'second');
		assert.equal(second.report.identifier, entry?.certificates[0]?.sha256);
		assert.equal(second.report.validTill, entry?.certificates[0]?.notAfter);
	});
});

describe('secrets', () => {
	it('keeps private keys out of the report and hands them over as key objects', async () => {
		const { report, privateKeys } = await openKeystore(fixture('p12/ec256.p12'), {
			fileName: 'p12/ec256.p12',
			password: 'changeit',
		});
		const text = JSON.stringify(report);

		assert.doesNotMatch(text, /PRIVATE KEY|pkcs8|changeit/);
		const key = privateKeys.get('client');
		assert.equal(key?.type, 'private');
		assert.equal(key?.asymmetricKeyType, 'ec');
	});
});

describe('files the format check lets through', () => {
	it('describes a PEM block with an unknown label by its label', async () => {
		const bytes = Buffer.from('-----BEGIN foo-----\nabc\n-----END foo-----\n');

		const error = await failure('odd.p12', {}, bytes);

		assert.equal(error.code, 'pem_not_pkcs12');
		assert.match(error.message, /holding a "foo" block/);
	});

	it('recognises a keystore in base64 between PEM lines, with a command that keeps the file', async () => {
		const base64 = fixture('p12/rsa-default.p12').toString('base64').replace(/.{64}/g, '$&\n');
		const bytes = Buffer.from(`-----BEGIN PKCS12-----\n${base64}\n-----END PKCS12-----\n`);

		const error = await failure('my store.p12', {}, bytes);

		assert.equal(error.code, 'base64_text_not_der');
		assert.match(
			error.message,
			/sed '\/\^-----\/d' 'my store\.p12' \| base64 -d > 'my store-converted\.p12'/,
		);
	});

	it('recognises base64 after a byte-order mark, and skips the mark in its command', async () => {
		const base64 = fixture('p12/rsa-default.p12').toString('base64');
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${base64}\r\n`)]);

		const error = await failure('notepad.p12', {}, bytes);

		assert.equal(error.code, 'base64_text_not_der');
		assert.match(error.message, /tail -c \+4 notepad\.p12 \| base64 -d > notepad-converted\.p12$/);
	});

	it('never suggests a command that writes over the file it reads', async () => {
		const error = await failure('client.p12', {}, fixture('bad/certificate.pem'));

		assert.match(error.message, /-out client-converted\.p12$/);
	});
});
