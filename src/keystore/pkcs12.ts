import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ContainerContents } from './container';
import * as der from './der';
import { PasswordError, UnsupportedAlgorithmError, UnsupportedFormatError } from './errors';
import { DIGESTS, KNOWN_UNSUPPORTED, OID, type HashName } from './oids';
import { decryptAll, type Opened } from './pkcs12Decrypt';
import { parseSafes, type Safe } from './pkcs12Safes';
import type { WorkBudget } from './workBudget';
import type { PasswordForm } from './pbe';
import { bmpPassword, legacyBmpPassword, Pkcs12KeyPurpose, pkcs12Kdf } from './pkcs12Kdf';

/** The passwords to try: the store password, and where it differs the contents' password. */
export interface Pkcs12Passwords {
	/** Checks the MAC, and decrypts too unless `content` is given. */
	readonly store: string | undefined;
	/** Decrypts the contents when the file was saved with two passwords (openssl -twopass). */
	readonly content: string | undefined;
}

/**
 * Reads a PKCS#12 file (RFC 7292) in password-integrity and password-privacy mode, the only
 * modes that real keystores use. node-forge parses the ASN.1; decryption uses Node's native
 * PBKDF2 and ciphers, and forge's RC2 and DES where Node (OpenSSL 3) has none.
 */
export async function readPkcs12(
	bytes: Buffer,
	passwords: Pkcs12Passwords,
	budget: WorkBudget,
): Promise<ContainerContents> {
	const structure = 'the PKCS#12 structure';
	const [versionNode, authSafe, macNode] = der.sequence(
		der.parse(bytes, structure, true),
		structure,
		2,
	);
	const version = der.integer(versionNode, `${structure}: version`);
	if (version !== 3) {
		throw new UnsupportedFormatError(`PKCS#12 version ${version} (only version 3 exists)`);
	}
	const [typeNode, contentNode] = der.sequence(authSafe, `${structure}: content`, 2);
	const type = der.oid(typeNode, `${structure}: content type`);
	if (type !== OID.data) {
		throw new UnsupportedFormatError(
			type === OID.signedData
				? 'a PKCS#12 file in public-key integrity mode (signed, not password-protected)'
				: `a PKCS#12 file whose content type is ${type}`,
		);
	}
	const authSafeBytes = der.octets(der.explicit(contentNode, 0, structure), structure);
	const safes = parseSafes(authSafeBytes, budget);
	const mac = macNode ? parseMac(macNode, budget) : null;

	const storeForms = passwordForms(passwords.store);
	const file: OpenFile = {
		safes,
		budget,
		mac,
		authSafe: authSafeBytes,
		storeForms,
		// A key password given for a file saved with one password is harmless: both are tried.
		contentForms:
			passwords.content === undefined
				? storeForms
				: [...passwordForms(passwords.content), ...storeForms],
	};
	const decrypted = await openWithPasswords(file, passwords);

	return {
		format: 'pkcs12',
		...decrypted,
		mac: mac && { algorithm: mac.hash, iterations: mac.iterations },
	};
}

/** The ways a password may have been encoded when the file was written, most likely first. */
function passwordForms(password: string | undefined): PasswordForm[] {
	const utf8 = Buffer.from(password ?? '', 'utf8');
	if (!password) {
		// An empty and an absent password derive different keys; both are common.
		return [
			{ bmp: bmpPassword(''), utf8 },
			{ bmp: bmpPassword(undefined), utf8 },
		];
	}
	const forms = [{ bmp: bmpPassword(password), utf8 }];
	if (/[^\x20-\x7e]/.test(password)) {
		forms.push({ bmp: legacyBmpPassword(password), utf8 });
	}
	return forms;
}

interface Mac {
	hash: HashName;
	digest: Buffer;
	salt: Buffer;
	iterations: number;
}

function parseMac(node: der.Node, budget: WorkBudget): Mac {
	const what = 'the integrity check (MAC) data';
	const [digestInfo, saltNode, iterationsNode] = der.sequence(node, what, 2);
	const [algorithmNode, digestNode] = der.sequence(digestInfo, what, 2);
	const algorithm = der.oid(der.sequence(algorithmNode, what, 1)[0], what);
	const hash = DIGESTS[algorithm];
	if (!hash) {
		throw new UnsupportedAlgorithmError(
			KNOWN_UNSUPPORTED[algorithm] ?? `OID ${algorithm}`,
			'integrity check (MAC)',
		);
	}
	const iterations = iterationsNode ? der.integer(iterationsNode, what) : 1;
	budget.check(iterations, 'integrity check (MAC)');
	return {
		hash,
		digest: der.octets(digestNode, what),
		salt: der.octets(saltNode, what),
		iterations,
	};
}

function macMatches(mac: Mac, authSafe: Buffer, form: PasswordForm, budget: WorkBudget): boolean {
	budget.charge(mac.iterations, 'integrity check (MAC)');
	const length = mac.digest.length;
	const key = pkcs12Kdf(
		mac.hash,
		form.bmp,
		mac.salt,
		Pkcs12KeyPurpose.macKey,
		mac.iterations,
		length,
	);
	const computed = createHmac(mac.hash, key).update(authSafe).digest();
	return computed.length === length && timingSafeEqual(computed, mac.digest);
}

interface OpenFile {
	readonly safes: Safe[];
	readonly budget: WorkBudget;
	readonly mac: Mac | null;
	readonly authSafe: Buffer;
	/** The store password's forms, for the MAC. */
	readonly storeForms: PasswordForm[];
	/** The forms that decrypt: the store password's, or those of a second password. */
	readonly contentForms: PasswordForm[];
}

/**
 * Finds the password form that opens the file. The MAC tells whether the store password is
 * right; decryption tells a wrong password (nothing decrypts) from a damaged file (something
 * decrypts but the MAC or another part fails). Decryption starts before the MAC is checked,
 * so that PBKDF2 runs in Node's thread pool while the MAC's key derivation runs here.
 */
async function openWithPasswords(file: OpenFile, passwords: Pkcs12Passwords): Promise<Opened> {
	const { safes, budget, mac, storeForms, contentForms } = file;
	const first = decryptAll(safes, contentForms[0]!, budget);
	// It may not be awaited (another form may turn out right); a failure then is not news.
	first.catch(() => undefined);
	const attempt = (index: number) =>
		index === 0 ? first : decryptAll(safes, contentForms[index]!, budget);
	const attemptAll = async () => {
		let partly = false;
		for (let index = 0; index < contentForms.length; index++) {
			const result = await attempt(index);
			if (result.opened) {
				return result;
			}
			partly ||= result.partly;
		}
		return { partly };
	};
	const storeGiven = passwords.store !== undefined;
	const twoPasswords = passwords.content !== undefined;

	const verified = mac
		? storeForms.findIndex((form) => macMatches(mac, file.authSafe, form, budget))
		: -1;
	if (verified >= 0) {
		const result = twoPasswords ? await attemptAll() : await attempt(verified);
		if (result.opened) {
			return result.opened;
		}
		// The store password checks the MAC but does not decrypt: a second password is needed.
		throw new PasswordError('key_password_required', {
			twoPasswords: true,
			keyPasswordGiven: twoPasswords,
		});
	}

	const result = await attemptAll();
	if (!mac && result.opened) {
		return result.opened;
	}
	if (mac && result.opened && !anythingEncrypted(result.opened)) {
		// Nothing but the MAC depends on the password, and it does not match: as openssl says.
		throw new PasswordError('wrong_password', { passwordGiven: storeGiven });
	}
	if (result.opened || result.partly) {
		throw new PasswordError('integrity_check_failed', { twoPasswords: true });
	}
	throw new PasswordError('wrong_password', { passwordGiven: storeGiven });
}

function anythingEncrypted(opened: Opened): boolean {
	const { privateKeys, certificates } = opened.encryption;
	return [...privateKeys, ...certificates].some((scheme) => scheme.algorithm !== 'none');
}
