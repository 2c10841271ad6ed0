import { createHash, timingSafeEqual } from 'node:crypto';
import { parseJks } from 'jks-js';
import InputStream from 'jks-js/lib/stream/InputStream';
import { MUtf8Decoder } from 'mutf-8';
import type { ContainerContents, RawCertificate, RawKey } from './container';
import * as der from './der';
import { MalformedError, PasswordError, UnsupportedAlgorithmError } from './errors';

/**
 * jks-js reads aliases as UTF-8, but Java writes them in modified UTF-8, where a character
 * outside the BMP (an emoji, say) is two 3-byte surrogates that UTF-8 turns into U+FFFD. Its
 * reader is given Java's decoding, so that an alias reads as keytool lists it.
 */
const javaUtf = new MUtf8Decoder();
InputStream.prototype.readUTF = function readUTF(this: InputStream): string {
	const length = this.buffer.readUInt16BE(this.shift(2));
	return javaUtf.decode(this.read(length));
};

/** Sun's proprietary key protection, the only one JKS uses. */
const KEY_PROTECTOR_OID = '1.3.6.1.4.1.42.2.17.1.1';

/**
 * Reads a Java KeyStore (JKS). jks-js reads the container: entries, aliases, chains and the
 * keyed SHA-1 digest over the file. The private keys are recovered here, because jks-js
 * re-encodes each key through PKCS#1 and so fails on Ed25519, Ed448 and RSASSA-PSS keys; the
 * protection is a SHA-1 keystream that yields the PKCS#8 key as it was stored.
 */
export function readJks(
	bytes: Buffer,
	password: string | undefined,
	keyPassword: string | undefined,
): ContainerContents {
	const entries = parseEntries(bytes, '');
	const keyEntries = entries.filter((entry): entry is KeyEntry => 'protectedPrivateKey' in entry);
	if (password && !verifyStore(bytes, password)) {
		// A key that opens with the store password proves the password right and the file altered.
		const keyOpens = keyEntries.some((entry) => recoverKey(entry.protectedPrivateKey, password));
		throw new PasswordError(keyOpens ? 'integrity_check_failed' : 'wrong_password');
	}

	const keys = keyEntries.map((entry) => recoverEntry(entry, password, keyPassword));
	const certificates: RawCertificate[] = entries
		.filter((entry): entry is TrustedEntry => !('protectedPrivateKey' in entry))
		.map((entry) => ({ der: entry.cert.value, friendlyName: entry.alias, trusted: true }));

	return {
		format: 'jks',
		keys,
		certificates,
		encryption: {
			privateKeys: keys.length > 0 ? [{ algorithm: 'JKS key protection (SHA-1 keystream)' }] : [],
			certificates: entries.length > 0 ? [{ algorithm: 'none' }] : [],
		},
		mac: { algorithm: 'JKS keyed SHA-1 digest', iterations: 1 },
		...(password ? {} : { integrityUnchecked: true }),
	};
}

type Entry = ReturnType<typeof parseJks>[number];

function parseEntries(bytes: Buffer, password: string): Entry[] {
	try {
		return parseJks(bytes, password);
	} catch {
		throw new MalformedError('the JKS structure');
	}
}

/** Whether the keyed digest at the end of the file matches the store password. */
function verifyStore(bytes: Buffer, password: string): boolean {
	try {
		parseJks(bytes, password);
		return true;
	} catch {
		return false;
	}
}

type KeyEntry = Extract<Entry, { protectedPrivateKey: Buffer }>;
type TrustedEntry = Exclude<Entry, KeyEntry>;

/**
 * The entry's key, opened with the key password or else the store password. A key neither
 * opens stays locked: its chain is still listed (JKS stores it in the clear), and the reader
 * refuses only if that key is the one in use.
 */
function recoverEntry(
	entry: KeyEntry,
	password: string | undefined,
	keyPassword: string | undefined,
): RawKey {
	const chain = entry.chain.map((certificate) => certificate.value);
	const attempts = [keyPassword, password].filter((p): p is string => p !== undefined);
	for (const attempt of [...new Set(attempts)]) {
		const pkcs8 = recoverKey(entry.protectedPrivateKey, attempt);
		if (pkcs8) {
			// Without the store password there is nothing to compare the key password with.
			const ownPassword = password !== undefined && attempt !== password;
			return { pkcs8, friendlyName: entry.alias, encrypted: true, chain, ownPassword };
		}
	}
	return { friendlyName: entry.alias, encrypted: true, chain, locked: true };
}

/** Undoes Sun's KeyProtector; undefined when the password is not the key's. */
export function recoverKey(protectedKey: Buffer, password: string): Buffer | undefined {
	const what = 'a protected JKS private key';
	const [algorithmNode, dataNode] = der.sequence(der.parse(protectedKey, what), what, 2);
	const algorithm = der.oid(der.sequence(algorithmNode, what, 1)[0], what);
	if (algorithm !== KEY_PROTECTOR_OID) {
		throw new UnsupportedAlgorithmError(
			`key protection OID ${algorithm}`,
			'private key encryption',
		);
	}
	const data = der.octets(dataNode, what);
	if (data.length < 41) {
		throw new MalformedError(what);
	}
	const salt = data.subarray(0, 20);
	const encrypted = data.subarray(20, data.length - 20);
	const check = data.subarray(data.length - 20);
	const secret = Buffer.from(password, 'utf16le').swap16();

	const plain = Buffer.alloc(encrypted.length);
	let digest: Buffer = salt;
	for (let offset = 0; offset < encrypted.length; offset += 20) {
		digest = createHash('sha1').update(secret).update(digest).digest();
		for (let i = 0; i < 20 && offset + i < encrypted.length; i++) {
			plain[offset + i] = encrypted[offset + i]! ^ digest[i]!;
		}
	}
	const expected = createHash('sha1').update(secret).update(plain).digest();
	return timingSafeEqual(expected, check) ? plain : undefined;
}
