import type { CertificateFacts, EncryptionScheme, KeystoreReport } from './model';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Characters that reorder the text around them, and so can make a line read as another. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Text from a keystore or a receiver made safe for a terminal: control characters (which a
 * crafted alias could use to clear the screen or fake lines) are shown as \xNN, and direction
 * overrides as \uNNNN.
 */
export function printable(text: string): string {
	return [...text]
		.map((char) => {
			const code = char.charCodeAt(0);
			if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
				return `\\x${code.toString(16).padStart(2, '0')}`;
			}
			return BIDI_CONTROLS.test(char) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
		})
		.join('');
}

/** The human-readable form of a report: label and value columns, one block per entry. */
export function renderReport(report: KeystoreReport, now = new Date()): string {
	const lines: string[] = [];
	const row = (label: string, value: string) => lines.push(`${label.padEnd(14)}${value}`);

	row('File', report.file);
	row('Format', report.format === 'pkcs12' ? 'PKCS#12' : 'JKS');
	row('Keys', schemes(report.encryption.privateKeys));
	row('Certificates', schemes(report.encryption.certificates));
	const mac = report.encryption.mac;
	row('Integrity', mac ? `${mac.algorithm} (${count(mac.iterations)})` : 'none');
	if (report.identifier && report.validTill) {
		row('Identifier', `${report.identifier} (SHA-256 of the client certificate)`);
		row('Valid Till', `${when(report.validTill)} (${daysLeft(report.validTill, now)})`);
	}

	for (const entry of report.entries) {
		lines.push('');
		const name = entry.alias === null ? '(no alias)' : `"${entry.alias}"`;
		const key = entry.key ? `, ${entry.key.type}${entry.key.bits ? ` ${entry.key.bits}` : ''}` : '';
		const kind = entry.kind === 'privateKey' ? `private key${key}` : 'trusted certificate';
		lines.push(`Entry ${name}: ${kind}, ${entry.certificates.length} certificate(s)`);
		entry.certificates.forEach((certificate, index) => {
			lines.push(...certificateLines(certificate, index + 1));
		});
	}

	lines.push('', 'Findings');
	if (report.findings.length === 0) {
		lines.push('  none');
	}
	for (const finding of report.findings) {
		const alias = finding.alias ? ` ("${finding.alias}")` : '';
		lines.push(`  ${finding.severity.padEnd(8)}${finding.code}${alias}: ${finding.message}`);
	}
	return `${lines.map(printable).join('\n')}\n`;
}

function certificateLines(certificate: CertificateFacts, position: number): string[] {
	const lines = [`  [${position}] ${certificate.subject}`];
	const row = (label: string, value: string) => lines.push(`      ${label.padEnd(13)}${value}`);
	row('Issuer', certificate.issuer);
	row('Serial', certificate.serialHex);
	row('Valid', `${when(certificate.notBefore)} to ${when(certificate.notAfter)}`);
	row('SHA-256', certificate.sha256);
	const key = certificate.key;
	row('Key', [key.type, key.bits, key.curve].filter(Boolean).join(' '));
	row('Signature', certificate.signatureAlgorithm);
	if (certificate.subjectAltNames.length > 0) {
		row('Alt names', certificate.subjectAltNames.join(', '));
	}
	if (certificate.keyUsage) {
		row('Key usage', certificate.keyUsage.join(', '));
	}
	if (certificate.extendedKeyUsage) {
		row('Ext. usage', certificate.extendedKeyUsage.join(', '));
	}
	if (certificate.selfSigned) {
		row('Self-signed', 'yes');
	}
	return lines;
}

function schemes(list: EncryptionScheme[]): string {
	if (list.length === 0) {
		return '-';
	}
	return list
		.map((scheme) =>
			scheme.iterations ? `${scheme.algorithm} (${count(scheme.iterations)})` : scheme.algorithm,
		)
		.join('; ');
}

function count(iterations: number): string {
	return `${iterations.toLocaleString('en-US')} iteration${iterations === 1 ? '' : 's'}`;
}

function when(iso: string): string {
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function daysLeft(iso: string, now: Date): string {
	const days = Math.floor((new Date(iso).getTime() - now.getTime()) / DAY_MS);
	return days < 0 ? `expired ${-days} days ago` : `${days} days left`;
}
