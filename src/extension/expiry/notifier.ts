import * as vscode from 'vscode';
import { daysInWords } from '../../webhooks/expiry';
import { Disposable } from '../dispose';
import type { Assessed } from './assessments';

const STATE_KEY = 'mtlsWebhooks.expiryNotified';

/** A notification as it was shown, for the integration tests. */
export interface Notified {
	readonly key: string;
	readonly message: string;
}

/**
 * Tells once per certificate and threshold that a certificate is expiring or has expired. What
 * was told is remembered per workspace, by the certificate's Identifier: a rotation brings a
 * new Identifier, and so new notifications.
 */
export class ExpiryNotifier extends Disposable {
	public readonly shown: Notified[] = [];

	constructor(
		private readonly state: vscode.Memento,
		private readonly enabled: () => boolean,
		/** What the notification's buttons do. */
		private readonly act: (choice: 'show' | 'addNew', item: Assessed) => Promise<void>,
	) {
		super();
	}

	public update(assessed: readonly Assessed[]): void {
		if (!this.enabled()) {
			return;
		}
		const told = new Set(this.state.get<string[]>(STATE_KEY, []));
		for (const item of assessed) {
			const identifier = item.status.report?.identifier;
			const level = item.expiry?.level;
			if (!identifier || (level !== 'warning' && level !== 'error' && level !== 'expired')) {
				continue;
			}
			const key = `${identifier}#${level}`;
			if (told.has(key)) {
				continue;
			}
			told.add(key);
			this.tell(item, key);
		}
		// Keep the list short: only what still applies matters.
		void this.state.update(STATE_KEY, [...told].slice(-200));
	}

	private tell(item: Assessed, key: string): void {
		const { daysLeft, level } = item.expiry!;
		const name = item.ref.integration.name;
		const slot = item.slot === 'active' ? vscode.l10n.t('Active') : vscode.l10n.t('New');
		const till = item.validTill?.slice(0, 10) ?? '';
		const message =
			level === 'expired'
				? vscode.l10n.t('{0}: the {1} client certificate expired on {2}.', name, slot, till)
				: vscode.l10n.t(
						'{0}: the {1} client certificate expires on {2}, in {3}.',
						name,
						slot,
						till,
						daysInWords(daysLeft),
					);
		this.shown.push({ key, message });
		const addNew = vscode.l10n.t('Add New Certificate');
		const show = vscode.l10n.t('Show');
		const canAdd = item.slot === 'active' && item.ref.integration.mtls?.new === undefined;
		const actions = canAdd ? [addNew, show] : [show];
		const shown =
			level === 'warning'
				? vscode.window.showWarningMessage(message, ...actions)
				: vscode.window.showErrorMessage(message, ...actions);
		void shown.then(async (choice) => {
			if (choice === show) {
				await this.act('show', item);
			} else if (choice === addNew) {
				await this.act('addNew', item);
			}
		});
	}
}
