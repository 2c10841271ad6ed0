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
