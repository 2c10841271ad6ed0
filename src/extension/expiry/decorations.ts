import * as vscode from 'vscode';
import { daysInWords } from '../../webhooks/expiry';
import { Disposable } from '../dispose';
import type { Assessed } from './assessments';

/**
 * A badge and a colour on keystore files that an integration uses and that are expiring,
 * expired or not yet valid: in the Explorer, and on the certificates of the Integrations view
 * (their items carry the keystore's URI).
 */
export class KeystoreDecorations extends Disposable implements vscode.FileDecorationProvider {
	private decorations = new Map<string, vscode.FileDecoration>();
	private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri[]>());
	public readonly onDidChangeFileDecorations = this.changed.event;

	constructor() {
		super();
		this.register(vscode.window.registerFileDecorationProvider(this));
	}

	public update(assessed: readonly Assessed[]): void {
		const next = new Map<string, vscode.FileDecoration>();
		for (const item of assessed) {
			const decoration = decorationOf(item);
			const key = item.status.keystore.toString();
			const known = next.get(key);
			// A file used twice shows its worse state.
			if (decoration && (!known || rank(decoration) > rank(known))) {
				next.set(key, decoration);
			}
		}
		const touched = new Set([...this.decorations.keys(), ...next.keys()]);
		this.decorations = next;
		this.changed.fire([...touched].map((key) => vscode.Uri.parse(key)));
	}

	public provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
		return this.decorations.get(uri.toString());
	}
}

function rank(decoration: vscode.FileDecoration): number {
	return decoration.color?.id === 'list.errorForeground' ? 2 : 1;
}

function decorationOf(item: Assessed): vscode.FileDecoration | undefined {
	const expiry = item.expiry;
	if (!expiry || expiry.level === 'ok') {
		return undefined;
	}
	const till = item.validTill?.slice(0, 10) ?? '';
	const error = new vscode.ThemeColor('list.errorForeground');
	switch (expiry.level) {
		case 'expired':
			return new vscode.FileDecoration(
				'!',
				vscode.l10n.t('mTLS: the client certificate expired on {0}', till),
				error,
			);
		case 'notYetValid':
			return new vscode.FileDecoration(
				'!',
				vscode.l10n.t('mTLS: the client certificate is not valid yet'),
				error,
			);
		default:
			return new vscode.FileDecoration(
				expiry.daysLeft < 100 ? String(expiry.daysLeft) : '!',
				vscode.l10n.t(
					'mTLS: the client certificate expires on {0}, in {1}',
					till,
					daysInWords(expiry.daysLeft),
				),
				expiry.level === 'error' ? error : new vscode.ThemeColor('list.warningForeground'),
			);
	}
}
