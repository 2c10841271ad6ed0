import * as vscode from 'vscode';
import { daysInWords } from '../../webhooks/expiry';
import { Disposable } from '../dispose';
import { CommandId } from '../ids';
import type { Assessed } from './assessments';

/**
 * The nearest expiry in the status bar ("mTLS 12 d"), coloured by how close it is, hidden when
 * no certificate is configured; a click reveals that certificate in the Integrations view.
 */
export class ExpiryStatusBar extends Disposable {
	public readonly item = this.register(
		vscode.window.createStatusBarItem('mtlsWebhooks.expiry', vscode.StatusBarAlignment.Left, 10),
	);

	constructor() {
		super();
		this.item.name = vscode.l10n.t('mTLS Webhooks: Nearest Certificate Expiry');
	}

	public update(assessed: readonly Assessed[]): void {
		const dated = assessed.filter((item) => item.expiry !== undefined);
		if (assessed.length === 0) {
			this.item.hide();
			return;
		}
		const nearest = dated.sort((a, b) => a.expiry!.daysLeft - b.expiry!.daysLeft)[0];
		if (!nearest?.expiry) {
			this.item.text = '$(shield) mTLS';
			this.item.tooltip = vscode.l10n.t('No certificate has been read yet.');
			this.item.backgroundColor = undefined;
			this.item.command = undefined;
			this.item.show();
			return;
		}
		const { level, daysLeft } = nearest.expiry;
		const name = `${nearest.ref.integration.name} ${nearest.slot === 'active' ? 'Active' : 'New'}`;
		this.item.text =
			level === 'expired'
				? vscode.l10n.t('$(error) mTLS expired')
				: `${level === 'ok' ? '$(shield)' : '$(warning)'} mTLS ${daysLeft} d`;
		this.item.tooltip =
			level === 'expired'
				? vscode.l10n.t(
						'{0}: the client certificate expired {1}. Click to show it.',
						name,
						daysInWords(daysLeft),
					)
				: vscode.l10n.t(
						'Nearest expiry: {0}, valid till {1} ({2} left). Click to show it.',
						name,
						nearest.validTill?.slice(0, 10) ?? '',
						daysInWords(daysLeft),
					);
		this.item.backgroundColor =
			level === 'expired' || level === 'error' || level === 'notYetValid'
				? new vscode.ThemeColor('statusBarItem.errorBackground')
				: level === 'warning'
					? new vscode.ThemeColor('statusBarItem.warningBackground')
					: undefined;
		this.item.command = {
			title: vscode.l10n.t('Reveal Certificate'),
			command: CommandId.revealCertificate,
			arguments: [
				{
					folder: nearest.ref.config.folder.uri.toString(),
					id: nearest.ref.integration.id,
					slot: nearest.slot,
				},
			],
		};
		this.item.show();
	}
}
