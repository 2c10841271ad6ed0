import * as vscode from 'vscode';
import { Disposable } from './dispose';
import type { ComponentLogger } from './logger';

/** A node of the Integrations view. TODO(#4): folder, integration and certificate slot nodes. */
export type IntegrationsNode = vscode.TreeItem;

/**
 * Feeds the Integrations view. While it has no nodes, VS Code shows the view's welcome
 * content from package.json, which tells the user where integrations come from.
 */
export class IntegrationsTreeProvider
	extends Disposable
	implements vscode.TreeDataProvider<IntegrationsNode>
{
	private readonly changeEmitter = this.register(
		new vscode.EventEmitter<IntegrationsNode | undefined>(),
	);
	public readonly onDidChangeTreeData = this.changeEmitter.event;

	constructor(private readonly log: ComponentLogger) {
		super();
	}

	/** Asks VS Code to read the whole tree again. */
	public refresh(): void {
		this.log.debug('refresh requested');
		this.changeEmitter.fire(undefined);
	}

	public getTreeItem(node: IntegrationsNode): vscode.TreeItem {
		return node;
	}

	public getChildren(): IntegrationsNode[] {
		// TODO(#4): read the integrations of every folder from .vscode/mtls-webhooks.json.
		return [];
	}
}
