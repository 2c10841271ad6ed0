import type * as vscode from 'vscode';

/**
 * What `activate` returns when VS Code runs the extension for its own tests
 * (`ExtensionMode.Test`), so that integration tests can reach objects the public API hides.
 * In every other mode `activate` returns nothing: other extensions must never get a handle on
 * this extension's secrets.
 */
export interface TestApi {
	/** The extension's own SecretStorage. */
	readonly secrets: vscode.SecretStorage;
}
