import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CertificatePanel } from '../../src/extension/panel/certificatePanels';
import type { TestReport } from '../../src/mtls/model';
import { PASSWORD, PKI, startNodeReceiver, type NodeReceiver } from '../peers';
import { api, findNode, folder, resetWorkspace, runWith, waitFor, writeConfig } from './helpers';
import { ScriptedPrompter } from './scriptedPrompter';

const HUB_SECRET = 'hub-s3cret-for-tests';

function openssl(args: string[], input?: Buffer): string {
	return execFileSync('openssl', args, input ? { input } : {}).toString();
}

/** openssl's SHA-256 fingerprint and notAfter of the client certificate of a PKI keystore. */
function opensslLeaf(file: string): { identifier: string; notAfter: string } {
	const pem = openssl(['pkcs12', '-in', join(PKI, file), '-passin', `pass:${PASSWORD}`,
		'-clcerts', '-nokeys']); // prettier-ignore
	const out = openssl(['x509', '-noout', '-fingerprint', '-sha256', '-enddate', '-dateopt',
		'iso_8601'], Buffer.from(pem)); // prettier-ignore
	return {
		identifier: /sha256 Fingerprint=(.+)/.exec(out)?.[1] ?? '',
		notAfter: /notAfter=(\S+)/.exec(out)?.[1] ?? '',
	};
}

/** The PEM blocks of the certificates openssl finds, re-encoded by openssl x509. */
function pemBlocks(text: string): string[] {
	return (text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/g) ?? []).map(
		(block) => openssl(['x509'], Buffer.from(block)),
	);
}

function place(file: string, target: string): vscode.Uri {
	const path = join(folder('alpha').uri.fsPath, target);
	mkdirSync(join(path, '..'), { recursive: true });
	copyFileSync(join(PKI, file), path);
	return vscode.Uri.file(path);
}

describe('certificate panel', () => {
	let receiver: NodeReceiver;
	let panel: CertificatePanel;

	before(async () => {
		await resetWorkspace();
		receiver = await startNodeReceiver({ hubSecret: HUB_SECRET });
		const active = place('client.p12', 'certs/client.p12');
		const next = place('client-other-ca.p12', 'certs/next.p12');
		place('server-ca.pem', 'certs/receiver-ca.pem');
		const { services } = await api();
		for (const keystore of [active, next]) {
			await services.secrets.store({ kind: 'storePassword', keystore }, PASSWORD);
		}
		await services.secrets.store(
			{ kind: 'hubSecret', folder: folder('alpha').uri, integrationId: 'orders' },
			HUB_SECRET,
		);
		await writeConfig(
			'alpha',
			JSON.stringify({
				integrations: [
					{
						id: 'orders',
						name: 'Orders',
						url: `https://127.0.0.1:${receiver.port}/signed`,
						hubSignature: { enabled: true, algorithm: 'sha256' },
						serverTrust: { caFile: 'certs/receiver-ca.pem' },
						mtls: {
							enabled: true,
							active: { path: 'certs/client.p12', format: 'p12' },
							new: { path: 'certs/next.p12', format: 'p12' },
						},
					},
				],
			}),
		);
	});

	after(async () => {
		await receiver.close();
		await resetWorkspace();
	});

	it('shows Valid Till and Identifier as openssl reads them, Active and New side by side', async () => {
		await vscode.commands.executeCommand('mtlsWebhooks.showCertificate', await findNode('Orders'));
		const { services } = await api();
		const key = {
			kind: 'integration',
			folder: folder('alpha').uri.toString(),
			id: 'orders',
		} as const;
		panel = await waitFor(() => services.panels.get(key), 'the panel opens');

		const active = opensslLeaf('client.p12');
		const next = opensslLeaf('client-other-ca.p12');
		const text = await waitFor(
			() =>
				panel.renderedText.includes(active.identifier) &&
				panel.renderedText.includes(next.identifier) &&
				panel.renderedText,
			'the page shows both Identifiers',
		);
		assert.match(text, new RegExp(`Valid Till\\s+${active.notAfter.slice(0, 10)}`));
		assert.match(text, /Identifier\s+\(SHA-256 fingerprint of the client certificate\)/);
		assert.match(text, /What changes with the rotation/);
		assert.match(text, /Issuer\s+CN=Client Issuing CA, O=mTLS Webhooks Tests\s+CN=Another Root CA/);
		assert.equal(panel.panel.title, 'Orders');
	});

	it('tests both certificates: Active passes, New is not trusted by the receiver yet', async () => {
		await runWith([], 'mtlsWebhooks.testConnection', await findNode('Orders'));

		const active = panel.tests.get('active')?.report as TestReport;
		const next = panel.tests.get('new')?.report as TestReport;
		assert.equal(active.diagnosis.code, 'ok', JSON.stringify(active, null, 2));
		assert.equal(active.mtlsEnforced, true);
		assert.equal(next.diagnosis.code, 'unknown_ca', JSON.stringify(next, null, 2));
		assert.match(
			panel.state().rotationReadiness ?? '',
			/accepts the Active certificate but not yet/,
		);

		const signed = receiver.deliveries.filter((delivery) => delivery.method === 'POST');
		assert.equal(signed.length, 1);
		assert.equal(signed[0]?.headers['x-hub-signature']?.length, 64);
		await waitFor(() => /Test: passed/.test(panel.renderedText), 'the page shows the result');
	});

	it('downloads exactly the chain that openssl extracts: client certificate and intermediate', async () => {
		const target = vscode.Uri.joinPath(folder('alpha').uri, 'out', 'client-chain.pem');
		const { services } = await api();
		const previous = services.prompter;
		const prompter = new ScriptedPrompter([{ pick: 'PEM chain' }, { save: target }]);
		services.prompter = prompter;
		try {
			await panel.handle({ type: 'action', action: 'download', slot: 'active' });
		} finally {
			services.prompter = previous;
		}
		prompter.assertDone();

		const written = readFileSync(target.fsPath, 'utf8');
		const leaf = pemBlocks(openssl(['pkcs12', '-in', join(PKI, 'client.p12'), '-passin',
			`pass:${PASSWORD}`, '-clcerts', '-nokeys'])); // prettier-ignore
		const authorities = pemBlocks(openssl(['pkcs12', '-in', join(PKI, 'client.p12'),
			'-passin', `pass:${PASSWORD}`, '-cacerts', '-nokeys'])); // prettier-ignore
		const intermediates = authorities.filter((pem) => {
			const names = openssl(['x509', '-noout', '-subject', '-issuer'], Buffer.from(pem));
			return /subject=.*Issuing/.test(names);
		});
		assert.equal(intermediates.length, 1);
		assert.equal(written, [...leaf, ...intermediates].join(''));
		assert.doesNotMatch(written, /PRIVATE KEY/);
	});

	it('sends the page no key material and no secret', () => {
		const sent = JSON.stringify(panel.sent);
		assert.ok(panel.sent.length > 0);
		const keyPem = openssl(['pkcs12', '-in', join(PKI, 'client.p12'), '-passin',
			`pass:${PASSWORD}`, '-nocerts', '-nodes']); // prettier-ignore
		const keyBase64 = keyPem
			.replace(
				/-----[^-]+-----|\s|Bag Attributes.*|localKeyID.*|friendlyName.*|Key Attributes.*/g,
				'',
			)
			.slice(0, 40);
		assert.ok(keyBase64.length === 40);
		for (const secret of [PASSWORD, HUB_SECRET, 'PRIVATE KEY', keyBase64, 'derBase64']) {
			assert.ok(!sent.includes(secret), `the page was sent ${secret}`);
		}
	});

	it('drops a test report once its certificate left the slot, after Promote', async () => {
		await runWith(
			[{ confirm: 'Promote' }],
			'mtlsWebhooks.promoteNewCertificate',
			await findNode('Orders'),
		);

		const state = await waitFor(() => {
			const current = panel.state();
			return current.cards.length === 1 && current.cards[0]?.report && current;
		}, 'the panel shows the promoted certificate alone');
		assert.equal(state.cards[0]?.report?.identifier, opensslLeaf('client-other-ca.p12').identifier);
		assert.equal(state.cards[0]?.test, undefined, 'the old Active test is not shown for it');
		assert.equal(state.rotationReadiness, undefined);
	});
});
