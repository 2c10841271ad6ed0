import * as vscode from 'vscode';
import type { Slot } from '../../webhooks/config';
import type { SlotTarget } from '../expiry/expiryViews';
import { ViewId } from '../ids';
import { testAndShow } from '../panel/panelActions';
import type { Services } from '../services';
import { SlotNode, type IntegrationsNode } from '../treeNodes';
import { resolveIntegration } from './pickers';

/** Show Certificate: the integration's panel, with its Active and New certificates. */
export async function showCertificate(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const ref = await resolveIntegration(
		services,
		node,
		vscode.l10n.t('Show Certificate'),
		(candidate) => candidate.integration.mtls?.active !== undefined,
		vscode.l10n.t('No integration has a certificate yet: add one first.'),
	);
	if (ref) {
		services.panels.show({
			kind: 'integration',
			folder: ref.config.folder.uri.toString(),
			id: ref.integration.id,
		});
	}
}

/**
 * Test Connection: of one certificate from its tree item, or of every certificate of an
 * integration, so that during a rotation it says whether the receiver trusts the New one.
 */
export async function testConnection(
	services: Services,
	node: IntegrationsNode | undefined,
): Promise<void> {
	const ref = await resolveIntegration(
		services,
		node,
		vscode.l10n.t('Test Connection'),
		(candidate) => candidate.integration.mtls?.active !== undefined,
		vscode.l10n.t('No integration has a certificate to test yet: add one first.'),
	);
	if (!ref) {
		return;
	}
	const slots: Slot[] =
		node instanceof SlotNode
			? [node.slot]
			: (['active', 'new'] as const).filter((slot) => ref.integration.mtls?.[slot]);
	await testAndShow(services, ref, slots);
}

/** Reveal Certificate: selects a certificate in the Integrations view (from the status bar). */
export async function revealCertificate(
	services: Services,
	target: SlotTarget | undefined,
): Promise<void> {
	const ref = target && services.store.find(vscode.Uri.parse(target.folder), target.id);
	if (!ref || !target) {
		return;
	}
	await vscode.commands.executeCommand(`${ViewId.integrations}.focus`);
	await services.view.reveal(services.tree.nodeFor(ref, target.slot), {
		select: true,
		focus: true,
		expand: true,
	});
}
