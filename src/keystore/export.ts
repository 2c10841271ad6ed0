import { X509Certificate } from 'node:crypto';
import forge from './forge';
import * as der from './der';
import type { KeystoreEntry } from './model';
import { OID } from './oids';

/** What Download writes: only public certificates, never a key. */
export type ExportFormat = 'pemChain' | 'derLeaf' | 'pkcs7';

export interface ExportOptions {
	/** Whether the self-signed root goes along; receivers usually have it already. */
	readonly includeRoot?: boolean;
}

export interface ExportedFile {
	readonly bytes: Buffer;
	/** The file extension the format goes by, with its dot. */
	readonly extension: string;
}

/**
 * The public certificates of an entry for the receiving server's trust store: by default the
 * PEM chain of the client certificate and its intermediates, which is what servers install.
 */
export function exportCertificates(
	entry: KeystoreEntry,
	format: ExportFormat,
	options: ExportOptions = {},
): ExportedFile {
	const [leaf] = entry.certificates;
	if (!leaf) {
		throw new Error('This entry has no certificate to export.');
	}
	const chain = entry.certificates
		.filter((certificate, index) => index === 0 || options.includeRoot || !certificate.selfSigned)
		.map((certificate) => Buffer.from(certificate.derBase64, 'base64'));

	switch (format) {
		case 'pemChain':
			return {
				bytes: Buffer.from(chain.map((bytes) => new X509Certificate(bytes).toString()).join('')),
				extension: '.pem',
			};
		case 'derLeaf':
			return { bytes: chain[0]!, extension: '.cer' };
		case 'pkcs7':
			return { bytes: certificatesOnlyPkcs7(chain), extension: '.p7b' };
	}
}

/** A degenerate PKCS#7 SignedData (no signers), the usual container for a certificate bundle. */
function certificatesOnlyPkcs7(certificates: Buffer[]): Buffer {
	const { create, oidToDer, integerToDer } = forge.asn1;
	const { Class, Type } = forge.asn1;
	const sequence = (value: der.Node[]) => create(Class.UNIVERSAL, Type.SEQUENCE, true, value);
	const set = (value: der.Node[]) => create(Class.UNIVERSAL, Type.SET, true, value);
	const oid = (id: string) => create(Class.UNIVERSAL, Type.OID, false, oidToDer(id).getBytes());

	const signedData = sequence([
		create(Class.UNIVERSAL, Type.INTEGER, false, integerToDer(1).getBytes()),
		set([]),
		sequence([oid(OID.data)]),
		create(
			Class.CONTEXT_SPECIFIC,
			0,
			true,
			certificates.map((bytes) => der.parse(bytes, 'a certificate')),
		),
		set([]),
	]);
	return der.encode(
		sequence([oid(OID.signedData), create(Class.CONTEXT_SPECIFIC, 0, true, [signedData])]),
	);
}
