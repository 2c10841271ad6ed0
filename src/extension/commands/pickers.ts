import * as vscode from 'vscode';
import type { Slot } from '../../webhooks/config';
import type { IntegrationRef } from '../configStore';
import type { Services } from '../services';
import { IntegrationNode, SlotNode, type IntegrationsNode } from '../treeNodes';

/** The workspace folder to work in: the only one, or the one the user picks. */
export async function pickFolder(
	services: Services,
	title: string,
): Promise<vscode.WorkspaceFolder | undefined> {
	const folders = vscode.workspace.workspaceFolders ?? [];
	if (folders.length <= 1) {
		if (!folders[0]) {
			void vscode.window.showErrorMessage(
				vscode.l10n.t('Open a folder first: integrations live in its .vscode/mtls-webhooks.json.'),
			);
		}
		return folders[0];
	}
	const picked = await services.prompter.pick(
		folders.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, folder })),
		{ title, placeHolder: vscode.l10n.t('Workspace folder') },
	);
	return picked?.folder;
}

/** The integration a command acts on: the node's, or one the user picks. */
export async function resolveIntegration(
	services: Services,
	node: IntegrationsNode | undefined,
	title: string,
	filter: (ref: IntegrationRef) => boolean = () => true,
): Promise<IntegrationRef | undefined> {
	if (node instanceof IntegrationNode || node instanceof SlotNode) {
		return current(services, node.ref);
	}
	const choices = services.store.integrations.filter(filter);
	if (choices.length === 0) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('There is no integration for this yet.'),
		);
		return undefined;
	}
	const picked = await services.prompter.pick(
		choices.map((ref) => ({
			label: ref.integration.name,
			description: ref.integration.url,
			...((vscode.workspace.workspaceFolders?.length ?? 0) > 1
				? { detail: ref.config.folder.name }
				: {}),
			ref,
		})),
		{ title, placeHolder: vscode.l10n.t('Integration') },
	);
	return picked?.ref;
}

/** The slot a command acts on: the node's, or one of the integration's the user picks. */
export async function resolveSlot(
	services: Services,
	node: IntegrationsNode | undefined,
	title: string,
	which: (ref: IntegrationRef) => Slot[] = (ref) =>
		(['active', 'new'] as const).filter((slot) => ref.integration.mtls?.[slot]),
): Promise<{ ref: IntegrationRef; slot: Slot } | undefined> {
	if (node instanceof SlotNode) {
		const ref = current(services, node.ref);
		return ref && { ref, slot: node.slot };
	}
	const ref = await resolveIntegration(services, node, title, (item) => which(item).length > 0);
	const slots = ref ? which(ref) : [];
	if (!ref || slots.length === 0) {
		return undefined;
	}
	if (slots.length === 1) {
		return { ref, slot: slots[0]! };
	}
	const picked = await services.prompter.pick(
		slots.map((slot) => ({
			label: slot === 'active' ? vscode.l10n.t('Active') : vscode.l10n.t('New'),
			description: ref.integration.mtls?.[slot]?.path ?? '',
			slot,
		})),
		{ title, placeHolder: vscode.l10n.t('Certificate') },
	);
	return picked && { ref, slot: picked.slot };
}

/** The integration as the store has it now (a tree node may be older than the file). */
function current(services: Services, ref: IntegrationRef): IntegrationRef | undefined {
	const found = services.store.find(ref.config.folder.uri, ref.integration.id);
	if (!found) {
		void vscode.window.showErrorMessage(
			vscode.l10n.t(
				'The integration "{0}" is no longer in the configuration file.',
				ref.integration.name,
			),
		);
	}
	return found;
}
