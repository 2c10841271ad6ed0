/** The panel's read-only sections: certificate details, findings and a test's result. */
import { html, nothing, type TemplateResult } from 'lit';
import type { CertificateFacts } from '../../src/keystore/model';
import type { TestReport } from '../../src/mtls/model';
import type { CertificateCard, PageReport } from '../../src/shared/protocol';

export function commonName(subject: string): string {
	// The subject is written as RFC 4514 says, with backslash escapes; a heading shows the name.
	const escaped = /(?:^|, )CN=((?:[^,\\]|\\.)+)/.exec(subject)?.[1];
	return escaped === undefined ? subject : escaped.replace(/\\(.)/g, '$1');
}

export function day(iso: string): string {
	return iso.slice(0, 10);
}

export function leafOf(card: CertificateCard): CertificateFacts | undefined {
	const report = card.report;
	const entry = report?.entries.find(
		(candidate) => candidate.kind === 'privateKey' && candidate.alias === (report.alias ?? null),
	);
	return entry?.certificates[0];
}

function chainOf(card: CertificateCard): CertificateFacts[] {
	const report = card.report;
	return (
		report?.entries.find(
			(candidate) => candidate.kind === 'privateKey' && candidate.alias === (report.alias ?? null),
		)?.certificates ?? []
	);
}

function keyText(certificate: CertificateFacts): string {
	const { type, bits, curve } = certificate.key;
	return [type, bits === undefined ? '' : `${bits} bits`, curve ?? ''].filter(Boolean).join(', ');
}

function row(label: string, value: string | TemplateResult): TemplateResult {
	return html`<tr>
		<th scope="row">${label}</th>
		<td>${value}</td>
	</tr>`;
}

export function details(card: CertificateCard): TemplateResult | typeof nothing {
	const leaf = leafOf(card);
	const report = card.report;
	if (!leaf || !report) {
		return nothing;
	}
	const chain = chainOf(card);
	return html`<section aria-label="Details">
		<h3>Client certificate</h3>
		<table>
			${row('Subject', leaf.subject)} ${row('Issuer', leaf.issuer)}
			${row('Serial', html`<code>${leaf.serialHex}</code>`)}
			${row('Validity', `${day(leaf.notBefore)} to ${day(leaf.notAfter)}`)}
			${row('Names (SAN)', leaf.subjectAltNames.join(', ') || 'none')} ${row('Key', keyText(leaf))}
			${row('Signature', leaf.signatureAlgorithm)}
			${row('Key usage', leaf.keyUsage?.join(', ') ?? 'not restricted')}
			${row('Extended key usage', leaf.extendedKeyUsage?.join(', ') ?? 'not restricted')}
			${row('SHA-1', html`<code>${leaf.sha1}</code>`)}
		</table>
		<h3>Chain</h3>
		<ol class="chain">
			${chain.map(
				(certificate, index) =>
					html`<li>
						<span class="role"
							>${index === 0 ? 'client' : certificate.selfSigned ? 'root' : 'intermediate'}</span
						>
						${certificate.subject}
						<span class="expiry">valid till ${day(certificate.notAfter)}</span>
					</li>`,
			)}
		</ol>
		<h3>Keystore</h3>
		<table>
			${row('Format', report.format === 'pkcs12' ? 'PKCS#12' : 'JKS')}
			${row('Alias', report.alias ?? 'none')}
			${row(
				'Key encryption',
				report.encryption.privateKeys.map((scheme) => scheme.algorithm).join('; ') || 'none',
			)}
			${row(
				'Integrity',
				report.encryption.mac
					? `${report.encryption.mac.algorithm}, ${plural(report.encryption.mac.iterations, 'iteration')}`
					: 'none',
			)}
		</table>
		${findings(report)}
	</section>`;
}

function findings(report: PageReport): TemplateResult {
	if (report.findings.length === 0) {
		return html`<h3>Findings</h3>
			<p>Nothing wrong was found.</p>`;
	}
	return html`<h3>Findings</h3>
		<ul class="findings">
			${report.findings.map(
				(finding) =>
					html`<li class=${`finding severity-${finding.severity}`}>
						<span class="severity">${finding.severity}</span>
						${finding.message} <code>${finding.code}</code>
					</li>`,
			)}
		</ul>`;
}

export function testResult(test: CertificateCard['test']): TemplateResult | typeof nothing {
	if (test === undefined) {
		return nothing;
	}
	if (test === 'running') {
		return html`<section class="test" aria-live="polite">
			<h3>Test</h3>
			<p>Testing…</p>
		</section>`;
	}
	return html`<section class="test" aria-live="polite" aria-label="Test result">
		<h3>
			Test: <span class=${test.ok ? 'passed' : 'failed'}>${test.ok ? 'passed' : 'failed'}</span>
		</h3>
		<p class="diagnosis">${test.diagnosis.message} <code>${test.diagnosis.code}</code></p>
		${test.warnings.map((warning) => html`<p class="warning" role="alert">${warning}</p>`)}
		<table class="steps">
			${test.steps.map(
				(step) =>
					html`<tr>
						<th scope="row">${STEP_NAMES[step.name]}</th>
						<td>${step.ok ? 'ok' : 'failed'}</td>
						<td class="ms">${step.ms.toFixed(1)} ms</td>
						<td>${step.detail}</td>
					</tr>`,
			)}
		</table>
		${serverFacts(test)}
	</section>`;
}

function serverFacts(test: TestReport): TemplateResult | typeof nothing {
	if (!test.tls) {
		return nothing;
	}
	return html`<table>
		${row('Address', test.address ?? '')} ${row('TLS', `${test.tls.version}, ${test.tls.cipher}`)}
		${row('Client certificate sent', test.tls.clientCertificate ?? 'none')}
		${row(
			'Server certificate',
			test.tls.serverTrusted
				? 'trusted'
				: `not trusted: ${test.tls.serverTrustProblem ?? ''}` +
						(test.tls.acceptedUntrustedServer ? ' (accepted for testing only)' : ''),
		)}
		${test.tls.serverChain.map((certificate) =>
			row('', `${certificate.subject}, valid till ${day(certificate.validTill)}`),
		)}
		${test.http ? row('HTTP status', String(test.http.status)) : nothing}
	</table>`;
}

const STEP_NAMES: Record<TestReport['steps'][number]['name'], string> = {
	dns: 'DNS',
	tcp: 'TCP',
	tls: 'TLS',
	head: 'HEAD',
	post: 'POST',
	'without-certificate': 'Without certificate',
};

function plural(count: number, word: string): string {
	return `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
}
