import * as vscode from 'vscode';
import { CommandId, LOG_CHANNEL_NAME, ViewId } from './extension/ids';
import { IntegrationsTreeProvider } from './extension/integrationsTreeProvider';
import { Logger } from './extension/logger';
import type { TestApi } from './extension/testApi';

/** Wires the extension's parts together; each part lives in its own file under extension/. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
	const logger = new Logger(LOG_CHANNEL_NAME);
	context.subscriptions.push(logger);
	const log = logger.forComponent('activate');

	const tree = new IntegrationsTreeProvider(logger.forComponent('tree'));
	context.subscriptions.push(
		tree,
		vscode.window.createTreeView(ViewId.integrations, {
			treeDataProvider: tree,
			showCollapseAll: true,
		}),
		vscode.commands.registerCommand(CommandId.refresh, () => tree.refresh()),
		vscode.commands.registerCommand(CommandId.showLog, () => logger.show()),
	);

	log.info(`mTLS Webhooks ${MTLS_WEBHOOKS_VERSION} activated in VS Code ${vscode.version}`);

	return context.extensionMode === vscode.ExtensionMode.Test
		? { secrets: context.secrets }
		: undefined;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
