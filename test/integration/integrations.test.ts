import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SecretStore } from '../../src/extension/secretStore';
import {
	api,
	configOf,
	findNode,
	folder,
	readConfig,
	resetWorkspace,
	runWith,
	treeSnapshot,
	waitFor,
	writeConfig,
} from './helpers';

describe('integrations', () => {
	before(resetWorkspace);
	after(resetWorkspace);

	it('adds an integration through the questions of Add Integration, refusing an http URL', async () => {
		const prompter = await runWith(
			[
				{ pick: 'alpha' },
				{ input: 'Order Events' },
				{ input: 'http://hooks.example.com/orders' },
				{ input: 'https://hooks.example.com/orders' },
				{ pick: 'HMAC-SHA-256' },
				{ input: 'hub-s3cret' },
			],
			'mtlsWebhooks.addIntegration',
		);

		assert.deepEqual(
			prompter.asked.filter((question) => question.refused).map((question) => question.refused),
			['Use an https:// URL: mutual TLS needs HTTPS.'],
		);
		assert.equal(
			await readConfig('alpha'),
			[
				'{',
				'\t// Outbound webhook integrations of this folder and their client certificates.',
				'\t// Passwords and secrets are never stored here: VS Code keeps them in SecretStorage.',
				'\t"integrations": [',
				'\t\t{',
				'\t\t\t"id": "order-events",',
				'\t\t\t"name": "Order Events",',
				'\t\t\t"url": "https://hooks.example.com/orders",',
				'\t\t\t"method": "POST",',
				'\t\t\t"hubSignature": {',
				'\t\t\t\t"enabled": true,',
				'\t\t\t\t"algorithm": "sha256"',
				'\t\t\t},',
				'\t\t\t"events": [],',
				'\t\t\t"timeoutSeconds": 10,',
				'\t\t\t"mtls": {',
				'\t\t\t\t"enabled": true',
				'\t\t\t}',
				'\t\t}',
				'\t]',
				'}',
				'',
			].join('\n'),
		);
		const key = SecretStore.key({
			kind: 'hubSecret',
			folder: folder('alpha').uri,
			integrationId: 'order-events',
		});
		assert.equal(await (await api()).secrets.get(key), 'hub-s3cret');
		assert.deepEqual(await treeSnapshot(), [
			'alpha',
			'  Order Events — hooks.example.com',
			'    Active — no certificate',
		]);
	});

	it('adds to another folder of a multi-root workspace, which gets its own file', async () => {
		await runWith(
			[
				{ pick: 'beta' },
				{ input: 'Refunds' },
				{ input: 'https://refunds.example.com/hook' },
				{ pick: 'No hub signature' },
			],
			'mtlsWebhooks.addIntegration',
		);

		assert.match((await readConfig('beta')) ?? '', /"id": "refunds"/);
		assert.doesNotMatch((await readConfig('alpha')) ?? '', /refunds/);
		assert.deepEqual(
			(await treeSnapshot()).filter((line) => !line.startsWith(' ')),
			['alpha', 'beta'],
		);
	});

	it('refuses a name the folder already uses', async () => {
		const prompter = await runWith(
			[
				{ pick: 'alpha' },
				{ input: 'order events' },
				{ input: 'Order Events (staging)' },
				{ input: undefined },
			],
			'mtlsWebhooks.addIntegration',
		);

		assert.match(
			prompter.asked.find((question) => question.refused)?.refused ?? '',
			/is taken in this folder/,
		);
	});

	it('changes nothing when a question is cancelled', async () => {
		const before = await readConfig('alpha');

		await runWith(
			[{ pick: 'alpha' }, { input: 'Half Done' }, { input: undefined }],
			'mtlsWebhooks.addIntegration',
		);

		assert.equal(await readConfig('alpha'), before);
	});

	it('opens the file at the integration on Edit Integration', async () => {
		await runWith([], 'mtlsWebhooks.editIntegration', await findNode('Order Events'));

		const editor = await waitFor(() => vscode.window.activeTextEditor, 'an editor is open');
		assert.equal(editor.document.uri.toString(), configOf('alpha').toString());
		const line = editor.selection.active.line;
		assert.equal(editor.document.lineAt(line).text.trim(), '{');
		assert.equal(editor.document.lineAt(line + 1).text.trim(), '"id": "order-events",');
	});

	it('keeps unsaved typing in an open editor when a command changes the file', async () => {
		const document = await vscode.workspace.openTextDocument(configOf('alpha'));
		const editor = await vscode.window.showTextDocument(document);
		await editor.edit((builder) =>
			builder.insert(new vscode.Position(1, 0), '\t// typed, not saved\n'),
		);
		const onDisk = await readConfig('alpha');

		await runWith(
			[{ confirm: 'Remove' }],
			'mtlsWebhooks.removeIntegration',
			await findNode('Order Events'),
		);

		assert.equal(document.isDirty, true);
		assert.match(document.getText(), /\/\/ typed, not saved/);
		assert.doesNotMatch(document.getText(), /order-events/);
		assert.equal(await readConfig('alpha'), onDisk, 'the file on disk was saved over the typing');
		await vscode.commands.executeCommand('workbench.action.files.revert');
	});

	it('asks before removing an integration, and keeps it when the answer is no', async () => {
		await api().then((test) => test.services.store.reload());
		const before = await readConfig('beta');

		await runWith(
			[{ confirm: undefined }],
			'mtlsWebhooks.removeIntegration',
			await findNode('Refunds'),
		);

		assert.equal(await readConfig('beta'), before);
	});

	it('never overwrites a file that does not parse, and shows where it breaks', async () => {
		const broken = '{\n\t"integrations": [\n\t\t{ "id": "a", \n}\n';
		await writeConfig('beta', broken);

		// Only the folder is asked: the answers to the rest could not be written.
		await runWith([{ pick: 'beta' }], 'mtlsWebhooks.addIntegration');

		assert.equal(await readConfig('beta'), broken);
		assert.ok((await treeSnapshot()).includes('  The configuration file does not parse'));
	});

	it('lists the integrations that pass the schema and reports the others', async () => {
		await writeConfig(
			'beta',
			'{ "integrations": [ { "id": "ok", "name": "Fine", "url": "https://ok.example" }, { "id": "bad", "name": "Plain", "url": "http://plain.example" } ] }',
		);

		const tree = await treeSnapshot();

		assert.ok(tree.includes('  1 problem(s) in the configuration file'), JSON.stringify(tree));
		assert.ok(tree.includes('  Fine — ok.example'));
		assert.ok(!tree.some((line) => line.includes('Plain')));
	});

	it('follows the config file when it changes on disk', async () => {
		await vscode.workspace.fs.writeFile(
			configOf('beta'),
			new TextEncoder().encode(
				'{ "integrations": [ { "id": "x", "name": "Written Elsewhere", "url": "https://x.example" } ] }',
			),
		);

		await waitFor(
			async () => (await treeSnapshot()).includes('  Written Elsewhere — x.example'),
			'the tree shows the change',
		);
	});
});
