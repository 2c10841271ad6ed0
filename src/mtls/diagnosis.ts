import { alertName } from './alerts';
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

export function diagnosis(code: DiagnosisCode, message: string): Diagnosis {
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
export function likelyCause(client: ClientFacts): Diagnosis | undefined {
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
