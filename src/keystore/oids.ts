/** Object identifiers the engine reads, and the names users see for them (openssl's words). */

export const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	envelopedData: '1.2.840.113549.1.7.3',
	encryptedData: '1.2.840.113549.1.7.6',

	keyBag: '1.2.840.113549.1.12.10.1.1',
	pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
	certBag: '1.2.840.113549.1.12.10.1.3',
	crlBag: '1.2.840.113549.1.12.10.1.4',
	secretBag: '1.2.840.113549.1.12.10.1.5',
	safeContentsBag: '1.2.840.113549.1.12.10.1.6',
	x509Certificate: '1.2.840.113549.1.9.22.1',

	friendlyName: '1.2.840.113549.1.9.20',
	localKeyId: '1.2.840.113549.1.9.21',
	/** Java's mark on a trusted-certificate entry in a PKCS#12 keystore. */
	oracleTrustedKeyUsage: '2.16.840.1.113894.746875.1.1',

	pbes2: '1.2.840.113549.1.5.13',
	pbkdf2: '1.2.840.113549.1.5.12',
	pbmac1: '1.2.840.113549.1.5.14',

	keyUsage: '2.5.29.15',
	basicConstraints: '2.5.29.19',
} as const;

/** PKCS#12 password-based encryption schemes (RFC 7292 appendix C). */
export const PKCS12_PBE: Record<string, { name: string; cipher: string; keyBytes: number }> = {
	'1.2.840.113549.1.12.1.1': { name: 'pbeWithSHA1And128BitRC4', cipher: 'rc4', keyBytes: 16 },
	'1.2.840.113549.1.12.1.2': { name: 'pbeWithSHA1And40BitRC4', cipher: 'rc4', keyBytes: 5 },
	'1.2.840.113549.1.12.1.3': {
		name: 'pbeWithSHA1And3-KeyTripleDES-CBC',
		cipher: 'des-ede3-cbc',
		keyBytes: 24,
	},
	'1.2.840.113549.1.12.1.4': {
		name: 'pbeWithSHA1And2-KeyTripleDES-CBC',
		cipher: 'des-ede-cbc',
		keyBytes: 16,
	},
	'1.2.840.113549.1.12.1.5': { name: 'pbeWithSHA1And128BitRC2-CBC', cipher: 'rc2', keyBytes: 16 },
	'1.2.840.113549.1.12.1.6': { name: 'pbeWithSHA1And40BitRC2-CBC', cipher: 'rc2', keyBytes: 5 },
};

/** PBES2 encryption schemes: Node's cipher name and key length. */
export const PBES2_CIPHERS: Record<string, { name: string; cipher: string; keyBytes: number }> = {
	'2.16.840.1.101.3.4.1.2': { name: 'AES-128-CBC', cipher: 'aes-128-cbc', keyBytes: 16 },
	'2.16.840.1.101.3.4.1.22': { name: 'AES-192-CBC', cipher: 'aes-192-cbc', keyBytes: 24 },
	'2.16.840.1.101.3.4.1.42': { name: 'AES-256-CBC', cipher: 'aes-256-cbc', keyBytes: 32 },
	'1.2.840.113549.3.7': { name: 'DES-EDE3-CBC', cipher: 'des-ede3-cbc', keyBytes: 24 },
	'1.3.14.3.2.7': { name: 'DES-CBC', cipher: 'des-cbc', keyBytes: 8 },
};

/** Ciphers that PBES2 may name but the engine does not decrypt, by name for the message. */
export const UNSUPPORTED_CIPHERS: Record<string, string> = {
	'1.2.392.200011.61.1.1.1.2': 'CAMELLIA-128-CBC',
	'1.2.392.200011.61.1.1.1.3': 'CAMELLIA-192-CBC',
	'1.2.392.200011.61.1.1.1.4': 'CAMELLIA-256-CBC',
	'1.2.840.113549.3.2': 'RC2-CBC',
	'2.16.840.1.101.3.4.1.6': 'AES-128-GCM',
	'2.16.840.1.101.3.4.1.46': 'AES-256-GCM',
	'2.16.840.1.101.3.4.1.26': 'AES-192-GCM',
	'2.16.840.1.101.3.4.1.1': 'AES-128-ECB',
	'2.16.840.1.101.3.4.1.21': 'AES-192-ECB',
	'2.16.840.1.101.3.4.1.41': 'AES-256-ECB',
	'2.16.840.1.101.3.4.1.3': 'AES-128-OFB',
	'2.16.840.1.101.3.4.1.23': 'AES-192-OFB',
	'2.16.840.1.101.3.4.1.43': 'AES-256-OFB',
	'2.16.840.1.101.3.4.1.4': 'AES-128-CFB',
	'2.16.840.1.101.3.4.1.24': 'AES-192-CFB',
	'2.16.840.1.101.3.4.1.44': 'AES-256-CFB',
	'1.2.410.200046.1.1.2': 'ARIA-128-CBC',
	'1.2.410.200046.1.1.7': 'ARIA-192-CBC',
	'1.2.410.200046.1.1.12': 'ARIA-256-CBC',
	'1.2.156.10197.1.104.2': 'SM4-CBC',
	'1.2.410.200004.1.4': 'SEED-CBC',
	'1.3.6.1.4.1.3029.1.2': 'Blowfish-CBC',
};

/** HMAC pseudo-random functions of PBKDF2. */
export const PRFS: Record<string, { name: string; hash: HashName }> = {
	'1.2.840.113549.2.7': { name: 'hmacWithSHA1', hash: 'sha1' },
	'1.2.840.113549.2.8': { name: 'hmacWithSHA224', hash: 'sha224' },
	'1.2.840.113549.2.9': { name: 'hmacWithSHA256', hash: 'sha256' },
	'1.2.840.113549.2.10': { name: 'hmacWithSHA384', hash: 'sha384' },
	'1.2.840.113549.2.11': { name: 'hmacWithSHA512', hash: 'sha512' },
};

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Digests of the PKCS#12 MAC. */
export const DIGESTS: Record<string, HashName> = {
	'1.3.14.3.2.26': 'sha1',
	'2.16.840.1.101.3.4.2.4': 'sha224',
	'2.16.840.1.101.3.4.2.1': 'sha256',
	'2.16.840.1.101.3.4.2.2': 'sha384',
	'2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Older schemes that a keystore may name, for the "unsupported" message. */
export const KNOWN_UNSUPPORTED: Record<string, string> = {
	'1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC (PBES1)',
	'1.2.840.113549.1.5.6': 'pbeWithMD5AndRC2-CBC (PBES1)',
	'1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC (PBES1)',
	'1.2.840.113549.1.5.11': 'pbeWithSHA1AndRC2-CBC (PBES1)',
	'1.2.840.113549.1.5.14': 'PBMAC1 (RFC 9579)',
	'1.2.840.113549.2.5': 'MD5',
	'1.2.840.113549.2.2': 'MD2',
	'2.16.840.1.101.3.4.2.7': 'SHA3-224',
	'2.16.840.1.101.3.4.2.8': 'SHA3-256',
	'2.16.840.1.101.3.4.2.9': 'SHA3-384',
	'2.16.840.1.101.3.4.2.10': 'SHA3-512',
};

/** Certificate signature algorithms, named as openssl names them. */
export const SIGNATURE_ALGORITHMS: Record<string, string> = {
	'1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
	'1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
	'1.2.840.113549.1.1.10': 'rsassaPss',
	'1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
	'1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
	'1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
	'1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
	'1.2.840.10045.4.1': 'ecdsa-with-SHA1',
	'1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
	'1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
	'1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
	'1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
	'1.3.101.112': 'ED25519',
	'1.3.101.113': 'ED448',
	'1.2.840.10040.4.3': 'dsaWithSHA1',
	'2.16.840.1.101.3.4.3.1': 'dsa_with_SHA224',
	'2.16.840.1.101.3.4.3.2': 'dsa_with_SHA256',
};

/** Signature algorithms too weak to trust: the digest is broken. */
export const WEAK_SIGNATURES = new Set([
	'md5WithRSAEncryption',
	'sha1WithRSAEncryption',
	'ecdsa-with-SHA1',
	'dsaWithSHA1',
]);

/** Extended key usages by OID, named as in RFC 5280. */
export const EXTENDED_KEY_USAGES: Record<string, string> = {
	'1.3.6.1.5.5.7.3.1': 'serverAuth',
	'1.3.6.1.5.5.7.3.2': 'clientAuth',
	'1.3.6.1.5.5.7.3.3': 'codeSigning',
	'1.3.6.1.5.5.7.3.4': 'emailProtection',
	'1.3.6.1.5.5.7.3.8': 'timeStamping',
	'1.3.6.1.5.5.7.3.9': 'OCSPSigning',
	'2.5.29.37.0': 'anyExtendedKeyUsage',
};

/** Key usage bits in the order of the BIT STRING (RFC 5280 section 4.2.1.3). */
export const KEY_USAGE_BITS = [
	'digitalSignature',
	'nonRepudiation',
	'keyEncipherment',
	'dataEncipherment',
	'keyAgreement',
	'keyCertSign',
	'cRLSign',
	'encipherOnly',
	'decipherOnly',
] as const;

/** Node's names of named curves, as NIST and openssl name them. */
export const CURVES: Record<string, string> = {
	prime256v1: 'P-256',
	secp384r1: 'P-384',
	secp521r1: 'P-521',
	secp224r1: 'P-224',
	prime192v1: 'P-192',
};
