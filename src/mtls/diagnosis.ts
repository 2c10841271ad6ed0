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
	/** The keystore holds the client certificate alone, none of its issuers. */
	readonly noIssuerSent?: boolean;
	/** Our certificate's key, "EC P-256" or "RSA 2048", to name in a refusal. */
	readonly key?: string;
	/** The issuer of our certificate, to compare with the CAs a receiver asks for. */
	readonly issuer?: string;
}

/** TLS alerts by number (RFC 8446 and RFC 5246), as OpenSSL names them in Node's error codes. */
const ALERTS: Record<string, number> = {
	UNEXPECTED_MESSAGE: 10,
	BAD_RECORD_MAC: 20,
	RECORD_OVERFLOW: 22,
	DECOMPRESSION_FAILURE: 30,
	HANDSHAKE_FAILURE: 40,
	NO_CERTIFICATE: 41,
	BAD_CERTIFICATE: 42,
	UNSUPPORTED_CERTIFICATE: 43,
	CERTIFICATE_REVOKED: 44,
	CERTIFICATE_EXPIRED: 45,
	CERTIFICATE_UNKNOWN: 46,
	ILLEGAL_PARAMETER: 47,
	UNKNOWN_CA: 48,
	ACCESS_DENIED: 49,
	DECODE_ERROR: 50,
	DECRYPT_ERROR: 51,
	EXPORT_RESTRICTION: 60,
	PROTOCOL_VERSION: 70,
	INSUFFICIENT_SECURITY: 71,
	INTERNAL_ERROR: 80,
	INAPPROPRIATE_FALLBACK: 86,
	USER_CANCELLED: 90,
	NO_RENEGOTIATION: 100,
	MISSING_EXTENSION: 109,
	UNSUPPORTED_EXTENSION: 110,
	CERTIFICATE_UNOBTAINABLE: 111,
	UNRECOGNIZED_NAME: 112,
	BAD_CERTIFICATE_STATUS_RESPONSE: 113,
	BAD_CERTIFICATE_HASH_VALUE: 114,
	UNKNOWN_PSK_IDENTITY: 115,
	CERTIFICATE_REQUIRED: 116,
	NO_APPLICATION_PROTOCOL: 120,
};

/** The number of the TLS alert the peer sent, read from a Node error; undefined if none. */
export function alertNumber(error: unknown): number | undefined {
	const code = errorCode(error);
	// OpenSSL words a few alerts without "ALERT": ERR_SSL_TLSV1_UNRECOGNIZED_NAME, for one.
	const named = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13|SSL_TLS)_(?:ALERT_)?([A-Z_]+)$/.exec(code ?? '');
	if (named?.[1] !== undefined && ALERTS[named[1]] !== undefined) {
		return ALERTS[named[1]];
	}
	const numbered = /alert number (\d+)/.exec(error instanceof Error ? error.message : '');
	return numbered?.[1] === undefined ? undefined : Number(numbered[1]);
}

/** The alert's name in lower case words, "bad certificate"; undefined for an unknown number. */
export function alertName(alert: number): string | undefined {
	const name = Object.keys(ALERTS).find((key) => ALERTS[key] === alert);
	return name?.toLowerCase().replaceAll('_', ' ');
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

/** What is wrong with our client certificate itself, when the keystore check found it. */
function intrinsicCause(client: ClientFacts): Diagnosis | undefined {
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
	return undefined;
}

/**
 * Why a receiver that names no reason may refuse a client certificate it did get: a fault of
 * the certificate, else the one thing about its issuers the keystore shows.
 */
function likelyCause(client: ClientFacts): Diagnosis | undefined {
	return (
		intrinsicCause(client) ??
		(client.noIssuerSent
			? diagnosis(
					'unknown_ca',
					'Most likely it could not trace our client certificate to a CA it trusts: the ' +
						'keystore holds only the client certificate, none of its ' +
						'issuers. If an intermediate CA issued it, add that certificate to the ' +
						'keystore (or have the receiver install it); otherwise send its administrator ' +
						'the certificate from Download. It may also have been revoked, or the receiver ' +
						'failed on the request: its log says which.',
				)
			: undefined)
	);
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

/** Where in the handshake an alert came. */
export interface AlertContext {
	/**
	 * The receiver's hello had arrived, so a version and cipher suite were agreed and the
	 * refusal is about what came after: in TLS 1.2, our certificate.
	 */
	readonly afterServerHello: boolean;
}

/** The plain words of alerts that are not about our certificate. */
const OTHER_ALERTS: Record<number, string> = {
	10: 'a message came out of order',
	20: 'a record did not decrypt: something between us and the receiver may alter the traffic',
	22: 'a record was too long',
	47: 'a field of our handshake had a value it does not accept',
	50: 'it could not decode our handshake',
	51:
		'it could not verify a signature of the handshake: the key in the keystore may not be the ' +
		"one of its certificate, or the receiver cannot check our key's kind of signature",
	80: 'it failed inside, for a reason of its own',
	86: 'it saw a downgraded retry',
	90: 'it cancelled the handshake',
	109: 'our hello lacked an extension it requires',
	110: 'our hello carried an extension it does not support',
	112:
		'it does not serve the host name of the URL (sent as the TLS server name): check the host ' +
		'of the URL, or ask its administrator to serve that name',
	120:
		'it speaks none of the application protocols we offered (HTTP/1.1): it may speak HTTP/2 ' +
		'only, which webhook platforms do not use for deliveries',
};

/** The diagnosis of a TLS alert the receiver sent during or right after the handshake. */
export function diagnoseAlert(
	alert: number,
	client: ClientFacts,
	context: AlertContext = { afterServerHello: false },
): Diagnosis {
	const name = alertName(alert);
	const heard = `The receiver ended the TLS handshake with alert ${alert}${name ? ` (${name})` : ''}`;
	const notTaken =
		'it did not get a client certificate it can use: ours is not from a CA it asks for' +
		`${client.issuer ? ` (ours is issued by ${client.issuer})` : ''}, or its key` +
		`${client.key ? ` (${client.key})` : ''} or signature algorithm is not one it accepts. ` +
		'Its log says which.';
	switch (alert) {
		case 40:
			if (!client.offered) {
				return diagnosis(
					'client_certificate_required',
					`${heard}: it most likely requires a client certificate, and none was sent. ` +
						'Add a certificate to the integration.',
				);
			}
			// A TLS 1.2 receiver that got no certificate it can use says "handshake failure" once
			// the version and cipher are agreed; before that, they are what failed.
			return context.afterServerHello
				? diagnosis('client_certificate_required', `${heard}: ${notTaken}`)
				: diagnosis(
						'protocol_version',
						`${heard}: we share no TLS version or cipher suite it accepts. Its log says ` +
							'which. Node offers TLS 1.2 and 1.3 with current cipher suites.',
					);
		case 116:
			return diagnosis(
				'client_certificate_required',
				`${heard}: ` +
					(client.offered
						? notTaken
						: 'it requires a client certificate and none was sent. Add a certificate to ' +
							'the integration.'),
			);
		case 42:
		case 46: {
			if (!context.afterServerHello) {
				// No certificate had been sent yet: the alert is about something else.
				return diagnosis(
					'handshake_failed',
					`${heard} before it had seen any certificate of ours: it refused our hello. Its ` +
						'administrator can see why in its log.',
				);
			}
			const cause = intrinsicCause(client);
			return cause
				? diagnosis(cause.code, `${heard}. ${cause.message}`)
				: diagnosis(
						'client_certificate_rejected',
						`${heard}: it rejected our client certificate without saying why. Its ` +
							'administrator can see the reason in its log.',
					);
		}
		case 44:
			return diagnosis(
				'client_certificate_rejected',
				`${heard}: the CA that issued our client certificate has revoked it. Add a New ` +
					'certificate and promote it.',
			);
		case 43:
			return diagnosis(
				'client_certificate_unsupported',
				`${heard}: it does not accept our client certificate for this use. ` +
					(client.noClientAuth || client.noDigitalSignature
						? 'The keystore check found why: its extended key usage leaves out ' +
							'clientAuth, or its key usage does not allow digital signatures. Ask the ' +
							'issuing CA for a client certificate.'
						: 'Its key usage and extended key usage allow client authentication, so the ' +
							'receiver checks for another purpose or applies a policy of its own: its ' +
							'log says which.'),
			);
		case 45:
			return diagnosis(
				'client_certificate_expired',
				`${heard}: ` +
					(client.expired
						? 'our client certificate, or a CA certificate of its chain, is outside its ' +
							'validity period. Add a New certificate and promote it.'
						: 'yet our certificate and the CA certificates the keystore holds are valid ' +
							"now, so the receiver's clock may be wrong, or a CA certificate it holds " +
							'itself has expired: its log says which.'),
			);
		case 48:
			return diagnosis(
				'unknown_ca',
				`${heard}. ` +
					(client.noIssuerSent
						? UNKNOWN_ISSUER_ALONE
						: 'It does not trust the CA that issued our client certificate: send its ' +
							'administrator the chain from Download to install in its trust store.'),
			);
		case 49:
			return diagnosis(
				'access_denied',
				`${heard}: it accepted our certificate as valid but does not allow this sender. ` +
					'Ask its administrator to allow our certificate (give them the Identifier).',
			);
		case 70:
		case 71:
			return diagnosis(
				'protocol_version',
				`${heard}: we share no TLS version or cipher it accepts. Node offers TLS 1.2 and 1.3.`,
			);
		default: {
			const words = OTHER_ALERTS[alert];
			return diagnosis(
				'handshake_failed',
				`${heard}${words ? `: ${words}.` : '.'} Its administrator can see more in its log.`,
			);
		}
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
					'that issued it: send its administrator the chain from Download. (It may also ' +
					'have been revoked: the error log of nginx names the reason.)',
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
		advice =
			': it accepted the TLS connection but does not authorise this sender. Ask its ' +
			'administrator to allow our certificate (give them the Identifier) and, when the ' +
			'integration signs its events, to check the hub secret.';
	} else if (status === 404) {
		advice = ': the path of the URL is not one it serves. Check the URL.';
	} else if (status === 405) {
		advice =
			`: it does not allow ${method} at this URL. The platform checks an endpoint with a ` +
			'HEAD request that must answer 200 before it delivers events.';
	} else if (status === 413 && method === 'POST') {
		advice =
			': the body is larger than it accepts. The sample event is small, so real events ' +
			'will be refused too: raise its limit on request bodies.';
	} else if (status === 413) {
		advice = ': it finds the request too large, though a HEAD has no body: check its limits.';
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
