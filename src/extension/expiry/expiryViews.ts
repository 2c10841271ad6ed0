import * as vscode from 'vscode';
import type { Slot } from '../../webhooks/config';
import type { CertificateStatuses } from '../certificateStatus';
import type { ConfigStore, IntegrationRef } from '../configStore';
import { Disposable } from '../dispose';
import type { ExpirySettings } from '../expirySettings';
import type { IntegrationsNode } from '../treeNodes';
import { assessAll, type Assessed } from './assessments';
import { KeystoreDecorations } from './decorations';
import { ExpiryDiagnostics } from './diagnostics';
import { ExpiryNotifier } from './notifier';
import { ExpiryStatusBar } from './statusBar';

/** Where a certificate is, for the commands that the status bar and notifications run. */
export interface SlotTarget {
	readonly folder: string;
	readonly id: string;
	readonly slot: Slot;
}

/**
 * The expiry warnings where users already look: Problems entries, file decorations, the status
 * bar and notifications, all from one judgement of every certificate, made again whenever the
 * configuration, a keystore, a setting or the day changes.
 */
export class ExpiryViews extends Disposable {
	public readonly diagnostics: ExpiryDiagnostics;
	public readonly decorations = this.register(new KeystoreDecorations());
	public readonly statusBar = this.register(new ExpiryStatusBar());
	public readonly notifier: ExpiryNotifier;
	private pending: NodeJS.Timeout | undefined;

	constructor(
		private readonly store: ConfigStore,
		private readonly statuses: CertificateStatuses,
		private readonly settings: ExpirySettings,
		state: vscode.Memento,
		nodeFor: (ref: IntegrationRef, slot: Slot) => IntegrationsNode,
		act: (choice: 'show' | 'addNew', item: Assessed) => Promise<void>,
	) {
		super();
		this.diagnostics = this.register(new ExpiryDiagnostics(nodeFor));
		this.notifier = this.register(new ExpiryNotifier(state, () => settings.notifications, act));
		this.register(store.onDidChange(() => this.updateSoon()));
		this.register(statuses.onDidChange(() => this.updateSoon()));
		this.register(settings.onDidChange(() => this.updateSoon()));
		this.register({ dispose: () => clearTimeout(this.pending) });
	}

	/** Judges every certificate now and updates every view. */
	public update(): Assessed[] {
		clearTimeout(this.pending);
		const assessed = assessAll(this.store, this.statuses, this.settings);
		this.diagnostics.update(assessed);
		this.decorations.update(assessed);
		this.statusBar.update(assessed);
		this.notifier.update(assessed);
		return assessed;
	}

	/** Several changes in a row (a rotation writes the file, then keystores are read) update once. */
	private updateSoon(): void {
		clearTimeout(this.pending);
		this.pending = setTimeout(() => this.update(), 50);
	}
}
