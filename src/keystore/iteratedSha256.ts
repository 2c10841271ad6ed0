/**
 * SHA-256 applied `count` times to a 32-byte value: the inner loop of the PKCS#12 key
 * derivation when a keystore's MAC uses SHA-256 with many iterations (OpenSSL's `-iter 600000`
 * gives the MAC 600,000). Node has no native form of this loop, and calling its hash function
 * 600,000 times costs about five times what OpenSSL needs, mostly in call overhead; this loop
 * hashes one fixed-shape block at a time in place, allocation-free.
 *
 * Checked against node:crypto in test/unit/keystore/iteratedSha256.test.ts.
 */

const K = new Int32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const [H0, H1, H2, H3, H4, H5, H6, H7] = [
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
].map((word) => word | 0) as [number, number, number, number, number, number, number, number];

/** Returns SHA-256 applied `count` times to `digest` (32 bytes); `count` 0 returns a copy. */
export function iterateSha256(digest: Uint8Array, count: number): Buffer {
	if (digest.length !== 32) {
		throw new RangeError('iterateSha256 takes a 32-byte value');
	}
	// One 64-byte block: the previous digest in w[0..7], then the padding of a 32-byte message.
	const w = new Int32Array(64);
	const input = Buffer.from(digest.buffer, digest.byteOffset, 32);
	for (let i = 0; i < 8; i++) {
		w[i] = input.readInt32BE(i * 4);
	}
	w[8] = 0x80000000 | 0;
	w[15] = 256;

	for (let round = 0; round < count; round++) {
		for (let i = 16; i < 64; i++) {
			const x = w[i - 15]!;
			const y = w[i - 2]!;
			const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
			const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
			w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
		}

		let a = H0;
		let b = H1;
		let c = H2;
		let d = H3;
		let e = H4;
		let f = H5;
		let g = H6;
		let h = H7;
		for (let i = 0; i < 64; i++) {
			const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
			const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
			const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
			const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
			h = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) | 0;
		}

		// The digest becomes the next message; the padding words stay as they are.
		w[0] = (H0 + a) | 0;
		w[1] = (H1 + b) | 0;
		w[2] = (H2 + c) | 0;
		w[3] = (H3 + d) | 0;
		w[4] = (H4 + e) | 0;
		w[5] = (H5 + f) | 0;
		w[6] = (H6 + g) | 0;
		w[7] = (H7 + h) | 0;
	}

	const out = Buffer.alloc(32);
	for (let i = 0; i < 8; i++) {
		out.writeInt32BE(w[i]!, i * 4);
	}
	return out;
}
