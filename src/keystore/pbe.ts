import { createDecipheriv, pbkdf2 } from 'node:crypto';
import forge from './forge';
import { promisify } from 'node:util';
import * as der from './der';
import { MalformedError, UnsupportedAlgorithmError } from './errors';
import {
	KNOWN_UNSUPPORTED,
	OID,
	PBES2_CIPHERS,
	PKCS12_PBE,
	PRFS,
	UNSUPPORTED_CIPHERS,
} from './oids';
import { Pkcs12KeyPurpose, pkcs12Kdf } from './pkcs12Kdf';
import type { WorkBudget } from './workBudget';

const pbkdf2Async = promisify(pbkdf2);

/** One way of encoding the password: the two KDFs take the same password differently. */
export interface PasswordForm {
	/** For the PKCS#12 KDF: UTF-16BE with a terminator, or empty when absent. */
	readonly bmp: Buffer;
	/** For PBKDF2: UTF-8, as OpenSSL and Java pass it. */
	readonly utf8: Buffer;
}

/** How something was encrypted, in openssl's words, with its iteration count. */
export interface EncryptionScheme {
	readonly algorithm: string;
	readonly iterations?: number;
}

/** The parsed algorithm of a password-based encryption, ready to decrypt with a password. */
export interface PbeAlgorithm {
	readonly scheme: EncryptionScheme;
	/** Decrypts; resolves to undefined when the padding shows the password is not this one. */
	decrypt(data: Buffer, password: PasswordForm): Promise<Buffer | undefined>;
}

/**
 * Reads an AlgorithmIdentifier of password-based encryption: PBES2 with PBKDF2, or one of
 * the PKCS#12 schemes. Throws when the algorithm is unknown or asks for more iterations than
 * the budget allows, before any work is done; each decryption is charged to the budget.
 */
export function parsePbeAlgorithm(
	node: der.Node,
	budget: WorkBudget,
	purpose: string,
): PbeAlgorithm {
	const [oidNode, params] = der.sequence(node, `${purpose}: encryption algorithm`, 1);
	const algorithm = der.oid(oidNode, `${purpose}: encryption algorithm`);
	if (algorithm === OID.pbes2) {
		return parsePbes2(params, budget, purpose);
	}
	const pkcs12 = PKCS12_PBE[algorithm];
	// Node (OpenSSL 3) and node-forge both lack RC4: refuse it before any work.
	if (pkcs12 && pkcs12.cipher !== 'rc4') {
		const [salt, count] = der.sequence(params, `${purpose}: PKCS#12 encryption parameters`, 2);
		const iterations = der.integer(count, `${purpose}: iteration count`);
		budget.check(iterations, purpose);
		const saltBytes = der.octets(salt, `${purpose}: salt`);
		return pkcs12Pbe(pkcs12, saltBytes, iterations, { budget, purpose });
	}
	if (pkcs12) {
		throw new UnsupportedAlgorithmError(pkcs12.name, purpose);
	}
	throw new UnsupportedAlgorithmError(KNOWN_UNSUPPORTED[algorithm] ?? `OID ${algorithm}`, purpose);
}

function parsePbes2(
	params: der.Node | undefined,
	budget: WorkBudget,
	purpose: string,
): PbeAlgorithm {
	const what = `${purpose}: PBES2 parameters`;
	const [kdf, encryption] = der.sequence(params, what, 2);
	const [kdfOid, kdfParams] = der.sequence(kdf, what, 2);
	const kdfAlgorithm = der.oid(kdfOid, what);
	if (kdfAlgorithm !== OID.pbkdf2) {
		throw new UnsupportedAlgorithmError(`PBES2 with key derivation OID ${kdfAlgorithm}`, purpose);
	}
	const [saltNode, countNode, ...optional] = der.sequence(
		kdfParams,
		`${purpose}: PBKDF2 parameters`,
		2,
	);
	const salt = der.octets(saltNode, `${purpose}: PBKDF2 salt`);
	const iterations = der.integer(countNode, `${purpose}: PBKDF2 iteration count`);
	// keyLength (an INTEGER) and the PRF (a SEQUENCE, HMAC-SHA-1 when absent) are optional.
	const prfNode = optional.find((item) => Array.isArray(item.value));
	const prfOid = prfNode ? der.oid(der.sequence(prfNode, what, 1)[0], what) : '1.2.840.113549.2.7';
	const prf = PRFS[prfOid];
	if (!prf) {
		throw new UnsupportedAlgorithmError(`PBKDF2 with PRF OID ${prfOid}`, purpose);
	}

	const [cipherOidNode, ivNode] = der.sequence(encryption, what, 2);
	const cipherOid = der.oid(cipherOidNode, what);
	const cipher = PBES2_CIPHERS[cipherOid];
	if (!cipher) {
		throw new UnsupportedAlgorithmError(
			UNSUPPORTED_CIPHERS[cipherOid] ?? `cipher OID ${cipherOid}`,
			purpose,
		);
	}
	const iv = der.octets(ivNode, `${purpose}: IV`);
	if (iv.length !== (cipher.cipher.startsWith('aes') ? 16 : 8)) {
		throw new MalformedError(`${purpose}: an IV of ${iv.length} bytes for ${cipher.name}`);
	}
	budget.check(iterations, purpose);

	return {
		scheme: { algorithm: `PBES2, PBKDF2, ${cipher.name}, PRF ${prf.name}`, iterations },
		decrypt: async (data, password) => {
			const derivation = `${prf.hash}/${iterations}/${cipher.keyBytes}/${salt.toString('hex')}`;
			let derived = pbkdf2Keys(password.utf8).get(derivation);
			if (!derived) {
				budget.charge(iterations, purpose);
				derived = pbkdf2Async(password.utf8, salt, iterations, cipher.keyBytes, prf.hash);
				pbkdf2Keys(password.utf8).set(derivation, derived);
			}
			return decipher(cipher.cipher, await derived, iv, data);
		},
	};
}

/**
 * PBKDF2 keys already derived from a password, by PRF, iterations, length and salt. The forms
 * of one password share its UTF-8 bytes (they differ only for the PKCS#12 KDF), so trying the
 * second form of a password does not repeat PBKDF2. Held only while the password is.
 */
const derivedKeys = new WeakMap<Buffer, Map<string, Promise<Buffer>>>();

function pbkdf2Keys(password: Buffer): Map<string, Promise<Buffer>> {
	let keys = derivedKeys.get(password);
	if (!keys) {
		keys = new Map();
		derivedKeys.set(password, keys);
	}
	return keys;
}

function pkcs12Pbe(
	pbe: { name: string; cipher: string; keyBytes: number },
	salt: Buffer,
	iterations: number,
	{ budget, purpose }: { budget: WorkBudget; purpose: string },
): PbeAlgorithm {
	return {
		scheme: { algorithm: pbe.name, iterations },
		decrypt: (data, password) => {
			// Two derivations: the key, then the IV.
			budget.charge(2 * iterations, purpose);
			const derive = (purpose: Pkcs12KeyPurpose, length: number) =>
				pkcs12Kdf('sha1', password.bmp, salt, purpose, iterations, length);
			const key = derive(Pkcs12KeyPurpose.encryptionKey, pbe.keyBytes);
			const iv = derive(Pkcs12KeyPurpose.iv, 8);
			return Promise.resolve(decipher(pbe.cipher, key, iv, data));
		},
	};
}

/** CBC decryption; undefined when the padding is wrong (almost always a wrong password). */
function decipher(cipher: string, key: Buffer, iv: Buffer, data: Buffer): Buffer | undefined {
	if (data.length === 0 || data.length % 8 !== 0) {
		throw new MalformedError('encrypted data whose length is not a whole number of blocks');
	}
	const input = forge.util.createBuffer(der.toBinary(data));
	// forge's ciphers are asked to keep the padding, which unpad() then checks in full.
	const keepPadding = () => true;
	switch (cipher) {
		case 'rc2': {
			const rc2 = forge.rc2.createDecryptionCipher(der.toBinary(key), key.length * 8);
			rc2.start(der.toBinary(iv));
			rc2.update(input);
			rc2.finish(keepPadding);
			return unpad(der.fromBinary(rc2.output.getBytes()));
		}
		case 'des-cbc': {
			const des = forge.cipher.createDecipher('DES-CBC', der.toBinary(key));
			des.start({ iv: der.toBinary(iv) });
			des.update(input);
			(des.finish as (pad: () => boolean) => boolean)(keepPadding);
			return unpad(der.fromBinary(des.output.getBytes()));
		}
		case 'des-ede-cbc':
			// Two-key triple DES is three-key triple DES with the first key used again.
			return decipher('des-ede3-cbc', Buffer.concat([key, key.subarray(0, 8)]), iv, data);
		default:
			try {
				const node = createDecipheriv(cipher, key, iv);
				return Buffer.concat([node.update(data), node.final()]);
			} catch {
				return undefined;
			}
	}
}

/** Removes PKCS#7 padding after checking every padding byte. */
function unpad(plaintext: Buffer): Buffer | undefined {
	const count = plaintext[plaintext.length - 1] ?? 0;
	if (count < 1 || count > 8 || count > plaintext.length) {
		return undefined;
	}
	for (let i = plaintext.length - count; i < plaintext.length; i++) {
		if (plaintext[i] !== count) {
			return undefined;
		}
	}
	return plaintext.subarray(0, plaintext.length - count);
}
