import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Expected, ExpectedKeystore } from '../../fixtures/keystores/expected';
import { REPO_ROOT } from '../../harness/paths';

/**
 * The keystores made by test/fixtures/keystores/generate.ts, and what openssl and keytool said:
 * the committed ones, or freshly made ones in MTLS_WEBHOOKS_FIXTURES (`npm run test:fresh`).
 */
export const FIXTURES = process.env.MTLS_WEBHOOKS_FIXTURES
	? resolve(process.env.MTLS_WEBHOOKS_FIXTURES)
	: join(REPO_ROOT, 'test', 'fixtures', 'keystores');

export const expected = JSON.parse(
	readFileSync(join(FIXTURES, 'expected.json'), 'utf8'),
) as Expected;

export function fixture(file: string): Buffer {
	return readFileSync(join(FIXTURES, file));
}

export function keystore(file: string): ExpectedKeystore {
	const found = expected.keystores.find((entry) => entry.file === file);
	if (!found) {
		throw new Error(`no fixture ${file} in expected.json`);
	}
	return found;
}

/** Words that belong to the libraries underneath, which no message may show alone. */
export const LIBRARY_WORDS =
	/ASN\.1|Too few bytes|Invalid keystore format|Password verification failed|Cannot recover key|Unsupported OID|digital envelope|error:[0-9A-F]{8}|undefined|\[object /;
