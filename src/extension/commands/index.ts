import * as vscode from 'vscode';
import { CommandId } from '../ids';
import type { Services } from '../services';
import type { IntegrationsNode } from '../treeNodes';
import { addCertificate } from './addCertificateCommand';
import {
	copyIdentifier,
	forgetPassword,
	openKeystore,
	promoteNewCertificate,
	removeCertificate,
	validateCertificate,
} from './certificateCommands';
import { addToIntegration, inspectKeystore } from './explorerCommands';
import { addIntegration, editIntegration, removeIntegration } from './integrationCommands';
import { revealCertificate, showCertificate, testConnection } from './panelCommands';

type Handler = (services: Services, argument: never) => Promise<void> | void;

const HANDLERS: Record<CommandId, Handler> = {
	[CommandId.refresh]: async (services) => {
		services.statuses.forget();
		await services.store.reload();
	},
	[CommandId.showLog]: (services) => services.logger.show(),
	[CommandId.addIntegration]: addIntegration,
	[CommandId.editIntegration]: editIntegration,
	[CommandId.removeIntegration]: removeIntegration,
	[CommandId.addCertificate]: (services, node: IntegrationsNode | undefined) =>
		addCertificate(services, node),
	[CommandId.addNewCertificate]: (services, node: IntegrationsNode | undefined) =>
		addCertificate(services, node, { slot: 'new' }),
	[CommandId.validateCertificate]: validateCertificate,
	[CommandId.showCertificate]: showCertificate,
	[CommandId.testConnection]: testConnection,
	[CommandId.revealCertificate]: revealCertificate,
	[CommandId.promoteNewCertificate]: promoteNewCertificate,
	[CommandId.removeCertificate]: removeCertificate,
	[CommandId.forgetPassword]: forgetPassword,
	[CommandId.openKeystore]: openKeystore,
	[CommandId.copyIdentifier]: copyIdentifier,
	[CommandId.inspectKeystore]: inspectKeystore,
	[CommandId.addToIntegration]: addToIntegration,
};

/**
 * Registers every command. An error a handler did not expect is logged and reported in one
 * sentence that points to the log, never as a stack trace.
 */
export function registerCommands(services: Services): vscode.Disposable[] {
	const log = services.logger.forComponent('commands');
	return Object.entries(HANDLERS).map(([id, handler]) =>
		vscode.commands.registerCommand(id, async (argument: never) => {
			try {
				await handler(services, argument);
			} catch (error) {
				log.error(`${id} failed`, error);
				const showLog = vscode.l10n.t('Show Log');
				const choice = await vscode.window.showErrorMessage(
					vscode.l10n.t('The command did not complete; the log says why.'),
					showLog,
				);
				if (choice === showLog) {
					services.logger.show();
				}
			}
		}),
	);
}
