import { FAKETIME, NGINX, OPENSSL, ensureSystemPackages } from '../harness/systemPackages';

/**
 * Before any unit test: the Debian packages the suites run as peers and references (openssl,
 * nginx, faketime), installed when missing and this process may (see systemPackages.ts).
 */
export async function mochaGlobalSetup(): Promise<void> {
	await ensureSystemPackages([OPENSSL, NGINX, FAKETIME]);
}
