import { X509Certificate } from 'node:crypto';
import * as der from './der';
import { OID } from './oids';

/** What a file holds, judged by its bytes alone, never by its name. */
export type Sniffed =
	| { readonly kind: 'pkcs12' }
	| { readonly kind: 'jks' }
	| { readonly kind: 'jceks' }
	| { readonly kind: 'empty' }
	/** PEM text; `holds` says what its blocks are, in words. */
	| { readonly kind: 'pem'; readonly holds: string }
	/** Base64 text (bare, or between PEM lines) whose decoded bytes are a keystore. */
	| {
			readonly kind: 'base64';
			readonly inner: 'pkcs12' | 'jks' | 'jceks';
			readonly armored: boolean;
			/** The text starts with a UTF-8 byte-order mark. */
			readonly bom: boolean;
	  }
	/** Anything else; `looksLike` describes it when something is recognisable. */
	| { readonly kind: 'unknown'; readonly looksLike: string };

const JKS_MAGIC = 0xfeedfeed;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const JCEKS_MAGIC = 0xcececece;

const PEM_LABELS: Record<string, string> = {
	CERTIFICATE: 'a certificate',
	'TRUSTED CERTIFICATE': 'a certificate',
	'X509 CERTIFICATE': 'a certificate',
	'PRIVATE KEY': 'a private key',
	'ENCRYPTED PRIVATE KEY': 'an encrypted private key',
	'RSA PRIVATE KEY': 'an RSA private key',
	'EC PRIVATE KEY': 'an EC private key',
	'DSA PRIVATE KEY': 'a DSA private key',
	'PUBLIC KEY': 'a public key',
	'CERTIFICATE REQUEST': 'a certificate signing request',
	'NEW CERTIFICATE REQUEST': 'a certificate signing request',
	PKCS7: 'a PKCS#7 certificate bundle',
	CMS: 'a PKCS#7 certificate bundle',
	'X509 CRL': 'a certificate revocation list',
};

export function sniff(bytes: Buffer): Sniffed {
	if (bytes.length === 0) {
		return { kind: 'empty' };
	}
	const binary = sniffBinary(bytes);
	if (binary) {
		return binary;
	}
	const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
	const text = bytes.subarray(bom ? 3 : 0).toString('latin1');
	if (text.includes('-----BEGIN ')) {
		const armored = sniffBase64(text.replace(/^-----.*$/gm, ''), true, bom);
		return armored ?? { kind: 'pem', holds: describePem(text) };
	}
	const base64 = sniffBase64(text, false, bom);
	if (base64) {
		return base64;
	}
	return { kind: 'unknown', looksLike: describeOther(bytes) };
}

function sniffBinary(bytes: Buffer): Sniffed | undefined {
	if (bytes.length >= 4 && bytes.readUInt32BE(0) === JKS_MAGIC) {
		return { kind: 'jks' };
	}
	if (bytes.length >= 4 && bytes.readUInt32BE(0) === JCEKS_MAGIC) {
		return { kind: 'jceks' };
	}
	return looksLikePkcs12(bytes) ? { kind: 'pkcs12' } : undefined;
}

/** A SEQUENCE whose first element is INTEGER 3: the PFX header. The parser checks the rest. */
function looksLikePkcs12(bytes: Buffer): boolean {
	if (bytes[0] !== 0x30 || bytes.length < 5) {
		return false;
	}
	const lengthByte = bytes[1]!;
	// Short form, long form with 1 to 4 length bytes, or indefinite (0x80).
	const headerLength = lengthByte < 0x80 ? 2 : lengthByte === 0x80 ? 2 : 2 + (lengthByte & 0x7f);
	if (lengthByte > 0x84) {
		return false;
	}
	return (
		bytes[headerLength] === 0x02 &&
		bytes[headerLength + 1] === 0x01 &&
		bytes[headerLength + 2] === 0x03
	);
}

function describePem(text: string): string {
	const labels = [...text.matchAll(/-----BEGIN ([^-\r\n]*)-----/g)].map((match) => match[1] ?? '');
	if (labels.length === 0) {
		return 'no complete block';
	}
	const name = (label: string) => PEM_LABELS[label.toUpperCase()] ?? `a "${label}" block`;
	const kinds = [...new Set(labels.map(name))];
	const count = labels.length;
	const described = kinds.length === 1 ? kinds[0]! : kinds.join(' and ');
	return count > 1 && kinds.length === 1 ? `${count} blocks, each ${described}` : described;
}

function sniffBase64(text: string, armored: boolean, bom: boolean): Sniffed | undefined {
	const compact = text.replace(/\s+/g, '');
	if (compact.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
		return undefined;
	}
	const decoded = sniffBinary(Buffer.from(compact, 'base64'));
	if (decoded?.kind === 'pkcs12' || decoded?.kind === 'jks' || decoded?.kind === 'jceks') {
		return { kind: 'base64', inner: decoded.kind, armored, bom };
	}
	return undefined;
}

function describeOther(bytes: Buffer): string {
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
		return 'a gzip archive';
	}
	if (bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04') {
		return 'a ZIP archive';
	}
	if (bytes[0] === 0x30) {
		return describeDer(bytes);
	}
	const text = bytes.toString('utf8');
	const control = [...text].some((char) => char.charCodeAt(0) < 0x20 && !'\t\n\r\f'.includes(char));
	if (!text.includes('\ufffd') && !control) {
		return 'a text file';
	}
	return 'binary data that is not a keystore';
}

function describeDer(bytes: Buffer): string {
	try {
		new X509Certificate(bytes);
		return 'a DER-encoded certificate';
	} catch {
		// Not a certificate; look at its first element below.
	}
	try {
		const [first] = der.sequence(der.parse(bytes, 'DER data', true), 'DER data', 1);
		if (der.oid(first, '') === OID.signedData) {
			return 'a DER-encoded PKCS#7 certificate bundle';
		}
	} catch {
		// Not that either.
	}
	return 'DER-encoded data that is not a keystore';
}
