import { X509Certificate, type KeyObject } from 'node:crypto';
import forge from './forge';
import * as der from './der';
import { MalformedError } from './errors';
import { CURVES, EXTENDED_KEY_USAGES, KEY_USAGE_BITS, OID, SIGNATURE_ALGORITHMS } from './oids';

/** What a key is: its algorithm, size in bits, and curve where it has one. */
export interface KeyFacts {
	/** RSA, RSA-PSS, EC, Ed25519, Ed448 or DSA. */
	readonly type: string;
	readonly bits?: number;
	/** NIST name (P-256) where there is one, else Node's name. */
	readonly curve?: string;
}

/** Everything the panel, the CLI and the findings need to know about one certificate. */
export interface CertificateFacts {
	/** RFC 4514 order, most specific first: "CN=…, O=…, C=…". */
	readonly subject: string;
	readonly issuer: string;
	readonly serialHex: string;
	/** ISO 8601, UTC. */
	readonly notBefore: string;
	readonly notAfter: string;
	/** Upper-case hex with colons. The SHA-256 one is the certificate's Identifier. */
	readonly sha256: string;
	readonly sha1: string;
	/**
	 * "DNS:…", "IP Address:…", "email:…", "URI:…", as openssl prints them; other kinds
	 * (othername, DirName) as Node prints them, which differs from openssl.
	 */
	readonly subjectAltNames: string[];
	/** Named key usage bits; null when the extension is absent (every usage allowed). */
	readonly keyUsage: string[] | null;
	/** Names (clientAuth, …) or OIDs; null when the extension is absent. */
	readonly extendedKeyUsage: string[] | null;
	readonly basicConstraints: { readonly ca: boolean; readonly pathLength?: number } | null;
	readonly key: KeyFacts;
	readonly signatureAlgorithm: string;
	readonly selfSigned: boolean;
}

/** A certificate parsed once: Node's object for checks, and its facts for display. */
export interface ParsedCertificate {
	readonly der: Buffer;
	readonly x509: X509Certificate;
	readonly facts: CertificateFacts;
}

/** Parses a DER certificate with Node's crypto; throws MalformedError when it is not one. */
export function parseCertificate(bytes: Buffer): ParsedCertificate {
	let x509: X509Certificate;
	try {
		x509 = new X509Certificate(bytes);
	} catch {
		throw new MalformedError('a certificate');
	}
	const extras = readTbsExtras(bytes);
	const facts: CertificateFacts = {
		subject: distinguishedName(x509.subject),
		issuer: distinguishedName(x509.issuer),
		serialHex: x509.serialNumber.toUpperCase(),
		notBefore: extras.notBefore,
		notAfter: extras.notAfter,
		sha256: x509.fingerprint256,
		sha1: x509.fingerprint,
		subjectAltNames: splitAltNames(x509.subjectAltName),
		keyUsage: extras.keyUsage,
		extendedKeyUsage: x509.keyUsage
			? x509.keyUsage.map((oid) => EXTENDED_KEY_USAGES[oid] ?? oid)
			: null,
		basicConstraints: extras.basicConstraints,
		key: describeKey(x509.publicKey),
		signatureAlgorithm: extras.signatureAlgorithm,
		selfSigned: isSelfSigned(x509),
	};
	return { der: bytes, x509, facts };
}

/**
 * Node prints one RDN per line, most general first, and nothing for an empty name; users read
 * the reverse, on one line, as openssl does with -nameopt dn_rev (which also reverses the
 * values of a multi-valued RDN).
 */
function distinguishedName(nodeForm: string | undefined): string {
	return (nodeForm ?? '')
		.split('\n')
		.filter((rdn) => rdn !== '')
		.reverse()
		.map((rdn) => rdn.split(' + ').reverse().join(' + '))
		.join(', ');
}

/**
 * Node's "DNS:a, IP Address:b", split into names and printed as openssl prints the common ones: Node
 * quotes a value that holds a comma or other special characters, as a JSON string.
 */
function splitAltNames(text: string | undefined): string[] {
	if (!text) {
		return [];
	}
	const names: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (char === '"' && text[i - 1] !== '\\') {
			quoted = !quoted;
		}
		if (!quoted && text.startsWith(', ', i)) {
			names.push(current);
			current = '';
			i++;
			continue;
		}
		current += char;
	}
	names.push(current);
	return names.map(unquoteAltName);
}

function unquoteAltName(name: string): string {
	const colon = name.indexOf(':');
	const value = name.slice(colon + 1);
	if (colon < 0 || !value.startsWith('"')) {
		return name;
	}
	try {
		return `${name.slice(0, colon)}:${JSON.parse(value) as string}`;
	} catch {
		return name;
	}
}

export function describeKey(key: KeyObject): KeyFacts {
	const details = key.asymmetricKeyDetails ?? {};
	switch (key.asymmetricKeyType) {
		case 'rsa':
			return { type: 'RSA', bits: details.modulusLength ?? 0 };
		case 'rsa-pss':
			return { type: 'RSA-PSS', bits: details.modulusLength ?? 0 };
		case 'dsa':
			return { type: 'DSA', bits: details.modulusLength ?? 0 };
		case 'ec': {
			const curve = details.namedCurve ?? 'unknown';
			return { type: 'EC', bits: curveBits(curve), curve: CURVES[curve] ?? curve };
		}
		case 'ed25519':
			return { type: 'Ed25519', bits: 255 };
		case 'ed448':
			return { type: 'Ed448', bits: 448 };
		default:
			return { type: key.asymmetricKeyType ?? 'unknown' };
	}
}

function curveBits(curve: string): number {
	const digits = /(\d{3})/.exec(curve)?.[1];
	return digits ? Number(digits) : 0;
}

/**
 * Issued by itself and signed by its own key. Not X509Certificate.checkIssued, which also
 * demands the keyCertSign usage that a self-signed client certificate rarely has.
 */
function isSelfSigned(x509: X509Certificate): boolean {
	try {
		return x509.subject === x509.issuer && x509.verify(x509.publicKey);
	} catch {
		return false;
	}
}

interface TbsExtras {
	notBefore: string;
	notAfter: string;
	signatureAlgorithm: string;
	keyUsage: string[] | null;
	basicConstraints: { ca: boolean; pathLength?: number } | null;
}

/**
 * What Node 20's X509Certificate does not give exactly: the validity as dates (it gives text
 * with second precision and no year-2050 rule), the signature algorithm, the key usage bits
 * and the path length constraint.
 */
function readTbsExtras(bytes: Buffer): TbsExtras {
	const what = 'a certificate';
	const [tbs, signatureAlgorithmNode] = der.sequence(der.parse(bytes, what), what, 3);
	const fields = der.sequence(tbs, what, 6);
	// The version [0] is optional; serial, signature, issuer, validity follow in order.
	const offset = der.isTagged(fields[0], 0) ? 1 : 0;
	const [notBefore, notAfter] = der.sequence(fields[offset + 3], `${what}: validity`, 2);
	const signatureOid = der.oid(der.sequence(signatureAlgorithmNode, what, 1)[0], what);
	const extensions = fields.find((field) => der.isTagged(field, 3));

	const extras: TbsExtras = {
		notBefore: asn1Time(notBefore),
		notAfter: asn1Time(notAfter),
		signatureAlgorithm: SIGNATURE_ALGORITHMS[signatureOid] ?? signatureOid,
		keyUsage: null,
		basicConstraints: null,
	};
	for (const extension of extensions ? der.sequence(der.explicit(extensions, 3, what), what) : []) {
		const parts = der.sequence(extension, what, 2);
		const id = der.oid(parts[0], what);
		const value = der.octets(parts[parts.length - 1], what);
		if (id === OID.keyUsage) {
			extras.keyUsage = keyUsageBits(der.parse(value, `${what}: key usage`));
		} else if (id === OID.basicConstraints) {
			extras.basicConstraints = basicConstraints(der.parse(value, `${what}: basic constraints`));
		}
	}
	return extras;
}

function asn1Time(node: der.Node | undefined): string {
	const { Type } = forge.asn1;
	if (typeof node?.value !== 'string') {
		throw new MalformedError('a certificate: validity');
	}
	const date =
		node.type === Type.UTCTIME
			? forge.asn1.utcTimeToDate(node.value)
			: node.type === Type.GENERALIZEDTIME
				? forge.asn1.generalizedTimeToDate(node.value)
				: undefined;
	if (!date || Number.isNaN(date.getTime())) {
		throw new MalformedError('a certificate: validity');
	}
	return date.toISOString();
}

function keyUsageBits(node: der.Node): string[] {
	if (typeof node.value !== 'string' || node.type !== forge.asn1.Type.BITSTRING) {
		throw new MalformedError('a certificate: key usage');
	}
	// The first byte counts unused bits; bit 0 is the most significant bit of the next byte.
	const bytes = der.fromBinary(node.value).subarray(1);
	return KEY_USAGE_BITS.filter((_, bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
}

function basicConstraints(node: der.Node): { ca: boolean; pathLength?: number } {
	const items = der.sequence(node, 'a certificate: basic constraints');
	const { Type } = forge.asn1;
	const caNode = items.find((item) => item.type === Type.BOOLEAN);
	const lengthNode = items.find((item) => item.type === Type.INTEGER);
	const ca = typeof caNode?.value === 'string' && caNode.value !== '\x00';
	return lengthNode ? { ca, pathLength: der.integer(lengthNode, 'path length') } : { ca };
}
