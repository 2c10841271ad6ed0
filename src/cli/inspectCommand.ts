import { KeystoreError, type KeystoreErrorCode } from '../keystore/errors';
import { DEFAULT_LIMITS, inspectKeystore, type Limits } from '../keystore/inspect';
import type { KeystoreReport } from '../keystore/model';
import { printable, renderReport } from '../keystore/renderReport';
import { UsageError, fromEnvironment, readKeystoreFile } from './inputs';

export interface InspectCommandOptions {
	passwordEnv?: string;
	keyPasswordEnv?: string;
	alias?: string;
	warnDays: number;
	maxIterations: number;
	maxTotalIterations: number;
	json?: boolean;
}

/** Exit codes of `inspect`: read cleanly, read with error findings, not read. */
export const enum InspectExit {
	ok = 0,
	errorFindings = 1,
	unreadable = 2,
}

/** How to act on an engine error from the command line, added to its message. */
const HINTS: Partial<Record<KeystoreErrorCode, string>> = {
	wrong_password: 'Name the variable that holds it with --password-env NAME.',
	key_password_required: 'Name the variable that holds it with --key-password-env NAME.',
	too_expensive: 'The limits are set by --max-iterations and --max-total-iterations.',
};

/**
 * `mtls-webhooks inspect FILE`: what Validate shows, as a table or as JSON. Passwords come
 * from environment variables named on the command line, never from the command line itself,
 * where other users of the machine could read them.
 */
export async function inspectCommand(
	file: string,
	options: InspectCommandOptions,
): Promise<InspectExit> {
	const limits: Limits = {
		...DEFAULT_LIMITS,
		maxIterations: options.maxIterations,
		maxTotalIterations: options.maxTotalIterations,
	};
	let report: KeystoreReport;
	try {
		const bytes = await readKeystoreFile(file, limits.maxBytes);
		report = await inspectKeystore(bytes, {
			fileName: file,
			password: fromEnvironment(options.passwordEnv, 'store password', file),
			keyPassword: fromEnvironment(options.keyPasswordEnv, 'key password', file),
			alias: options.alias,
			warnDays: options.warnDays,
			limits,
		});
	} catch (error) {
		const failure =
			error instanceof KeystoreError || error instanceof UsageError
				? { code: error.code, message: error.message }
				: { code: 'file_unreadable', message: `"${file}" could not be read.` };
		if (options.json) {
			process.stdout.write(`${JSON.stringify({ file, error: failure }, null, 2)}\n`);
		} else {
			const hint = HINTS[failure.code as KeystoreErrorCode];
			const text = hint ? `${failure.message} ${hint}` : failure.message;
			process.stderr.write(`mtls-webhooks: ${printable(text)} [${failure.code}]\n`);
		}
		return InspectExit.unreadable;
	}

	process.stdout.write(
		options.json ? `${JSON.stringify(toJson(report), null, 2)}\n` : renderReport(report),
	);
	return report.findings.some((finding) => finding.severity === 'error')
		? InspectExit.errorFindings
		: InspectExit.ok;
}

/** The documented JSON shape: the report without the certificates' DER. */
function toJson(report: KeystoreReport): object {
	return {
		file: report.file,
		format: report.format,
		identifier: report.identifier ?? null,
		validTill: report.validTill ?? null,
		encryption: report.encryption,
		entries: report.entries.map((entry) => ({
			alias: entry.alias,
			kind: entry.kind,
			certificates: entry.certificates.map(({ derBase64: _der, key, ...facts }) => ({
				...facts,
				keyType: key.type,
				keyBits: key.bits ?? null,
				curve: key.curve ?? null,
			})),
			...(entry.key ? { key: entry.key } : {}),
		})),
		findings: report.findings,
	};
}
