import * as vscode from 'vscode';
import type { ComponentLogger } from './logger';

/** What a secret is for, which decides when the user is asked for it again. */
export type SecretScope =
	/** A keystore's store password: asked again when the keystore file is another one. */
	| { readonly kind: 'storePassword'; readonly keystore: vscode.Uri }
	/** A private key's own password (JKS, or a PKCS#12 saved with two passwords). */
	| { readonly kind: 'keyPassword'; readonly keystore: vscode.Uri; readonly alias: string }
	/** The secret that signs an integration's deliveries. */
	| { readonly kind: 'hubSecret'; readonly folder: vscode.Uri; readonly integrationId: string };

/**
 * Passwords and secrets, kept only in VS Code's SecretStorage. When SecretStorage fails (on
 * Linux without a keyring, say), nothing is kept at all: the user is told once and asked each
 * time, and no secret is written anywhere else.
 */
export class SecretStore {
	private failed = false;

	constructor(
		private secrets: vscode.SecretStorage,
		private readonly log: ComponentLogger,
	) {}

	/** Uses another storage from now on; the integration tests simulate a failing keyring. */
	public useStorage(storage: vscode.SecretStorage): void {
		this.secrets = storage;
		this.failed = false;
	}

	/** Whether secrets are being kept; false after SecretStorage has failed. */
	public get available(): boolean {
		return !this.failed;
	}

	/** The key under which a scope's secret is kept; it names what the secret is for. */
	public static key(scope: SecretScope): string {
		switch (scope.kind) {
			case 'storePassword':
				return `mtlsWebhooks.storePassword:${scope.keystore.toString()}`;
			case 'keyPassword':
				return `mtlsWebhooks.keyPassword:${scope.keystore.toString()}#${scope.alias}`;
			case 'hubSecret':
				return `mtlsWebhooks.hubSecret:${scope.folder.toString()}#${scope.integrationId}`;
		}
	}

	public async get(scope: SecretScope): Promise<string | undefined> {
		if (this.failed) {
			return undefined;
		}
		try {
			return await this.secrets.get(SecretStore.key(scope));
		} catch (error) {
			this.fail('read', error);
			return undefined;
		}
	}

	/** Keeps a secret; false when it could not be kept (the caller then uses it once only). */
	public async store(scope: SecretScope, value: string): Promise<boolean> {
		if (this.failed) {
			return false;
		}
		try {
			await this.secrets.store(SecretStore.key(scope), value);
			this.log.info(`stored the ${describe(scope)}`);
			return true;
		} catch (error) {
			this.fail('store', error);
			return false;
		}
	}

	public async delete(scope: SecretScope): Promise<void> {
		try {
			await this.secrets.delete(SecretStore.key(scope));
			this.log.info(`forgot the ${describe(scope)}`);
		} catch (error) {
			this.fail('delete', error);
		}
	}

	private fail(action: string, error: unknown): void {
		this.log.error(`SecretStorage could not ${action} a secret`, error);
		if (this.failed) {
			return;
		}
		this.failed = true;
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				"VS Code's secret storage is not working here, so mTLS Webhooks will ask for passwords each time and keep none of them. On Linux, a keyring (such as GNOME Keyring) fixes this.",
			),
		);
	}
}

function describe(scope: SecretScope): string {
	switch (scope.kind) {
		case 'storePassword':
			return `store password of ${scope.keystore.fsPath}`;
		case 'keyPassword':
			return `key password of "${scope.alias}" in ${scope.keystore.fsPath}`;
		case 'hubSecret':
			return `hub secret of integration "${scope.integrationId}"`;
	}
}
