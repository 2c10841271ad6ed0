import { relative } from 'node:path';
import * as vscode from 'vscode';
import type { Slot } from '../../webhooks/config';
import { describeProblem } from '../configEditor';
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
	none = vscode.l10n.t('There is no integration yet: add one first.'),
): Promise<IntegrationRef | undefined> {
	if (node instanceof IntegrationNode || node instanceof SlotNode) {
		return current(services, node.ref);
	}
	const choices = services.store.integrations.filter(filter);
	if (choices.length === 0) {
		explainNoChoice(services, none);
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
	none = vscode.l10n.t('No integration has a certificate yet: add one first.'),
): Promise<{ ref: IntegrationRef; slot: Slot } | undefined> {
	if (node instanceof SlotNode) {
		const ref = current(services, node.ref);
		return ref && { ref, slot: node.slot };
	}
	const ref = await resolveIntegration(
		services,
		node,
		title,
		(item) => which(item).length > 0,
		none,
	);
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

/**
 * Says why there is nothing to choose from: a configuration file that does not parse hides
 * its integrations, which the user should hear about first.
 */
function explainNoChoice(services: Services, none: string): void {
	const broken = services.store.all.find((config) => config.parsed.syntaxErrors.length > 0);
	if (!broken) {
		void vscode.window.showInformationMessage(none);
		return;
	}
	const open = vscode.l10n.t('Open File');
	void vscode.window
		.showErrorMessage(
			vscode.l10n.t(
				'{0} does not parse, so its integrations cannot be used: {1}.',
				vscode.workspace.asRelativePath(broken.uri),
				describeProblem(broken.text, broken.parsed.syntaxErrors[0]!),
			),
			open,
		)
		.then((choice) =>
			choice === open ? vscode.commands.executeCommand('vscode.open', broken.uri) : undefined,
		);
}

/**
 * A keystore file: one of the folder's (or, without a folder, the workspace's), or any file
 * through the open dialog.
 */
export async function pickKeystore(
	services: Services,
	folder: vscode.WorkspaceFolder | undefined,
	title: string,
): Promise<vscode.Uri | undefined> {
	const pattern = folder ? new vscode.RelativePattern(folder, KEYSTORE_GLOB) : KEYSTORE_GLOB;
	const found = await vscode.workspace.findFiles(pattern, '**/node_modules/**', 500);
	const label = (uri: vscode.Uri) =>
		folder ? relative(folder.uri.fsPath, uri.fsPath) : vscode.workspace.asRelativePath(uri);
	const files = found
		.map((uri) => ({ label: label(uri), uri }))
		.sort((a, b) => a.label.localeCompare(b.label));
	const browse = {
		label: vscode.l10n.t('Browse…'),
		detail: vscode.l10n.t('Choose a keystore file elsewhere'),
		uri: undefined,
	};
	const picked = await services.prompter.pick([...files, browse], {
		title,
		placeHolder: vscode.l10n.t('Keystore file (.p12, .pfx, .jks)'),
	});
	if (!picked || picked.uri) {
		return picked?.uri;
	}
	const start = (folder ?? vscode.workspace.workspaceFolders?.[0])?.uri;
	const chosen = await services.prompter.openDialog({
		...(start ? { defaultUri: start } : {}),
		canSelectMany: false,
		openLabel: vscode.l10n.t('Use Keystore'),
		filters: {
			[vscode.l10n.t('Keystores')]: ['p12', 'pfx', 'jks'],
			[vscode.l10n.t('All files')]: ['*'],
		},
	});
	return chosen?.[0];
}

const KEYSTORE_GLOB = '**/*.{p12,pfx,jks}';
