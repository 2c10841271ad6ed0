import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeystoreError } from '../../../src/keystore/errors';
import { openKeystore, type InspectOptions } from '../../../src/keystore/inspect';
import { FIXTURES, fixture } from './fixtures';

/**
 * Keystores made here by openssl and keytool, for cases a helper found wrong when it tried
 * keystores from outside the fixtures: iteration counts near the limit, a file whose only
 * password-protected part is its MAC, a renewed CA beside the expired one, one certificate
 * under two aliases, and an alias outside the BMP.
 */
describe('keystores made by openssl and keytool here', function () {
	this.timeout(60_000);
	let dir: string;
	const key = join(FIXTURES, 'bad/private-key.pem');
	const file = (name: string) => join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
	const keytool = (...args: string[]) => execFileSync('keytool', args, { cwd: dir, stdio: 'pipe' });
	const open = (name: string, options: Partial<InspectOptions> = {}) =>
		openKeystore(readFileSync(file(name)), { fileName: name, ...options });
	const failure = async (name: string, options: Partial<InspectOptions> = {}) => {
		const error = await open(name, options).then(
			() => assert.fail(`${name} was read`),
			(caught: unknown) => caught,
		);
		assert.ok(error instanceof KeystoreError, String(error));
		return error.code;
	};

	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'mtls-made-'));
		openssl(
			'req',
			'-x509',
			'-key',
			key,
			'-subj',
			'/CN=made here',
			'-days',
			'30',
			'-out',
			'leaf.pem',
		);
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('asks for the password of a file at the 2,000,000-iteration limit, not refuses it', async () => {
		openssl('pkcs12', '-export', '-inkey', key, '-in', 'leaf.pem', '-passout', 'pass:secret',
			'-iter', '2000000', '-out', 'slow.p12'); // prettier-ignore
		assert.equal(await failure('slow.p12'), 'wrong_password');
		assert.equal(await failure('slow.p12', { password: 'wröng' }), 'wrong_password');
		const opened = await open('slow.p12', { password: 'secret' });
		assert.equal(opened.report.encryption.mac?.iterations, 2_000_000);
	});

	it('calls a wrong password wrong when only the MAC depends on it', async () => {
		openssl('pkcs12', '-export', '-inkey', key, '-in', 'leaf.pem', '-passout', 'pass:secret',
			'-keypbe', 'NONE', '-certpbe', 'NONE', '-out', 'plain.p12'); // prettier-ignore
		assert.equal(await failure('plain.p12'), 'wrong_password');
		assert.equal(await failure('plain.p12', { password: 'other' }), 'wrong_password');
		assert.ok((await open('plain.p12', { password: 'secret' })).report.identifier);
	});

	it('takes the renewed CA certificate, not the expired one beside it', async () => {
		writeFileSync(file('ca.ext'), 'basicConstraints = critical, CA:TRUE\n');
		openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
			'-keyout', 'root.key', '-subj', '/CN=Made Root', '-days', '3650', '-out', 'root.pem',
			'-addext', 'basicConstraints=critical,CA:TRUE'); // prettier-ignore
		openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
			'-keyout', 'ca.key', '-subj', '/CN=Made Issuing CA', '-out', 'ca.csr'); // prettier-ignore
		// The same CA name and key, certified twice: in 2019 for a year, and now for ten.
		const certifyCa = ['x509', '-req', '-in', 'ca.csr', '-CA', 'root.pem', '-CAkey', 'root.key',
			'-extfile', 'ca.ext']; // prettier-ignore
		execFileSync('faketime', ['2019-01-01 00:00:00', 'openssl', ...certifyCa, '-days', '365',
			'-set_serial', '1', '-out', 'old.pem'], { cwd: dir, stdio: 'pipe' }); // prettier-ignore
		openssl(...certifyCa, '-days', '3650', '-set_serial', '2', '-out', 'renewed.pem');
		openssl('req', '-new', '-key', key, '-subj', '/CN=issued client', '-out', 'client.csr');
		openssl('x509', '-req', '-in', 'client.csr', '-CA', 'renewed.pem', '-CAkey', 'ca.key',
			'-days', '30', '-set_serial', '3', '-out', 'client.pem'); // prettier-ignore
		// The expired one comes first in the file.
		const bundle = ['old.pem', 'renewed.pem', 'root.pem'].map((name) => readFileSync(file(name)));
		writeFileSync(file('bundle.pem'), Buffer.concat(bundle));
		openssl('pkcs12', '-export', '-inkey', key, '-in', 'client.pem', '-certfile', 'bundle.pem',
			'-passout', 'pass:secret', '-out', 'renewed.p12'); // prettier-ignore

		const { report } = await open('renewed.p12', { password: 'secret' });
		const [entry] = report.entries;
		assert.deepEqual(
			entry?.certificates.map((certificate) => certificate.subject),
			['CN=issued client', 'CN=Made Issuing CA', 'CN=Made Root'],
		);
		assert.ok(Date.parse(entry?.certificates[1]?.notAfter ?? '') > Date.now());
		assert.ok(!report.findings.some((finding) => finding.code === 'expired'));
	});

	it('lists one certificate under each alias keytool stored it with', async () => {
		for (const alias of ['ca-one', 'ca-two']) {
			keytool('-importcert', '-noprompt', '-alias', alias, '-file', 'leaf.pem', '-keystore',
				'trust.jks', '-storetype', 'JKS', '-storepass', 'changeit'); // prettier-ignore
		}
		const { report } = await open('trust.jks', { password: 'changeit' });
		assert.deepEqual(report.entries.map((entry) => entry.alias).sort(), ['ca-one', 'ca-two']);
	});

	it('reads an alias outside the BMP as keytool lists it', async () => {
		keytool('-genkeypair', '-alias', 'k😀y', '-keyalg', 'EC', '-groupname', 'secp256r1',
			'-dname', 'CN=emoji', '-validity', '30', '-storetype', 'JKS', '-keystore', 'emoji.jks',
			'-storepass', 'secret😀', '-keypass', 'secret😀'); // prettier-ignore
		const { report } = await open('emoji.jks', { password: 'secret😀', alias: 'k😀y' });
		assert.equal(report.alias, 'k😀y');
	});

	it('does not call a key password different when no store password was given', async () => {
		const { report } = await openKeystore(fixture('jks/rsa.jks'), {
			fileName: 'rsa.jks',
			keyPassword: 'changeit',
		});
		assert.ok(!report.findings.some((finding) => finding.code === 'key_password_differs'));
	});
});
