import * as vscode from 'vscode';

/**
 * The questions commands ask, in one place: VS Code's quick picks, input boxes, dialogs and
 * confirmations. Integration tests replace it with scripted answers (see testApi.ts); the
 * end-to-end tests answer the real ones in the browser.
 */
export interface Prompter {
	pick<T extends vscode.QuickPickItem>(
		items: readonly T[],
		options: vscode.QuickPickOptions,
	): Promise<T | undefined>;
	input(options: vscode.InputBoxOptions): Promise<string | undefined>;
	openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
	saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
	/** A modal question; resolves to the chosen action, or undefined when dismissed. */
	confirm<T extends string>(
		message: string,
		detail: string,
		...actions: T[]
	): Promise<T | undefined>;
}

export const windowPrompter: Prompter = {
	pick: (items, options) => Promise.resolve(vscode.window.showQuickPick(items, options)),
	input: (options) => Promise.resolve(vscode.window.showInputBox(options)),
	openDialog: (options) => Promise.resolve(vscode.window.showOpenDialog(options)),
	saveDialog: (options) => Promise.resolve(vscode.window.showSaveDialog(options)),
	confirm: (message, detail, ...actions) =>
		Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions)),
};
