import * as vscode from 'vscode';
import { KeystoreError } from '../keystore/errors';
import { DEFAULT_LIMITS, tooLargeError, type OpenedKeystore } from '../keystore/inspect';
import type { KeystoreReport } from '../keystore/model';
import { openKeystoreInWorker } from '../keystore/workerClient';
import type { CertificateSlot, Slot } from '../webhooks/config';
import { leafOf } from '../webhooks/certificateProblems';
import { expiryOf, type Expiry, type ExpiryThresholds } from '../webhooks/expiry';
import type { IntegrationRef } from './configStore';
import { Disposable } from './dispose';
import type { ExpirySettings } from './expirySettings';
import type { ComponentLogger } from './logger';
import type { SecretStore } from './secretStore';

/** How a certificate slot stands, for the tree's icons and the commands. */
export type SlotState =
	| 'checking'
	| 'valid'
	| 'expiring'
	| 'expired'
	| 'notYetValid'
	/** Read, with error findings other than its dates (usage, key, chain). */
	| 'invalid'
	/** No password is stored for it yet. */
	| 'needsPassword'
	| 'missing'
	| 'unreadable';

export interface SlotStatus {
	readonly state: SlotState;
	readonly keystore: vscode.Uri;
	readonly report?: KeystoreReport;
	readonly daysLeft?: number;
	/** Where the client certificate stands against the expiry thresholds. */
	readonly expiry?: Expiry;
	/** Why it could not be read. */
	readonly error?: { readonly code: string; readonly message: string };
}

/** Passwords for one read; the stored ones are used for whatever is not given. */
export interface ReadPasswords {
	readonly password?: string | undefined;
	readonly keyPassword?: string | undefined;
}

/** The keystore a slot names, resolved against its folder. */
export function keystoreUri(ref: IntegrationRef, slot: CertificateSlot): vscode.Uri {
	return vscode.Uri.joinPath(ref.config.folder.uri, slot.path);
}

/**
 * Reads the keystores that integrations name, in a worker thread, with the passwords kept in
 * SecretStorage, and remembers each result until the keystore file or its password changes.
 */
export class CertificateStatuses extends Disposable {
	private readonly cache = new Map<string, SlotStatus>();
	/** What a forgotten keystore held, shown until it is read again, so views do not blink. */
	private readonly previous = new Map<string, SlotStatus>();
	private readonly running = new Map<string, Promise<SlotStatus>>();
	private readonly changed = this.register(new vscode.EventEmitter<void>());
	public readonly onDidChange = this.changed.event;

	constructor(
		private readonly secrets: SecretStore,
		private readonly log: ComponentLogger,
		private readonly settings: ExpirySettings,
	) {
		super();
		// Days left move with the clock and the thresholds: judged again, not read again.
		this.register(settings.onDidChange(() => this.changed.fire()));
		const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*.{p12,pfx,jks}'));
		for (const event of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) {
			this.register(event((uri) => this.forget(uri)));
		}
	}

	/** The slot's last known status; checks it in the background when there is none. */
	public statusOf(ref: IntegrationRef, slot: Slot): SlotStatus | undefined {
		const certificate = ref.integration.mtls?.[slot];
		if (!certificate) {
			return undefined;
		}
		const uri = keystoreUri(ref, certificate);
		const key = cacheKey(uri, certificate.alias);
		const known = this.cache.get(key);
		if (known) {
			return this.judged(known);
		}
		void this.check(ref, slot).then(() => this.changed.fire());
		const previous = this.previous.get(key);
		return previous ? this.judged(previous) : { state: 'checking', keystore: uri };
	}

	/** Reads the slot's keystore now, with the passwords given or else the stored ones. */
	public async check(
		ref: IntegrationRef,
		slot: Slot,
		passwords: ReadPasswords = {},
	): Promise<SlotStatus> {
		const certificate = ref.integration.mtls?.[slot];
		if (!certificate) {
			throw new Error(`The integration "${ref.integration.id}" has no ${slot} certificate.`);
		}
		const uri = keystoreUri(ref, certificate);
		const key = cacheKey(uri, certificate.alias);
		const given = passwords.password !== undefined || passwords.keyPassword !== undefined;
		const running = this.running.get(key);
		if (running && !given) {
			return running;
		}
		const reading = this.read(uri, certificate, relativeName(ref, certificate), passwords)
			.then(({ status }) => status)
			.finally(() => this.running.delete(key));
		this.running.set(key, reading);
		const status = await reading;
		this.cache.set(key, status);
		this.previous.delete(key);
		return this.judged(status);
	}

	/** A status with its state and days left as of now, under the current thresholds. */
	private judged(status: SlotStatus): SlotStatus {
		return status.report
			? fromReport(
					status.keystore,
					status.report,
					this.settings.clock.now(),
					this.settings.thresholds,
				)
			: status;
	}

	/**
	 * Reads a keystore with the passwords given, or else the stored ones. Resolves with the
	 * status and, when it opened, the keystore itself; never rejects for a keystore problem.
	 */
	public async read(
		uri: vscode.Uri,
		certificate: { readonly alias?: string | undefined },
		fileName: string,
		passwords: ReadPasswords = {},
	): Promise<{ status: SlotStatus; opened?: OpenedKeystore; error?: KeystoreError }> {
		const started = Date.now();
		let bytes: Uint8Array;
		try {
			const stat = await vscode.workspace.fs.stat(uri);
			if (stat.size > DEFAULT_LIMITS.maxBytes) {
				const error = tooLargeError(fileName, stat.size, DEFAULT_LIMITS.maxBytes);
				return { status: failed(uri, error), error };
			}
			bytes = await vscode.workspace.fs.readFile(uri);
		} catch {
			return { status: { state: 'missing', keystore: uri } };
		}

		const alias = certificate.alias;
		const stored = {
			password: await this.secrets.get({ kind: 'storePassword', keystore: uri }),
			keyPassword: await this.secrets.get({
				kind: 'keyPassword',
				keystore: uri,
				alias: alias ?? '',
			}),
		};
		const password = passwords.password ?? stored.password;
		const keyPassword = passwords.keyPassword ?? stored.keyPassword;
		try {
			const opened = await openKeystoreInWorker(bytes, { fileName, password, keyPassword, alias });
			const status = fromReport(
				uri,
				opened.report,
				this.settings.clock.now(),
				this.settings.thresholds,
			);
			this.log.info(
				`${fileName}: ${status.state}, Identifier ${opened.report.identifier ?? 'none'}, ` +
					`${opened.report.findings.length} finding(s), ${Date.now() - started} ms`,
			);
			return { status, opened };
		} catch (error) {
			if (!(error instanceof KeystoreError)) {
				throw error;
			}
			this.log.warn(`${fileName}: not read (${error.code}), ${Date.now() - started} ms`);
			const needsPassword = error.code === 'wrong_password' && password === undefined;
			const status: SlotStatus = needsPassword
				? {
						state: 'needsPassword',
						keystore: uri,
						error: { code: error.code, message: error.message },
					}
				: failed(uri, error);
			return { status, error };
		}
	}

	/**
	 * Forgets what is known about a keystore, so that it is read again. Until then its last
	 * status stands in, so that Problems entries and badges stay instead of blinking out.
	 */
	public forget(uri?: vscode.Uri): void {
		for (const [key, status] of [...this.cache.entries()]) {
			if (!uri || key.startsWith(`${uri.toString()}#`)) {
				this.cache.delete(key);
				this.previous.set(key, status);
			}
		}
		this.changed.fire();
	}
}

function cacheKey(uri: vscode.Uri, alias: string | undefined): string {
	return `${uri.toString()}#${alias ?? ''}`;
}

function relativeName(ref: IntegrationRef, certificate: CertificateSlot): string {
	const folders = vscode.workspace.workspaceFolders ?? [];
	return folders.length > 1 ? `${ref.config.folder.name}/${certificate.path}` : certificate.path;
}

function failed(uri: vscode.Uri, error: KeystoreError): SlotStatus {
	return {
		state: 'unreadable',
		keystore: uri,
		error: { code: error.code, message: error.message },
	};
}

/** The state a report puts a slot in: its dates first, then any other error finding. */
export function fromReport(
	uri: vscode.Uri,
	report: KeystoreReport,
	now: Date,
	thresholds: ExpiryThresholds,
): SlotStatus {
	const leaf = leafOf(report);
	const expiry = leaf ? expiryOf(leaf.notBefore, leaf.notAfter, now, thresholds) : undefined;
	const codes = new Set(report.findings.map((finding) => finding.code));
	const errors = report.findings.filter(
		(finding) => finding.severity === 'error' && !DATES.has(finding.code),
	);
	const state: SlotState =
		expiry?.level === 'expired' || codes.has('expired')
			? 'expired'
			: expiry?.level === 'notYetValid'
				? 'notYetValid'
				: errors.length > 0 || !report.identifier
					? 'invalid'
					: expiry?.level === 'error' || expiry?.level === 'warning'
						? 'expiring'
						: 'valid';
	return {
		state,
		keystore: uri,
		report,
		...(expiry ? { daysLeft: expiry.daysLeft, expiry } : {}),
	};
}

/** Findings about dates, which the slot's state judges with the user's thresholds instead. */
const DATES = new Set(['expired', 'not_yet_valid', 'expiring_soon']);
