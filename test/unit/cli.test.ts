import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { FIXTURES, keystore } from './keystore/fixtures';
import { cli, cliWith } from './runCli';

describe('mtls-webhooks command-line tool', () => {
	it('prints the version from package.json', async () => {
		const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
			version: string;
		};

		const result = await cli('--version');

		assert.deepEqual(result, { code: 0, stdout: `${version}\n`, stderr: '' });
	});

	it('describes itself in --help', async () => {
		const result = await cli('--help');

		assert.equal(result.code, 0);
		assert.match(result.stdout, /^Usage: mtls-webhooks /);
		assert.match(result.stdout, /client certificates of mTLS webhook integrations/);
	});

	it('rejects an unknown option with a non-zero exit code and says which', async () => {
		const result = await cli('--no-such-option');

		assert.notEqual(result.code, 0);
		assert.match(result.stderr, /unknown option '--no-such-option'/);
	});
});

const file = (name: string) => join(FIXTURES, name);

describe('mtls-webhooks inspect', () => {
	const password = { MTLS_TEST_PASSWORD: 'changeit' };

	it('prints the Identifier and Valid Till and exits 0 for a sound keystore', async () => {
		const result = await cliWith(
			password,
			'inspect',
			file('p12/ec256.p12'),
			'--password-env',
			'MTLS_TEST_PASSWORD',
		);
		const leaf = keystore('p12/ec256.p12').openssl?.entries[0]?.chain[0];

		assert.equal(result.code, 0, result.stderr);
		assert.match(
			result.stdout,
			new RegExp(`Identifier {4}${leaf} \\(SHA-256 of the client certificate\\)`),
		);
		assert.match(result.stdout, /Valid Till {4}2036-01-01 00:00:00 UTC/);
		assert.match(result.stdout, /Findings\n {2}none/);
	});

	it('exits 1 when the keystore has error findings', async () => {
		const result = await cliWith(
			password,
			'inspect',
			file('p12/expired.p12'),
			'--password-env',
			'MTLS_TEST_PASSWORD',
		);

		assert.equal(result.code, 1);
		assert.match(result.stdout, /error {3}expired/);
	});

	it('prints the documented JSON shape with --json', async () => {
		const result = await cliWith(
			password,
			'inspect',
			file('jks/rsa.jks'),
			'--password-env',
			'MTLS_TEST_PASSWORD',
			'--json',
		);
		const json = JSON.parse(result.stdout) as Record<string, unknown> & {
			entries: {
				alias: string;
				kind: string;
				certificates: Record<string, unknown>[];
				key: object;
			}[];
		};

		assert.equal(result.code, 0);
		assert.equal(json.format, 'jks');
		for (const field of [
			'file',
			'format',
			'identifier',
			'validTill',
			'encryption',
			'entries',
			'findings',
		]) {
			assert.ok(field in json, field);
		}
		const [entry] = json.entries;
		assert.equal(entry?.kind, 'privateKey');
		assert.deepEqual(entry?.key, { type: 'RSA', bits: 2048 });
		const [leaf] = entry?.certificates ?? [];
		for (const field of [
			'subject',
			'issuer',
			'serialHex',
			'notBefore',
			'notAfter',
			'sha256',
			'sha1',
			'keyType',
			'keyBits',
			'curve',
			'subjectAltNames',
			'extendedKeyUsage',
			'selfSigned',
		]) {
			assert.ok(leaf && field in leaf, field);
		}
		assert.match(String(leaf?.sha256), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
		assert.match(String(leaf?.notAfter), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		assert.equal(json.identifier, leaf?.sha256);
		assert.doesNotMatch(result.stdout, /derBase64|PRIVATE/);
	});

	it('exits 2 with a typed JSON error when the password is wrong', async () => {
		const result = await cliWith(
			{ WRONG: 'nope' },
			'inspect',
			file('p12/rsa-default.p12'),
			'--password-env',
			'WRONG',
			'--json',
		);

		assert.equal(result.code, 2);
		const json = JSON.parse(result.stdout) as { error: { code: string; message: string } };
		assert.equal(json.error.code, 'wrong_password');
		assert.match(json.error.message, /rsa-default\.p12/);
	});

	it('exits 2 and says so when the password variable is not set', async () => {
		const result = await cli(
			'inspect',
			file('p12/rsa-default.p12'),
			'--password-env',
			'MTLS_NOT_SET',
		);

		assert.equal(result.code, 2);
		assert.match(
			result.stderr,
			/MTLS_NOT_SET, named for the store password of ".*rsa-default\.p12", is not set/,
		);
	});

	it('exits 2 for a file that does not exist', async () => {
		const result = await cli('inspect', file('no-such.p12'));

		assert.equal(result.code, 2);
		assert.match(result.stderr, /does not exist\. Check the path\. \[file_unreadable\]/);
	});
});

describe('mtls-webhooks inspect on hostile input', () => {
	let dir: string;

	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'mtls-cli-'));
	});

	after(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	it('refuses a named pipe at once instead of waiting for it to end', async () => {
		const fifo = join(dir, 'pipe.p12');
		execFileSync('mkfifo', [fifo]);

		const result = await cli('inspect', fifo);

		assert.equal(result.code, 2);
		assert.match(result.stderr, /is not a regular file \(a pipe or a device\)/);
	});

	it('refuses a file over the size limit without reading it', async () => {
		const big = join(dir, 'big.p12');
		execFileSync('truncate', ['-s', '3G', big]);

		const result = await cli('inspect', big);

		assert.equal(result.code, 2);
		assert.match(result.stderr, /is 3072\.0 MB, larger than any keystore .* \[too_large\]/);
	});

	it('shows control and direction characters of an alias as escapes, not as commands', async () => {
		const file = join(dir, 'alias.p12');
		execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(FIXTURES, 'bad/private-key.pem'),
			'-in', join(FIXTURES, 'certificates/rsa.crt'), '-name', 'evil\x1b[2Jname\u202eexe.p12',
			'-passout', 'pass:changeit', '-out', file]); // prettier-ignore

		const result = await cliWith({ P: 'changeit' }, 'inspect', file, '--password-env', 'P');

		assert.ok(!result.stdout.includes('\u001b'), 'an escape character reached the terminal');
		assert.ok(!result.stdout.includes('\u202e'), 'a direction override reached the terminal');
		assert.match(result.stdout, /Entry "evil\\x1b\[2Jname\\u202eexe\.p12"/);
	});

	it('reports an RC4 keystore as unsupported, with no crash and exit code 2', async () => {
		const result = await cliWith(
			{ P: 'changeit' },
			'inspect',
			file('p12/rc4.p12'),
			'--password-env',
			'P',
		);

		assert.equal(result.code, 2);
		assert.match(
			result.stderr,
			/^mtls-webhooks: .* pbeWithSHA1And\d+BitRC4 .* \[unsupported_algorithm\]\n$/,
		);
	});

	it('says how to give a password that is missing', async () => {
		const result = await cli('inspect', file('jks/rsa.jks'));

		assert.match(
			result.stderr,
			/Give its password\. Name the variable that holds it with --password-env NAME\./,
		);
	});

	it('takes its iteration limits from the command line', async () => {
		const result = await cliWith(
			{ P: 'changeit' },
			'inspect',
			file('p12/rsa-600k.p12'),
			'--password-env',
			'P',
			'--max-iterations',
			'1000',
		);

		assert.equal(result.code, 2);
		assert.match(result.stderr, /more than the limit of 1,000.*--max-iterations/);
	});

	it('refuses an empty variable name', async () => {
		const result = await cli('inspect', file('jks/rsa.jks'), '--password-env', '');

		assert.equal(result.code, 2);
		assert.match(result.stderr, /expected the name of an environment variable/);
	});
});
