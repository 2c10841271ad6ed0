/**
 * `npm run bench`, second part: how long a Test takes against a loopback nginx that requires
 * client certificates, beside curl with the same certificate, key and CA. Medians of several
 * runs: whole commands (process start included), and the engine alone in this process with a
 * fresh connection each time. A benchmark, not a test: read the ratios, not the figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKeystore } from '../../src/keystore/inspect';
import { clientCertificateOf } from '../../src/mtls/client';
import { testConnection } from '../../src/mtls/connectionTest';
import { REPO_ROOT } from '../harness/paths';
import { PASSWORD, PKI, startNginx } from '../peers';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const KEYSTORE = join(PKI, 'client.p12');
const CA = join(PKI, 'server-ca.pem');
const BODY = '{"event":"bench"}';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Median wall time of a command that must exit 0, in milliseconds. */
function timeCommand(command: string, args: string[]): number {
	const times: number[] = [];
	for (let i = 0; i <= RUNS; i++) {
		const started = process.hrtime.bigint();
		const result = spawnSync(command, args, {
			env: { ...process.env, BENCH_PASSWORD: PASSWORD },
			encoding: 'utf8',
		});
		if (result.status !== 0) {
			throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
		}
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	return median(times.slice(1));
}

async function timeEngine(url: string): Promise<number> {
	const opened = await openKeystore(readFileSync(KEYSTORE), {
		fileName: KEYSTORE,
		password: PASSWORD,
	});
	const client = clientCertificateOf(opened);
	const ca = readFileSync(CA, 'utf8');
	const times: number[] = [];
	for (let i = 0; i <= RUNS; i++) {
		const started = process.hrtime.bigint();
		const report = await testConnection({ url, client, ca, checkEnforcement: false });
		if (!report.ok) {
			throw new Error(`the test failed: ${report.diagnosis.message}`);
		}
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	return median(times.slice(1));
}

async function main(): Promise<void> {
	const nginx = await startNginx();
	const dir = mkdtempSync(join(tmpdir(), 'mtls-bench-'));
	try {
		const url = `https://127.0.0.1:${nginx.port}/hook`;
		const pem = (...args: string[]) =>
			spawnSync('openssl', ['pkcs12', '-in', KEYSTORE, '-passin', `pass:${PASSWORD}`, ...args], {
				encoding: 'utf8',
			}).stdout;
		writeFileSync(join(dir, 'client.crt'), pem('-clcerts', '-nokeys') + pem('-cacerts', '-nokeys'));
		writeFileSync(join(dir, 'client.key'), pem('-nocerts', '-nodes'), { mode: 0o600 });
		const curl = ['--fail', '--silent', '--output', '/dev/null', '--cert', join(dir, 'client.crt'),
			'--key', join(dir, 'client.key'), '--cacert', CA]; // prettier-ignore

		const rows: [string, number][] = [
			[
				'mtls-webhooks test (CLI): HEAD + POST, one connection',
				timeCommand(CLI, ['test', url,
				'--keystore', KEYSTORE, '--password-env', 'BENCH_PASSWORD', '--ca', CA,
				'--no-enforcement-check']), // prettier-ignore
			],
			[
				'curl: HEAD + POST, one connection',
				timeCommand('curl', [...curl, '--head', url,
				'--next', ...curl, '--data', BODY, '--header', 'content-type: application/json', url]), // prettier-ignore
			],
			['engine only (in process): HEAD + POST', await timeEngine(url)],
			['curl: one POST', timeCommand('curl', [...curl, '--data', BODY, url])],
		];
		const [cli, curlBoth, engine] = rows.map(([, ms]) => ms);
		console.log(
			`Median of ${RUNS} runs each against nginx on loopback (TLS 1.3, client certificate ` +
				`required), ${process.platform} ${process.arch}, Node ${process.version}.`,
		);
		console.log('| what | time | / curl HEAD + POST |');
		console.log('| --- | --- | --- |');
		for (const [what, ms] of rows) {
			console.log(`| ${what} | ${ms.toFixed(1)} ms | ${(ms / (curlBoth ?? NaN)).toFixed(2)}× |`);
		}
		console.log(
			`CLI minus engine (Node start and keystore read): ${((cli ?? 0) - (engine ?? 0)).toFixed(0)} ms`,
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await nginx.close();
	}
}

void main();
