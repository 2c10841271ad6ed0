import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension/testApi';
import type { IntegrationsNode } from '../../src/extension/treeNodes';
import { REPO_ROOT } from '../harness/paths';
import { ScriptedPrompter, type Answer } from './scriptedPrompter';

export const EXTENSION_ID = 'mtls-webhooks.mtls-webhooks';
export const KEYSTORES = join(REPO_ROOT, 'test', 'fixtures', 'keystores');

export async function api(): Promise<TestApi> {
	const extension = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
	assert.ok(extension, `${EXTENSION_ID} is not loaded`);
	const activated = await extension.activate();
	assert.ok(activated, 'activate() returned no test API in test mode');
	return activated;
}

export async function waitFor<T>(
	probe: () => T | undefined | false | Promise<T | undefined | false>,
	what: string,
	timeoutMs = 10_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) {
			return value;
		}
		if (Date.now() > deadline) {
			assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export function folder(name: 'alpha' | 'beta'): vscode.WorkspaceFolder {
	const found = vscode.workspace.workspaceFolders?.find((item) => item.name === name);
	assert.ok(found, `no workspace folder ${name}`);
	return found;
}

export function configOf(name: 'alpha' | 'beta'): vscode.Uri {
	return vscode.Uri.joinPath(folder(name).uri, '.vscode', 'mtls-webhooks.json');
}

/** The config file as it is on disk, or undefined when there is none. */
export async function readConfig(name: 'alpha' | 'beta'): Promise<string | undefined> {
	try {
		return new TextDecoder().decode(await vscode.workspace.fs.readFile(configOf(name)));
	} catch {
		return undefined;
	}
}

export async function writeConfig(name: 'alpha' | 'beta', text: string): Promise<void> {
	await vscode.workspace.fs.writeFile(configOf(name), new TextEncoder().encode(text));
	await (await api()).services.store.reload();
}

/** Copies a fixture keystore into a workspace folder; returns its URI there. */
export function placeKeystore(fixture: string, name: 'alpha' | 'beta', path: string): vscode.Uri {
	const target = join(folder(name).uri.fsPath, path);
	mkdirSync(dirname(target), { recursive: true });
	copyFileSync(join(KEYSTORES, fixture), target);
	return vscode.Uri.file(target);
}

/** Removes config files, closes editors and forgets secrets, so each suite starts clean. */
export async function resetWorkspace(): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	for (const name of ['alpha', 'beta'] as const) {
		await vscode.workspace.fs
			.delete(vscode.Uri.joinPath(folder(name).uri, '.vscode'), {
				recursive: true,
				useTrash: false,
			})
			.then(
				() => undefined,
				() => undefined,
			);
	}
	const { services } = await api();
	services.statuses.forget();
	await services.store.reload();
}

/** Runs a command with scripted answers, and checks that it asked exactly what was scripted. */
export async function runWith(
	answers: Answer[],
	command: string,
	...args: unknown[]
): Promise<ScriptedPrompter> {
	const { services } = await api();
	const prompter = new ScriptedPrompter(answers);
	const previous = services.prompter;
	services.prompter = prompter;
	try {
		await vscode.commands.executeCommand(command, ...args);
	} finally {
		services.prompter = previous;
	}
	prompter.assertDone();
	return prompter;
}

/** The tree as labels and descriptions, depth-first: what the user sees in the view. */
export async function treeSnapshot(): Promise<string[]> {
	const { services } = await api();
	const lines: string[] = [];
	const walk = async (node: IntegrationsNode | undefined, depth: number): Promise<void> => {
		for (const child of services.tree.getChildren(node)) {
			const item = services.tree.getTreeItem(child);
			const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
			const description = typeof item.description === 'string' ? ` — ${item.description}` : '';
			lines.push(`${'  '.repeat(depth)}${label}${description}`);
			await walk(child, depth + 1);
		}
	};
	await walk(undefined, 0);
	return lines;
}

/** The node whose tree item has this label, searched depth-first. */
export async function findNode(label: string): Promise<IntegrationsNode> {
	const { services } = await api();
	const search = async (
		node: IntegrationsNode | undefined,
	): Promise<IntegrationsNode | undefined> => {
		for (const child of services.tree.getChildren(node)) {
			const item = services.tree.getTreeItem(child);
			if (item.label === label) {
				return child;
			}
			const found = await search(child);
			if (found) {
				return found;
			}
		}
		return undefined;
	};
	const found = await search(undefined);
	assert.ok(found, `no node "${label}" in ${JSON.stringify(await treeSnapshot())}`);
	return found;
}
