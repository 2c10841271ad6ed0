import * as der from './der';
import { MalformedError, UnsupportedFormatError } from './errors';
import { OID } from './oids';
import { parsePbeAlgorithm, type PbeAlgorithm } from './pbe';
import type { WorkBudget } from './workBudget';

/**
 * The structure inside a PKCS#12 file: the safes of the authenticated safe, and the bags in
 * each (RFC 7292 sections 4 and 4.2), read without decrypting anything.
 */

/** One ContentInfo of the authenticated safe, before decryption. */
export type Safe =
	{ kind: 'plain'; bags: Bag[] } | { kind: 'encrypted'; algorithm: PbeAlgorithm; data: Buffer };

export function parseSafes(authSafe: Buffer, budget: WorkBudget): Safe[] {
	const what = 'the list of safes';
	return der.sequence(der.parse(authSafe, what), what).map((contentInfo, index) => {
		const safe = `safe ${index + 1}`;
		const [typeNode, content] = der.sequence(contentInfo, safe, 1);
		const type = der.oid(typeNode, safe);
		if (type === OID.data) {
			return {
				kind: 'plain',
				bags: parseBags(der.octets(der.explicit(content, 0, safe), safe), safe),
			};
		}
		if (type === OID.encryptedData) {
			const [, encryptedContentInfo] = der.sequence(der.explicit(content, 0, safe), safe, 2);
			const [, algorithmNode, data] = der.sequence(encryptedContentInfo, safe, 2);
			const algorithm = parsePbeAlgorithm(algorithmNode!, budget, 'certificate encryption');
			if (!der.isTagged(data, 0)) {
				return { kind: 'plain', bags: [] };
			}
			return { kind: 'encrypted', algorithm, data: der.octets(data, safe) };
		}
		if (type === OID.envelopedData) {
			throw new UnsupportedFormatError(
				'a PKCS#12 file in public-key privacy mode (encrypted to a certificate, not a password)',
			);
		}
		throw new MalformedError(`${safe}: content type ${type}`);
	});
}

/** A SafeBag: its type, value and the attributes that name it. */
export interface Bag {
	type: string;
	value: der.Node;
	friendlyName?: string;
	localKeyId?: Buffer;
	trusted: boolean;
}

export function parseBags(bytes: Buffer, where: string): Bag[] {
	const what = `${where}: bags`;
	const bags: Bag[] = [];
	for (const bagNode of der.sequence(der.parse(bytes, what), what)) {
		const [typeNode, valueNode, attributesNode] = der.sequence(bagNode, what, 2);
		const type = der.oid(typeNode, what);
		const value = der.explicit(valueNode, 0, what);
		if (type === OID.safeContentsBag) {
			bags.push(...parseBags(der.encode(value), where));
			continue;
		}
		bags.push({ type, value, trusted: false, ...parseAttributes(attributesNode, what) });
	}
	return bags;
}

function parseAttributes(node: der.Node | undefined, what: string): Partial<Bag> {
	const result: Partial<Bag> = {};
	for (const attribute of node ? der.sequence(node, what) : []) {
		const [idNode, valuesNode] = der.sequence(attribute, what, 2);
		const id = der.oid(idNode, what);
		const [first] = der.sequence(valuesNode, what);
		if (id === OID.friendlyName && typeof first?.value === 'string') {
			result.friendlyName = first.value;
		} else if (id === OID.localKeyId) {
			result.localKeyId = der.octets(first, what);
		} else if (id === OID.oracleTrustedKeyUsage) {
			result.trusted = true;
		}
	}
	return result;
}

/** The DER certificate of a certificate bag; undefined for other certificate types. */
export function readCertBag(bag: Bag): Buffer | undefined {
	const [typeNode, valueNode] = der.sequence(bag.value, 'a certificate bag', 2);
	if (der.oid(typeNode, 'a certificate bag') !== OID.x509Certificate) {
		return undefined;
	}
	return der.octets(der.explicit(valueNode, 0, 'a certificate bag'), 'a certificate bag');
}
