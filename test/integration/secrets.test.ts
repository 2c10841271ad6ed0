import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SecretStore } from '../../src/extension/secretStore';
import {
	api,
	findNode,
	folder,
	placeKeystore,
	readConfig,
	resetWorkspace,
	runWith,
	waitFor,
	writeConfig,
} from './helpers';

/** A SecretStorage that fails as it does on Linux without a keyring. */
const BROKEN: vscode.SecretStorage = {
	get: () => Promise.reject(new Error('no keyring')),
	store: () => Promise.reject(new Error('no keyring')),
	delete: () => Promise.reject(new Error('no keyring')),
	keys: () => Promise.reject(new Error('no keyring')),
	onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
} as vscode.SecretStorage;

/** Every text file under a folder, with its contents. */
function files(root: string): [string, string][] {
	return readdirSync(root).flatMap((name): [string, string][] => {
		const path = join(root, name);
		return statSync(path).isDirectory() ? files(path) : [[path, readFileSync(path, 'latin1')]];
	});
}

describe('secrets', () => {
	before(async () => {
		await resetWorkspace();
		await writeConfig(
			'alpha',
			'{ "integrations": [ { "id": "hooks", "name": "Hooks", "url": "https://h.example.com" } ] }',
		);
		placeKeystore('p12/rsa-default.p12', 'alpha', 'certs/hooks.p12');
	});

	after(async () => {
		(await api()).services.secrets.useStorage((await api()).secrets);
		await resetWorkspace();
	});

	it('asks each time and keeps nothing when SecretStorage fails', async () => {
		const { services, secrets } = await api();
		services.secrets.useStorage(BROKEN);

		await runWith(
			[{ pick: 'certs/hooks.p12' }, { pick: 'PKCS#12' }, { input: 'changeit' }],
			'mtlsWebhooks.addCertificate',
			await findNode('Hooks'),
		);
		assert.match((await readConfig('alpha')) ?? '', /"identifier"/);
		assert.equal(services.secrets.available, false);
		// Asked again: nothing was kept, in SecretStorage or anywhere else.
		await runWith(
			[{ input: 'changeit' }],
			'mtlsWebhooks.validateCertificate',
			await findNode('Hooks'),
		);

		services.secrets.useStorage(secrets);
		const keystore = vscode.Uri.joinPath(folder('alpha').uri, 'certs/hooks.p12');
		assert.equal(
			await secrets.get(SecretStore.key({ kind: 'storePassword', keystore })),
			undefined,
		);
	});

	it('writes no secret into the workspace or the log', async () => {
		await runWith(
			[
				{ pick: 'alpha' },
				{ input: 'Signed' },
				{ input: 'https://s.example.com' },
				{ pick: 'HMAC-SHA-512' },
				{ input: 'hub-secret-xyz' },
			],
			'mtlsWebhooks.addIntegration',
		);
		await runWith(
			[{ pick: 'certs/hooks.p12' }, { pick: 'PKCS#12' }, { input: 'changeit' }],
			'mtlsWebhooks.addCertificate',
			await findNode('Signed'),
		);
		await vscode.commands.executeCommand('mtlsWebhooks.showLog');
		const log = await waitFor(
			() =>
				vscode.workspace.textDocuments.find(
					(document) =>
						document.uri.scheme === 'output' && document.getText().includes('mTLS Webhooks'),
				),
			'the log is open',
		);

		const secrets = /changeit|hub-secret-xyz/;
		const leaks = ['alpha', 'beta']
			.flatMap((name) => files(folder(name as 'alpha' | 'beta').uri.fsPath))
			.filter(([, text]) => secrets.test(text))
			.map(([path]) => path);
		assert.deepEqual(leaks, []);
		assert.match(log.getText(), /stored the store password of/);
		assert.doesNotMatch(log.getText(), secrets);
	});
});
