import type { ContainerContents, RawCertificate, RawKey } from './container';
import * as der from './der';
import { MalformedError } from './errors';
import { OID } from './oids';
import {
	parsePbeAlgorithm,
	type EncryptionScheme,
	type PasswordForm,
	type PbeAlgorithm,
} from './pbe';
import { parseBags, readCertBag, type Bag, type Safe } from './pkcs12Safes';
import type { WorkBudget } from './workBudget';

/** One password form tried on every encrypted part of a PKCS#12 file. */
export type Opened = Pick<ContainerContents, 'keys' | 'certificates' | 'encryption'>;

/** One attempt with one password form: everything opened, or whether anything did. */
export interface Attempt {
	readonly opened?: Opened;
	/** Some encrypted part decrypted: the password is right even if another part is damaged. */
	readonly partly: boolean;
}

/**
 * Decrypts every safe and key with one password form. Keys in plain safes start decrypting at
 * once, alongside the encrypted safes.
 */
export async function decryptAll(
	safes: Safe[],
	form: PasswordForm,
	budget: WorkBudget,
): Promise<Attempt> {
	const found: Found = { keys: [], certificates: [], privateKeys: [], certificateSchemes: [] };
	const opened = await Promise.all(
		safes.map(async (safe) => {
			if (safe.kind === 'plain') {
				collect(safe.bags, { algorithm: 'none' }, form, budget, found);
				return true;
			}
			const plaintext = await safe.algorithm.decrypt(safe.data, form);
			const bags = plaintext && tryParse(() => parseBags(plaintext, 'an encrypted safe'));
			if (bags) {
				collect(bags, safe.algorithm.scheme, form, budget, found);
			}
			return bags !== undefined;
		}),
	);
	const keys = await Promise.all(found.keys);
	const encryptedOpened =
		opened.some((ok, index) => ok && safes[index]?.kind === 'encrypted') ||
		keys.some((key) => key?.encrypted);
	if (!opened.every(Boolean) || keys.some((key) => key === undefined)) {
		return { partly: encryptedOpened };
	}
	return {
		partly: true,
		opened: {
			keys: keys as RawKey[],
			certificates: found.certificates,
			encryption: {
				privateKeys: unique(found.privateKeys),
				certificates: unique(found.certificateSchemes),
			},
		},
	};
}

interface Found {
	keys: Promise<RawKey | undefined>[];
	certificates: RawCertificate[];
	privateKeys: EncryptionScheme[];
	certificateSchemes: EncryptionScheme[];
}

/** Sorts the bags of one safe into certificates and keys, starting each key's decryption. */
function collect(
	bags: Bag[],
	scheme: EncryptionScheme,
	form: PasswordForm,
	budget: WorkBudget,
	found: Found,
): void {
	for (const bag of bags) {
		const names = { friendlyName: bag.friendlyName, localKeyId: bag.localKeyId };
		if (bag.type === OID.certBag) {
			const certificate = readCertBag(bag);
			if (certificate) {
				found.certificates.push({ ...names, der: certificate, trusted: bag.trusted });
				found.certificateSchemes.push(scheme);
			}
		} else if (bag.type === OID.keyBag) {
			const key = { ...names, pkcs8: der.encode(bag.value), encrypted: false };
			found.keys.push(Promise.resolve(key));
			found.privateKeys.push({ algorithm: 'none' });
		} else if (bag.type === OID.pkcs8ShroudedKeyBag) {
			const [algorithmNode, dataNode] = der.sequence(bag.value, 'a shrouded key bag', 2);
			const algorithm = parsePbeAlgorithm(algorithmNode!, budget, 'private key encryption');
			found.privateKeys.push(algorithm.scheme);
			const key = decryptKey(algorithm, der.octets(dataNode, 'a shrouded key'), form, names);
			// If a safe fails first, this promise is never awaited; its failure is not news then.
			key.catch(() => undefined);
			found.keys.push(key);
		}
	}
}

async function decryptKey(
	algorithm: PbeAlgorithm,
	data: Buffer,
	form: PasswordForm,
	names: Pick<RawKey, 'friendlyName' | 'localKeyId'>,
): Promise<RawKey | undefined> {
	const plaintext = await algorithm.decrypt(data, form);
	// A wrong password passes the padding check one time in 256; the DER check catches it.
	if (!plaintext || !tryParse(() => der.sequence(der.parse(plaintext, 'a private key'), '', 3))) {
		return undefined;
	}
	return { ...names, pkcs8: plaintext, encrypted: true };
}

function tryParse<T>(read: () => T): T | undefined {
	try {
		return read();
	} catch (error) {
		if (error instanceof MalformedError) {
			return undefined;
		}
		throw error;
	}
}

function unique(schemes: EncryptionScheme[]): EncryptionScheme[] {
	const seen = new Map(schemes.map((s) => [`${s.algorithm}/${s.iterations ?? ''}`, s]));
	return [...seen.values()];
}
