import * as vscode from 'vscode';
import { normalizeThresholds, type ExpiryThresholds } from '../webhooks/expiry';
import { Disposable } from './dispose';

/** What time it is; integration tests replace it to see a certificate weeks ahead. */
export interface Clock {
	now(): Date;
}

/**
 * The expiry settings and the clock they are judged by. Announces a change when a setting
 * changes and once a day just after midnight, so that days left stay true in a window that
 * stays open (a timer, not file polling).
 */
export class ExpirySettings extends Disposable {
	public clock: Clock = { now: () => new Date() };
	private readonly changed = this.register(new vscode.EventEmitter<void>());
	public readonly onDidChange = this.changed.event;
	private timer: NodeJS.Timeout | undefined;

	constructor() {
		super();
		this.register(
			vscode.workspace.onDidChangeConfiguration((event) => {
				if (event.affectsConfiguration('mtlsWebhooks.expiry')) {
					this.changed.fire();
				}
			}),
		);
		this.scheduleDaily();
		this.register({ dispose: () => clearTimeout(this.timer) });
	}

	public get thresholds(): ExpiryThresholds {
		const settings = vscode.workspace.getConfiguration('mtlsWebhooks.expiry');
		return normalizeThresholds(settings.get('warningDays'), settings.get('errorDays'));
	}

	public get notifications(): boolean {
		return vscode.workspace.getConfiguration('mtlsWebhooks.expiry').get('notifications', true);
	}

	/** Judges everything again now (after the clock was set, for example). */
	public refresh(): void {
		this.changed.fire();
	}

	private scheduleDaily(): void {
		const now = new Date();
		const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
		this.timer = setTimeout(() => {
			this.changed.fire();
			this.scheduleDaily();
		}, midnight.getTime() - now.getTime());
	}
}
