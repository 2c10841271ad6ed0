import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExpiryViews } from '../../src/extension/expiry/expiryViews';
import {
	api,
	configOf,
	folder,
	placeKeystore,
	readConfig,
	resetWorkspace,
	waitFor,
	writeConfig,
} from './helpers';

const DAY_MS = 24 * 60 * 60 * 1000;
/** When the client certificate of p12/rsa-default.p12 expires. */
const EXPIRY = Date.parse('2036-01-01T00:00:00Z');

function integration(id: string, name: string, path: string): object {
	return {
		id,
		name,
		url: `https://${id}.example.com/hooks`,
		mtls: { enabled: true, active: { path, format: 'p12' } },
	};
}

async function configure(...integrations: object[]): Promise<void> {
	await writeConfig('alpha', `// Expiry tests\n${JSON.stringify({ integrations }, null, 2)}\n`);
}

/**
 * Sets the extension's clock this many days before the expiry, and updates the views. A file
 * event that comes late (the watcher's own delay) makes the keystore be read again, and while
 * it is, its slot has no findings: wait until no keystore is being read.
 */
async function daysBefore(days: number): Promise<ExpiryViews> {
	const { services } = await api();
	await waitFor(
		() =>
			services.store.integrations.every(
				(ref) => services.statuses.statusOf(ref, 'active')?.state !== 'checking',
			),
		'no Active keystore is being read',
	);
	const now = new Date(EXPIRY - days * DAY_MS - DAY_MS / 2);
	services.expiry.clock = { now: () => now };
	services.expiry.refresh();
	const views = services.expiryViews!;
	views.update();
	return views;
}

/** The Problems entries of the alpha configuration, in a form that is easy to compare. */
function problems(): {
	code: string;
	severity: string;
	line: number;
	text: string;
	message: string;
}[] {
	return vscode.languages
		.getDiagnostics(configOf('alpha'))
		.filter((diagnostic) => diagnostic.source === 'mTLS Webhooks')
		.map((diagnostic) => ({
			code:
				typeof diagnostic.code === 'object'
					? String(diagnostic.code.value)
					: String(diagnostic.code),
			severity: vscode.DiagnosticSeverity[diagnostic.severity],
			line: diagnostic.range.start.line,
			text: '',
			message: diagnostic.message,
			range: diagnostic.range,
		}))
		.map(({ range, ...rest }) => ({ ...rest, text: textAt(range) }));
}

let configText = '';
function textAt(range: vscode.Range): string {
	const lines = configText.split('\n');
	return range.start.line === range.end.line
		? (lines[range.start.line] ?? '').slice(range.start.character, range.end.character)
		: '(several lines)';
}

describe('expiry warnings', () => {
	let orders: vscode.Uri;

	before(async () => {
		await resetWorkspace();
		const { services } = await api();
		orders = placeKeystore('p12/rsa-default.p12', 'alpha', 'certs/orders.p12');
		await services.secrets.store({ kind: 'storePassword', keystore: orders }, 'changeit');
		await configure(integration('orders', 'Orders', 'certs/orders.p12'));
		configText = (await readConfig('alpha')) ?? '';
		await waitFor(
			() => services.statuses.statusOf(services.store.integrations[0]!, 'active')?.report,
			'the keystore is read',
		);
	});

	after(async () => {
		const { services } = await api();
		services.expiry.clock = { now: () => new Date() };
		await vscode.workspace
			.getConfiguration('mtlsWebhooks.expiry')
			.update('warningDays', undefined, vscode.ConfigurationTarget.Global);
		await resetWorkspace();
		services.expiry.refresh();
	});

	it('says nothing 60 days ahead but the days left in the status bar', async () => {
		const views = await daysBefore(60);

		assert.deepEqual(problems(), []);
		assert.equal(views.statusBar.item.text, '$(shield) mTLS 60 d');
		assert.equal(views.statusBar.item.backgroundColor, undefined);
		assert.equal(views.decorations.provideFileDecoration(orders), undefined);
	});

	it('warns 20 days ahead: Problems, badge, status bar and one notification', async () => {
		const { services } = await api();
		const told = services.expiryViews!.notifier.shown.length;
		const views = await daysBefore(20);

		const line = configText.split('\n').findIndex((text) => text.includes('"certs/orders.p12"'));
		const at = { line, text: '"certs/orders.p12"' };
		assert.deepEqual(problems(), [
			{
				code: 'expiring_soon',
				severity: 'Warning',
				...at,
				message:
					'Orders: the Active certificate (certs/orders.p12) expires on 2036-01-01, in 20 days.',
			},
			{
				code: 'plan_rotation',
				severity: 'Warning',
				...at,
				message:
					'Orders: the Active certificate (certs/orders.p12) has no successor yet: plan the rotation. Add a New certificate and give the receiver its chain before 2036-01-01.',
			},
		]);
		const badge = views.decorations.provideFileDecoration(orders);
		assert.equal(badge?.badge, '20');
		assert.equal(badge?.color?.id, 'list.warningForeground');
		assert.equal(views.statusBar.item.text, '$(warning) mTLS 20 d');
		assert.equal(views.statusBar.item.backgroundColor?.id, 'statusBarItem.warningBackground');
		assert.deepEqual(
			views.notifier.shown.slice(told).map((shown) => shown.message),
			['Orders: the Active client certificate expires on 2036-01-01, in 20 days.'],
		);

		await daysBefore(19);
		assert.equal(views.notifier.shown.length, told + 1, 'told once per threshold');
	});

	it('turns to errors 3 days ahead, with quick fixes', async () => {
		const views = await daysBefore(3);

		assert.deepEqual(
			problems().map(({ code, severity }) => `${code} ${severity}`),
			['expiring_critical Error', 'plan_rotation Warning'],
		);
		assert.equal(
			problems()[0]?.message,
			'Orders: the Active certificate (certs/orders.p12) expires on 2036-01-01, in 3 days.',
		);
		assert.equal(
			views.decorations.provideFileDecoration(orders)?.color?.id,
			'list.errorForeground',
		);
		assert.equal(views.statusBar.item.text, '$(warning) mTLS 3 d');
		assert.match(views.notifier.shown.at(-1)?.message ?? '', /expires on 2036-01-01, in 3 days/);

		// Quick fixes are asked of an open document, as the editor's light bulb does.
		const document = await vscode.workspace.openTextDocument(configOf('alpha'));
		const range = vscode.languages.getDiagnostics(document.uri)[0]!.range;
		const titles = await waitFor(async () => {
			const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
				'vscode.executeCodeActionProvider',
				document.uri,
				range,
			);
			const ours = fixes
				.filter((fix) => fix.kind?.value === vscode.CodeActionKind.QuickFix.value)
				.map((fix) => fix.title);
			return ours.length > 0 && [...new Set(ours)];
		}, 'the light bulb offers quick fixes');
		assert.deepEqual(titles, ['Add New Certificate', 'Validate Certificate']);
	});

	it('judges again at once when a setting changes', async () => {
		await daysBefore(20);
		assert.equal(problems().length, 2);

		await vscode.workspace
			.getConfiguration('mtlsWebhooks.expiry')
			.update('warningDays', 10, vscode.ConfigurationTarget.Global);

		await waitFor(() => problems().length === 0, 'the warning goes away under a 10-day threshold');
		const { services } = await api();
		assert.equal(services.expiryViews!.statusBar.item.text, '$(shield) mTLS 20 d');
		await vscode.workspace
			.getConfiguration('mtlsWebhooks.expiry')
			.update('warningDays', undefined, vscode.ConfigurationTarget.Global);
		await waitFor(() => problems().length === 2, 'the default threshold is back');
	});

	it('keeps the Problems entries while a changed keystore is read again', async () => {
		const { services } = await api();
		const views = await daysBefore(20);
		assert.equal(problems().length, 2);

		services.statuses.forget(orders);
		views.update();

		assert.equal(problems().length, 2, 'the entries stay while the keystore is read again');
		await daysBefore(20);
		assert.equal(problems().length, 2);
	});

	it('reports expired, not yet valid, missing and locked keystores on their path', async () => {
		const { services } = await api();
		for (const [fixture, path] of [
			['p12/expired.p12', 'certs/legacy.p12'],
			['p12/future.p12', 'certs/future.p12'],
		] as const) {
			const uri = placeKeystore(fixture, 'alpha', path);
			await services.secrets.store({ kind: 'storePassword', keystore: uri }, 'changeit');
		}
		placeKeystore('p12/ec256.p12', 'alpha', 'certs/locked.p12');
		await configure(
			integration('orders', 'Orders', 'certs/orders.p12'),
			integration('legacy', 'Legacy', 'certs/legacy.p12'),
			integration('future', 'Future', 'certs/future.p12'),
			integration('gone', 'Gone', 'certs/gone.p12'),
			integration('locked', 'Locked', 'certs/locked.p12'),
		);
		configText = (await readConfig('alpha')) ?? '';

		const views = await daysBefore(60);
		await waitFor(
			() => problems().length === 4 || (views.update(), false),
			'every keystore is judged',
		);

		assert.deepEqual(
			problems().map(({ code, severity, text }) => `${code} ${severity} ${text}`),
			[
				'expired Error "certs/legacy.p12"',
				'not_yet_valid Error "certs/future.p12"',
				'keystore_missing Error "certs/gone.p12"',
				'password_not_stored Warning "certs/locked.p12"',
			],
		);
		assert.match(
			problems()[0]!.message,
			/^Legacy: the Active certificate \(certs\/legacy\.p12\) expired on 2021-01-01, \d+ days ago\./,
		);
		assert.equal(views.statusBar.item.text, '$(error) mTLS expired');
		const expired = folder('alpha').uri.with({
			path: `${folder('alpha').uri.path}/certs/legacy.p12`,
		});
		assert.equal(views.decorations.provideFileDecoration(expired)?.badge, '!');
	});

	it('tells again when a rotation brings another certificate', async () => {
		const { services } = await api();
		await daysBefore(20);
		const ref = () => services.store.find(folder('alpha').uri, 'orders')!;
		const before = services.statuses.statusOf(ref(), 'active')?.report?.identifier;
		const told = services.expiryViews!.notifier.shown.length;

		placeKeystore('p12/ec256.p12', 'alpha', 'certs/orders.p12');
		await waitFor(() => {
			const now = services.statuses.statusOf(ref(), 'active')?.report?.identifier;
			return now !== undefined && now !== before;
		}, 'the replaced keystore is read');
		await daysBefore(20);

		const shown = services.expiryViews!.notifier.shown.slice(told);
		assert.deepEqual(
			shown.map((item) => item.message),
			['Orders: the Active client certificate expires on 2036-01-01, in 20 days.'],
		);
	});
});
