import { parentPort, workerData } from 'node:worker_threads';
import { KeystoreError } from '../../../src/keystore/errors';
import { openKeystore } from '../../../src/keystore/inspect';
import { fixture, LIBRARY_WORDS } from './fixtures';

/**
 * Runs the fuzz cases for fuzz.test.ts in a thread of its own, so that the test can end it if a
 * case hangs. Posts `{ starting }` before each case and `{ failed }` or `{ finished }` after.
 */
interface FuzzData {
	files: string[];
	casesPerFile: number;
	seed: number;
}

const { files, casesPerFile, seed } = workerData as FuzzData;

/** A small deterministic generator (mulberry32), so that a failing case can be replayed. */
function random(state: { value: number }): number {
	state.value = (state.value + 0x6d2b79f5) | 0;
	let t = state.value;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function mutate(original: Buffer, index: number, state: { value: number }): [string, Buffer] {
	const bytes = Buffer.from(original);
	const at = Math.floor(random(state) * bytes.length);
	switch (index % 4) {
		case 0:
			return [`cut to ${at} bytes`, bytes.subarray(0, at)];
		case 1: {
			const value = Math.floor(random(state) * 256);
			bytes[at] = value;
			return [`byte ${at} set to ${value}`, bytes];
		}
		case 2: {
			bytes[at] = bytes[at]! ^ (1 << Math.floor(random(state) * 8));
			return [`one bit of byte ${at} flipped`, bytes];
		}
		default: {
			// Lengths are where parsers break: make one huge, or zero.
			bytes[at] = random(state) < 0.5 ? 0x84 : 0x00;
			return [`byte ${at} set to a length-like value`, bytes];
		}
	}
}

async function main(): Promise<void> {
	const state = { value: seed };
	let cases = 0;
	for (const file of files) {
		const original = fixture(file);
		for (let index = 0; index < casesPerFile; index++) {
			const [change, bytes] = mutate(original, index, state);
			const description = `${file}, ${change}`;
			parentPort?.postMessage({ starting: description });
			try {
				await openKeystore(bytes, { fileName: file, password: 'changeit' });
			} catch (error) {
				const problem = !(error instanceof KeystoreError)
					? `threw ${String(error)}`
					: !error.message.includes(`"${file}"`) || LIBRARY_WORDS.test(error.message)
						? `gave the message: ${error.message}`
						: undefined;
				if (problem) {
					parentPort?.postMessage({ failed: `${description}: ${problem}` });
					return;
				}
			}
			cases++;
		}
	}
	parentPort?.postMessage({ finished: cases });
}

void main();
