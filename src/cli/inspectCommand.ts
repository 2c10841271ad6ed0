import { readFile } from 'node:fs/promises';
import { KeystoreError } from '../keystore/errors';
import { inspectKeystore } from '../keystore/inspect';
import type { KeystoreReport } from '../keystore/model';
import { renderReport } from './renderReport';

export interface InspectCommandOptions {
	passwordEnv?: string;
	keyPasswordEnv?: string;
	alias?: string;
	warnDays: number;
	json?: boolean;
}

/** Exit codes of `inspect`: read cleanly, read with error findings, not read. */
export const enum InspectExit {
	ok = 0,
	errorFindings = 1,
	unreadable = 2,
}

/** Something to fix before the keystore can be read at all: the file, or a variable. */
class UsageError extends Error {
	constructor(
		public readonly code: 'file_unreadable' | 'password_env_unset',
		message: string,
	) {
		super(message);
	}
}

/**
 * `mtls-webhooks inspect FILE`: what Validate shows, as a table or as JSON. Passwords come
 * from environment variables named on the command line, never from the command line itself,
 * where other users of the machine could read them.
 */
export async function inspectCommand(
	file: string,
	options: InspectCommandOptions,
): Promise<InspectExit> {
	let report: KeystoreReport;
	try {
		const bytes = await readKeystoreFile(file);
		report = await inspectKeystore(bytes, {
			fileName: file,
			password: fromEnvironment(options.passwordEnv),
			keyPassword: fromEnvironment(options.keyPasswordEnv),
			alias: options.alias,
			warnDays: options.warnDays,
		});
	} catch (error) {
		const failure =
			error instanceof KeystoreError || error instanceof UsageError
				? { code: error.code, message: error.message }
				: { code: 'file_unreadable', message: `"${file}" could not be read.` };
		if (options.json) {
			process.stdout.write(`${JSON.stringify({ file, error: failure }, null, 2)}\n`);
		} else {
			process.stderr.write(`mtls-webhooks: ${failure.message} [${failure.code}]\n`);
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

async function readKeystoreFile(file: string): Promise<Buffer> {
	try {
		return await readFile(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why =
			code === 'ENOENT'
				? 'does not exist'
				: code === 'EISDIR'
					? 'is a folder, not a file'
					: code === 'EACCES'
						? 'cannot be read: permission denied'
						: 'cannot be read';
		throw new UsageError('file_unreadable', `"${file}" ${why}.`);
	}
}

function fromEnvironment(name: string | undefined): string | undefined {
	if (name === undefined) {
		return undefined;
	}
	const value = process.env[name];
	if (value === undefined) {
		throw new UsageError(
			'password_env_unset',
			`The environment variable ${name} is not set; set it to the password.`,
		);
	}
	return value;
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
