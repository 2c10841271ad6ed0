import { basename, extname } from 'node:path';
import * as vscode from 'vscode';
import { exportCertificates, type ExportFormat } from '../../keystore/export';
import type { KeystoreReport } from '../../keystore/model';
import type { PanelSlot } from '../../shared/protocol';
import type { Slot } from '../../webhooks/config';
import {
	openKeystore,
	promoteNewCertificate,
	removeCertificate,
	validateCertificate,
} from '../commands/certificateCommands';
import { openInteractively } from '../commands/keystoreDialog';
import { storeTypedPasswords } from '../commands/results';
import type { IntegrationRef } from '../configStore';
import { testSlot } from '../connectionTests';
import type { Services } from '../services';
import type { CertificatePanel, PanelActions } from './certificatePanels';

/** The integration a panel shows, as it is in the config file now. */
function integrationOf(services: Services, panel: CertificatePanel): IntegrationRef | undefined {
	const key = panel.key;
	return key.kind === 'integration'
		? services.store.find(vscode.Uri.parse(key.folder), key.id)
		: undefined;
}

function reportOf(
	services: Services,
	panel: CertificatePanel,
	slot: PanelSlot | null,
): KeystoreReport | undefined {
	const ref = integrationOf(services, panel);
	return ref && slot ? services.statuses.statusOf(ref, slot)?.report : panel.keystoreStatus?.report;
}

export function panelActions(services: Services): PanelActions {
	const slotNode = (panel: CertificatePanel, slot: PanelSlot | null) => {
		const ref = integrationOf(services, panel);
		return ref && slot ? services.tree.nodeFor(ref, slot) : undefined;
	};
	return {
		async validate(panel, slot) {
			const node = slotNode(panel, slot);
			if (node) {
				await validateCertificate(services, node);
				return;
			}
			if (panel.key.kind === 'keystore') {
				await inspectInto(services, panel, vscode.Uri.parse(panel.key.uri));
			}
		},
		async download(panel, slot) {
			const report = reportOf(services, panel, slot);
			if (report) {
				await download(services, report);
			}
		},
		async test(panel, slot) {
			const ref = integrationOf(services, panel);
			if (ref && slot) {
				await testAndShow(services, ref, [slot]);
			}
		},
		async promote(panel) {
			const node = slotNode(panel, 'new');
			if (node) {
				await promoteNewCertificate(services, node);
			}
		},
		async remove(panel, slot) {
			const node = slotNode(panel, slot);
			if (node) {
				await removeCertificate(services, node);
			}
		},
		async openKeystore(panel, slot) {
			const node = slotNode(panel, slot);
			if (node) {
				await openKeystore(services, node);
			} else if (panel.key.kind === 'keystore') {
				await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(panel.key.uri));
			}
		},
		async copyIdentifier(panel, slot) {
			const identifier = reportOf(services, panel, slot)?.identifier;
			if (identifier) {
				await vscode.env.clipboard.writeText(identifier);
				void vscode.window.showInformationMessage(
					vscode.l10n.t('Copied the Identifier {0}.', identifier),
				);
			}
		},
	};
}

/** Reads a keystore that belongs to no integration into its panel, asking for its password. */
export async function inspectInto(
	services: Services,
	panel: CertificatePanel,
	keystore: vscode.Uri,
): Promise<void> {
	const alias = panel.key.kind === 'keystore' ? panel.key.alias : undefined;
	const result = await openInteractively(
		services,
		keystore,
		vscode.workspace.asRelativePath(keystore),
		{
			alias,
			askPassword: false,
			title: vscode.l10n.t('Inspect Keystore'),
		},
	);
	if (result) {
		await storeTypedPasswords(services, keystore, result);
		panel.keystoreStatus = result.status;
		panel.refresh();
	}
}

interface FormatItem extends vscode.QuickPickItem {
	readonly format: ExportFormat;
	readonly includeRoot: boolean;
}

/**
 * Download: the public certificates for the receiving server's trust store, in the format the
 * user picks (the PEM chain of the client certificate and its intermediates by default).
 */
async function download(services: Services, report: KeystoreReport): Promise<void> {
	const entry = report.entries.find(
		(candidate) => candidate.kind === 'privateKey' && candidate.alias === (report.alias ?? null),
	);
	if (!entry) {
		return;
	}
	const hasRoot = entry.certificates.length > 1 && entry.certificates.at(-1)!.selfSigned;
	const items: FormatItem[] = [
		{
			label: vscode.l10n.t('PEM chain'),
			description: vscode.l10n.t('client certificate and intermediates'),
			detail: vscode.l10n.t('What the receiver needs to verify our certificate, with its own CAs.'),
			format: 'pemChain',
			includeRoot: false,
		},
		...(hasRoot
			? [
					{
						label: vscode.l10n.t('PEM chain with root'),
						description: vscode.l10n.t('client certificate, intermediates and root CA'),
						format: 'pemChain' as const,
						includeRoot: true,
					},
				]
			: []),
		{
			label: vscode.l10n.t('DER certificate'),
			description: vscode.l10n.t('client certificate only (.cer)'),
			format: 'derLeaf',
			includeRoot: false,
		},
		{
			label: vscode.l10n.t('PKCS#7 bundle'),
			description: vscode.l10n.t('client certificate and intermediates (.p7b)'),
			format: 'pkcs7',
			includeRoot: false,
		},
	];
	const picked = await services.prompter.pick(items, {
		title: vscode.l10n.t('Download Certificate'),
		placeHolder: vscode.l10n.t('Format'),
	});
	if (!picked) {
		return;
	}
	const exported = exportCertificates(entry, picked.format, { includeRoot: picked.includeRoot });
	const stem = basename(report.file, extname(report.file));
	const suffix = picked.format === 'derLeaf' ? '' : picked.includeRoot ? '-chain-root' : '-chain';
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	const target = await services.prompter.saveDialog({
		title: vscode.l10n.t('Download Certificate'),
		saveLabel: vscode.l10n.t('Download'),
		...(folder
			? { defaultUri: vscode.Uri.joinPath(folder, `${stem}${suffix}${exported.extension}`) }
			: {}),
		filters: { [picked.label]: [exported.extension.slice(1)] },
	});
	if (!target) {
		return;
	}
	await vscode.workspace.fs.writeFile(target, exported.bytes);
	services.logger.forComponent('download').info(`wrote ${picked.format} of ${report.file}`);
	void vscode.window.showInformationMessage(
		vscode.l10n.t(
			'Saved {0}. It holds only public certificates.',
			vscode.workspace.asRelativePath(target),
		),
	);
}

/**
 * Test: opens the integration's panel, tests the certificates one after the other with a
 * cancellable progress notification, shows each report in the panel, and sums up.
 */
export async function testAndShow(
	services: Services,
	ref: IntegrationRef,
	slots: readonly Slot[],
): Promise<void> {
	const panel = services.panels.show({
		kind: 'integration',
		folder: ref.config.folder.uri.toString(),
		id: ref.integration.id,
	});
	const identifierOf = (slot: Slot) => services.statuses.statusOf(ref, slot)?.report?.identifier;
	for (const slot of slots) {
		panel.tests.set(slot, { identifier: identifierOf(slot), report: 'running' });
	}
	panel.refresh();
	const results: string[] = [];
	let allOk = true;
	try {
		await vscode.window.withProgress(
			{
				location: vscode.ProgressLocation.Notification,
				title: vscode.l10n.t('Testing {0}', ref.integration.name),
				cancellable: true,
			},
			async (_progress, token) => {
				const controller = new AbortController();
				token.onCancellationRequested(() => controller.abort());
				for (const slot of slots) {
					const tested = await testSlot(services, ref, slot, controller.signal);
					if (!tested) {
						panel.tests.delete(slot);
						allOk = false;
					} else {
						const { report, identifier } = tested;
						panel.tests.set(slot, { identifier, report });
						allOk &&= report.ok;
						const label = slot === 'active' ? vscode.l10n.t('Active') : vscode.l10n.t('New');
						results.push(`${label}: ${report.diagnosis.message}`);
					}
					panel.refresh();
				}
			},
		);
	} finally {
		for (const slot of slots) {
			if (panel.tests.get(slot)?.report === 'running') {
				panel.tests.delete(slot);
			}
		}
		panel.refresh();
	}
	if (results.length > 0) {
		const text = results.join(' ');
		void (allOk
			? vscode.window.showInformationMessage(text)
			: vscode.window.showErrorMessage(text));
	}
}
