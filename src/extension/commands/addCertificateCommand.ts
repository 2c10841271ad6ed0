import { isAbsolute, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { notKeystoreError } from '../../keystore/messages';
import { sniff, type Sniffed } from '../../keystore/sniff';
import type { CertificateSlot, Slot } from '../../webhooks/config';
import { setCertificate } from '../../webhooks/configEdits';
import type { IntegrationRef } from '../configStore';
import type { Services } from '../services';
import { SlotNode, type IntegrationsNode } from '../treeNodes';
import { openInteractively } from './keystoreDialog';
import { pickKeystore, resolveIntegration } from './pickers';
import { announceResult, storeTypedPasswords } from './results';

/**
 * Add mTLS Certificate, Add New Certificate and Add to Integration: pick a keystore in the
 * folder, its File Format (pre-selected from its content), its passwords and alias; validate
 * at once, and record the slot with the Identifier and Valid Till found.
 */
export async function addCertificate(
	services: Services,
	node: IntegrationsNode | undefined,
	options: { slot?: Slot; keystore?: vscode.Uri } = {},
): Promise<void> {
	const title =
		options.slot === 'new'
			? vscode.l10n.t('Add New Certificate')
			: vscode.l10n.t('Add mTLS Certificate');
	const ref = await resolveIntegration(services, node, title);
	if (!ref) {
		return;
	}
	// Add New Certificate names its slot; from a slot node the slot is the node's.
	const slot =
		options.slot ?? (node instanceof SlotNode ? node.slot : await chooseSlot(services, ref, title));
	if (!slot) {
		return;
	}
	if (slot === 'new' && !ref.integration.mtls?.active) {
		void vscode.window.showErrorMessage(
			vscode.l10n.t('"{0}" has no Active certificate yet: add that first.', ref.integration.name),
		);
		return;
	}

	const keystore = options.keystore ?? (await pickKeystore(services, ref.config.folder, title));
	if (!keystore) {
		return;
	}
	const path = relative(ref.config.folder.uri.fsPath, keystore.fsPath);
	if (path.startsWith('..') || isAbsolute(path)) {
		void vscode.window.showErrorMessage(
			vscode.l10n.t(
				'{0} is outside the folder "{1}". Move it into the folder first, so that the configuration can name it by a relative path.',
				keystore.fsPath,
				ref.config.folder.name,
			),
		);
		return;
	}
	const format = await chooseFormat(services, keystore, path, title);
	if (!format) {
		return;
	}

	const result = await openInteractively(services, keystore, path, { askPassword: true, title });
	if (!result) {
		return;
	}
	const { report } = result.opened;
	const active = ref.integration.mtls?.active;
	if (
		slot === 'new' &&
		report.identifier !== undefined &&
		report.identifier === active?.identifier
	) {
		// A rotation needs another certificate; the same one in both slots would prove nothing.
		void vscode.window.showErrorMessage(
			vscode.l10n.t(
				'{0}{1} holds the certificate that "{2}" already uses as Active (Identifier {3}). Choose the keystore, or the key, of the new certificate.',
				path,
				result.alias === undefined ? '' : ` (${result.alias})`,
				ref.integration.name,
				report.identifier,
			),
		);
		return;
	}
	await storeTypedPasswords(services, keystore, result);
	const certificate: CertificateSlot = {
		path: path.split(sep).join('/'),
		format,
		...(result.alias === undefined ? {} : { alias: result.alias }),
		...(report.identifier && report.validTill
			? { identifier: report.identifier, validTill: report.validTill }
			: {}),
	};
	const what = `set the ${slot} certificate of "${ref.integration.id}" to ${certificate.path}`;
	const id = ref.integration.id;
	if (
		!(await services.editor.change(ref.config.folder, what, (text) =>
			setCertificate(text, id, slot, certificate),
		))
	) {
		return;
	}
	services.statuses.forget(keystore);
	await services.store.reload();
	await reveal(services, ref, slot);
	announceResult(services, keystore, path, result.status);
}

async function chooseSlot(
	services: Services,
	ref: IntegrationRef,
	title: string,
): Promise<Slot | undefined> {
	if (!ref.integration.mtls?.active) {
		return 'active';
	}
	const picked = await services.prompter.pick(
		[
			{
				label: vscode.l10n.t('Add as the New certificate'),
				detail: vscode.l10n.t('For rotation: the Active one stays until you promote the New one.'),
				slot: 'new' as const,
			},
			{
				label: vscode.l10n.t('Replace the Active certificate'),
				detail: ref.integration.mtls.active.path,
				slot: 'active' as const,
			},
		],
		{
			title,
			placeHolder: vscode.l10n.t('"{0}" already has an Active certificate', ref.integration.name),
		},
	);
	return picked?.slot;
}

/** The File Format, pre-selected from what the file holds, with a warning on a mismatch. */
async function chooseFormat(
	services: Services,
	keystore: vscode.Uri,
	name: string,
	title: string,
): Promise<CertificateSlot['format'] | undefined> {
	let sniffed: Sniffed;
	try {
		sniffed = sniff(Buffer.from(await vscode.workspace.fs.readFile(keystore)));
	} catch {
		void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be read.', name));
		return undefined;
	}
	if (sniffed.kind !== 'pkcs12' && sniffed.kind !== 'jks') {
		// Before any question: a file that is no keystore needs no format and no password.
		void vscode.window.showErrorMessage(notKeystoreError(sniffed, name).message);
		return undefined;
	}
	const detected: CertificateSlot['format'] = sniffed.kind === 'pkcs12' ? 'p12' : 'jks';
	const formats = [
		{ label: 'PKCS#12', description: '.p12, .pfx', format: 'p12' as const },
		{ label: 'JKS', description: 'Java KeyStore', format: 'jks' as const },
	].map((item) =>
		item.format === detected ? { ...item, detail: vscode.l10n.t('what {0} holds', name) } : item,
	);
	const ordered = formats.sort((a) => (a.format === detected ? -1 : 1));
	const picked = await services.prompter.pick(ordered, {
		title,
		placeHolder: vscode.l10n.t('File Format, as you choose it on the webhook platform'),
	});
	if (picked && picked.format !== detected) {
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				'{0} holds a {1} keystore, not {2}. mTLS Webhooks reads it either way, but the webhook platform may reject a keystore whose format differs from the one chosen there.',
				name,
				detected === 'p12' ? 'PKCS#12' : 'JKS',
				picked.label,
			),
		);
	}
	return picked?.format;
}

async function reveal(services: Services, ref: IntegrationRef, slot: Slot): Promise<void> {
	const current = services.store.find(ref.config.folder.uri, ref.integration.id);
	if (current && services.view.visible) {
		await services.view.reveal(services.tree.nodeFor(current, slot), {
			select: true,
			focus: false,
		});
	}
}
