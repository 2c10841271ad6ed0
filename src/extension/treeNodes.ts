import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Slot } from '../webhooks/config';
import type { SlotState, SlotStatus } from './certificateStatus';
import { describeProblem } from './configEditor';
import type { FolderConfig, IntegrationRef } from './configStore';
import { CommandId } from './ids';

/**
 * The nodes of the Integrations view: folder (with several folders) → integration → its
 * certificate slots Active and New. Each node builds its own TreeItem and knows its parent,
 * so that reveal works. `contextValue`s are `kind;flags`, which menus match with regexes.
 */
export type IntegrationsNode = FolderNode | ProblemsNode | IntegrationNode | SlotNode;

export class FolderNode {
	public readonly kind = 'folder';
	constructor(public readonly config: FolderConfig) {}

	public get parent(): undefined {
		return undefined;
	}

	public toTreeItem(): vscode.TreeItem {
		const item = new vscode.TreeItem(
			this.config.folder.name,
			vscode.TreeItemCollapsibleState.Expanded,
		);
		item.id = `folder:${this.config.folder.uri.toString()}`;
		item.iconPath = vscode.ThemeIcon.Folder;
		item.resourceUri = this.config.folder.uri;
		item.contextValue = 'folder';
		return item;
	}
}

/** What is wrong with a config file, one click from its first problem. */
export class ProblemsNode {
	public readonly kind = 'problems';
	constructor(
		public readonly config: FolderConfig,
		public readonly parent: FolderNode | undefined,
	) {}

	public toTreeItem(): vscode.TreeItem {
		const { syntaxErrors, problems } = this.config.parsed;
		const broken = syntaxErrors.length > 0;
		const list = broken ? syntaxErrors : problems;
		const label = broken
			? vscode.l10n.t('The configuration file does not parse')
			: vscode.l10n.t('{0} problem(s) in the configuration file', list.length);
		const item = new vscode.TreeItem(label);
		item.id = `problems:${this.config.uri.toString()}`;
		item.iconPath = new vscode.ThemeIcon(
			broken ? 'error' : 'warning',
			themeColor(broken ? 'expired' : 'expiring'),
		);
		item.tooltip = list.map((problem) => describeProblem(this.config.text, problem)).join('\n');
		item.contextValue = 'problems';
		item.command = {
			title: vscode.l10n.t('Open Configuration File'),
			command: CommandId.editIntegration,
			arguments: [this],
		};
		return item;
	}
}

export class IntegrationNode {
	public readonly kind = 'integration';
	constructor(
		public readonly ref: IntegrationRef,
		public readonly parent: FolderNode | undefined,
		private readonly statuses: (SlotStatus | undefined)[],
	) {}

	public toTreeItem(): vscode.TreeItem {
		const { integration } = this.ref;
		const item = new vscode.TreeItem(integration.name, vscode.TreeItemCollapsibleState.Expanded);
		item.id = `integration:${this.ref.config.folder.uri.toString()}#${integration.id}`;
		item.description = hostOf(integration.url);
		const worst = worstState(this.statuses);
		item.iconPath = new vscode.ThemeIcon(
			worst ? ICONS[worst] : 'plug',
			worst ? themeColor(worst) : undefined,
		);
		const tooltip = new vscode.MarkdownString();
		tooltip.appendMarkdown(`**${escape(integration.name)}**  \n${escape(integration.url)}`);
		if (integration.events?.length) {
			tooltip.appendMarkdown(
				`  \n${vscode.l10n.t('Events')}: ${escape(integration.events.join(', '))}`,
			);
		}
		item.tooltip = tooltip;
		const mtls = integration.mtls;
		item.contextValue = ['integration', mtls?.active ? 'active' : '', mtls?.new ? 'new' : '']
			.filter(Boolean)
			.join(';');
		return item;
	}
}

export class SlotNode {
	public readonly kind = 'slot';
	constructor(
		public readonly ref: IntegrationRef,
		public readonly slot: Slot,
		public readonly status: SlotStatus | undefined,
		public readonly parent: IntegrationNode,
	) {}

	public get certificate() {
		return this.ref.integration.mtls?.[this.slot];
	}

	public toTreeItem(now = new Date()): vscode.TreeItem {
		const label = this.slot === 'active' ? vscode.l10n.t('Active') : vscode.l10n.t('New');
		const item = new vscode.TreeItem(label);
		item.id = `slot:${this.ref.config.folder.uri.toString()}#${this.ref.integration.id}#${this.slot}`;
		const certificate = this.certificate;
		if (!certificate || !this.status) {
			item.description = vscode.l10n.t('no certificate');
			item.iconPath = new vscode.ThemeIcon('circle-large-outline');
			item.contextValue = `certificate;${this.slot};empty`;
			item.command = {
				title: vscode.l10n.t('Add mTLS Certificate'),
				command: CommandId.addCertificate,
				arguments: [this],
			};
			return item;
		}
		const { state, report } = this.status;
		// Until it is read again, what the last Validate wrote into the file still tells.
		const recorded =
			!report && certificate.validTill
				? ` · ${vscode.l10n.t('valid till {0} when last validated', certificate.validTill.slice(0, 10))}`
				: '';
		item.description = `${basename(certificate.path)} · ${describe(this.status, now)}${recorded}`;
		item.iconPath = new vscode.ThemeIcon(ICONS[state], themeColor(state));
		item.resourceUri = this.status.keystore;
		item.tooltip = tooltip(this, now);
		const identifier = report?.identifier ?? certificate.identifier;
		item.contextValue = ['certificate', this.slot, state, identifier ? 'identifier' : '']
			.filter(Boolean)
			.join(';');
		item.command = {
			title: vscode.l10n.t('Show Certificate'),
			command: CommandId.showCertificate,
			arguments: [this],
		};
		return item;
	}
}

const ICONS: Record<SlotState, string> = {
	checking: 'loading~spin',
	valid: 'pass',
	expiring: 'warning',
	expired: 'error',
	notYetValid: 'error',
	invalid: 'error',
	needsPassword: 'key',
	missing: 'question',
	unreadable: 'error',
};

const SEVERITY: Record<SlotState, number> = {
	checking: 0,
	valid: 1,
	needsPassword: 2,
	expiring: 3,
	missing: 4,
	notYetValid: 5,
	invalid: 5,
	unreadable: 5,
	expired: 6,
};

function worstState(statuses: (SlotStatus | undefined)[]): SlotState | undefined {
	const states = statuses.filter((s): s is SlotStatus => s !== undefined).map((s) => s.state);
	return states.sort((a, b) => SEVERITY[b] - SEVERITY[a])[0];
}

function themeColor(state: SlotState): vscode.ThemeColor | undefined {
	switch (state) {
		case 'valid':
			return new vscode.ThemeColor('testing.iconPassed');
		case 'expiring':
		case 'needsPassword':
		case 'missing':
			return new vscode.ThemeColor('list.warningForeground');
		case 'checking':
			return undefined;
		default:
			return new vscode.ThemeColor('list.errorForeground');
	}
}

/** "valid till 2027-03-01 · 87 days", or what keeps the slot from being read. */
export function describe(status: SlotStatus, now = new Date()): string {
	const till = status.report?.validTill?.slice(0, 10);
	const days = status.daysLeft ?? 0;
	switch (status.state) {
		case 'checking':
			return vscode.l10n.t('checking…');
		case 'valid':
		case 'expiring':
			return vscode.l10n.t('valid till {0} · {1} days', till ?? '', days);
		case 'expired':
			return till && new Date(till) <= now
				? vscode.l10n.t('expired on {0}', till)
				: vscode.l10n.t('a certificate of its chain has expired');
		case 'notYetValid':
			return vscode.l10n.t('not valid yet');
		case 'invalid':
			return vscode.l10n.t(
				'not usable: {0}',
				status.report?.findings[0]?.code ?? 'no client certificate',
			);
		case 'needsPassword':
			return vscode.l10n.t('password needed');
		case 'missing':
			return vscode.l10n.t('file not found');
		case 'unreadable':
			return vscode.l10n.t('cannot be read ({0})', status.error?.code ?? 'unknown');
	}
}

function tooltip(node: SlotNode, now: Date): vscode.MarkdownString {
	const markdown = new vscode.MarkdownString('', true);
	const status = node.status!;
	const leaf = status.report?.entries.find((entry) => entry.alias === status.report?.alias)
		?.certificates[0];
	markdown.appendMarkdown(
		`**${escape(node.certificate?.path ?? '')}** · ${escape(describe(status, now))}`,
	);
	if (leaf && status.report?.identifier) {
		markdown.appendMarkdown(`  \n${vscode.l10n.t('Subject')}: ${escape(leaf.subject)}`);
		markdown.appendMarkdown(`  \n${vscode.l10n.t('Issuer')}: ${escape(leaf.issuer)}`);
		markdown.appendMarkdown(
			`  \n${vscode.l10n.t('Identifier (SHA-256 fingerprint)')}: \`${status.report.identifier}\``,
		);
	}
	const chosen = node.certificate?.format;
	const holds = status.report?.format === 'pkcs12' ? 'p12' : status.report?.format;
	if (chosen && holds && chosen !== holds) {
		markdown.appendMarkdown(
			`  \n$(warning) ${escape(
				vscode.l10n.t(
					'Chosen as {0}, but the file holds {1}: the webhook platform may reject it.',
					chosen === 'p12' ? 'PKCS#12' : 'JKS',
					holds === 'p12' ? 'PKCS#12' : 'JKS',
				),
			)}`,
		);
	}
	if (status.error) {
		markdown.appendMarkdown(`  \n${escape(status.error.message)}`);
	}
	return markdown;
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

function escape(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
