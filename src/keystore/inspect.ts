import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { describeKey, type ParsedCertificate } from './certificate';
import {
	buildChain,
	certificatePool,
	findLeaf,
	storedLeaf,
	type PooledCertificate,
} from './certificatePool';
import type { ContainerContents, RawKey } from './container';
import { KeystoreError, MalformedError, PasswordError } from './errors';
import { findings } from './findings';
import { readJks } from './jks';
import { notKeystoreError, toKeystoreError } from './messages';
import type { KeystoreEntry, KeystoreReport, ReportCertificate } from './model';
import { readPkcs12 } from './pkcs12';
import { sniff } from './sniff';
import { WorkBudget } from './workBudget';

/** Limits that keep a hostile or broken file from costing unbounded memory or time. */
export interface Limits {
	/** Largest file read, in bytes. */
	readonly maxBytes: number;
	/** Most key-derivation iterations allowed for any one derivation. */
	readonly maxIterations: number;
	/** Most key-derivation iterations allowed for one read, all derivations together. */
	readonly maxTotalIterations: number;
	/** Iteration counts above this are reported as `high_kdf_iterations`. */
	readonly highIterations: number;
}

export const DEFAULT_LIMITS: Limits = {
	maxBytes: 5 * 1024 * 1024,
	maxIterations: 2_000_000,
	maxTotalIterations: 8_000_000,
	highIterations: 1_000_000,
};

export interface InspectOptions {
	/** The name shown in messages, usually the path relative to the workspace folder. */
	readonly fileName: string;
	/** The store password; undefined when none was given (an empty one is tried too). */
	readonly password?: string | undefined;
	/** The private key's password, when it differs from the store password (JKS). */
	readonly keyPassword?: string | undefined;
	/** The private-key entry in use, when the keystore holds several. */
	readonly alias?: string | undefined;
	/** The moment against which validity is judged; now by default. */
	readonly now?: Date;
	/** Certificates expiring within this many days get `expiring_soon`; 30 by default. */
	readonly warnDays?: number;
	readonly limits?: Partial<Limits>;
}

/** A keystore read: the report, and the private keys for a connection test (never shown). */
export interface OpenedKeystore {
	readonly report: KeystoreReport;
	/** Private keys of the private-key entries, by alias ('' when unnamed). */
	readonly privateKeys: Map<string, KeyObject>;
}

/**
 * Reads a keystore from its bytes: sniffs the format, decrypts, parses every key and
 * certificate with Node's crypto, pairs keys with certificates by public key, orders each
 * chain, and checks the result. Throws KeystoreError with a stable code and a message that
 * names the file.
 */
export async function openKeystore(
	bytes: Buffer,
	options: InspectOptions,
): Promise<OpenedKeystore> {
	const limits = { ...DEFAULT_LIMITS, ...options.limits };
	if (bytes.length > limits.maxBytes) {
		throw tooLargeError(options.fileName, bytes.length, limits.maxBytes);
	}
	const sniffed = sniff(bytes);
	if (sniffed.kind !== 'pkcs12' && sniffed.kind !== 'jks') {
		throw notKeystoreError(sniffed, options.fileName);
	}

	const format = sniffed.kind === 'pkcs12' ? 'PKCS#12' : 'JKS';
	try {
		const contents =
			sniffed.kind === 'pkcs12'
				? await readPkcs12(
						bytes,
						{ store: options.password, content: options.keyPassword },
						new WorkBudget(limits.maxIterations, limits.maxTotalIterations),
					)
				: readJks(bytes, options.password, options.keyPassword);
		return assemble(contents, options, limits);
	} catch (error) {
		throw toKeystoreError(error, options.fileName, format);
	}
}

/** The report alone, for callers that do not connect. */
export async function inspectKeystore(
	bytes: Buffer,
	options: InspectOptions,
): Promise<KeystoreReport> {
	return (await openKeystore(bytes, options)).report;
}

/** The error for a file over the size limit; callers that can stat a file check first. */
export function tooLargeError(fileName: string, size: number, maxBytes: number): KeystoreError {
	const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	return new KeystoreError(
		'too_large',
		`"${fileName}" is ${megabytes(size)}, larger than any keystore is expected to be (the ` +
			`limit is ${megabytes(maxBytes)}). Check that you chose the right file.`,
	);
}

function assemble(
	contents: ContainerContents,
	options: InspectOptions,
	limits: Limits,
): OpenedKeystore {
	const selected = selectKeys(contents.keys, options.alias);
	// The key in use must open; with several and none chosen, a locked one is only listed.
	const mustOpen = options.alias !== undefined || contents.keys.length === 1 ? selected.keys : [];
	for (const raw of mustOpen.filter((key) => key.locked)) {
		// Without a checked store password, the store password is what is missing or wrong.
		throw contents.integrityUnchecked
			? new PasswordError('wrong_password', { passwordGiven: !!options.password })
			: new PasswordError('key_password_required', {
					alias: raw.friendlyName,
					keyPasswordGiven: options.keyPassword !== undefined,
				});
	}

	const pool = certificatePool(contents);
	const used = new Set<PooledCertificate>();
	const privateKeys = new Map<string, KeyObject>();
	const entryOf = new Map<RawKey, KeystoreEntry>();
	for (const raw of contents.keys) {
		const privateKey = raw.pkcs8 ? parsePrivateKey(raw, raw.pkcs8) : undefined;
		const leaf = privateKey ? findLeaf(raw, privateKey, pool) : storedLeaf(raw, pool);
		const chain = leaf ? buildChain(leaf, pool, options.now ?? new Date()) : [];
		chain.forEach((certificate) => used.add(certificate));
		if (privateKey) {
			privateKeys.set(raw.friendlyName ?? '', privateKey);
		}
		const publicKey = privateKey ? createPublicKey(privateKey) : leaf?.x509.publicKey;
		entryOf.set(raw, {
			alias: raw.friendlyName ?? null,
			kind: 'privateKey',
			certificates: chain.map(reportCertificate),
			...(publicKey ? { key: describeKey(publicKey) } : {}),
		});
	}
	const keyEntries = [...entryOf.values()];
	const trustedEntries: KeystoreEntry[] = pool
		.filter((certificate) => certificate.trusted || !used.has(certificate))
		.flatMap((certificate) =>
			[...(certificate.names.size > 0 ? certificate.names : [certificate.raw.friendlyName])].map(
				(name): KeystoreEntry => ({
					alias: name ?? null,
					kind: 'trustedCertificate',
					certificates: [reportCertificate(certificate)],
				}),
			),
		);
	const entries = [...keyEntries, ...trustedEntries];

	const chosen = selected.keys.map((raw) => entryOf.get(raw)!);
	const leaf = chosen.length === 1 ? chosen[0]?.certificates[0] : undefined;
	const report: KeystoreReport = {
		file: options.fileName,
		format: contents.format,
		encryption: { ...contents.encryption, mac: contents.mac },
		entries,
		findings: findings({
			fileName: options.fileName,
			contents,
			entries,
			inUse: chosen,
			...(selected.missing === undefined ? {} : { missingAlias: selected.missing }),
			now: options.now ?? new Date(),
			warnDays: options.warnDays ?? 30,
			highIterations: limits.highIterations,
		}),
		...(leaf ? { identifier: leaf.sha256, validTill: leaf.notAfter, alias: chosen[0]!.alias } : {}),
	};
	return { report, privateKeys };
}

/**
 * The private keys in use: all of them, or the one named by `alias`. An alias is matched
 * exactly, else regardless of case (keytool stores aliases in lower case).
 */
function selectKeys(
	keys: RawKey[],
	alias: string | undefined,
): { keys: RawKey[]; missing?: string } {
	if (alias === undefined) {
		return { keys };
	}
	const exact = keys.filter((key) => key.friendlyName === alias);
	const folded = keys.filter((key) => key.friendlyName?.toLowerCase() === alias.toLowerCase());
	const found = exact.length > 0 ? exact : folded.length === 1 ? folded : [];
	return found.length > 0 ? { keys: found } : { keys: [], missing: alias };
}

function parsePrivateKey(raw: RawKey, pkcs8: Buffer): KeyObject {
	try {
		return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
	} catch {
		throw new MalformedError(`the private key "${raw.friendlyName ?? ''}"`);
	}
}

function reportCertificate(certificate: ParsedCertificate): ReportCertificate {
	return { ...certificate.facts, derBase64: certificate.der.toString('base64') };
}
