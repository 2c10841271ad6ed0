/**
 * SHA-256 or SHA-1 applied `count` times to a digest: the inner loop of the PKCS#12 key
 * derivation, which the MAC and the legacy encryption schemes use. OpenSSL's `-iter 600000`
 * gives the MAC 600,000 iterations; Java's legacy PKCS#12 uses 50,000 to 100,000 of SHA-1.
 * Node has no native form of this loop, and calling its hash function once per iteration
 * costs several times what OpenSSL needs, mostly in call overhead. These loops hash the one
 * fixed-shape block in place instead, allocation-free, in a small function that V8 optimises
 * early. Checked against node:crypto in test/unit/keystore/kdf.test.ts.
 */

const SHA256_K = new Int32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const SHA256_H = new Int32Array([
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const SHA1_H = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);

/** Returns SHA-256 applied `count` times to a 32-byte `digest`; 0 times returns a copy. */
export function iterateSha256(digest: Uint8Array, count: number): Buffer {
	return iterate(digest, count, 32, 64, sha256Round);
}

/** Returns SHA-1 applied `count` times to a 20-byte `digest`; 0 times returns a copy. */
export function iterateSha1(digest: Uint8Array, count: number): Buffer {
	return iterate(digest, count, 20, 80, sha1Round);
}

/**
 * Loads the digest as the first words of a one-block message padded for its length, then
 * hashes that block `count` times: each round leaves its digest where the message was.
 */
function iterate(
	digest: Uint8Array,
	count: number,
	bytes: number,
	scheduleWords: number,
	round: (w: Int32Array) => void,
): Buffer {
	if (digest.length !== bytes) {
		throw new RangeError(`expected a ${bytes}-byte digest`);
	}
	const words = bytes / 4;
	const w = new Int32Array(scheduleWords);
	const input = Buffer.from(digest.buffer, digest.byteOffset, bytes);
	for (let i = 0; i < words; i++) {
		w[i] = input.readInt32BE(i * 4);
	}
	w[words] = 0x80000000 | 0;
	w[15] = bytes * 8;

	for (let i = 0; i < count; i++) {
		round(w);
	}

	const out = Buffer.alloc(bytes);
	for (let i = 0; i < words; i++) {
		out.writeInt32BE(w[i]!, i * 4);
	}
	return out;
}

/** Σ0 and Σ1 of SHA-256 (FIPS 180-4 section 4.1.2). */
const bigSigma0 = (x: number) =>
	((x >>> 2) | (x << 30)) ^ ((x >>> 13) | (x << 19)) ^ ((x >>> 22) | (x << 10));
const bigSigma1 = (x: number) =>
	((x >>> 6) | (x << 26)) ^ ((x >>> 11) | (x << 21)) ^ ((x >>> 25) | (x << 7));

/**
 * One SHA-256 compression of the block in w[0..15] from the initial state, into w[0..7]. The
 * rounds go eight at a time with the working variables changing roles instead of moving,
 * which saves a sixth of the time of the textbook loop.
 */
function sha256Round(w: Int32Array): void {
	for (let i = 16; i < 64; i++) {
		const x = w[i - 15]!;
		const y = w[i - 2]!;
		const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
		const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
		w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
	}
	let a = SHA256_H[0]!;
	let b = SHA256_H[1]!;
	let c = SHA256_H[2]!;
	let d = SHA256_H[3]!;
	let e = SHA256_H[4]!;
	let f = SHA256_H[5]!;
	let g = SHA256_H[6]!;
	let h = SHA256_H[7]!;
	let t: number;
	// Each line is one round: t = T1; the variable that would become "e" gets d + T1, the one
	// that would become "a" gets T1 + T2. Ch(e,f,g) = g ^ (e & (f ^ g)); Maj = (a & b) | (c & (a | b)).
	// prettier-ignore
	for (let i = 0; i < 64; i += 8) {
		t = (h + bigSigma1(e) + (g ^ (e & (f ^ g))) + SHA256_K[i]! + w[i]!) | 0; d = (d + t) | 0; h = (t + bigSigma0(a) + ((a & b) | (c & (a | b)))) | 0;
		t = (g + bigSigma1(d) + (f ^ (d & (e ^ f))) + SHA256_K[i + 1]! + w[i + 1]!) | 0; c = (c + t) | 0; g = (t + bigSigma0(h) + ((h & a) | (b & (h | a)))) | 0;
		t = (f + bigSigma1(c) + (e ^ (c & (d ^ e))) + SHA256_K[i + 2]! + w[i + 2]!) | 0; b = (b + t) | 0; f = (t + bigSigma0(g) + ((g & h) | (a & (g | h)))) | 0;
		t = (e + bigSigma1(b) + (d ^ (b & (c ^ d))) + SHA256_K[i + 3]! + w[i + 3]!) | 0; a = (a + t) | 0; e = (t + bigSigma0(f) + ((f & g) | (h & (f | g)))) | 0;
		t = (d + bigSigma1(a) + (c ^ (a & (b ^ c))) + SHA256_K[i + 4]! + w[i + 4]!) | 0; h = (h + t) | 0; d = (t + bigSigma0(e) + ((e & f) | (g & (e | f)))) | 0;
		t = (c + bigSigma1(h) + (b ^ (h & (a ^ b))) + SHA256_K[i + 5]! + w[i + 5]!) | 0; g = (g + t) | 0; c = (t + bigSigma0(d) + ((d & e) | (f & (d | e)))) | 0;
		t = (b + bigSigma1(g) + (a ^ (g & (h ^ a))) + SHA256_K[i + 6]! + w[i + 6]!) | 0; f = (f + t) | 0; b = (t + bigSigma0(c) + ((c & d) | (e & (c | d)))) | 0;
		t = (a + bigSigma1(f) + (h ^ (f & (g ^ h))) + SHA256_K[i + 7]! + w[i + 7]!) | 0; e = (e + t) | 0; a = (t + bigSigma0(b) + ((b & c) | (d & (b | c)))) | 0;
	}
	w[0] = (SHA256_H[0]! + a) | 0;
	w[1] = (SHA256_H[1]! + b) | 0;
	w[2] = (SHA256_H[2]! + c) | 0;
	w[3] = (SHA256_H[3]! + d) | 0;
	w[4] = (SHA256_H[4]! + e) | 0;
	w[5] = (SHA256_H[5]! + f) | 0;
	w[6] = (SHA256_H[6]! + g) | 0;
	w[7] = (SHA256_H[7]! + h) | 0;
}

/** One SHA-1 compression of the block in w[0..15] from the initial state, into w[0..4]. */
function sha1Round(w: Int32Array): void {
	for (let i = 16; i < 80; i++) {
		const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
		w[i] = (x << 1) | (x >>> 31);
	}
	let a = SHA1_H[0]!;
	let b = SHA1_H[1]!;
	let c = SHA1_H[2]!;
	let d = SHA1_H[3]!;
	let e = SHA1_H[4]!;
	for (let i = 0; i < 80; i++) {
		const f =
			i < 20
				? ((b & c) | (~b & d)) + 0x5a827999
				: i < 40
					? (b ^ c ^ d) + 0x6ed9eba1
					: i < 60
						? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
						: (b ^ c ^ d) + 0xca62c1d6;
		const t = (((a << 5) | (a >>> 27)) + f + e + w[i]!) | 0;
		e = d;
		d = c;
		c = (b << 30) | (b >>> 2);
		b = a;
		a = t;
	}
	w[0] = (SHA1_H[0]! + a) | 0;
	w[1] = (SHA1_H[1]! + b) | 0;
	w[2] = (SHA1_H[2]! + c) | 0;
	w[3] = (SHA1_H[3]! + d) | 0;
	w[4] = (SHA1_H[4]! + e) | 0;
}
