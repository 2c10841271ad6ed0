import { extname } from 'node:path';
import type { ContainerContents } from './container';
import type { Finding, FindingCode, KeystoreEntry, ReportCertificate, Severity } from './model';
import { WEAK_SIGNATURES } from './oids';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the checks look at. */
export interface FindingInput {
	readonly fileName: string;
	readonly contents: ContainerContents;
	readonly entries: KeystoreEntry[];
	/** The private-key entries whose certificates are checked (all of them, or the chosen one). */
	readonly inUse: KeystoreEntry[];
	/** The alias the caller asked for, when no private-key entry has it. */
	readonly missingAlias?: string;
	readonly now: Date;
	readonly warnDays: number;
	/** Iteration counts above this get a `high_kdf_iterations` finding. */
	readonly highIterations: number;
}

/** Every finding about a keystore that could be read, errors first. */
export function findings(input: FindingInput): Finding[] {
	const found: Finding[] = [
		...containerFindings(input),
		...input.inUse.flatMap((entry) => entryFindings(entry, input)),
	];
	const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
	return found.sort((a, b) => order[a.severity] - order[b.severity]);
}

function finding(
	code: FindingCode,
	severity: Severity,
	message: string,
	alias?: string | null,
): Finding {
	return alias ? { code, severity, message, alias } : { code, severity, message };
}

function containerFindings(input: FindingInput): Finding[] {
	const { fileName, contents, entries, highIterations } = input;
	const found: Finding[] = [];
	const keys = entries.filter((entry) => entry.kind === 'privateKey');
	const format = contents.format === 'pkcs12' ? 'PKCS#12' : 'JKS';

	if (input.missingAlias !== undefined && keys.length > 0) {
		const aliases = keys.map((key) => `"${key.alias ?? ''}"`).join(', ');
		found.push(finding('alias_not_found', 'error',
			`The keystore has no private-key entry named "${input.missingAlias}"; its private-key ` +
				`entries are ${aliases}. Choose one of them.`)); // prettier-ignore
	}
	if (keys.length === 0) {
		found.push(finding('no_private_key', 'error',
			'The keystore holds no private key, so it cannot serve as a client certificate. ' +
				'Export the certificate together with its private key.')); // prettier-ignore
		if (entries.length > 0) {
			found.push(finding('trusted_certs_only', 'info',
				'It holds only trusted certificates: it is a truststore, which belongs on the ' +
					'receiving server, not with the sender.')); // prettier-ignore
		}
	} else if (keys.length > 1) {
		const aliases = keys.map((key) => `"${key.alias ?? '(no name)'}"`).join(', ');
		const chosen = input.inUse.length === 1 ? input.inUse[0] : undefined;
		found.push(
			chosen
				? finding('multiple_private_keys', 'info',
						`The keystore holds ${keys.length} private keys (${aliases}); the one in use ` +
							`is "${chosen.alias ?? '(no name)'}".`) // prettier-ignore
				: finding('multiple_private_keys', 'warning',
						`The keystore holds ${keys.length} private keys (${aliases}); choose the alias ` +
							'of the one this integration uses.'), // prettier-ignore
		);
	}

	const extension = extname(fileName).toLowerCase();
	const named =
		extension === '.jks' ? 'JKS' : ['.p12', '.pfx'].includes(extension) ? 'PKCS#12' : undefined;
	if (named && named !== format) {
		const why = format === 'PKCS#12' ? ' (keytool writes PKCS#12 by default since Java 9)' : '';
		found.push(finding('extension_mismatch', 'info',
			`The file is named ${extension} but holds a ${format} keystore${why}. Choose the ` +
				`${format} format where the platform asks for it.`)); // prettier-ignore
	}

	const schemes = [...contents.encryption.privateKeys, ...contents.encryption.certificates];
	const legacy = schemes.filter((scheme) => isLegacy(scheme.algorithm));
	if (legacy.length > 0) {
		const names = [...new Set(legacy.map((scheme) => scheme.algorithm))].join('; ');
		const fix =
			contents.format === 'jks'
				? 'Convert it to PKCS#12: keytool -importkeystore -srckeystore FILE -destkeystore ' +
					'NEW.p12 -deststoretype PKCS12'
				: 'Export it again with current defaults, for example openssl pkcs12 -export ' +
					'without -legacy';
		found.push(finding('legacy_encryption', 'warning',
			`It is protected with legacy encryption (${names}). ${fix}.`)); // prettier-ignore
	}
	if (!contents.mac) {
		found.push(finding('no_integrity_mac', 'warning',
			'It has no integrity check (MAC): changes to the file cannot be detected.')); // prettier-ignore
	} else if (contents.integrityUnchecked) {
		found.push(finding('no_integrity_mac', 'warning',
			'Its integrity was not checked because no store password was given.')); // prettier-ignore
	}
	if (contents.keys.some((key) => !key.encrypted)) {
		found.push(finding('unencrypted_private_key', 'warning',
			'The private key is stored unencrypted: anyone who can read the file can use it. ' +
				'Export it again with a password.')); // prettier-ignore
	}
	const iterations = Math.max(
		contents.mac?.iterations ?? 0,
		...schemes.map((scheme) => scheme.iterations ?? 0),
	);
	if (iterations > highIterations) {
		found.push(finding('high_kdf_iterations', 'info',
			`Opening it takes ${iterations.toLocaleString('en-US')} key-derivation iterations, ` +
				'which is slow; this is safe, and only costs time.')); // prettier-ignore
	}
	for (const key of contents.keys.filter((k) => k.ownPassword || k.locked)) {
		const opened = key.locked
			? ' It was not opened; give its key password to use it.'
			: ' Many platforms accept a single password only.';
		found.push(finding('key_password_differs', 'info',
			`The private key has its own password, different from the store password.${opened}`,
			key.friendlyName)); // prettier-ignore
	}
	return found;
}

function isLegacy(algorithm: string): boolean {
	return /RC2|RC4|DES|^pbeWith|JKS/.test(algorithm);
}

function entryFindings(entry: KeystoreEntry, input: FindingInput): Finding[] {
	const alias = entry.alias;
	const [leaf, ...issuers] = entry.certificates;
	if (!leaf) {
		return [finding('key_cert_mismatch', 'error',
			'The private key matches none of the certificates in the keystore. Export the key ' +
				'together with the certificate that was issued for it.', alias)]; // prettier-ignore
	}
	return [
		...validityFindings(entry.certificates, input, alias),
		...usageFindings(leaf, alias),
		...strengthFindings(leaf, issuers, alias),
		...chainFindings(entry.certificates, alias, input.entries),
	];
}

function validityFindings(
	chain: ReportCertificate[],
	input: FindingInput,
	alias: string | null,
): Finding[] {
	const found: Finding[] = [];
	chain.forEach((certificate, index) => {
		const which =
			index === 0 ? 'The client certificate' : `The CA certificate "${certificate.subject}"`;
		const notAfter = new Date(certificate.notAfter);
		const notBefore = new Date(certificate.notBefore);
		const daysLeft = Math.floor((notAfter.getTime() - input.now.getTime()) / DAY_MS);
		if (notAfter <= input.now) {
			found.push(finding('expired', 'error',
				`${which} expired on ${day(certificate.notAfter)}. Replace it with a new ` +
					'certificate; deliveries with it fail.', alias)); // prettier-ignore
		} else if (notBefore > input.now) {
			found.push(finding('not_yet_valid', 'error',
				`${which} is not valid before ${day(certificate.notBefore)}; receivers reject it ` +
					'until then.', alias)); // prettier-ignore
		} else if (daysLeft < input.warnDays) {
			found.push(finding('expiring_soon', 'warning',
				`${which} expires on ${day(certificate.notAfter)}, in ${daysLeft} ` +
					`day${daysLeft === 1 ? '' : 's'}. Plan its rotation now.`, alias)); // prettier-ignore
		}
	});
	return found;
}

function usageFindings(leaf: ReportCertificate, alias: string | null): Finding[] {
	const found: Finding[] = [];
	const eku = leaf.extendedKeyUsage;
	if (eku && !eku.includes('clientAuth') && !eku.includes('anyExtendedKeyUsage')) {
		found.push(finding('no_client_auth_eku', 'error',
			`The certificate may be used only for ${eku.join(', ')}, not for TLS client ` +
				'authentication (clientAuth); receivers reject it. Ask for a client certificate.', alias)); // prettier-ignore
	}
	if (leaf.keyUsage && !leaf.keyUsage.includes('digitalSignature')) {
		found.push(finding('key_usage_forbids_signature', 'error',
			`Its key usage (${leaf.keyUsage.join(', ') || 'none'}) does not allow digital ` +
				'signatures, which a TLS client certificate needs.', alias)); // prettier-ignore
	}
	return found;
}

function strengthFindings(
	leaf: ReportCertificate,
	issuers: ReportCertificate[],
	alias: string | null,
): Finding[] {
	const found: Finding[] = [];
	const { type, bits = 0 } = leaf.key;
	const minimum = type === 'EC' ? 256 : ['RSA', 'RSA-PSS', 'DSA'].includes(type) ? 2048 : 0;
	if (bits < minimum) {
		found.push(finding('weak_key', 'error',
			`Its ${bits}-bit ${type} key is too weak (at least ${minimum} bits are expected); ` +
				'receivers may reject it. Issue a new certificate with a stronger key.', alias)); // prettier-ignore
	}
	const signed = [leaf, ...issuers].filter((certificate) => !certificate.selfSigned);
	const weak = signed.filter((certificate) => WEAK_SIGNATURES.has(certificate.signatureAlgorithm));
	for (const certificate of weak) {
		found.push(finding('weak_signature', 'warning',
			`"${certificate.subject}" is signed with ${certificate.signatureAlgorithm}, which is ` +
				'no longer trusted by many servers.', alias)); // prettier-ignore
	}
	return found;
}

function chainFindings(
	chain: ReportCertificate[],
	alias: string | null,
	entries: KeystoreEntry[],
): Finding[] {
	const top = chain[chain.length - 1]!;
	if (chain.length === 1 && top.selfSigned) {
		return [finding('self_signed', 'warning',
			'The client certificate is self-signed: the receiving server must trust this exact ' +
				'certificate.', alias)]; // prettier-ignore
	}
	if (!top.selfSigned) {
		const named = entries.some((entry) => entry.certificates.some((c) => c.subject === top.issuer));
		const why = named
			? 'is in the keystore but did not sign it (or may not sign certificates)'
			: 'is not in the keystore';
		return [finding('chain_incomplete', 'warning',
			`The chain ends at "${top.subject}", whose issuer "${top.issuer}" ${why}. The ` +
				'receiving server must already trust that issuer.', alias)]; // prettier-ignore
	}
	return [];
}

function day(iso: string): string {
	return iso.slice(0, 10);
}
