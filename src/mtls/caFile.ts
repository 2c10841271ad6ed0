import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g;

/**
 * What is wrong with the text of a CA file given for the server's certificate, or undefined
 * when it holds PEM certificates that all parse. Node would skip a damaged block silently.
 */
export function caFileProblem(text: string, file: string): string | undefined {
	const blocks = text.match(PEM_BLOCK) ?? [];
	if (blocks.length === 0) {
		return (
			`The CA file "${file}" holds no PEM certificate. Give the receiver's CA certificate ` +
			'in PEM form (openssl x509 -inform DER -in ca.cer -out ca.pem converts one).'
		);
	}
	const damaged = blocks.findIndex((block) => {
		try {
			new X509Certificate(block);
			return false;
		} catch {
			return true;
		}
	});
	return damaged < 0
		? undefined
		: `Certificate ${damaged + 1} in the CA file "${file}" is damaged: its PEM block does not ` +
				'hold a certificate. Export the CA certificate again.';
}

/**
 * The roots Node trusts when no CA is given: its bundled Mozilla roots and the certificates of
 * NODE_EXTRA_CA_CERTS. A CA file is added to these, not put in their place. Node 22.15 and
 * later list them itself; on older Node the extra file is read as Node read it at start.
 */
export function defaultRoots(): string[] {
	const listed = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
	if (listed) {
		return listed('default');
	}
	const extra = process.env['NODE_EXTRA_CA_CERTS'];
	let extraPem = '';
	if (extra) {
		try {
			extraPem = readFileSync(extra, 'utf8');
		} catch {
			// Node warned about the unreadable file when it started, and trusts nothing from it.
		}
	}
	return [...tls.rootCertificates, ...(extraPem.match(PEM_BLOCK) ?? [])];
}
