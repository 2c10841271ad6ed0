import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { parseCertificate, describeKey, type ParsedCertificate } from './certificate';
import type { ContainerContents, RawCertificate, RawKey } from './container';
import { KeystoreError, MalformedError } from './errors';
import { findings } from './findings';
import { readJks } from './jks';
import { notKeystoreError, toKeystoreError } from './messages';
import type { KeystoreEntry, KeystoreReport, ReportCertificate } from './model';
import { readPkcs12 } from './pkcs12';
import { sniff } from './sniff';

/** Limits that keep a hostile or broken file from costing unbounded memory or time. */
export interface Limits {
	/** Largest file read, in bytes. */
	readonly maxBytes: number;
	/** Most key-derivation iterations allowed for any one derivation. */
	readonly maxIterations: number;
	/** Iteration counts above this are reported as `high_kdf_iterations`. */
	readonly highIterations: number;
}

export const DEFAULT_LIMITS: Limits = {
	maxBytes: 5 * 1024 * 1024,
	maxIterations: 5_000_000,
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
		throw new KeystoreError(
			'too_large',
			`"${options.fileName}" is ${megabytes(bytes.length)}, larger than any keystore is ` +
				`expected to be (the limit is ${megabytes(limits.maxBytes)}). Check that you chose ` +
				'the right file.',
		);
	}
	const sniffed = sniff(bytes);
	if (sniffed.kind !== 'pkcs12' && sniffed.kind !== 'jks') {
		throw notKeystoreError(sniffed, options.fileName);
	}

	const format = sniffed.kind === 'pkcs12' ? 'PKCS#12' : 'JKS';
	try {
		const contents =
			sniffed.kind === 'pkcs12'
				? await readPkcs12(bytes, options.password, limits.maxIterations)
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

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface PooledCertificate extends ParsedCertificate {
	readonly raw: RawCertificate;
	trusted: boolean;
}

function assemble(
	contents: ContainerContents,
	options: InspectOptions,
	limits: Limits,
): OpenedKeystore {
	const pool = certificatePool(contents);
	const used = new Set<PooledCertificate>();
	const privateKeys = new Map<string, KeyObject>();

	const keyEntries: KeystoreEntry[] = contents.keys.map((raw) => {
		const privateKey = parsePrivateKey(raw);
		const leaf = findLeaf(raw, privateKey, pool);
		const chain = leaf ? buildChain(leaf, pool) : [];
		chain.forEach((certificate) => used.add(certificate));
		privateKeys.set(raw.friendlyName ?? '', privateKey);
		return {
			alias: raw.friendlyName ?? null,
			kind: 'privateKey',
			certificates: chain.map(reportCertificate),
			key: describeKey(createPublicKey(privateKey)),
		};
	});
	const trustedEntries: KeystoreEntry[] = pool
		.filter((certificate) => certificate.trusted || !used.has(certificate))
		.map((certificate) => ({
			alias: certificate.raw.friendlyName ?? null,
			kind: 'trustedCertificate',
			certificates: [reportCertificate(certificate)],
		}));
	const entries = [...keyEntries, ...trustedEntries];

	const chosen =
		options.alias === undefined
			? keyEntries
			: keyEntries.filter((entry) => entry.alias === options.alias);
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
			now: options.now ?? new Date(),
			warnDays: options.warnDays ?? 30,
			highIterations: limits.highIterations,
		}),
		...(leaf ? { identifier: leaf.sha256, validTill: leaf.notAfter, alias: chosen[0]!.alias } : {}),
	};
	return { report, privateKeys };
}

/** Every certificate once (by fingerprint), with the chains JKS stores per key entry. */
function certificatePool(contents: ContainerContents): PooledCertificate[] {
	const all: RawCertificate[] = [
		...contents.certificates,
		...contents.keys.flatMap((key) => (key.chain ?? []).map((der) => ({ der, trusted: false }))),
	];
	const pool = new Map<string, PooledCertificate>();
	for (const raw of all) {
		const parsed = parseCertificate(raw.der);
		const existing = pool.get(parsed.facts.sha256);
		if (existing) {
			existing.trusted ||= raw.trusted;
		} else {
			pool.set(parsed.facts.sha256, { ...parsed, raw, trusted: raw.trusted });
		}
	}
	return [...pool.values()];
}

function parsePrivateKey(raw: RawKey): KeyObject {
	try {
		return createPrivateKey({ key: raw.pkcs8, format: 'der', type: 'pkcs8' });
	} catch {
		throw new MalformedError(`the private key "${raw.friendlyName ?? ''}"`);
	}
}

/**
 * The certificate of a key: the one with the same public key. When several share it (a
 * renewed certificate for the same key), the one with the same localKeyId, else the latest.
 */
function findLeaf(
	raw: RawKey,
	key: KeyObject,
	pool: PooledCertificate[],
): PooledCertificate | undefined {
	const publicKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
	const matches = pool.filter((certificate) =>
		certificate.x509.publicKey.export({ type: 'spki', format: 'der' }).equals(publicKey),
	);
	const sameId = matches.find(
		(certificate) =>
			raw.localKeyId !== undefined && certificate.raw.localKeyId?.equals(raw.localKeyId),
	);
	const latest = [...matches].sort((a, b) => b.facts.notAfter.localeCompare(a.facts.notAfter))[0];
	return sameId ?? latest;
}

/** Leaf, then each issuer found in the pool whose key verifies the signature, up to a root. */
function buildChain(leaf: PooledCertificate, pool: PooledCertificate[]): PooledCertificate[] {
	const chain = [leaf];
	let current = leaf;
	while (!current.facts.selfSigned) {
		const issuer = pool.find(
			(candidate) => !chain.includes(candidate) && issuedBy(current, candidate),
		);
		if (!issuer) {
			break;
		}
		chain.push(issuer);
		current = issuer;
	}
	return chain;
}

function issuedBy(certificate: PooledCertificate, issuer: PooledCertificate): boolean {
	try {
		return (
			certificate.x509.checkIssued(issuer.x509) && certificate.x509.verify(issuer.x509.publicKey)
		);
	} catch {
		return false;
	}
}

function reportCertificate(certificate: ParsedCertificate): ReportCertificate {
	return { ...certificate.facts, derBase64: certificate.der.toString('base64') };
}
