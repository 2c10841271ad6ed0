import type { OpenedKeystore } from '../keystore/inspect';
import type { ClientCertificate } from './connectionTest';

/**
 * The client side of a test from an opened keystore: the private-key entry in use, its key, and
 * the chain to send (the leaf and its intermediates; a root is the receiver's to have). Undefined
 * when there is no usable key; `noClientReason` then says why.
 */
export function clientCertificateOf(opened: OpenedKeystore): ClientCertificate | undefined {
	const { report, privateKeys } = opened;
	if (report.identifier === undefined) {
		return undefined;
	}
	const alias = report.alias ?? null;
	const entry = report.entries.find(
		(candidate) => candidate.kind === 'privateKey' && candidate.alias === alias,
	);
	const key = privateKeys.get(alias ?? '');
	if (!entry || !key) {
		return undefined;
	}
	const found = new Set(
		report.findings
			.filter((finding) => finding.alias === undefined || finding.alias === alias)
			.map((finding) => finding.code),
	);
	const chain = entry.certificates.filter(
		(certificate, index) => index === 0 || !certificate.selfSigned,
	);
	const [leaf] = entry.certificates;
	const leafKey = leaf?.key;
	return {
		key,
		chain: chain.map((certificate) => Buffer.from(certificate.derBase64, 'base64')),
		identifier: report.identifier,
		facts: {
			expired: found.has('expired') || found.has('not_yet_valid'),
			noClientAuth: found.has('no_client_auth_eku'),
			noDigitalSignature: found.has('key_usage_forbids_signature'),
			// A root in the keystore is not sent, but it shows which CA the receiver must trust.
			noIssuerSent: entry.certificates.length === 1 && leaf?.selfSigned === false,
			...(leaf ? { issuer: leaf.issuer } : {}),
			...(leafKey
				? { key: [leafKey.type, leafKey.curve ?? leafKey.bits].filter(Boolean).join(' ') }
				: {}),
		},
	};
}

/** Why a keystore gives no client certificate to present, in words that name the file. */
export function noClientReason(opened: OpenedKeystore, file: string): string {
	const { report } = opened;
	const keys = report.entries.filter((entry) => entry.kind === 'privateKey');
	const finding = report.findings.find(
		(candidate) => candidate.code === 'alias_not_found' || candidate.code === 'key_cert_mismatch',
	);
	if (keys.length === 0) {
		return (
			`"${file}" holds no private key, so it cannot present a client certificate. Use the ` +
			'keystore that holds the key and certificate together.'
		);
	}
	if (finding) {
		return `"${file}": ${finding.message}`;
	}
	if (keys.length > 1) {
		const aliases = keys.map((entry) => `"${entry.alias ?? ''}"`).join(', ');
		return (
			`"${file}" holds ${keys.length} private keys (${aliases}): choose the one to present ` +
			'(--alias on the command line; the alias of the certificate in an integration).'
		);
	}
	return `"${file}" holds no private key that goes with its certificate.`;
}
