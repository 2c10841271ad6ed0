import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../harness/paths';
import { FAKETIME, ensureSystemPackages } from '../harness/systemPackages';
import { FIXTURES } from './keystore/fixtures';
import { cliWith, type Result } from './runCli';

const DAY_MS = 24 * 60 * 60 * 1000;
/** When the client certificate of p12/rsa-default.p12 expires. */
const EXPIRY = Date.parse('2036-01-01T00:00:00Z');

/** The command-line tool run as if today were `daysBefore` days before that expiry. */
async function checkAt(
	daysBefore: number,
	env: NodeJS.ProcessEnv,
	...args: string[]
): Promise<Result> {
	const now = new Date(EXPIRY - daysBefore * DAY_MS - DAY_MS / 2).toISOString();
	const fake = `@${now.slice(0, 10)} ${now.slice(11, 19)}`;
	try {
		const { stdout, stderr } = await promisify(execFile)(
			FAKETIME.file,
			['-f', fake, process.execPath, join(REPO_ROOT, 'dist', 'cli.js'), 'check', ...args],
			{ env: { ...process.env, ...env } },
		);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('mtls-webhooks check', function () {
	this.timeout(20_000);
	let folder: string;

	before(async () => {
		await ensureSystemPackages([FAKETIME]);
		folder = mkdtempSync(join(tmpdir(), 'mtls-check-'));
		mkdirSync(join(folder, '.vscode'));
		mkdirSync(join(folder, 'certs'));
		copyFileSync(join(FIXTURES, 'p12', 'rsa-default.p12'), join(folder, 'certs', 'orders.p12'));
		copyFileSync(join(FIXTURES, 'p12', 'ec256.p12'), join(folder, 'certs', 'next.p12'));
	});
	after(() => rmSync(folder, { recursive: true, force: true }));

	const configure = (integrations: object[]) =>
		writeFileSync(
			join(folder, '.vscode', 'mtls-webhooks.json'),
			`// written by the test\n${JSON.stringify({ integrations }, null, 2)}`,
		);
	const orders = (mtls: object) => ({
		id: 'orders-eu-1',
		name: 'Orders',
		url: 'https://hooks.example.com/orders',
		mtls: { enabled: true, ...mtls },
	});

	it('passes 60 days ahead, warns 20 days ahead and fails 3 days ahead', async () => {
		configure([orders({ active: { path: 'certs/orders.p12', format: 'p12' } })]);
		const env = { MTLS_PASSWORD: 'changeit' };

		const early = await checkAt(60, env, folder);
		assert.equal(early.code, 0, early.stderr);
		assert.equal(
			early.stdout,
			'ok      orders-eu-1 active  certs/orders.p12  valid till 2036-01-01 (60 days left)\n',
		);
		const warned = await checkAt(20, env, folder);
		assert.equal(warned.code, 0);
		assert.match(
			warned.stdout,
			/^WARNING orders-eu-1 active {2}certs\/orders\.p12 {2}valid till 2036-01-01 \(20 days left\)$/m,
		);
		const failed = await checkAt(3, env, folder);
		assert.equal(failed.code, 1);
		assert.match(failed.stdout, /^ERROR {3}orders-eu-1 active .*\(3 days left\)$/m);
		const expired = await checkAt(-2, env, folder);
		assert.equal(expired.code, 1);
		assert.match(expired.stdout, /^EXPIRED .*expired on 2036-01-01 \(2 days ago\)$/m);
	});

	it('takes the thresholds from the command line', async () => {
		const result = await checkAt(20, { MTLS_PASSWORD: 'changeit' }, folder, '--warn-days',
			'60', '--error-days', '30', '--json'); // prettier-ignore

		assert.equal(result.code, 1);
		const report = JSON.parse(result.stdout) as {
			ok: boolean;
			thresholds: object;
			certificates: { level: string; daysLeft: number }[];
		};
		assert.equal(report.ok, false);
		assert.deepEqual(report.thresholds, { warningDays: 60, errorDays: 30 });
		assert.deepEqual(
			report.certificates.map(({ level, daysLeft }) => ({ level, daysLeft })),
			[{ level: 'error', daysLeft: 20 }],
		);
	});

	it("takes each slot's password from its own variable first, and fails for one it cannot read", async () => {
		configure([
			orders({
				active: { path: 'certs/orders.p12', format: 'p12' },
				new: { path: 'certs/next.p12', format: 'p12' },
			}),
		]);
		const result = await cliWith(
			{ MTLS_PASSWORD: 'wrong', MTLS_PASSWORD_ORDERS_EU_1_ACTIVE: 'changeit' },
			'check',
			folder,
		);

		assert.equal(result.code, 1);
		assert.match(result.stdout, /^ok {6}orders-eu-1 active /m);
		assert.match(
			result.stdout,
			/^UNREAD {2}orders-eu-1 new {2}certs\/next\.p12 .*Set MTLS_PASSWORD_ORDERS_EU_1_NEW \(or MTLS_PASSWORD\)\. \[wrong_password\]$/m,
		);
		assert.doesNotMatch(result.stdout + result.stderr, /changeit/);
	});

	it('exits 2 and says where when the configuration does not parse or is missing', async () => {
		writeFileSync(join(folder, '.vscode', 'mtls-webhooks.json'), '{ "integrations": [ }');
		const broken = await cliWith({}, 'check', folder);
		assert.equal(broken.code, 2);
		assert.match(broken.stderr, /mtls-webhooks\.json, line 1: The file is not valid JSON/);

		const missing = await cliWith({}, 'check', join(folder, 'certs'));
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /There is no \.vscode\/mtls-webhooks\.json in .*certs/);
	});
});
