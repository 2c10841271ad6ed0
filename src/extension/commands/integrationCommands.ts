import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { HubAlgorithm, Integration } from '../../webhooks/config';
import {
	addIntegration as addToText,
	indexOf,
	removeIntegration as removeFromText,
} from '../../webhooks/configEdits';
import { describeProblem, revealOffset } from '../configEditor';
import { CommandId } from '../ids';
import type { Services } from '../services';
import { ProblemsNode, type IntegrationsNode } from '../treeNodes';
import { pickFolder, resolveIntegration } from './pickers';

/** Add Integration: name, HTTPS URL and hub signature, asked one after the other. */
export async function addIntegration(services: Services): Promise<void> {
	const title = vscode.l10n.t('Add Integration');
	const folder = await pickFolder(services, title);
	if (!folder) {
		return;
	}
	const broken = services.store.forFolder(folder);
	const firstError = broken?.parsed.syntaxErrors[0];
	if (broken && firstError) {
		// Say so before asking anything: the answers could not be written.
		void vscode.window.showErrorMessage(
			vscode.l10n.t(
				'{0} does not parse: {1}. Fix it first; nothing can be added to it until then.',
				vscode.workspace.asRelativePath(broken.uri),
				describeProblem(broken.text, firstError),
			),
		);
		return;
	}
	const existing = services.store.forFolder(folder)?.parsed.integrations ?? [];
	const taken = new Set(existing.map((integration) => integration.id));
	const names = new Set(existing.map((integration) => integration.name.trim().toLowerCase()));
	const name = await services.prompter.input({
		title,
		prompt: vscode.l10n.t('Name of the integration, as on the webhook platform'),
		ignoreFocusOut: true,
		validateInput: (value) =>
			!value.trim()
				? vscode.l10n.t('Give the integration a name.')
				: names.has(value.trim().toLowerCase())
					? vscode.l10n.t('"{0}" is taken in this folder; choose another name.', value.trim())
					: undefined,
	});
	if (name === undefined) {
		return;
	}
	const url = await services.prompter.input({
		title,
		prompt: vscode.l10n.t("The receiving server's endpoint"),
		placeHolder: 'https://hooks.example.com/events',
		ignoreFocusOut: true,
		validateInput: httpsProblem,
	});
	if (url === undefined) {
		return;
	}
	const signature = await services.prompter.pick(
		[
			{ label: vscode.l10n.t('No hub signature'), algorithm: undefined },
			{
				label: 'HMAC-SHA-256',
				description: 'x-hub-signature',
				algorithm: 'sha256' as HubAlgorithm,
			},
			{
				label: 'HMAC-SHA-512',
				description: 'x-hub-signature',
				algorithm: 'sha512' as HubAlgorithm,
			},
		],
		{ title, placeHolder: vscode.l10n.t('Sign deliveries with a shared secret?') },
	);
	if (!signature) {
		return;
	}
	let secret: string | undefined;
	if (signature.algorithm) {
		secret = await services.prompter.input({
			title,
			prompt: vscode.l10n.t(
				"Hub secret, the key of the signature (kept in VS Code's secret storage, never in the file)",
			),
			password: true,
			ignoreFocusOut: true,
			validateInput: (value) => (value ? undefined : vscode.l10n.t('The secret cannot be empty.')),
		});
		if (secret === undefined) {
			return;
		}
	}

	const integration: Integration = {
		id: uniqueId(name, taken),
		name: name.trim(),
		url: url.trim(),
		method: 'POST',
		hubSignature: signature.algorithm
			? { enabled: true, algorithm: signature.algorithm }
			: { enabled: false },
		events: [],
		timeoutSeconds: 10,
		mtls: { enabled: true },
	};
	const what = `add the integration "${integration.id}"`;
	if (!(await services.editor.change(folder, what, (text) => addToText(text, integration)))) {
		return;
	}
	if (secret !== undefined) {
		await services.secrets.store(
			{ kind: 'hubSecret', folder: folder.uri, integrationId: integration.id },
			secret,
		);
	}
	await services.store.reload();
	const added = services.store.find(folder.uri, integration.id);
	if (added && services.view.visible) {
		await services.view.reveal(services.tree.nodeFor(added), {
			select: true,
			focus: false,
			expand: true,
		});
	}
	const addCertificate = vscode.l10n.t('Add mTLS Certificate');
	// The offer stays in the notification; the command does not wait for an answer.
	void vscode.window
		.showInformationMessage(
			vscode.l10n.t('Added the integration "{0}".', integration.name),
			addCertificate,
		)
		.then((choice) =>
			choice === addCertificate && added
				? vscode.commands.executeCommand(CommandId.addCertificate, services.tree.nodeFor(added))
				: undefined,
		);
}

/** Why a URL cannot be an integration's endpoint, or undefined when it can. */
export function httpsProblem(value: string): string | undefined {
	try {
		const url = new URL(value.trim());
		return url.protocol === 'https:' && url.host
			? undefined
			: vscode.l10n.t('Use an https:// URL: mutual TLS needs HTTPS.');
	} catch {
		return vscode.l10n.t('This is not a URL; use the form https://host/path.');
	}
}

function uniqueId(name: string, taken: Set<string>): string {
	const base =
		name
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'integration';
	let id = base;
	for (let n = 2; taken.has(id); n++) {
		id = `${base}-${n}`;
	}
	return id;
}

/** Edit Integration: the config file, opened at the integration (or at its first problem). */
export async function editIntegration(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	if (node instanceof ProblemsNode) {
		const { syntaxErrors, problems } = node.config.parsed;
		const first = syntaxErrors[0] ?? problems[0];
		const document = await vscode.workspace.openTextDocument(node.config.uri);
		await revealOffset(document, first?.offset ?? 0, first?.length ?? 0);
		return;
	}
	const ref = await resolveIntegration(services, node, vscode.l10n.t('Edit Integration'));
	if (!ref) {
		return;
	}
	const document = await vscode.workspace.openTextDocument(ref.config.uri);
	const text = document.getText();
	const found = findNodeAtLocation(parseTree(text)!, [
		'integrations',
		indexOf(text, ref.integration.id),
	]);
	await revealOffset(document, found?.offset ?? 0);
}

/** Remove Integration, after a confirmation; keystore files are not touched. */
export async function removeIntegration(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const ref = await resolveIntegration(services, node, vscode.l10n.t('Remove Integration'));
	if (!ref) {
		return;
	}
	const remove = vscode.l10n.t('Remove');
	const choice = await services.prompter.confirm(
		vscode.l10n.t('Remove the integration "{0}"?', ref.integration.name),
		vscode.l10n.t(
			'It is removed from {0}. Keystore files are not touched.',
			vscode.workspace.asRelativePath(ref.config.uri),
		),
		remove,
	);
	if (choice !== remove) {
		return;
	}
	const id = ref.integration.id;
	if (
		await services.editor.change(ref.config.folder, `remove the integration "${id}"`, (text) =>
			removeFromText(text, id),
		)
	) {
		await services.secrets.delete({
			kind: 'hubSecret',
			folder: ref.config.folder.uri,
			integrationId: id,
		});
		await services.store.reload();
	}
}
