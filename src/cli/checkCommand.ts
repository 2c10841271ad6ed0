import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { KeystoreError } from '../keystore/errors';
import { DEFAULT_LIMITS, inspectKeystore } from '../keystore/inspect';
import { printable } from '../keystore/renderReport';
import { CONFIG_PATH, parseConfig, SLOTS, type Slot } from '../webhooks/config';
import { daysInWords, expiryOf, type ExpiryLevel, type ExpiryThresholds } from '../webhooks/expiry';
import { UsageError, readKeystoreFile } from './inputs';

export interface CheckCommandOptions {
	warnDays: number;
	errorDays: number;
	json?: boolean;
}

/** Exit codes of `check`: all fine, a certificate needs action now, the check could not run. */
export const enum CheckExit {
	ok = 0,
	failing = 1,
	unusable = 2,
}

/** One certificate's line in the result. */
export interface CheckedCertificate {
	readonly integration: string;
	readonly slot: Slot;
	readonly path: string;
	/** The expiry level, or `unreadable` when the keystore could not be read. */
	readonly level: ExpiryLevel | 'unreadable';
	readonly validTill?: string;
	readonly daysLeft?: number;
	readonly identifier?: string;
	readonly error?: { readonly code: string; readonly message: string };
}

/** The environment variable that holds the password of one slot: MTLS_PASSWORD_<ID>_<SLOT>. */
export function passwordVariable(base: string, integrationId: string, slot: Slot): string {
	const id = integrationId.toUpperCase().replace(/[^A-Z0-9]/g, '_');
	return `${base}_${id}_${slot.toUpperCase()}`;
}

function fromEnvironment(base: string, integrationId: string, slot: Slot): string | undefined {
	return process.env[passwordVariable(base, integrationId, slot)] ?? process.env[base];
}

/**
 * `mtls-webhooks check [FOLDER]`: reads the folder's configuration file, validates every
 * certificate of every integration, prints a line for each, and fails (exit 1) when any is past
 * the error threshold or cannot be read. Passwords come from MTLS_PASSWORD_<ID>_<SLOT> or
 * MTLS_PASSWORD, key passwords from MTLS_KEY_PASSWORD likewise.
 */
export async function checkCommand(
	folder: string | undefined,
	options: CheckCommandOptions,
): Promise<CheckExit> {
	const root = resolve(folder ?? '.');
	const configFile = join(root, CONFIG_PATH);
	const thresholds: ExpiryThresholds = {
		warningDays: options.warnDays,
		errorDays: Math.min(options.errorDays, options.warnDays),
	};
	let results: CheckedCertificate[];
	try {
		const text = await readFile(configFile, 'utf8').catch(() => {
			throw new UsageError(
				'file_unreadable',
				`There is no ${CONFIG_PATH} in ${root}. Name the workspace folder that holds it.`,
			);
		});
		const parsed = parseConfig(text);
		const broken = parsed.syntaxErrors[0] ?? parsed.problems[0];
		if (broken) {
			const line = text.slice(0, broken.offset).split('\n').length;
			throw new UsageError('usage', `${configFile}, line ${line}: ${broken.message}`);
		}
		results = [];
		for (const integration of parsed.integrations) {
			for (const slot of SLOTS) {
				const certificate = integration.mtls?.[slot];
				if (certificate) {
					results.push(await checkOne(root, integration.id, slot, certificate, thresholds));
				}
			}
		}
	} catch (error) {
		const failure =
			error instanceof UsageError
				? { code: error.code, message: error.message }
				: { code: 'internal', message: `The check could not run: ${String(error)}` };
		if (options.json) {
			process.stdout.write(`${JSON.stringify({ ok: false, error: failure }, null, 2)}\n`);
		} else {
			process.stderr.write(`mtls-webhooks: ${printable(failure.message)} [${failure.code}]\n`);
		}
		return CheckExit.unusable;
	}

	const failing = results.some((result) => FAILING.has(result.level));
	if (options.json) {
		process.stdout.write(
			`${JSON.stringify({ ok: !failing, thresholds, certificates: results }, null, 2)}\n`,
		);
	} else {
		process.stdout.write(results.map((result) => `${line(result)}\n`).join(''));
		if (results.length === 0) {
			process.stdout.write(`No certificate is configured in ${configFile}.\n`);
		}
	}
	return failing ? CheckExit.failing : CheckExit.ok;
}

/** The levels that fail the check. */
const FAILING = new Set<CheckedCertificate['level']>([
	'expired',
	'notYetValid',
	'error',
	'unreadable',
]);

async function checkOne(
	root: string,
	integration: string,
	slot: Slot,
	certificate: { path: string; alias?: string },
	thresholds: ExpiryThresholds,
): Promise<CheckedCertificate> {
	const base = { integration, slot, path: certificate.path };
	try {
		const bytes = await readKeystoreFile(join(root, certificate.path), DEFAULT_LIMITS.maxBytes);
		const report = await inspectKeystore(bytes, {
			fileName: certificate.path,
			password: fromEnvironment('MTLS_PASSWORD', integration, slot),
			keyPassword: fromEnvironment('MTLS_KEY_PASSWORD', integration, slot),
			alias: certificate.alias,
			warnDays: thresholds.warningDays,
		});
		const leaf = report.entries.find(
			(entry) => entry.kind === 'privateKey' && entry.alias === (report.alias ?? null),
		)?.certificates[0];
		if (!leaf || !report.identifier) {
			const finding = report.findings.find((candidate) => candidate.severity === 'error');
			return {
				...base,
				level: 'unreadable',
				error: {
					code: finding?.code ?? 'no_private_key',
					message: finding?.message ?? `"${certificate.path}" holds no client certificate.`,
				},
			};
		}
		const { level, daysLeft } = expiryOf(leaf.notBefore, leaf.notAfter, new Date(), thresholds);
		return { ...base, level, validTill: leaf.notAfter, daysLeft, identifier: report.identifier };
	} catch (error) {
		const known = error instanceof KeystoreError || error instanceof UsageError;
		const code = known ? error.code : 'unreadable';
		let message = known ? error.message : `"${certificate.path}" could not be read.`;
		if (code === 'wrong_password' || code === 'key_password_required') {
			const variable = code === 'wrong_password' ? 'MTLS_PASSWORD' : 'MTLS_KEY_PASSWORD';
			message += ` Set ${passwordVariable(variable, integration, slot)} (or ${variable}).`;
		}
		return { ...base, level: 'unreadable', error: { code, message } };
	}
}

const LABELS: Record<CheckedCertificate['level'], string> = {
	ok: 'ok      ',
	warning: 'WARNING ',
	error: 'ERROR   ',
	expired: 'EXPIRED ',
	notYetValid: 'NOT YET ',
	unreadable: 'UNREAD  ',
};

function line(result: CheckedCertificate): string {
	const where = `${result.integration} ${result.slot}  ${result.path}`;
	if (result.error) {
		return printable(
			`${LABELS[result.level]}${where}  ${result.error.message} [${result.error.code}]`,
		);
	}
	const till = result.validTill?.slice(0, 10) ?? '';
	const days = result.daysLeft ?? 0;
	const when =
		result.level === 'expired'
			? `expired on ${till} (${daysInWords(days)})`
			: result.level === 'notYetValid'
				? `not valid before its start date; valid till ${till}`
				: `valid till ${till} (${daysInWords(days)} left)`;
	return printable(`${LABELS[result.level]}${where}  ${when}`);
}
