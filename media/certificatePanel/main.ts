/**
 * The certificate panel's page: renders the state the host sends with lit templates (which
 * escape every value) and VS Code Elements, and sends back the user's actions. It holds no
 * secret: the host never sends one.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html, nothing, render, type TemplateResult } from 'lit';
import type { CertificateFacts } from '../../src/keystore/model';
import type { TestReport } from '../../src/mtls/model';
import type {
	CertificateCard,
	HostMessage,
	PageMessage,
	PageReport,
	PanelAction,
	PanelState,
} from '../../src/shared/protocol';

interface VsCodeApi {
	postMessage(message: PageMessage): void;
	setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

function send(action: PanelAction, slot: CertificateCard['slot']): void {
	vscode.postMessage({ type: 'action', action, slot });
}

function commonName(subject: string): string {
	return /(?:^|, )CN=([^,]+)/.exec(subject)?.[1] ?? subject;
}

function day(iso: string): string {
	return iso.slice(0, 10);
}

function leafOf(card: CertificateCard): CertificateFacts | undefined {
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

function actions(card: CertificateCard, state: PanelState): TemplateResult {
	const canUse = card.report !== undefined;
	const running = card.test === 'running';
	const inIntegration = state.key.kind === 'integration';
	return html`<div class="actions" role="toolbar" aria-label="Actions">
		<vscode-button icon="refresh" @click=${() => send('validate', card.slot)}>
			Validate
		</vscode-button>
		<vscode-button
			icon="desktop-download"
			secondary
			?disabled=${!canUse}
			@click=${() => send('download', card.slot)}
		>
			Download
		</vscode-button>
		${
			inIntegration
				? html`<vscode-button
						icon="plug"
						secondary
						?disabled=${!canUse || running}
						@click=${() => send('test', card.slot)}
					>
						${running ? 'Testing…' : 'Test'}
					</vscode-button>`
				: nothing
		}
		${
			inIntegration && card.slot === 'new'
				? html`<vscode-button icon="arrow-up" secondary @click=${() => send('promote', card.slot)}>
						Promote to Active
					</vscode-button>`
				: nothing
		}
		<vscode-button icon="go-to-file" secondary @click=${() => send('openKeystore', card.slot)}>
			Open Keystore File
		</vscode-button>
		${
			inIntegration
				? html`<vscode-button icon="trash" secondary @click=${() => send('remove', card.slot)}>
						Remove
					</vscode-button>`
				: nothing
		}
	</div>`;
}

function header(card: CertificateCard): TemplateResult {
	const leaf = leafOf(card);
	const report = card.report;
	const title = card.slot === null ? card.file : card.slot === 'active' ? 'Active' : 'New';
	return html`<header>
		<h2>
			<span class="slot">${title}</span>
			${leaf ? html`<span class="cn">${commonName(leaf.subject)}</span>` : nothing}
			<vscode-badge class=${`state state-${card.state}`}>${card.stateLabel}</vscode-badge>
		</h2>
		<p class="file">${card.file}</p>
		${
			report?.validTill
				? html`<dl class="key-facts">
						<div>
							<dt>Valid Till</dt>
							<dd class="valid-till">
								${day(report.validTill)}
								${
									card.daysLeft === undefined
										? nothing
										: html`<span class="days"
												>${
													card.daysLeft < 0
														? `expired ${-card.daysLeft} days ago`
														: `${card.daysLeft} days left`
												}</span
											>`
								}
							</dd>
						</div>
						<div>
							<dt>
								Identifier
								<span class="hint">(SHA-256 fingerprint of the client certificate)</span>
							</dt>
							<dd class="identifier">
								<code>${report.identifier}</code>
								<vscode-button
									icon="copy"
									secondary
									aria-label="Copy Identifier"
									title="Copy Identifier"
									@click=${() => send('copyIdentifier', card.slot)}
								></vscode-button>
							</dd>
						</div>
					</dl>`
				: nothing
		}
		${
			card.error
				? html`<p class="error" role="alert">
						${card.error.message} <code>${card.error.code}</code>
					</p>`
				: nothing
		}
	</header>`;
}

function details(card: CertificateCard): TemplateResult | typeof nothing {
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
					? `${report.encryption.mac.algorithm}, ${report.encryption.mac.iterations} iterations`
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

function testResult(test: CertificateCard['test']): TemplateResult | typeof nothing {
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
						<th scope="row">${step.name}</th>
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

function view(state: PanelState): TemplateResult {
	return html`${
			state.integration
				? html`<h1>${state.integration.name} <span class="url">${state.integration.url}</span></h1>`
				: html`<h1>${state.title}</h1>`
		}
		${
			state.cards.length === 0
				? html`<p>
						This integration has no client certificate yet. Add one from the Integrations view.
					</p>`
				: nothing
		}
		<div class=${state.cards.length > 1 ? 'cards side-by-side' : 'cards'}>
			${state.cards.map(
				(card) =>
					html`<article aria-label=${card.slot ?? card.file}>
						${header(card)} ${actions(card, state)} ${testResult(card.test)} ${details(card)}
					</article>`,
			)}
		</div>
		${
			state.differences && state.differences.length > 0
				? html`<section aria-label="Rotation">
						<h3>What changes with the rotation</h3>
						<table>
							<tr>
								<th></th>
								<th scope="col">Active</th>
								<th scope="col">New</th>
							</tr>
							${state.differences.map(
								(difference) =>
									html`<tr>
										<th scope="row">${difference.field}</th>
										<td>${difference.active}</td>
										<td>${difference.new}</td>
									</tr>`,
							)}
						</table>
					</section>`
				: nothing
		}
		${
			state.rotationReadiness
				? html`<p class="readiness" role="status">${state.rotationReadiness}</p>`
				: nothing
		}`;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
	const message = event.data;
	if (message.type === 'state') {
		vscode.setState({ key: message.state.key });
		render(view(message.state), root);
		vscode.postMessage({ type: 'rendered', text: root.innerText });
	}
});
vscode.postMessage({ type: 'ready' });
