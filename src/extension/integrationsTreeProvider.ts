import * as vscode from 'vscode';
import type { Slot } from '../webhooks/config';
import type { CertificateStatuses } from './certificateStatus';
import type { ConfigStore, FolderConfig, IntegrationRef } from './configStore';
import { Disposable } from './dispose';
import { ContextKey } from './ids';
import {
	FolderNode,
	IntegrationNode,
	ProblemsNode,
	SlotNode,
	type IntegrationsNode,
} from './treeNodes';

/**
 * Feeds the Integrations view from the config store and the certificate statuses, and
 * refreshes it when either changes. While there is nothing to show, VS Code shows the
 * welcome content of package.json for the state the context keys describe.
 */
export class IntegrationsTreeProvider
	extends Disposable
	implements vscode.TreeDataProvider<IntegrationsNode>
{
	private readonly changeEmitter = this.register(
		new vscode.EventEmitter<IntegrationsNode | undefined>(),
	);
	public readonly onDidChangeTreeData = this.changeEmitter.event;

	constructor(
		private readonly store: ConfigStore,
		private readonly statuses: CertificateStatuses,
	) {
		super();
		this.register(store.onDidChange(() => this.refresh()));
		this.register(statuses.onDidChange(() => this.refresh()));
	}

	/** Asks VS Code to read the whole tree again, and updates the context keys. */
	public refresh(): void {
		const any = this.store.all.some(
			(config) => config.parsed.integrations.length > 0 || hasIssues(config),
		);
		void vscode.commands.executeCommand('setContext', ContextKey.hasIntegrations, any);
		void vscode.commands.executeCommand('setContext', ContextKey.loaded, true);
		this.changeEmitter.fire(undefined);
	}

	public getTreeItem(node: IntegrationsNode): vscode.TreeItem {
		return node.toTreeItem();
	}

	public getParent(node: IntegrationsNode): IntegrationsNode | undefined {
		return node.parent;
	}

	public getChildren(node?: IntegrationsNode): IntegrationsNode[] {
		if (!node) {
			const configs = this.store.all.filter(
				(config) => config.parsed.integrations.length > 0 || hasIssues(config),
			);
			return (vscode.workspace.workspaceFolders?.length ?? 0) > 1
				? configs.map((config) => new FolderNode(config))
				: configs.flatMap((config) => this.folderChildren(config, undefined));
		}
		switch (node.kind) {
			case 'folder':
				return this.folderChildren(node.config, node);
			case 'integration': {
				const mtls = node.ref.integration.mtls;
				const slots: Slot[] = mtls?.new ? ['active', 'new'] : ['active'];
				return slots.map((slot) => this.slotNode(node.ref, slot, node));
			}
			default:
				return [];
		}
	}

	/** The node of an integration or slot, for reveal. */
	public nodeFor(ref: IntegrationRef, slot?: Slot): IntegrationsNode {
		const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
		const folder = several ? new FolderNode(ref.config) : undefined;
		const integration = this.integrationNode(ref, folder);
		return slot ? this.slotNode(ref, slot, integration) : integration;
	}

	private folderChildren(config: FolderConfig, parent: FolderNode | undefined): IntegrationsNode[] {
		const problems = hasIssues(config) ? [new ProblemsNode(config, parent)] : [];
		const integrations = config.parsed.integrations.map((integration) =>
			this.integrationNode({ config, integration }, parent),
		);
		return [...problems, ...integrations];
	}

	private integrationNode(ref: IntegrationRef, parent: FolderNode | undefined): IntegrationNode {
		const statuses = (['active', 'new'] as const).map((slot) => this.statuses.statusOf(ref, slot));
		return new IntegrationNode(ref, parent, statuses);
	}

	private slotNode(ref: IntegrationRef, slot: Slot, parent: IntegrationNode): SlotNode {
		return new SlotNode(ref, slot, this.statuses.statusOf(ref, slot), parent);
	}
}

function hasIssues(config: FolderConfig): boolean {
	return config.parsed.syntaxErrors.length > 0 || config.parsed.problems.length > 0;
}
