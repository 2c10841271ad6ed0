import * as vscode from 'vscode';
import { parseConfig } from '../webhooks/config';
import { ConfigEditError, minimalEdit, newConfigText } from '../webhooks/configEdits';
import { configUri, readText } from './configStore';
import type { ComponentLogger } from './logger';

/**
 * Makes the commands' changes to a config file through VS Code's document and workspace-edit
 * APIs: one minimal replacement on the document as the editor has it, so unsaved typing in an
 * open editor is kept (and then left unsaved). A file that does not parse is never changed.
 */
export class ConfigEditor {
	constructor(private readonly log: ComponentLogger) {}

	/**
	 * Applies `change` to the folder's config file, creating the file when there is none.
	 * Returns false, after telling the user why, when nothing could be changed.
	 */
	public async change(
		folder: vscode.WorkspaceFolder,
		what: string,
		change: (text: string) => string,
	): Promise<boolean> {
		const uri = configUri(folder);
		const document = await this.openOrCreate(uri);
		// Unsaved typing is the user's latest word; without it the disk is, which can be ahead
		// of an open editor that VS Code has not reloaded yet.
		const text = document.isDirty
			? document.getText()
			: ((await readText(uri)) ?? document.getText());
		const { syntaxErrors } = parseConfig(text);
		const firstError = syntaxErrors[0];
		if (firstError) {
			this.log.warn(`${uri.fsPath} does not parse; "${what}" was not made`);
			void this.explainBrokenFile(document, firstError.offset, describeProblem(text, firstError));
			return false;
		}

		let changed: string;
		try {
			changed = change(text);
		} catch (error) {
			if (error instanceof ConfigEditError) {
				void vscode.window.showErrorMessage(
					vscode.l10n.t('Could not {0}: {1}', what, error.message),
				);
				return false;
			}
			throw error;
		}

		const wasDirty = document.isDirty;
		if (!wasDirty && document.getText() !== text) {
			// The editor has not caught up with the disk yet, and saving it would be refused as
			// a conflict. With no unsaved typing to keep, the file is written; VS Code reloads it.
			await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(changed));
			this.log.info(`${uri.fsPath}: ${what}`);
			return true;
		}
		const { offset, length, content } = minimalEdit(document.getText(), changed);
		const edit = new vscode.WorkspaceEdit();
		const range = new vscode.Range(
			document.positionAt(offset),
			document.positionAt(offset + length),
		);
		edit.replace(uri, range, content);
		if (!(await vscode.workspace.applyEdit(edit))) {
			void vscode.window.showErrorMessage(
				vscode.l10n.t('Could not {0}: VS Code refused the edit.', what),
			);
			return false;
		}
		if (!wasDirty && !(await document.save())) {
			void vscode.window.showErrorMessage(
				vscode.l10n.t('Could not {0}: the file could not be saved.', what),
			);
			return false;
		}
		this.log.info(`${uri.fsPath}: ${what}${wasDirty ? ' (left unsaved, as the editor was)' : ''}`);
		return true;
	}

	private async openOrCreate(uri: vscode.Uri): Promise<vscode.TextDocument> {
		try {
			await vscode.workspace.fs.stat(uri);
		} catch {
			const edit = new vscode.WorkspaceEdit();
			edit.createFile(uri, {
				ignoreIfExists: true,
				contents: new TextEncoder().encode(newConfigText()),
			});
			await vscode.workspace.applyEdit(edit);
			this.log.info(`created ${uri.fsPath}`);
		}
		return vscode.workspace.openTextDocument(uri);
	}

	private async explainBrokenFile(
		document: vscode.TextDocument,
		offset: number,
		message: string,
	): Promise<void> {
		const open = vscode.l10n.t('Open File');
		const choice = await vscode.window.showErrorMessage(
			vscode.l10n.t(
				'{0} was not changed: {1}. Fix it, then run the command again.',
				vscode.workspace.asRelativePath(document.uri),
				message,
			),
			open,
		);
		if (choice === open) {
			await revealOffset(document, offset);
		}
	}
}

/** Opens a document with the cursor at an offset. */
export async function revealOffset(
	document: vscode.TextDocument,
	offset: number,
	length = 0,
): Promise<void> {
	const start = document.positionAt(offset);
	const end = document.positionAt(offset + length);
	await vscode.window.showTextDocument(document, { selection: new vscode.Range(start, end) });
}

/** A problem's message with its line and column, counted from 1 as editors show them. */
export function describeProblem(
	text: string,
	problem: { message: string; offset: number },
): string {
	const before = text.slice(0, problem.offset);
	const line = before.split('\n').length;
	const column = problem.offset - before.lastIndexOf('\n');
	const message = problem.message.replace(/\.$/, '');
	return vscode.l10n.t('{0} (line {1}, column {2})', message, line, column);
}
