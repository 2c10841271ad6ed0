import { X509Certificate } from 'node:crypto';

/**
 * What is wrong with the text of a CA file given for the server's certificate, or undefined
 * when it holds PEM certificates that all parse. Node would skip a damaged block silently.
 */
export function caFileProblem(text: string, file: string): string | undefined {
	const blocks = text.match(/-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g) ?? [];
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
