import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type {
	HostMessage,
	PageMessage,
	PanelKey,
	PanelSlot,
	PanelState,
} from '../../shared/protocol';
import type { SlotStatus } from '../certificateStatus';
import { Disposable } from '../dispose';
import type { Services } from '../services';
import { card, integrationState, type KeptTest } from './panelState';

export const PANEL_VIEW_TYPE = 'mtlsWebhooks.certificate';

/** What the panels read: everything but themselves, the questions and the expiry views. */
export type PanelServices = Pick<
	Services,
	'store' | 'statuses' | 'secrets' | 'editor' | 'reports' | 'logger' | 'tree' | 'view'
>;

/** What the panels do on the page's buttons; the commands' own functions, given the target. */
export interface PanelActions {
	validate(panel: CertificatePanel, slot: PanelSlot | null): Promise<void>;
	download(panel: CertificatePanel, slot: PanelSlot | null): Promise<void>;
	test(panel: CertificatePanel, slot: PanelSlot | null): Promise<void>;
	promote(panel: CertificatePanel): Promise<void>;
	remove(panel: CertificatePanel, slot: PanelSlot | null): Promise<void>;
	openKeystore(panel: CertificatePanel, slot: PanelSlot | null): Promise<void>;
	copyIdentifier(panel: CertificatePanel, slot: PanelSlot | null): Promise<void>;
}

function keyString(key: PanelKey): string {
	return key.kind === 'integration'
		? `integration:${key.folder}#${key.id}`
		: `keystore:${key.uri}#${key.alias ?? ''}`;
}

/**
 * The certificate panels: one webview per integration (its Active and New certificates side by
 * side) or per inspected keystore, reused when asked for again, and restored after a reload.
 */
export class CertificatePanels extends Disposable {
	private readonly panels = new Map<string, CertificatePanel>();
	private actions: PanelActions | undefined;

	constructor(
		private readonly services: PanelServices,
		private readonly extensionUri: vscode.Uri,
	) {
		super();
		this.register(
			vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
				deserializeWebviewPanel: (panel, state: unknown) => {
					const key = (state as { key?: PanelKey } | undefined)?.key;
					if (key) {
						this.adopt(panel, key);
					} else {
						panel.dispose();
					}
					return Promise.resolve();
				},
			}),
		);
		this.register(services.store.onDidChange(() => this.refreshAll()));
		this.register(services.statuses.onDidChange(() => this.refreshAll()));
	}

	public setActions(actions: PanelActions): void {
		this.actions = actions;
	}

	/** Opens (or brings forward) the panel of the key. */
	public show(key: PanelKey): CertificatePanel {
		const existing = this.panels.get(keyString(key));
		if (existing) {
			existing.panel.reveal(undefined, false);
			return existing;
		}
		const panel = vscode.window.createWebviewPanel(
			PANEL_VIEW_TYPE,
			vscode.l10n.t('Certificate'),
			vscode.ViewColumn.Active,
			this.webviewOptions(),
		);
		return this.adopt(panel, key);
	}

	/** The open panel of a key, if any. */
	public get(key: PanelKey): CertificatePanel | undefined {
		return this.panels.get(keyString(key));
	}

	private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
		return {
			enableScripts: true,
			enableCommandUris: false,
			localResourceRoots: [
				vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'),
				vscode.Uri.joinPath(this.extensionUri, 'media', 'certificatePanel'),
			],
		};
	}

	private adopt(webviewPanel: vscode.WebviewPanel, key: PanelKey): CertificatePanel {
		webviewPanel.webview.options = this.webviewOptions();
		webviewPanel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activitybar.svg');
		const panel = new CertificatePanel(webviewPanel, key, this.services, () => this.actions);
		const id = keyString(key);
		this.panels.set(id, panel);
		webviewPanel.onDidDispose(() => {
			this.panels.delete(id);
			panel.dispose();
		});
		webviewPanel.webview.html = shell(webviewPanel.webview, this.extensionUri);
		return panel;
	}

	private refreshAll(): void {
		for (const panel of this.panels.values()) {
			panel.refresh();
		}
	}

	public override dispose(): void {
		for (const panel of [...this.panels.values()]) {
			panel.panel.dispose();
		}
		super.dispose();
	}
}

/** One open panel: it renders its key's state and passes the page's actions on. */
export class CertificatePanel extends Disposable {
	/** The last Test of each certificate, or `running`, with the Identifier it tested. */
	public readonly tests = new Map<PanelSlot, KeptTest>();
	/** For an inspected keystore: its status, from the read that opened the panel. */
	public keystoreStatus: SlotStatus | undefined;
	/** Every message sent to the page, newest last (the integration tests read them). */
	public readonly sent: HostMessage[] = [];
	/** What the page last said it shows, as text. */
	public renderedText = '';
	private readonly renderedEmitter = this.register(new vscode.EventEmitter<string>());
	public readonly onDidRender = this.renderedEmitter.event;
	private ready = false;

	constructor(
		public readonly panel: vscode.WebviewPanel,
		public readonly key: PanelKey,
		private readonly services: PanelServices,
		private readonly actions: () => PanelActions | undefined,
	) {
		super();
		this.register(
			panel.webview.onDidReceiveMessage((message: PageMessage) => void this.handle(message)),
		);
	}

	/** Sends the current state to the page (once it has said it is ready). */
	public refresh(): void {
		const state = this.state();
		this.panel.title = state.title;
		if (!this.ready) {
			return;
		}
		const message: HostMessage = { type: 'state', state };
		this.sent.push(message);
		if (this.sent.length > 50) {
			this.sent.shift();
		}
		void this.panel.webview.postMessage(message);
	}

	public state(): PanelState {
		const key = this.key;
		if (key.kind === 'integration') {
			const folder = vscode.Uri.parse(key.folder);
			const ref = this.services.store.find(folder, key.id);
			if (!ref) {
				const broken = this.services.store.all.some(
					(config) =>
						config.folder.uri.toString() === folder.toString() &&
						config.parsed.syntaxErrors.length > 0,
				);
				return {
					key,
					title: this.panel.title,
					cards: [],
					notice: broken
						? vscode.l10n.t(
								'The configuration file does not parse. Fix it, and this panel follows.',
							)
						: vscode.l10n.t(
								'The integration "{0}" is no longer in the configuration file.',
								key.id,
							),
				};
			}
			return integrationState(
				key,
				ref,
				(slot) => this.services.statuses.statusOf(ref, slot),
				this.tests,
			);
		}
		const uri = vscode.Uri.parse(key.uri);
		const file = vscode.workspace.asRelativePath(uri);
		return {
			key,
			title: file,
			cards: [card(null, file, this.keystoreStatus, undefined)],
		};
	}

	/** Acts on a message from the page. */
	public async handle(message: PageMessage): Promise<void> {
		switch (message.type) {
			case 'ready':
				this.ready = true;
				this.refresh();
				return;
			case 'rendered':
				this.renderedText = message.text;
				this.renderedEmitter.fire(message.text);
				return;
			case 'action': {
				const actions = this.actions();
				if (!actions) {
					return;
				}
				const { slot } = message;
				const handlers: Record<typeof message.action, () => Promise<void>> = {
					validate: () => actions.validate(this, slot),
					download: () => actions.download(this, slot),
					test: () => actions.test(this, slot),
					promote: () => actions.promote(this),
					remove: () => actions.remove(this, slot),
					openKeystore: () => actions.openKeystore(this, slot),
					copyIdentifier: () => actions.copyIdentifier(this, slot),
				};
				try {
					await handlers[message.action]();
				} catch (error) {
					this.services.logger.forComponent('panel').error(`${message.action} failed`, error);
					void vscode.window.showErrorMessage(
						vscode.l10n.t('The action did not complete; the log says why.'),
					);
				}
			}
		}
	}
}

/**
 * The page's fixed frame: a strict content security policy (no inline script or style; the
 * one script runs by nonce), the stylesheets and the script. The content is rendered by the
 * script from the state the host sends.
 */
function shell(webview: vscode.Webview, extensionUri: vscode.Uri): string {
	const nonce = randomBytes(16).toString('base64');
	const asset = (...path: string[]) =>
		webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
	const csp = [
		"default-src 'none'",
		`style-src ${webview.cspSource}`,
		`font-src ${webview.cspSource}`,
		`img-src ${webview.cspSource}`,
		`script-src 'nonce-${nonce}'`,
	].join('; ');
	return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${asset('dist', 'webview', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'certificatePanel', 'panel.css')}">
<title>Certificate</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset('dist', 'webview', 'certificatePanel.js')}"></script>
</body>
</html>`;
}
