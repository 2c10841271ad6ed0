import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SecretStore } from '../../src/extension/secretStore';
import type { SlotNode } from '../../src/extension/treeNodes';
import type { Expected } from '../fixtures/keystores/expected';
import {
	api,
	findNode,
	folder,
	KEYSTORES,
	placeKeystore,
	readConfig,
	resetWorkspace,
	runWith,
	treeSnapshot,
	waitFor,
	writeConfig,
} from './helpers';

const expected = JSON.parse(readFileSync(join(KEYSTORES, 'expected.json'), 'utf8')) as Expected;

/** The SHA-256 of the leaf of a fixture's entry, as openssl or keytool said. */
function leafOf(file: string, alias: string): string {
	const keystore = expected.keystores.find((k) => k.file === file);
	const entries = keystore?.openssl?.entries ?? keystore?.keytool?.entries ?? [];
	const chain = entries.find((entry) => entry.alias === alias)?.chain;
	assert.ok(chain?.[0], `no ${alias} in ${file}`);
	return chain[0];
}

async function slot(integration: string, which: 'Active' | 'New'): Promise<SlotNode> {
	const { services } = await api();
	const parent = await findNode(integration);
	const found = services.tree
		.getChildren(parent)
		.find((child) => services.tree.getTreeItem(child).label === which);
	// Compared by kind: the suites' copy of the class is not the extension bundle's.
	assert.ok(found?.kind === 'slot', `no ${which} under ${integration}`);
	return found;
}

const USER_FILE = `{
  // Our webhooks. Reviewed in pull requests.
  "integrations": [
    {
      "id": "orders",
      "name": "Orders",
      "url": "https://hooks.example.com/orders" // production
    }
  ]
}
`;

describe('certificates', () => {
	let orders: vscode.Uri;

	before(async () => {
		await resetWorkspace();
		await writeConfig('alpha', USER_FILE);
		await writeConfig(
			'beta',
			'{ "integrations": [ { "id": "refunds", "name": "Refunds", "url": "https://r.example.com" } ] }',
		);
		orders = placeKeystore('p12/rsa-default.p12', 'alpha', 'certs/orders.p12');
		placeKeystore('jks/multi.jks', 'alpha', 'certs/next.jks');
		placeKeystore('jks/key-password-differs.jks', 'beta', 'keys/refunds.jks');
	});

	after(resetWorkspace);

	it('adds a certificate: file, format from its content, password (retried), then validates', async () => {
		const prompter = await runWith(
			[
				{ pick: 'certs/orders.p12' },
				{ pick: 'PKCS#12' },
				{ input: 'not-it' },
				{ input: 'changeit' },
			],
			'mtlsWebhooks.addCertificate',
			await findNode('Orders'),
		);

		const formats = prompter.asked.find((question) => question.items?.includes('JKS'));
		assert.deepEqual(
			formats?.items,
			['PKCS#12', 'JKS'],
			'PKCS#12, what the file holds, comes first',
		);
		assert.ok(
			prompter.asked.some((question) => /does not open certs\/orders\.p12/.test(question.text)),
		);
		const identifier = leafOf('p12/rsa-default.p12', 'client');
		assert.match(
			(await readConfig('alpha')) ?? '',
			new RegExp(
				`"active": \\{\\n\\s+"path": "certs/orders.p12",\\n\\s+"format": "p12",\\n\\s+"identifier": "${identifier}",\\n\\s+"validTill": "2036-01-01T00:00:00.000Z"\\n\\s+\\}`,
			),
		);
		const key = SecretStore.key({ kind: 'storePassword', keystore: orders });
		assert.equal(await (await api()).secrets.get(key), 'changeit');
		await waitFor(
			async () =>
				(await treeSnapshot()).some((line) =>
					/Active — orders\.p12 · valid till 2036-01-01 · \d+ days/.test(line),
				),
			'the Active slot shows Valid Till',
		);
	});

	it('refuses as New the certificate the Active slot already holds', async () => {
		const before = await readConfig('alpha');

		// The key "client" of next.jks is the certificate of orders.p12, now Active.
		const prompter = await runWith(
			[{ pick: 'certs/next.jks' }, { pick: 'JKS' }, { input: 'changeit' }, { pick: 'client' }],
			'mtlsWebhooks.addNewCertificate',
			await slot('Orders', 'Active'),
		);

		assert.equal(prompter.asked.length, 4, 'nothing is asked after the key');
		assert.equal(await readConfig('alpha'), before);
	});

	it('adds a New certificate from a keystore with several keys, asking for the alias', async () => {
		await runWith(
			[{ pick: 'certs/next.jks' }, { pick: 'JKS' }, { input: 'changeit' }, { pick: 'second' }],
			'mtlsWebhooks.addNewCertificate',
			await slot('Orders', 'Active'),
		);

		const text = (await readConfig('alpha')) ?? '';
		assert.match(
			text,
			/"new": \{\n\s+"path": "certs\/next.jks",\n\s+"format": "jks",\n\s+"alias": "second",/,
		);
		assert.match(text, new RegExp(`"identifier": "${leafOf('jks/multi.jks', 'second')}"`));
	});

	it('promotes the New certificate to Active, keeping the comments of the file', async () => {
		await runWith(
			[{ confirm: 'Promote' }],
			'mtlsWebhooks.promoteNewCertificate',
			await findNode('Orders'),
		);

		const identifier = leafOf('jks/multi.jks', 'second');
		assert.equal(
			await readConfig('alpha'),
			`{
  // Our webhooks. Reviewed in pull requests.
  "integrations": [
    {
      "id": "orders",
      "name": "Orders",
      "url": "https://hooks.example.com/orders", // production
      "mtls": {
        "enabled": true,
        "active": {
          "path": "certs/next.jks",
          "format": "jks",
          "alias": "second",
          "identifier": "${identifier}",
          "validTill": "2036-01-01T00:00:00.000Z"
        }
      }
    }
  ]
}
`,
		);
	});

	it('asks for the key password of a JKS key that has its own, and keeps it', async () => {
		const prompter = await runWith(
			[
				{ pick: 'keys/refunds.jks' },
				{ pick: 'JKS' },
				{ input: 'changeit' },
				{ input: 'other-key-password' },
			],
			'mtlsWebhooks.addCertificate',
			await findNode('Refunds'),
		);

		assert.ok(prompter.asked.some((question) => /Key password of "client"/.test(question.text)));
		const keystore = vscode.Uri.joinPath(folder('beta').uri, 'keys/refunds.jks');
		const key = SecretStore.key({ kind: 'keyPassword', keystore, alias: 'client' });
		assert.equal(await (await api()).secrets.get(key), 'other-key-password');
		assert.match((await readConfig('beta')) ?? '', /"identifier": "[0-9A-F:]{95}"/);
	});

	it('follows a keystore replaced on disk, and Validate records what it holds now', async () => {
		placeKeystore('p12/expired.p12', 'beta', 'keys/refunds.jks');
		await runWith([], 'mtlsWebhooks.refresh');

		await waitFor(
			async () =>
				(await treeSnapshot()).some(
					(line) => /Active — refunds\.jks · /.test(line) && !/valid till 2036/.test(line),
				),
			'the tree no longer shows the old certificate',
		);
		await runWith([], 'mtlsWebhooks.validateCertificate', await slot('Refunds', 'Active'));

		const text = (await readConfig('beta')) ?? '';
		assert.match(text, new RegExp(`"identifier": "${leafOf('p12/expired.p12', 'client')}"`));
		assert.match(text, /"validTill": "2021-01-01T00:00:00.000Z"/);
		await waitFor(
			async () =>
				(await treeSnapshot()).some((line) =>
					line.includes('Active — refunds.jks · expired on 2021-01-01'),
				),
			'the Active slot shows it expired',
		);
	});

	it('copies the Identifier', async () => {
		await runWith([], 'mtlsWebhooks.copyIdentifier', await slot('Orders', 'Active'));

		assert.equal(await vscode.env.clipboard.readText(), leafOf('jks/multi.jks', 'second'));
	});

	it('forgets a stored password, and asks for it again on the next Validate', async () => {
		const active = await slot('Orders', 'Active');
		const keystore = vscode.Uri.joinPath(folder('alpha').uri, 'certs/next.jks');
		const key = SecretStore.key({ kind: 'storePassword', keystore });

		await runWith([], 'mtlsWebhooks.forgetPassword', active);
		assert.equal(await (await api()).secrets.get(key), undefined);
		await runWith(
			[{ input: 'changeit' }],
			'mtlsWebhooks.validateCertificate',
			await slot('Orders', 'Active'),
		);

		assert.equal(await (await api()).secrets.get(key), 'changeit');
	});

	it('works from the Command Palette too, asking for the integration and certificate', async () => {
		const prompter = await runWith([{ pick: 'Orders' }], 'mtlsWebhooks.validateCertificate');
		await runWith([{ pick: 'Refunds' }], 'mtlsWebhooks.copyIdentifier');

		assert.deepEqual(prompter.asked[0]?.items, ['Orders', 'Refunds']);
		assert.equal(await vscode.env.clipboard.readText(), leafOf('p12/expired.p12', 'client'));
	});

	it('inspects a keystore from the Explorer in its own panel', async () => {
		const keystore = placeKeystore('p12/ec256.p12', 'alpha', 'certs/inspect-me.p12');

		await runWith([{ input: 'changeit' }], 'mtlsWebhooks.inspectKeystore', keystore);

		const { services } = await api();
		const panel = await waitFor(
			() => services.panels.get({ kind: 'keystore', uri: keystore.toString() }),
			'the panel is open',
		);
		const identifier = leafOf('p12/ec256.p12', 'client');
		await waitFor(() => panel.renderedText.includes(identifier), 'it shows the Identifier');
		assert.equal(panel.state().cards[0]?.report?.identifier, identifier);
	});

	it('adds a keystore to an integration from the Explorer, as the New certificate', async () => {
		const keystore = placeKeystore('p12/ec384.p12', 'beta', 'keys/next.p12');

		await runWith(
			[
				{ pick: 'Refunds' },
				{ pick: 'Add as the New certificate' },
				{ pick: 'PKCS#12' },
				{ input: 'changeit' },
			],
			'mtlsWebhooks.addToIntegration',
			keystore,
		);

		assert.match((await readConfig('beta')) ?? '', /"new": \{\n\s+"path": "keys\/next.p12"/);
	});

	it('reveals and selects the certificate it added, when the view is open', async () => {
		const { services } = await api();
		await vscode.commands.executeCommand('mtlsWebhooks.integrations.focus');
		placeKeystore('p12/ec521.p12', 'beta', 'keys/shown.p12');

		await runWith(
			[
				{ pick: 'Replace the Active certificate' },
				{ pick: 'keys/shown.p12' },
				{ pick: 'PKCS#12' },
				{ input: 'changeit' },
			],
			'mtlsWebhooks.addCertificate',
			await findNode('Refunds'),
		);

		const selected = await waitFor(() => services.view.selection[0], 'a node is selected');
		assert.equal(selected.kind, 'slot');
		assert.equal(services.tree.getTreeItem(selected).label, 'Active');
		assert.match(String(services.tree.getTreeItem(selected).description), /^shown\.p12 · /);
	});

	it('removes a certificate after asking', async () => {
		await runWith(
			[{ confirm: 'Remove' }],
			'mtlsWebhooks.removeCertificate',
			await slot('Refunds', 'New'),
		);

		assert.doesNotMatch((await readConfig('beta')) ?? '', /"new"/);
	});

	it('says a chosen file is not a keystore before asking anything about it', async () => {
		const readme = vscode.Uri.joinPath(folder('alpha').uri, 'README.md');
		const before = await readConfig('alpha');

		await runWith(
			[{ pick: 'Add as the New certificate' }, { pick: 'Browse…' }, { dialog: [readme] }],
			'mtlsWebhooks.addCertificate',
			await findNode('Orders'),
		);

		assert.equal(await readConfig('alpha'), before);
	});

	it('refuses a keystore outside the folder', async () => {
		const outside = vscode.Uri.joinPath(folder('beta').uri, 'keys/refunds.jks');
		const before = await readConfig('alpha');

		await runWith(
			[{ pick: 'Add as the New certificate' }, { pick: 'Browse…' }, { dialog: [outside] }],
			'mtlsWebhooks.addCertificate',
			await findNode('Orders'),
		);

		assert.equal(await readConfig('alpha'), before);
	});
});
