import * as vscode from 'vscode';
import type { Slot } from '../../webhooks/config';
import { promoteNew, recordValidation, setCertificate } from '../../webhooks/configEdits';
import { keystoreUri } from '../certificateStatus';
import type { IntegrationRef } from '../configStore';
import type { Services } from '../services';
import type { IntegrationsNode } from '../treeNodes';
import { openInteractively } from './keystoreDialog';
import { resolveSlot } from './pickers';
import { announceResult, storeTypedPasswords } from './results';

function slotLabel(slot: Slot): string {
	return slot === 'active' ? vscode.l10n.t('Active') : vscode.l10n.t('New');
}

/** Validate Certificate: read the keystore again, and record its Identifier and Valid Till. */
export async function validateCertificate(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const title = vscode.l10n.t('Validate Certificate');
	const target = await resolveSlot(services, node, title);
	const certificate = target?.ref.integration.mtls?.[target.slot];
	if (!target || !certificate) {
		return;
	}
	const keystore = keystoreUri(target.ref, certificate);
	const result = await openInteractively(services, keystore, certificate.path, {
		alias: certificate.alias,
		askPassword: false,
		title,
	});
	if (!result) {
		return;
	}
	await storeTypedPasswords(services, keystore, result);
	const { identifier, validTill } = result.opened.report;
	if (
		identifier &&
		validTill &&
		(identifier !== certificate.identifier || validTill !== certificate.validTill)
	) {
		const id = target.ref.integration.id;
		await services.editor.change(
			target.ref.config.folder,
			`record the ${target.slot} certificate of "${id}"`,
			(text) => recordValidation(text, id, target.slot, { identifier, validTill }),
		);
	}
	services.statuses.forget(keystore);
	await services.store.reload();
	announceResult(services, keystore, certificate.path, result.status);
}

/** Promote New to Active: the end of a rotation. */
export async function promoteNewCertificate(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const title = vscode.l10n.t('Promote New Certificate to Active');
	const target = await resolveSlot(
		services,
		node,
		title,
		(ref) => (ref.integration.mtls?.new ? ['new'] : []),
		vscode.l10n.t('No integration has a New certificate to promote.'),
	);
	const next = target?.ref.integration.mtls?.new;
	if (!target || !next) {
		return;
	}
	const active = target.ref.integration.mtls?.active;
	const promote = vscode.l10n.t('Promote');
	const choice = await services.prompter.confirm(
		vscode.l10n.t(
			'Make {0} the Active certificate of "{1}"?',
			next.path,
			target.ref.integration.name,
		),
		active
			? vscode.l10n.t(
					'{0}, the Active certificate now, is removed from the integration; its file stays.',
					active.path,
				)
			: '',
		promote,
	);
	if (choice === promote) {
		await edit(
			services,
			target.ref,
			`promote the New certificate of "${target.ref.integration.id}"`,
			(text, id) => promoteNew(text, id),
		);
	}
}

/** Remove Certificate, after a confirmation; the keystore file stays. */
export async function removeCertificate(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const target = await resolveSlot(services, node, vscode.l10n.t('Remove Certificate'));
	const certificate = target?.ref.integration.mtls?.[target.slot];
	if (!target || !certificate) {
		return;
	}
	const remove = vscode.l10n.t('Remove');
	const choice = await services.prompter.confirm(
		vscode.l10n.t(
			'Remove the {0} certificate of "{1}"?',
			slotLabel(target.slot),
			target.ref.integration.name,
		),
		vscode.l10n.t('{0} is removed from the integration; the file itself stays.', certificate.path),
		remove,
	);
	if (choice === remove) {
		const slot = target.slot;
		await edit(
			services,
			target.ref,
			`remove the ${slot} certificate of "${target.ref.integration.id}"`,
			(text, id) => setCertificate(text, id, slot, undefined),
		);
	}
}

async function edit(
	services: Services,
	ref: IntegrationRef,
	what: string,
	change: (text: string, id: string) => string,
): Promise<void> {
	if (
		await services.editor.change(ref.config.folder, what, (text) =>
			change(text, ref.integration.id),
		)
	) {
		await services.store.reload();
	}
}

/** Forget Stored Password: the next read asks again. */
export async function forgetPassword(
	services: Services,
	node: IntegrationsNode | vscode.Uri | undefined,
): Promise<void> {
	let keystore: vscode.Uri;
	let alias = '';
	if (node instanceof vscode.Uri) {
		keystore = node;
	} else {
		const target = await resolveSlot(services, node, vscode.l10n.t('Forget Stored Password'));
		const certificate = target?.ref.integration.mtls?.[target.slot];
		if (!target || !certificate) {
			return;
		}
		keystore = keystoreUri(target.ref, certificate);
		alias = certificate.alias ?? '';
	}
	await services.secrets.delete({ kind: 'storePassword', keystore });
	await services.secrets.delete({ kind: 'keyPassword', keystore, alias });
	services.statuses.forget(keystore);
	void vscode.window.showInformationMessage(
		vscode.l10n.t(
			'Forgot the passwords of {0}; you will be asked for them next time.',
			vscode.workspace.asRelativePath(keystore),
		),
	);
}

/** Open Keystore File: shows the keystore in the Explorer (it is binary, not for an editor). */
export async function openKeystore(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const target = await resolveSlot(services, node, vscode.l10n.t('Open Keystore File'));
	const certificate = target?.ref.integration.mtls?.[target.slot];
	if (target && certificate) {
		await vscode.commands.executeCommand('revealInExplorer', keystoreUri(target.ref, certificate));
	}
}

/** Copy Identifier: the SHA-256 fingerprint of the client certificate. */
export async function copyIdentifier(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const target = await resolveSlot(services, node, vscode.l10n.t('Copy Identifier'));
	if (!target) {
		return;
	}
	const identifier =
		services.statuses.statusOf(target.ref, target.slot)?.report?.identifier ??
		target.ref.integration.mtls?.[target.slot]?.identifier;
	if (!identifier) {
		void vscode.window.showWarningMessage(
			vscode.l10n.t('This certificate has no Identifier yet: validate it first.'),
		);
		return;
	}
	await vscode.env.clipboard.writeText(identifier);
	void vscode.window.showInformationMessage(
		vscode.l10n.t('Copied the Identifier {0}.', identifier),
	);
}
