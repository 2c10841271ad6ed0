import { readFile } from 'node:fs/promises';
import { KeystoreError } from '../keystore/errors';
import { DEFAULT_LIMITS, openKeystore } from '../keystore/inspect';
import { printable } from '../keystore/renderReport';
import { caFileProblem } from '../mtls/caFile';
import { clientCertificateOf, noClientReason } from '../mtls/client';
import { UnusableUrlError, noClientKeyReport, testConnection } from '../mtls/connectionTest';
import type { TestReport } from '../mtls/model';
import { renderTestReport } from '../mtls/renderTestReport';
import type { SigningAlgorithm } from '../webhooks/signature';
import { UsageError, fromEnvironment, readKeystoreFile } from './inputs';

export interface TestCommandOptions {
	keystore: string;
	passwordEnv?: string;
	keyPasswordEnv?: string;
	alias?: string;
	ca?: string;
	hubSecretEnv?: string;
	algorithm: SigningAlgorithm;
	timeout: number;
	acceptUntrustedServer?: boolean;
	enforcementCheck: boolean;
	json?: boolean;
}

/** Exit codes of `test`: accepted, refused, could not test. */
export const enum TestExit {
	ok = 0,
	refused = 1,
	unusable = 2,
}

/**
 * `mtls-webhooks test URL --keystore FILE`: the panel's Test on the command line. Secrets come
 * from environment variables named on the command line, never from the command line itself.
 */
export async function testCommand(url: string, options: TestCommandOptions): Promise<TestExit> {
	let report: TestReport;
	try {
		const file = options.keystore;
		const bytes = await readKeystoreFile(file, DEFAULT_LIMITS.maxBytes);
		const opened = await openKeystore(bytes, {
			fileName: file,
			password: fromEnvironment(options.passwordEnv, 'store password', file),
			keyPassword: fromEnvironment(options.keyPasswordEnv, 'key password', file),
			alias: options.alias,
		});
		const client = clientCertificateOf(opened);
		const hubSecret = fromEnvironment(options.hubSecretEnv, 'hub secret', url);
		report = client
			? await testConnection({
					url,
					client,
					ca: options.ca === undefined ? undefined : await readCa(options.ca),
					acceptUntrustedServer: options.acceptUntrustedServer ?? false,
					hub:
						hubSecret === undefined
							? undefined
							: { secret: hubSecret, algorithm: options.algorithm },
					timeoutMs: options.timeout * 1000,
					checkEnforcement: options.enforcementCheck,
				})
			: noClientKeyReport(url, noClientReason(opened, file));
	} catch (error) {
		const failure =
			error instanceof KeystoreError || error instanceof UsageError
				? { code: error.code, message: error.message }
				: error instanceof UnusableUrlError
					? { code: 'usage', message: error.message }
					: { code: 'internal', message: `The test could not run: ${String(error)}` };
		if (options.json) {
			process.stdout.write(`${JSON.stringify({ ok: false, error: failure }, null, 2)}\n`);
		} else {
			process.stderr.write(`mtls-webhooks: ${printable(failure.message)} [${failure.code}]\n`);
		}
		return TestExit.unusable;
	}

	process.stdout.write(
		options.json ? `${JSON.stringify(report, null, 2)}\n` : renderTestReport(report),
	);
	if (report.ok) {
		return TestExit.ok;
	}
	return report.diagnosis.code === 'no_client_key' ? TestExit.unusable : TestExit.refused;
}

async function readCa(file: string): Promise<string> {
	const text = await readFile(file, 'utf8').catch(() => {
		throw new UsageError('file_unreadable', `The CA file "${file}" cannot be read.`);
	});
	const problem = caFileProblem(text, file);
	if (problem !== undefined) {
		throw new UsageError('usage', problem);
	}
	return text;
}
