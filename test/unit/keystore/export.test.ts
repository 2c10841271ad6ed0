import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportCertificates } from '../../../src/keystore/export';
import { openKeystore } from '../../../src/keystore/inspect';
import type { KeystoreEntry } from '../../../src/keystore/model';
import { fixture } from './fixtures';

function openssl(args: string[], input: Buffer): Buffer {
	return execFileSync('openssl', args, { input });
}

/** The PEM certificates openssl finds in a PEM file (through a file: -certfile wants one). */
function pemCertificates(pem: Buffer): Buffer {
	const dir = mkdtempSync(join(tmpdir(), 'mtls-export-'));
	try {
		writeFileSync(join(dir, 'chain.pem'), pem);
		const bundle = execFileSync('openssl', [
			'crl2pkcs7',
			'-nocrl',
			'-certfile',
			join(dir, 'chain.pem'),
		]);
		return openssl(['pkcs7', '-print_certs'], bundle);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** SHA-256 fingerprints of the certificates openssl finds in PEM text, in order. */
function fingerprints(pem: Buffer): string[] {
	const blocks =
		pem.toString().match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
	return blocks.map((block) =>
		openssl(['x509', '-noout', '-fingerprint', '-sha256'], Buffer.from(block))
			.toString()
			.trim()
			.replace('sha256 Fingerprint=', ''),
	);
}

describe('Download (export of public certificates)', () => {
	let entry: KeystoreEntry;
	/** The fingerprints of the entry's chain, leaf first, as the engine found them. */
	let chain: string[];

	before(async () => {
		const { report } = await openKeystore(fixture('p12/ec256.p12'), {
			fileName: 'p12/ec256.p12',
			password: 'changeit',
		});
		entry = report.entries[0]!;
		chain = entry.certificates.map((certificate) => certificate.sha256);
		assert.equal(chain.length, 3);
	});

	it('writes the PEM chain of the client certificate and its intermediates, without the root', () => {
		const { bytes, extension } = exportCertificates(entry, 'pemChain');

		assert.equal(extension, '.pem');
		assert.deepEqual(fingerprints(pemCertificates(bytes)), chain.slice(0, 2));
		assert.doesNotMatch(bytes.toString(), /PRIVATE KEY/);
	});

	it('adds the root when asked', () => {
		const { bytes } = exportCertificates(entry, 'pemChain', { includeRoot: true });

		assert.deepEqual(fingerprints(pemCertificates(bytes)), chain);
	});

	it('writes the client certificate alone as DER', () => {
		const { bytes, extension } = exportCertificates(entry, 'derLeaf');

		assert.equal(extension, '.cer');
		const pem = openssl(['x509', '-inform', 'DER'], bytes);
		assert.deepEqual(fingerprints(pem), chain.slice(0, 1));
	});

	it('writes a PKCS#7 bundle that openssl lists leaf first', () => {
		const { bytes, extension } = exportCertificates(entry, 'pkcs7', { includeRoot: true });

		assert.equal(extension, '.p7b');
		const listed = openssl(['pkcs7', '-inform', 'DER', '-print_certs'], bytes);
		assert.deepEqual(fingerprints(listed), chain);
	});
});
