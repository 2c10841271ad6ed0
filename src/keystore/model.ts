import type { CertificateFacts, KeyFacts } from './certificate';
import type { EncryptionScheme } from './pbe';

export type { CertificateFacts, KeyFacts } from './certificate';
export type { EncryptionScheme } from './pbe';

export type Severity = 'error' | 'warning' | 'info';

/** Every finding code, in the order the README lists them. */
export const FINDING_CODES = [
	'expired',
	'not_yet_valid',
	'expiring_soon',
	'no_client_auth_eku',
	'key_usage_forbids_signature',
	'key_cert_mismatch',
	'chain_incomplete',
	'self_signed',
	'weak_key',
	'weak_signature',
	'legacy_encryption',
	'no_integrity_mac',
	'unencrypted_private_key',
	'high_kdf_iterations',
	'multiple_private_keys',
	'no_private_key',
	'trusted_certs_only',
	'extension_mismatch',
	'key_password_differs',
	'alias_not_found',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** Something worth telling about a keystore that could be read. */
export interface Finding {
	readonly code: FindingCode;
	readonly severity: Severity;
	/** One or two sentences: what is wrong, and what to do. */
	readonly message: string;
	/** The entry it concerns, when it concerns one. */
	readonly alias?: string;
}

/** A certificate of an entry, with its DER encoding for Download. */
export interface ReportCertificate extends CertificateFacts {
	readonly derBase64: string;
}

export interface KeystoreEntry {
	/** The alias (JKS) or friendly name (PKCS#12); null when the keystore gives none. */
	readonly alias: string | null;
	readonly kind: 'privateKey' | 'trustedCertificate';
	/** Leaf first, then its issuers up to the root as far as the keystore holds them. */
	readonly certificates: ReportCertificate[];
	/** The private key's facts (never the key itself). */
	readonly key?: KeyFacts;
}

/** Everything Validate shows: the result of reading one keystore. */
export interface KeystoreReport {
	/** The file name as the caller gave it. */
	readonly file: string;
	readonly format: 'pkcs12' | 'jks';
	readonly encryption: {
		readonly privateKeys: EncryptionScheme[];
		readonly certificates: EncryptionScheme[];
		/** The integrity check; null when the keystore has none. */
		readonly mac: { readonly algorithm: string; readonly iterations: number } | null;
	};
	readonly entries: KeystoreEntry[];
	readonly findings: Finding[];
	/**
	 * The Identifier: SHA-256 fingerprint of the client (leaf) certificate of the private-key
	 * entry in use. Absent when there is none, or several and no alias was chosen.
	 */
	readonly identifier?: string;
	/** Valid Till: when that client certificate expires (ISO 8601, UTC). */
	readonly validTill?: string;
	/** The alias of the private-key entry in use. */
	readonly alias?: string | null;
}
