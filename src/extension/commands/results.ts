import * as vscode from 'vscode';
import type { SlotStatus } from '../certificateStatus';
import type { Services } from '../services';
import { describe } from '../treeNodes';
import type { OpenedInteractively } from './keystoreDialog';

/** Keeps the passwords typed in a dialog that opened a keystore, in SecretStorage only. */
export async function storeTypedPasswords(
	services: Services,
	keystore: vscode.Uri,
	result: OpenedInteractively,
): Promise<void> {
	if (result.password !== undefined) {
		await services.secrets.store({ kind: 'storePassword', keystore }, result.password);
	}
	if (result.keyPassword !== undefined) {
		const alias = result.alias ?? '';
		await services.secrets.store({ kind: 'keyPassword', keystore, alias }, result.keyPassword);
	}
}

/**
 * Says what Validate found: Valid Till and Identifier, or what is wrong with the certificate.
 * The notification's buttons act when clicked; the command does not wait for them.
 */
export function announceResult(
	services: Services,
	keystore: vscode.Uri,
	name: string,
	status: SlotStatus,
): void {
	const report = status.report;
	const copy = vscode.l10n.t('Copy Identifier');
	const details = vscode.l10n.t('Show Report');
	const problem = report?.findings.find((finding) => finding.severity === 'error');
	const shown =
		problem || !report?.identifier
			? vscode.window.showWarningMessage(
					vscode.l10n.t('{0}: {1}', name, problem?.message ?? describe(status)),
					details,
				)
			: vscode.window.showInformationMessage(
					vscode.l10n.t(
						'{0} validated: {1}. Identifier (SHA-256 fingerprint): {2}',
						name,
						describe(status),
						report.identifier,
					),
					copy,
					details,
				);
	void shown.then(async (choice) => {
		if (choice === copy && report?.identifier) {
			await vscode.env.clipboard.writeText(report.identifier);
		} else if (choice === details && report) {
			await services.reports.show(keystore, report);
		}
	});
}
