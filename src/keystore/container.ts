import type { EncryptionScheme } from './pbe';

/** A private key as found in a keystore, decrypted, before it is parsed. */
export interface RawKey {
	/** PKCS#8 PrivateKeyInfo, DER; absent while the key is locked. */
	readonly pkcs8?: Buffer;
	/** Set when no password given opened this key (JKS keys with a password of their own). */
	readonly locked?: boolean;
	readonly friendlyName?: string | undefined;
	readonly localKeyId?: Buffer | undefined;
	/** Whether the keystore stored it encrypted. */
	readonly encrypted: boolean;
	/** Certificates stored with the key (JKS keeps a chain per key entry), DER, leaf first. */
	readonly chain?: Buffer[];
	/** Whether the key opened with a key password other than the store password. */
	readonly ownPassword?: boolean;
}

/** A certificate as found in a keystore. */
export interface RawCertificate {
	readonly der: Buffer;
	readonly friendlyName?: string | undefined;
	readonly localKeyId?: Buffer | undefined;
	/** Marked as a trusted-certificate entry (JKS, or Java's PKCS#12 attribute). */
	readonly trusted: boolean;
}

/** What a container reader found, before keys and certificates are parsed and paired. */
export interface ContainerContents {
	readonly format: 'pkcs12' | 'jks';
	readonly keys: RawKey[];
	readonly certificates: RawCertificate[];
	readonly encryption: {
		readonly privateKeys: EncryptionScheme[];
		readonly certificates: EncryptionScheme[];
	};
	/** The integrity check: the MAC of PKCS#12, the keyed digest of JKS; null when absent. */
	readonly mac: { readonly algorithm: string; readonly iterations: number } | null;
	/** Set when no password was given and the integrity check could not be made. */
	readonly integrityUnchecked?: boolean;
}
