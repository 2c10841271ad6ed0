/** Every diagnosis code, in the order the README lists them. */
export const DIAGNOSIS_CODES = [
	'ok',
	'mtls_not_enforced',
	'client_certificate_required',
	'client_certificate_rejected',
	'client_certificate_unsupported',
	'client_certificate_expired',
	'unknown_ca',
	'access_denied',
	'protocol_version',
	'handshake_failed',
	'server_certificate_untrusted',
	'server_certificate_expired',
	'hostname_mismatch',
	'connection_refused',
	'host_not_found',
	'timeout',
	'http_status',
	'bad_reply',
	'no_client_key',
] as const;

export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

/** What a test concluded, in plain words: what happened and what to do about it. */
export interface Diagnosis {
	readonly code: DiagnosisCode;
	readonly message: string;
}

export type StepName = 'dns' | 'tcp' | 'tls' | 'head' | 'post' | 'without-certificate';

/** One step of a test, timed. A step that never started is not listed. */
export interface TestStep {
	readonly name: StepName;
	readonly ok: boolean;
	/** Milliseconds the step took, to a tenth. */
	readonly ms: number;
	/** What the step found: an address, a protocol, a status line, or what went wrong. */
	readonly detail: string;
}

/** A certificate the server presented. */
export interface ServerCertificate {
	readonly subject: string;
	readonly issuer: string;
	/** Expiry, ISO 8601 in UTC. */
	readonly validTill: string;
	readonly expired: boolean;
}

export interface TlsFacts {
	/** For example `TLSv1.3`. */
	readonly version: string;
	/** The OpenSSL name of the cipher suite. */
	readonly cipher: string;
	/** The Identifier of the client certificate offered, or null when none was. */
	readonly clientCertificate: string | null;
	/** Leaf first, as the server sent it. */
	readonly serverChain: ServerCertificate[];
	/** Whether the server's chain led to a trusted root and named the host. */
	readonly serverTrusted: boolean;
	/** Why the server's certificate is not trusted, when it is not. */
	readonly serverTrustProblem?: string;
	/** Set when the test went on although the server's certificate is not trusted. */
	readonly acceptedUntrustedServer: boolean;
}

export interface HttpFacts {
	/** The status of the last request made. */
	readonly status: number;
	/** The status of the HEAD request. */
	readonly headStatus?: number;
	/** The status of the sample event POST, when it was sent. */
	readonly postStatus?: number;
	/** The `x-hub-signature` sent with the POST, when a hub secret was given. */
	readonly signatureAlgorithm?: 'sha256' | 'sha512' | 'sha1';
}

/** The result of a connection test: every step, what TLS and HTTP showed, and a diagnosis. */
export interface TestReport {
	/** True only when the receiver accepted our client certificate and answered as it should. */
	readonly ok: boolean;
	readonly url: string;
	/** The IP address connected to. */
	readonly address?: string;
	readonly steps: TestStep[];
	readonly tls?: TlsFacts;
	readonly http?: HttpFacts;
	readonly diagnosis: Diagnosis;
	/**
	 * Whether the receiver refused the same request without a client certificate; absent when
	 * that was not tried.
	 */
	readonly mtlsEnforced?: boolean;
	/** Things that do not fail the test but deserve attention, in plain words. */
	readonly warnings: string[];
}
