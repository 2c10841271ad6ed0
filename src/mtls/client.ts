import type { OpenedKeystore } from '../keystore/inspect';
import type { ClientCertificate } from './connectionTest';

/**
 * The client side of a test from an opened keystore: the private-key entry in use, its key, and
 * the chain to send (the leaf and its intermediates; a root is the receiver's to have). Undefined
 * when the keystore has no private key, or several and none was chosen.
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
	return {
		key,
		chain: entry.certificates
			.filter((certificate, index) => index === 0 || !certificate.selfSigned)
			.map((certificate) => Buffer.from(certificate.derBase64, 'base64')),
		identifier: report.identifier,
		facts: {
			expired: found.has('expired') || found.has('not_yet_valid'),
			noClientAuth: found.has('no_client_auth_eku'),
			chainIncomplete: found.has('chain_incomplete'),
		},
	};
}
