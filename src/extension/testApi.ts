import type * as vscode from 'vscode';
import type { Services } from './services';

/**
 * What `activate` returns when VS Code runs the extension for its own tests
 * (`ExtensionMode.Test`), so that integration tests can answer the commands' questions and
 * look at the state behind the views. In every other mode `activate` returns nothing: other
 * extensions must never get a handle on this extension's secrets.
 */
export interface TestApi {
	/** The extension's own SecretStorage. */
	readonly secrets: vscode.SecretStorage;
	/** The services the commands use; `prompter` may be replaced with scripted answers. */
	readonly services: Services;
}
