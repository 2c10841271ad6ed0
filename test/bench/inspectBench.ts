/**
 * `npm run bench`: how long `mtls-webhooks inspect` (the production build) takes on each kind
 * of keystore, beside `openssl pkcs12 -info -nokeys`, `openssl pkcs12 -nodes` (which decrypts
 * the private key too, as inspect does) and `keytool -list -v` on the same file. Medians of
 * several runs of each whole command, process start included; plus the engine alone, in this
 * process. A benchmark, not a test: the machine's load moves the figures, so read the ratios.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openKeystore } from '../../src/keystore/inspect';
import { REPO_ROOT } from '../harness/paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'keystores');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const env = { ...process.env, BENCH_PASSWORD: 'changeit' };

interface Case {
	file: string;
	kind: string;
	/** openssl needs its legacy provider for RC2. */
	legacy?: boolean;
	jks?: boolean;
}

const CASES: Case[] = [
	{ file: 'p12/rsa-default.p12', kind: 'PKCS#12, OpenSSL 3 defaults (RSA)' },
	{ file: 'p12/ec256.p12', kind: 'PKCS#12, OpenSSL 3 defaults (EC P-256)' },
	{ file: 'p12/rsa-legacy.p12', kind: 'PKCS#12, OpenSSL -legacy (RC2-40, 3DES)', legacy: true },
	{ file: 'p12/rsa-600k.p12', kind: 'PKCS#12, 600,000 iterations' },
	{ file: 'keytool/default-named.jks', kind: 'PKCS#12 by keytool (Java 17 defaults)' },
	{ file: 'keytool/legacy.p12', kind: 'PKCS#12 by keytool, legacy', legacy: true },
	{ file: 'keytool/truststore.p12', kind: 'PKCS#12 truststore by keytool' },
	{ file: 'jks/rsa.jks', kind: 'JKS (RSA)', jks: true },
	{ file: 'jks/multi.jks', kind: 'JKS, two keys and a CA', jks: true },
];

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Median wall time of a command in milliseconds, or undefined when it cannot run. */
function timeCommand(command: string, args: string[]): number | undefined {
	const once = () => {
		const started = process.hrtime.bigint();
		const result = spawnSync(command, args, { env, stdio: 'ignore' });
		const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
		return result.status === 0 || (command === CLI && result.status === 1) ? elapsed : undefined;
	};
	if (once() === undefined) {
		return undefined;
	}
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		times.push(once() ?? NaN);
	}
	return median(times);
}

async function timeEngine(file: string): Promise<number> {
	const bytes = readFileSync(join(FIXTURES, file));
	const times: number[] = [];
	for (let i = 0; i <= RUNS; i++) {
		const started = process.hrtime.bigint();
		await openKeystore(bytes, { fileName: file, password: 'changeit' });
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	return median(times.slice(1));
}

function cell(ms: number | undefined): string {
	return ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`;
}

function ratio(ours: number | undefined, theirs: number | undefined): string {
	return ours === undefined || theirs === undefined ? 'n/a' : `${(ours / theirs).toFixed(2)}×`;
}

async function main(): Promise<void> {
	const rows: string[][] = [];
	for (const item of CASES) {
		const path = join(FIXTURES, item.file);
		const ours = timeCommand(CLI, ['inspect', path, '--password-env', 'BENCH_PASSWORD']);
		const engine = await timeEngine(item.file);
		const pkcs12 = (...args: string[]) =>
			item.jks
				? undefined
				: timeCommand('openssl', [
						'pkcs12',
						...args,
						'-in',
						path,
						'-passin',
						'env:BENCH_PASSWORD',
						'-out',
						'/dev/null',
						...(item.legacy ? ['-legacy'] : []),
					]);
		const openssl = pkcs12('-info', '-nokeys');
		const opensslFull = pkcs12('-nodes');
		const keytool = timeCommand('keytool', [
			'-list',
			'-v',
			'-keystore',
			path,
			'-storepass:env',
			'BENCH_PASSWORD',
		]);
		rows.push([
			item.kind,
			cell(ours),
			cell(engine),
			cell(openssl),
			ratio(ours, openssl),
			cell(opensslFull),
			ratio(ours, opensslFull),
			cell(keytool),
			ratio(ours, keytool),
		]);
		process.stderr.write('.');
	}
	process.stderr.write('\n');

	const header = [
		'keystore',
		'inspect (CLI)',
		'engine only',
		'openssl -info -nokeys',
		'CLI/that',
		'openssl -nodes (keys too)',
		'CLI/that',
		'keytool -list -v',
		'CLI/keytool',
	];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
	);
	const line = (cells: string[]) =>
		`| ${cells.map((text, i) => text.padEnd(widths[i] ?? 0)).join(' | ')} |`;
	console.log(
		`Median of ${RUNS} runs each, on ${process.platform} ${process.arch}, Node ${process.version}.`,
	);
	console.log(line(header));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	rows.forEach((row) => console.log(line(row)));
}

void main();
