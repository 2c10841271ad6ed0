import * as vscode from 'vscode';
import { CertificateStatuses } from './extension/certificateStatus';
import { registerCommands } from './extension/commands';
import { ConfigEditor } from './extension/configEditor';
import { ConfigStore } from './extension/configStore';
import { ExpiryViews } from './extension/expiry/expiryViews';
import { ExpirySettings } from './extension/expirySettings';
import { CommandId, LOG_CHANNEL_NAME, ViewId } from './extension/ids';
import { IntegrationsTreeProvider } from './extension/integrationsTreeProvider';
import { Logger } from './extension/logger';
import { CertificatePanels } from './extension/panel/certificatePanels';
import { panelActions } from './extension/panel/panelActions';
import { windowPrompter } from './extension/prompter';
import { ReportDocuments } from './extension/reportDocuments';
import { SecretStore } from './extension/secretStore';
import type { Services } from './extension/services';
import type { TestApi } from './extension/testApi';

/** Wires the extension's parts together; each part lives in its own file under extension/. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
	const logger = new Logger(LOG_CHANNEL_NAME);
	context.subscriptions.push(logger);

	const secrets = new SecretStore(context.secrets, logger.forComponent('secrets'));
	const store = new ConfigStore(logger.forComponent('config'));
	const expiry = new ExpirySettings();
	const statuses = new CertificateStatuses(secrets, logger.forComponent('keystores'), expiry);
	const tree = new IntegrationsTreeProvider(store, statuses);
	const view = vscode.window.createTreeView(ViewId.integrations, {
		treeDataProvider: tree,
		showCollapseAll: true,
	});
	const reports = new ReportDocuments();
	context.subscriptions.push(expiry, store, statuses, tree, view, reports);

	const editor = new ConfigEditor(logger.forComponent('edits'));
	const panels = new CertificatePanels(
		{ store, statuses, secrets, editor, reports, logger, tree, view },
		context.extensionUri,
	);
	context.subscriptions.push(panels);
	const services: Services = {
		store,
		statuses,
		secrets,
		editor,
		reports,
		logger,
		tree,
		view,
		panels,
		expiry,
		expiryViews: undefined,
		prompter: windowPrompter,
	};
	panels.setActions(panelActions(services));
	const expiryViews = new ExpiryViews(
		store,
		statuses,
		expiry,
		context.workspaceState,
		(ref, slot) => tree.nodeFor(ref, slot),
		async (choice, item) => {
			const node = tree.nodeFor(item.ref, item.slot);
			await vscode.commands.executeCommand(
				choice === 'show' ? CommandId.revealCertificate : CommandId.addNewCertificate,
				choice === 'show'
					? {
							folder: item.ref.config.folder.uri.toString(),
							id: item.ref.integration.id,
							slot: item.slot,
						}
					: node,
			);
		},
	);
	context.subscriptions.push(expiryViews);
	services.expiryViews = expiryViews;
	context.subscriptions.push(...registerCommands(services));
	void store.reload();

	logger
		.forComponent('activate')
		.info(`mTLS Webhooks ${MTLS_WEBHOOKS_VERSION} activated in VS Code ${vscode.version}`);

	return context.extensionMode === vscode.ExtensionMode.Test
		? { secrets: context.secrets, services }
		: undefined;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
