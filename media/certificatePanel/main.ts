/**
 * The certificate panel's page: renders the state the host sends with lit templates (which
 * escape every value) and VS Code Elements, and sends back the user's actions. It holds no
 * secret: the host never sends one.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html, nothing, render, type TemplateResult } from 'lit';
import type {
	CertificateCard,
	HostMessage,
	PageMessage,
	PanelAction,
	PanelState,
} from '../../src/shared/protocol';
import { commonName, day, details, leafOf, testResult } from './sections';

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
/** The name a certificate goes by, so that buttons side by side have names of their own. */
function certificateName(card: CertificateCard): string {
	return card.slot === 'active' ? 'Active' : card.slot === 'new' ? 'New' : card.file;
}

function button(
	card: CertificateCard,
	icon: string,
	label: string,
	action: PanelAction,
	options: { primary?: boolean; disabled?: boolean } = {},
): TemplateResult {
	return html`<vscode-button
		icon=${icon}
		?secondary=${!options.primary}
		?disabled=${options.disabled ?? false}
		aria-label=${`${label}: ${certificateName(card)}`}
		@click=${() => send(action, card.slot)}
		>${label}</vscode-button
	>`;
}

function actions(card: CertificateCard, state: PanelState): TemplateResult {
	const canUse = card.report !== undefined;
	const running = card.test === 'running';
	const inIntegration = state.key.kind === 'integration';
	return html`<div class="actions" role="toolbar" aria-label=${`Actions: ${certificateName(card)}`}>
		${button(card, 'refresh', 'Validate', 'validate', { primary: true })}
		${button(card, 'desktop-download', 'Download', 'download', { disabled: !canUse })}
		${
			inIntegration
				? button(card, 'plug', running ? 'Testing…' : 'Test', 'test', {
						disabled: !canUse || running,
					})
				: nothing
		}
		${
			inIntegration && card.slot === 'new'
				? button(card, 'arrow-up', 'Promote to Active', 'promote')
				: nothing
		}
		${button(card, 'go-to-file', 'Open Keystore File', 'openKeystore')}
		${inIntegration ? button(card, 'trash', 'Remove', 'remove') : nothing}
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
		${card.notice ? html`<p class="notice" role="status">${card.notice}</p>` : nothing}
	</header>`;
}
function view(state: PanelState): TemplateResult {
	return html`${
			state.integration
				? html`<h1>${state.integration.name} <span class="url">${state.integration.url}</span></h1>`
				: html`<h1>${state.title}</h1>`
		}
		${
			state.notice
				? html`<p class="notice" role="status">${state.notice}</p>`
				: state.cards.length === 0
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
