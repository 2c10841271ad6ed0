import { hash } from 'node:crypto';
import { iterateSha1, iterateSha256 } from './iteratedHash';
import type { HashName } from './oids';

/** What the PKCS#12 key derivation produces: a key, an IV, or a MAC key (RFC 7292 B.3). */
export const enum Pkcs12KeyPurpose {
	encryptionKey = 1,
	iv = 2,
	macKey = 3,
}

const BLOCK_BYTES: Record<HashName, number> = {
	sha1: 64,
	sha224: 64,
	sha256: 64,
	sha384: 128,
	sha512: 128,
};

/**
 * The PKCS#12 key derivation function (RFC 7292 appendix B.2), used by the legacy PKCS#12
 * encryption schemes and by the MAC. `password` is already encoded as the KDF expects: a
 * BMPString with its two-byte terminator, or no bytes at all for an absent password.
 */
export function pkcs12Kdf(
	hashName: HashName,
	password: Uint8Array,
	salt: Uint8Array,
	purpose: Pkcs12KeyPurpose,
	iterations: number,
	length: number,
): Buffer {
	const v = BLOCK_BYTES[hashName];
	const d = Buffer.alloc(v, purpose);
	const input = Buffer.concat([repeatToBlocks(salt, v), repeatToBlocks(password, v)]);
	const blocks: Buffer[] = [];
	let produced = 0;

	while (produced < length) {
		let a = hash(hashName, Buffer.concat([d, input]), 'buffer');
		a = iterate(hashName, a, iterations - 1);
		blocks.push(a);
		produced += a.length;
		if (produced < length) {
			addToEachBlock(input, repeatToBlocks(a, v, v), v);
		}
	}

	return Buffer.concat(blocks).subarray(0, length);
}

function iterate(hashName: HashName, digest: Buffer, times: number): Buffer {
	if (hashName === 'sha256') {
		return iterateSha256(digest, times);
	}
	if (hashName === 'sha1') {
		return iterateSha1(digest, times);
	}
	let current = digest;
	for (let i = 0; i < times; i++) {
		current = hash(hashName, current, 'buffer');
	}
	return current;
}

/** `bytes` repeated to fill a multiple of `v` bytes (or exactly `total` bytes when given). */
function repeatToBlocks(bytes: Uint8Array, v: number, total?: number): Buffer {
	const size = total ?? v * Math.ceil(bytes.length / v);
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i++) {
		out[i] = bytes[i % bytes.length]!;
	}
	return out;
}

/** Sets each v-byte block I_j of `input` to (I_j + b + 1) mod 2^(8v), in place. */
function addToEachBlock(input: Buffer, b: Buffer, v: number): void {
	for (let start = 0; start < input.length; start += v) {
		let carry = 1;
		for (let i = v - 1; i >= 0; i--) {
			const sum = input[start + i]! + b[i]! + carry;
			input[start + i] = sum & 0xff;
			carry = sum >>> 8;
		}
	}
}

/** The password as the PKCS#12 KDF takes it: UTF-16BE with a terminator; nothing if absent. */
export function bmpPassword(password: string | undefined): Buffer {
	if (password === undefined) {
		return Buffer.alloc(0);
	}
	const out = Buffer.alloc(password.length * 2 + 2);
	for (let i = 0; i < password.length; i++) {
		out.writeUInt16BE(password.charCodeAt(i), i * 2);
	}
	return out;
}

/**
 * The password as OpenSSL before 1.1.0 passed it to the PKCS#12 KDF: each byte of its UTF-8
 * form taken as one character. Files written then with a non-ASCII password need this form.
 */
export function legacyBmpPassword(password: string): Buffer {
	return bmpPassword(Buffer.from(password, 'utf8').toString('latin1'));
}
