import { createPublicKey, type KeyObject } from 'node:crypto';
import { parseCertificate, type ParsedCertificate } from './certificate';
import type { ContainerContents, RawCertificate, RawKey } from './container';

/**
 * The certificates of a keystore, each once, and how keys and chains are found among them:
 * a key's certificate by its public key, and each issuer by name and signature.
 */
export interface PooledCertificate extends ParsedCertificate {
	readonly raw: RawCertificate;
	trusted: boolean;
	/** Every name it is stored under as a certificate of its own (keytool allows several). */
	readonly names: Set<string | undefined>;
}

/** The certificate stored with a locked JKS key: the first of its chain. */
export function storedLeaf(raw: RawKey, pool: PooledCertificate[]): PooledCertificate | undefined {
	const der = raw.chain?.[0];
	return der && pool.find((certificate) => certificate.der.equals(der));
}

/** Every certificate once (by fingerprint), with the chains JKS stores per key entry. */
export function certificatePool(contents: ContainerContents): PooledCertificate[] {
	const all: RawCertificate[] = [
		...contents.certificates,
		...contents.keys.flatMap((key) => (key.chain ?? []).map((der) => ({ der, trusted: false }))),
	];
	const pool = new Map<string, PooledCertificate>();
	for (const [index, raw] of all.entries()) {
		const parsed = parseCertificate(raw.der);
		const pooled = pool.get(parsed.facts.sha256) ?? {
			...parsed,
			raw,
			trusted: false,
			names: new Set(),
		};
		pool.set(parsed.facts.sha256, pooled);
		pooled.trusted ||= raw.trusted;
		if (index < contents.certificates.length) {
			pooled.names.add(raw.friendlyName);
		}
	}
	return [...pool.values()];
}

/**
 * The certificate of a key: the one with the same public key. When several share it (a
 * renewed certificate for the same key), the one with the same localKeyId, else the latest.
 */
export function findLeaf(
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
export function buildChain(
	leaf: PooledCertificate,
	pool: PooledCertificate[],
	now: Date,
): PooledCertificate[] {
	const chain = [leaf];
	let current = leaf;
	while (!current.facts.selfSigned) {
		// A renewed CA certificate may sit beside its expired predecessor (same name and key):
		// take one valid now, else the one that expires last, as a verifier would.
		const [issuer] = pool
			.filter((candidate) => !chain.includes(candidate) && issuedBy(current, candidate))
			.sort((a, b) => preferred(a, b, now));
		if (!issuer) {
			break;
		}
		chain.push(issuer);
		current = issuer;
	}
	return chain;
}

/** Sorts a certificate valid at `now` first, then the one that expires last. */
function preferred(a: PooledCertificate, b: PooledCertificate, now: Date): number {
	const valid = ({ facts }: PooledCertificate) =>
		Date.parse(facts.notBefore) <= now.getTime() && now.getTime() <= Date.parse(facts.notAfter);
	return Number(valid(b)) - Number(valid(a)) || b.facts.notAfter.localeCompare(a.facts.notAfter);
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
