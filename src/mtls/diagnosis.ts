import type { Diagnosis, DiagnosisCode } from './model';

/** What we know of our own side, to turn a vague refusal into a likely cause. */
export interface ClientFacts {
	/** Whether a client certificate was offered at all. */
	readonly offered: boolean;
	/** Our client certificate has expired (or is not yet valid). */
	readonly expired?: boolean;
	/** Our client certificate's extended key usage leaves out clientAuth. */
	readonly noClientAuth?: boolean;
	/** Our client certificate's key usage does not allow digital signatures. */
	readonly noDigitalSignature?: boolean;
	/** Only the client certificate is sent: the keystore holds none of its issuers. */
	readonly noIssuerSent?: boolean;
}

/** TLS alerts by number, as OpenSSL names them in Node's error codes. */
const ALERTS: Record<string, number> = {
	HANDSHAKE_FAILURE: 40,
	BAD_CERTIFICATE: 42,
	UNSUPPORTED_CERTIFICATE: 43,
	CERTIFICATE_REVOKED: 44,
	CERTIFICATE_EXPIRED: 45,
	CERTIFICATE_UNKNOWN: 46,
	UNKNOWN_CA: 48,
	ACCESS_DENIED: 49,
	PROTOCOL_VERSION: 70,
	INSUFFICIENT_SECURITY: 71,
	CERTIFICATE_REQUIRED: 116,
};

/** The number of the TLS alert the peer sent, read from a Node error; undefined if none. */
export function alertNumber(error: unknown): number | undefined {
	const code = errorCode(error);
	const named = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_ALERT_([A-Z_]+)$/.exec(code ?? '');
	if (named?.[1] !== undefined && ALERTS[named[1]] !== undefined) {
		return ALERTS[named[1]];
	}
	const numbered = /alert number (\d+)/.exec(error instanceof Error ? error.message : '');
	return numbered?.[1] === undefined ? undefined : Number(numbered[1]);
}

export function errorCode(error: unknown): string | undefined {
	if (typeof error === 'object' && error !== null && 'code' in error) {
		const { code } = error;
		return typeof code === 'string' ? code : undefined;
	}
	return undefined;
}

function diagnosis(code: DiagnosisCode, message: string): Diagnosis {
	return { code, message };
}

const UNKNOWN_ISSUER_ALONE =
	'The receiver could not trace our client certificate to a CA it trusts, and the keystore ' +
	'holds only the client certificate, none of its issuers. If an intermediate CA issued it, ' +
	'add that certificate to the keystore (or have the receiver install it); otherwise the ' +
	'receiver does not trust the CA that issued it: send its administrator the certificate ' +
	'from Download.';

/** Why a receiver may refuse a client certificate it did get, from what we know of ours. */
function likelyCause(client: ClientFacts): Diagnosis | undefined {
	if (client.expired) {
		return diagnosis(
			'client_certificate_expired',
			'Our client certificate is outside its validity period, and the receiver refused it. ' +
				'Add a New certificate and promote it.',
		);
	}
	if (client.noClientAuth) {
		return diagnosis(
			'client_certificate_unsupported',
			'Our client certificate is not meant for client authentication: its extended key ' +
				'usage leaves out clientAuth. Ask the issuing CA for a client certificate.',
		);
	}
	if (client.noDigitalSignature) {
		return diagnosis(
			'client_certificate_unsupported',
			'Our client certificate is not meant for client authentication: its key usage does ' +
				'not allow digital signatures. Ask the issuing CA for a client certificate.',
		);
	}
	if (client.noIssuerSent) {
		return diagnosis('unknown_ca', UNKNOWN_ISSUER_ALONE);
	}
	return undefined;
}

/**
 * The receiver closed the connection right after the handshake, before any reply and without an
 * alert: Node's https (and others) reject a client certificate that way.
 */
export function diagnoseSilentClose(client: ClientFacts): Diagnosis {
	const heard =
		'The receiver closed the connection right after the TLS handshake, without a reply or a ' +
		'reason: the way some servers reject a client certificate.';
	if (!client.offered) {
		return diagnosis(
			'client_certificate_required',
			`${heard} No client certificate was sent; most likely it requires one.`,
		);
	}
	const cause = likelyCause(client);
	return cause
		? diagnosis(cause.code, `${heard} ${cause.message}`)
		: diagnosis(
				'unknown_ca',
				`${heard} Our certificate looks sound, so most likely the receiver does not trust ` +
					'the CA that issued it: send its administrator the chain from Download. Its log ' +
					'says for sure.',
			);
}

/** The diagnosis of a TLS alert the receiver sent during or right after the handshake. */
export function diagnoseAlert(alert: number, client: ClientFacts): Diagnosis {
	const heard = `The receiver ended the TLS handshake with alert ${alert}`;
	switch (alert) {
		case 40:
			// A handshake failure: no version or cipher in common, or (TLS 1.2) a receiver that
			// got no certificate when it required one.
			return client.offered
				? diagnosis(
						'protocol_version',
						`${heard} (handshake failure): we share no TLS version or cipher suite it ` +
							'accepts, or it refused the handshake for a reason it did not name. Its ' +
							'log says which. Node offers TLS 1.2 and 1.3 with current cipher suites.',
					)
				: diagnosis(
						'client_certificate_required',
						`${heard} (handshake failure): it most likely requires a client certificate, ` +
							'and none was sent. Add a certificate to the integration.',
					);
		case 116:
			return diagnosis(
				'client_certificate_required',
				`${heard} (certificate required): ` +
					(client.offered
						? 'it wants a client certificate and did not take ours as one. Check that ' +
							'the receiver asks for certificates from the CA that issued ours.'
						: 'it requires a client certificate and none was sent. Add a certificate to ' +
							'the integration.'),
			);
		case 42:
		case 44:
		case 46:
			return (
				likelyCause(client) ??
				diagnosis(
					'client_certificate_rejected',
					`${heard} (${alert === 44 ? 'certificate revoked' : 'bad certificate'}): it ` +
						'rejected our client certificate. Its administrator can see why in its log.',
				)
			);
		case 43:
			return diagnosis(
				'client_certificate_unsupported',
				`${heard} (unsupported certificate): it does not accept our client certificate for ` +
					'this use: its extended key usage leaves out clientAuth, or its key usage ' +
					'does not allow digital signatures.' +
					(client.noClientAuth || client.noDigitalSignature
						? ' The keystore check found exactly that.'
						: ''),
			);
		case 45:
			return diagnosis(
				'client_certificate_expired',
				`${heard} (certificate expired): it found our client certificate, or a CA ` +
					'certificate in its chain, expired. Add a New certificate and promote it.',
			);
		case 48:
			return diagnosis(
				'unknown_ca',
				`${heard} (unknown CA). ` +
					(client.noIssuerSent
						? UNKNOWN_ISSUER_ALONE
						: 'It does not trust the CA that issued our client certificate: send its ' +
							'administrator the chain from Download to install in its trust store.'),
			);
		case 49:
			return diagnosis(
				'access_denied',
				`${heard} (access denied): it accepted our certificate as valid but does not allow ` +
					'this sender. Ask its administrator to allow our certificate (give them the ' +
					'Identifier).',
			);
		case 70:
		case 71:
			return diagnosis(
				'protocol_version',
				`${heard} (${alert === 70 ? 'protocol version' : 'insufficient security'}): we ` +
					'share no TLS version or cipher it accepts. Node offers TLS 1.2 and 1.3.',
			);
		default:
			return diagnosis(
				'client_certificate_rejected',
				`${heard}. Its administrator can see why in its log.`,
			);
	}
}

/**
 * An HTTP status that says the TLS layer refused our certificate: nginx completes the handshake
 * and answers 400 with a page that names the cause.
 */
export function diagnoseCertificatePage(body: string, client: ClientFacts): Diagnosis | undefined {
	if (/No required SSL certificate was sent/i.test(body)) {
		return diagnosis(
			'client_certificate_required',
			client.offered
				? 'The receiver (nginx) says no client certificate was sent, although one was ' +
						'offered: it asks only for certificates from CAs it trusts, and ours is not one.'
				: 'The receiver (nginx) requires a client certificate and none was sent. Add a ' +
						'certificate to the integration.',
		);
	}
	if (/The SSL certificate error/i.test(body)) {
		return (
			likelyCause(client) ??
			diagnosis(
				'unknown_ca',
				'The receiver (nginx) could not verify our client certificate. Nothing is wrong ' +
					'with the certificate itself, so most likely the receiver does not trust the CA ' +
					'that issued it: send its administrator the chain from Download.',
			)
		);
	}
	return undefined;
}

/** The statuses after which Webex Connect does not retry a delivery, from its documentation. */
const NOT_RETRIED = new Set([
	202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 402,
	404, 405, 406, 407, 408, 409, 410, 411, 414, 415, 416, 418, 505,
]);

/** A reply other than 200, which the platform takes as a failure: what it means. */
export function diagnoseStatus(
	status: number,
	method: 'HEAD' | 'POST',
	location?: string,
): Diagnosis {
	const what = `The receiver answered ${method} with HTTP ${status}`;
	let advice: string;
	if (status > 200 && status < 300) {
		advice = ', not 200: the platform counts only 200 as delivered.';
	} else if (status >= 300 && status < 400) {
		advice =
			`: a redirect${location ? ` to ${location}` : ''}, which was not followed, so that ` +
			'the client certificate is never presented to another address. Use the final URL.';
	} else if (status === 401 || status === 403) {
		advice = ': it accepted the TLS connection but does not authorise this sender.';
	} else if (status === 404) {
		advice = ': the path of the URL is not one it serves. Check the URL.';
	} else if (status === 405) {
		advice =
			`: it does not allow ${method} at this URL. The platform checks an endpoint with a ` +
			'HEAD request that must answer 200 before it delivers events.';
	} else if (status >= 500) {
		advice = ': the receiver failed; its log says why. Deliveries are retried on such errors.';
	} else {
		advice = ', not 200.';
	}
	const final = NOT_RETRIED.has(status)
		? ' Webex Connect does not retry a delivery answered with this status.'
		: '';
	return diagnosis('http_status', `${what}${advice}${final}`);
}
