import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension/testApi';

const EXTENSION_ID = 'mtls-webhooks.mtls-webhooks';

interface Contributions {
	commands: { command: string }[];
	views: Record<string, { id: string }[]>;
}

function contributions(): Contributions {
	return (extension().packageJSON as { contributes: Contributions }).contributes;
}

function extension(): vscode.Extension<TestApi | undefined> {
	const found = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
	assert.ok(found, `${EXTENSION_ID} is not loaded`);
	return found;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('the extension', () => {
	it('stays inactive until its view is opened, then activates', async () => {
		assert.equal(extension().isActive, false, 'activated before anything asked for it');

		await vscode.commands.executeCommand('mtlsWebhooks.integrations.focus');

		await waitFor(() => extension().isActive, 'the extension is active');
	});

	it('registers a handler for every command it contributes', async () => {
		const contributed = contributions().commands.map((entry) => entry.command);
		const registered = new Set(await vscode.commands.getCommands(true));

		const missing = contributed.filter((command) => !registered.has(command));

		assert.ok(contributed.length > 0, 'package.json contributes no command');
		assert.deepEqual(missing, []);
	});

	it('contributes the Integrations view in its own container', () => {
		const views = contributions().views;

		assert.deepEqual(
			views.mtlsWebhooks?.map((view) => view.id),
			['mtlsWebhooks.integrations'],
		);
	});

	it('shows its log, which records the activation, on Show Log', async () => {
		const isLog = (editor: vscode.TextEditor) =>
			editor.document.uri.scheme === 'output' &&
			decodeURIComponent(editor.document.uri.path).endsWith('mTLS Webhooks.log');

		await vscode.commands.executeCommand('mtlsWebhooks.showLog');

		await waitFor(
			() => vscode.window.visibleTextEditors.some(isLog),
			'the log is visible: ' +
				JSON.stringify(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d.uri.path])),
		);
		const log = vscode.window.visibleTextEditors.find(isLog)?.document.getText() ?? '';
		assert.match(log, /\[activate\] mTLS Webhooks \d+\.\d+\.\d+ activated in VS Code/);
	});
});

describe('SecretStorage', () => {
	it('stores, returns and deletes a value, and announces each change', async () => {
		const api = await extension().activate();
		assert.ok(api, 'activate() returned no test API in test mode');
		const key = `mtlsWebhooks.test.${Date.now()}`;
		const secret = `value-${Math.random()}`;
		const changes: string[] = [];
		const listener = api.secrets.onDidChange((event) => changes.push(event.key));

		try {
			await api.secrets.store(key, secret);
			assert.equal(await api.secrets.get(key), secret);
			await api.secrets.delete(key);
			assert.equal(await api.secrets.get(key), undefined);
			await waitFor(() => changes.length >= 2, 'both changes are announced');
		} finally {
			listener.dispose();
		}

		assert.deepEqual(changes, [key, key]);
	});
});
