/**
 * Keystores for the demo whose expiry is relative to today, so that the expiry warnings show
 * whenever the demo runs: made with openssl at every start, by a small CA of their own. They
 * have an empty password, which the extension tries before asking, so that their state shows
 * before anything is typed; the README and the sample configuration say so.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * File name in the demo's certs/, and whole days from now to its expiry (negative: expired);
 * each expires half a day after that many days, so that the count holds all day.
 */
export const EXPIRING_SAMPLES: readonly [string, number][] = [
	['payments.p12', 20],
	['refunds.p12', 3],
	['legacy-billing.p12', -5],
];

const CONFIG = `[ca]
default_ca = ca
[ca]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
[req]
distinguished_name = dn
[dn]
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
`;

function asn1Time(time: number): string {
	return `${new Date(time).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * Writes the expiring sample keystores into `certs`, and returns the PEM of the CA that issued
 * them, for the demo's receiver to trust. Needs openssl on the PATH.
 */
export function makeExpiringSamples(certs: string, now = Date.now()): string {
	const work = mkdtempSync(join(tmpdir(), 'mtls-demo-pki-'));
	const openssl = (...args: string[]) =>
		execFileSync('openssl', args, { cwd: work, stdio: 'pipe' });
	try {
		writeFileSync(join(work, 'ca.cnf'), CONFIG);
		writeFileSync(join(work, 'index.txt'), '');
		const issue = (
			name: string,
			subject: string,
			extensions: string,
			signer: string[],
			start: number,
			end: number,
		) => {
			openssl(
				'genpkey',
				'-algorithm',
				'EC',
				'-pkeyopt',
				'ec_paramgen_curve:P-256',
				'-out',
				`${name}.key`,
			);
			openssl(
				'req',
				'-new',
				'-config',
				'ca.cnf',
				'-key',
				`${name}.key`,
				'-subj',
				subject,
				'-out',
				`${name}.csr`,
			);
			writeFileSync(join(work, 'serial'), `${randomBytes(16).toString('hex')}\n`);
			openssl('ca', '-batch', '-notext', '-config', 'ca.cnf', ...signer, '-in', `${name}.csr`,
				'-out', `${name}.crt`, '-startdate', asn1Time(start), '-enddate', asn1Time(end),
				'-extensions', extensions); // prettier-ignore
		};
		issue('root', '/CN=mTLS Webhooks Demo CA', 'root', ['-selfsign', '-keyfile', 'root.key'],
			now - 400 * DAY_MS, now + 3650 * DAY_MS); // prettier-ignore
		for (const [file, days] of EXPIRING_SAMPLES) {
			const name = file.replace(/\.p12$/, '');
			issue(name, `/CN=${name}.demo.example.com`, 'client', ['-cert', 'root.crt', '-keyfile',
				'root.key'], now - 365 * DAY_MS, now + days * DAY_MS + DAY_MS / 2); // prettier-ignore
			openssl('pkcs12', '-export', '-name', 'client', '-inkey', `${name}.key`, '-in',
				`${name}.crt`, '-certfile', 'root.crt', '-passout', 'pass:', '-out', join(certs, file)); // prettier-ignore
		}
		return readFileSync(join(work, 'root.crt'), 'utf8');
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
