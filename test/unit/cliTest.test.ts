import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PKI, startNodeReceiver, type NodeReceiver } from '../peers';
import { FIXTURES } from './keystore/fixtures';
import { cliWith as cli } from './runCli';

describe('mtls-webhooks test', function () {
	this.timeout(20_000);
	let receiver: NodeReceiver;
	before(async () => (receiver = await startNodeReceiver({ hubSecret: 'hub-s3cret' })));
	after(() => receiver.close());

	const env = { STORE_PASSWORD: 'changeit', HUB_SECRET: 'hub-s3cret' };
	const url = () => `https://127.0.0.1:${receiver.port}/signed`;
	const ca = join(PKI, 'server-ca.pem');

	it('exits 0 and prints the documented JSON when the receiver accepts', async () => {
		const result = await cli(env, 'test', url(), '--keystore', join(PKI, 'client.p12'),
			'--password-env', 'STORE_PASSWORD', '--ca', ca, '--hub-secret-env', 'HUB_SECRET',
			'--algorithm', 'sha512', '--json'); // prettier-ignore

		assert.equal(result.code, 0, result.stdout + result.stderr);
		const report = JSON.parse(result.stdout) as Record<string, unknown>;
		assert.equal(report['ok'], true);
		assert.deepEqual(
			(report['steps'] as { name: string }[]).map((step) => step.name),
			['dns', 'tcp', 'tls', 'head', 'post', 'without-certificate'],
		);
		assert.deepEqual(Object.keys(report['tls'] as object).slice(0, 4), [
			'version',
			'cipher',
			'clientCertificate',
			'serverChain',
		]);
		assert.deepEqual(report['http'], {
			status: 200,
			headStatus: 200,
			postStatus: 200,
			signatureAlgorithm: 'sha512',
		});
		assert.deepEqual(report['diagnosis'], {
			code: 'ok',
			message:
				'The receiver accepted our client certificate, refuses requests without one, and ' +
				'answered HEAD and POST with 200.',
		});
		assert.equal(report['mtlsEnforced'], true);
		assert.doesNotMatch(result.stdout, /changeit|hub-s3cret|PRIVATE KEY/);
	});

	it('exits 1 and explains a refusal in words', async () => {
		const result = await cli(env, 'test', url(), '--keystore', join(PKI, 'client-other-ca.p12'),
			'--password-env', 'STORE_PASSWORD', '--ca', ca); // prettier-ignore

		assert.equal(result.code, 1, result.stdout + result.stderr);
		assert.match(result.stdout, /^FAILED {2}https:\/\/127\.0\.0\.1:\d+\/signed\n/);
		assert.match(result.stdout, /FAIL {2}TLS .* closed by the receiver/);
		assert.match(result.stdout, /does not trust the CA that issued it.*\[unknown_ca\]/);
	});

	it('adds --ca to the roots of NODE_EXTRA_CA_CERTS instead of replacing them', async () => {
		// The receiver's CA comes from the environment; --ca names another, unrelated one.
		const hook = `https://127.0.0.1:${receiver.port}/hook`;
		const result = await cli({ ...env, NODE_EXTRA_CA_CERTS: ca }, 'test', hook, '--keystore',
			join(PKI, 'client.p12'), '--password-env', 'STORE_PASSWORD', '--ca',
			join(PKI, 'client-ca.pem')); // prettier-ignore

		assert.equal(result.code, 0, result.stdout + result.stderr);
		assert.match(result.stdout, /^PASSED/);
	});

	it('shows what a receiver sends as text, never as terminal commands', async () => {
		const result = await cli(env, 'test', `https://127.0.0.1:${receiver.port}/moved`,
			'--keystore', join(PKI, 'client.p12'), '--password-env', 'STORE_PASSWORD', '--ca', ca); // prettier-ignore

		assert.equal(result.code, 1, result.stdout + result.stderr);
		assert.match(result.stdout, /redirect to https:\/\/elsewhere\.example\/\\x9b2J/);
		assert.doesNotMatch(result.stdout, /\u009b/);
	});

	it('exits 2 for a URL that is not HTTPS, before reading anything', async () => {
		const result = await cli(env, 'test', `http://127.0.0.1:${receiver.port}/hook`,
			'--keystore', join(PKI, 'client.p12'), '--password-env', 'STORE_PASSWORD'); // prettier-ignore

		assert.equal(result.code, 2);
		assert.match(result.stderr, /is not an HTTPS URL.*\[usage\]/);
	});

	it('exits 2 with no_client_key for a keystore without a private key', async () => {
		const result = await cli(env, 'test', url(), '--keystore',
			join(FIXTURES, 'p12', 'certs-only.p12'), '--password-env', 'STORE_PASSWORD', '--json'); // prettier-ignore

		assert.equal(result.code, 2, result.stdout + result.stderr);
		const report = JSON.parse(result.stdout) as { diagnosis: { code: string; message: string } };
		assert.equal(report.diagnosis.code, 'no_client_key');
		assert.match(report.diagnosis.message, /holds no private key/);
	});

	it('exits 2 and names the aliases when the keystore holds several keys and none was chosen', async () => {
		const result = await cli(env, 'test', url(), '--keystore',
			join(FIXTURES, 'jks', 'multi.jks'), '--password-env', 'STORE_PASSWORD'); // prettier-ignore

		assert.equal(result.code, 2, result.stdout + result.stderr);
		assert.match(result.stdout, /holds 2 private keys \("\w+", "\w+"\): choose .*--alias/);
	});

	it('refuses a URL with a password in it, and never prints the password', async () => {
		const result = await cli(env, 'test', `https://user:Sup3rSecret@127.0.0.1:${receiver.port}/hook`,
			'--keystore', join(PKI, 'client.p12'), '--password-env', 'STORE_PASSWORD', '--json'); // prettier-ignore

		assert.equal(result.code, 2);
		assert.match(result.stdout, /carries a user name or password/);
		assert.doesNotMatch(result.stdout + result.stderr, /Sup3rSecret/);
	});

	it('refuses a CA file whose PEM block is damaged, and a time-out out of range', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mtls-ca-'));
		try {
			const damaged = join(dir, 'ca.pem');
			writeFileSync(damaged, '-----BEGIN CERTIFICATE-----\nZm9v\n-----END CERTIFICATE-----\n');
			const result = await cli(env, 'test', url(), '--keystore', join(PKI, 'client.p12'),
				'--password-env', 'STORE_PASSWORD', '--ca', damaged); // prettier-ignore
			assert.equal(result.code, 2);
			assert.match(result.stderr, /Certificate 1 in the CA file .* is damaged/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		const huge = await cli(env, 'test', url(), '--keystore', join(PKI, 'client.p12'),
			'--timeout', '4294968'); // prettier-ignore
		assert.equal(huge.code, 2);
		assert.match(huge.stderr, /from 1 to 600/);
	});

	it('exits 2 with a keystore error for a wrong password, naming the file', async () => {
		const result = await cli({ STORE_PASSWORD: 'wrong' }, 'test', url(), '--keystore',
			join(PKI, 'client.p12'), '--password-env', 'STORE_PASSWORD'); // prettier-ignore

		assert.equal(result.code, 2);
		assert.match(result.stderr, /client\.p12.*\[wrong_password\]/);
		assert.doesNotMatch(result.stderr, /wrong"/);
	});
});
