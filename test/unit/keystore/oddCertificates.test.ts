import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKeystore } from '../../../src/keystore/inspect';
import { FIXTURES } from './fixtures';

/**
 * Certificates with unusual names, made by openssl here and read back: what openssl prints is
 * the expected value.
 */
describe('unusual certificate names', () => {
	let dir: string;
	const key = join(FIXTURES, 'bad/private-key.pem');

	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'mtls-odd-'));
	});

	after(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	/** A self-signed certificate from `openssl req -x509`, in a PKCS#12, read by the engine. */
	async function roundTrip(subject: string, extensions: string, extra: string[] = []) {
		const config = join(dir, 'ext.cnf');
		writeFileSync(config, `[req]\ndistinguished_name = dn\n[dn]\n[ext]\n${extensions}\n`);
		const certificate = join(dir, 'cert.pem');
		execFileSync('openssl', ['req', '-x509', '-utf8', '-key', key, '-subj', subject, '-days', '30',
			'-config', config, '-extensions', 'ext', '-out', certificate, ...extra]); // prettier-ignore
		const p12 = join(dir, 'odd.p12');
		execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', certificate,
			'-passout', 'pass:x', '-out', p12]); // prettier-ignore
		const { report } = await openKeystore(readFileSync(p12), {
			fileName: 'odd.p12',
			password: 'x',
		});
		const openssl = (...args: string[]) =>
			execFileSync('openssl', ['x509', '-in', certificate, '-noout', ...args]).toString();
		return { facts: report.entries[0]!.certificates[0]!, openssl };
	}

	it('reads an empty subject, which RFC 5280 allows with a critical subjectAltName', async () => {
		const { facts, openssl } = await roundTrip('/', 'subjectAltName = critical, DNS:e.example');

		assert.equal(openssl('-subject').trim(), 'subject=');
		assert.equal(facts.subject, '');
		assert.equal(facts.issuer, '');
		assert.equal(facts.selfSigned, true);
	});

	it('prints alternative names with commas as openssl does', async () => {
		const { facts, openssl } = await roundTrip(
			'/CN=alt',
			'subjectAltName = @alt\n[alt]\nDNS.1 = a, b.example\nURI.1 = https://a.example/c?d=e,f',
		);

		const printed = openssl('-ext', 'subjectAltName').split('\n')[1]?.trim();
		assert.equal(facts.subjectAltNames.join(', '), printed);
		assert.deepEqual(facts.subjectAltNames, ['DNS:a, b.example', 'URI:https://a.example/c?d=e,f']);
	});

	it('orders a multi-valued RDN as openssl does with dn_rev', async () => {
		const { facts, openssl } = await roundTrip(
			'/O=Org/CN=alice+UID=123',
			'basicConstraints = CA:FALSE',
			['-multivalue-rdn'],
		);

		const printed = openssl('-subject', '-nameopt', 'utf8,sep_comma_plus_space,dn_rev,esc_2253');
		assert.equal(`subject=${facts.subject}`, printed.trim());
	});
});
