import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../demo/demoServer';
import { launchChromium } from '../harness/browser';
import { CACHE_DIR, REPO_ROOT } from '../harness/paths';
import { CHROMIUM, ensureSystemPackages } from '../harness/systemPackages';

const RESULTS = join(CACHE_DIR, 'results', 'e2e');
const KEYSTORES = join(REPO_ROOT, 'test', 'fixtures', 'keystores');
/** Where every run leaves the README's screenshots; `npm run screenshots` copies them to media/. */
const SCREENSHOTS = join(CACHE_DIR, 'results', 'screenshots');

/** Chooses an item of the quick pick that is showing, by its label. */
async function pick(page: Page, label: string | RegExp): Promise<void> {
	const item = page
		.locator('.quick-input-list .monaco-list-row')
		.filter({ has: page.locator('.label-name', { hasText: label }) })
		.first();
	await item.waitFor({ timeout: 30_000 });
	await item.click();
}

/** The text of a file once it exists (the workbench writes it a moment after the dialog). */
async function waitForFile(file: string): Promise<string> {
	for (let tries = 0; tries < 100; tries++) {
		const text = await readFile(file, 'utf8').catch(() => undefined);
		if (text) {
			return text;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${file} was not written`);
}

/** Runs a command from the Command Palette, as a user does. */
async function runCommand(page: Page, title: string): Promise<void> {
	await page.keyboard.press('F1');
	const palette = page.locator('.quick-input-widget input');
	await palette.waitFor();
	await palette.fill(`>${title}`);
	await page.locator('.quick-input-list').getByText(title, { exact: true }).first().click();
}

/** With MTLS_WEBHOOKS_E2E_VSIX set, the extension is installed from that .vsix (`npm run test:vsix`). */
const VSIX = process.env.MTLS_WEBHOOKS_E2E_VSIX;

/** What a user of `npm run demo` sees, through the real workbench in a real browser. */
describe(VSIX ? 'the demo, with the extension installed from its .vsix' : 'the demo', function () {
	let dir: string;
	let demo: Demo;
	let browser: Browser;
	let page: Page;

	before(async () => {
		await ensureSystemPackages([CHROMIUM]);
		dir = await mkdtemp(join(tmpdir(), 'mtls-webhooks-e2e-'));
		demo = await startDemo({ host: '127.0.0.1', port: 0, dir, vsix: VSIX && resolve(VSIX) });
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
		await page.goto(demo.url);
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await mkdir(RESULTS, { recursive: true });
			const name = this.currentTest.title.replace(/\W+/g, '-');
			await page.screenshot({ path: join(RESULTS, `${name}.png`) });
		}
	});

	after(async () => {
		await browser?.close();
		await demo?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('shows the expiry warnings before anything is clicked, as mtls-webhooks check does', async () => {
		const statusBar = page.locator('.statusbar');
		await statusBar.getByText('mTLS expired').waitFor({ timeout: 60_000 });

		await page.keyboard.press('F1');
		const palette = page.locator('.quick-input-widget input');
		await palette.fill('>View: Focus Problems');
		await page.locator('.quick-input-list').getByText('View: Focus Problems').first().waitFor();
		await palette.press('Enter');
		const problems = page.locator('.markers-panel');
		await problems
			.getByText(
				/Refunds: the Active certificate \(certs\/refunds\.p12\) expires on .*, in 3 days\./,
			)
			.waitFor();
		await problems.getByText(/Payment Updates: the Active certificate .* in 20 days\./).waitFor();
		await problems
			.getByText(/Legacy Billing: the Active certificate .* expired on .*, 5 days ago\./)
			.waitFor();

		const check = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'check',
			demo.workspace], { encoding: 'utf8', env: { ...process.env, MTLS_PASSWORD_ORDERS_ACTIVE: 'changeit' } }); // prettier-ignore
		assert.equal(check.status, 1, check.stderr);
		assert.deepEqual(
			check.stdout
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split(/\s+/).slice(0, 2).join(' ')),
			['ok orders', 'WARNING payments', 'ERROR refunds', 'EXPIRED legacy-billing'],
		);
	});

	it('shows the sample integration in the mTLS Webhooks view when its icon is clicked', async () => {
		const icon = page.locator('.activitybar').getByRole('tab', { name: 'mTLS Webhooks' });
		await icon.waitFor({ timeout: 60_000 });

		await icon.click();

		const sidebar = page.locator('.sidebar');
		await sidebar.getByRole('treeitem', { name: /Order Events/ }).waitFor();
		await sidebar.getByRole('treeitem', { name: /orders\.p12/ }).waitFor();
		const title = await sidebar.locator('.composite.title').innerText();
		assert.match(title, /mTLS Webhooks: Integrations/i);
	});

	it('opens the certificate panel, asks for the password on Validate, and shows Valid Till and Identifier', async () => {
		const sidebar = page.locator('.sidebar');
		await sidebar.getByRole('treeitem', { name: /orders\.p12/ }).click();

		// A webview is an iframe in an iframe; the page inside is the panel's own.
		const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
		await panel.getByText('password needed').first().waitFor({ timeout: 30_000 });
		await panel.getByRole('button', { name: 'Validate' }).click();

		const input = page.locator('.quick-input-widget input');
		await input.waitFor();
		await input.fill('changeit');
		await input.press('Enter');

		const { identifier, notAfter } = opensslLeaf(join(KEYSTORES, 'p12', 'rsa-default.p12'));
		await panel.getByText(identifier).waitFor({ timeout: 30_000 });
		const validTill = await panel.locator('.valid-till').innerText();
		assert.match(validTill, new RegExp(`^${notAfter.slice(0, 10)}`));
		await mkdir(RESULTS, { recursive: true });
		await page.screenshot({ path: join(RESULTS, 'certificate-panel.png') });
	});

	it('tests the certificate against the local receiver from the panel, and passes', async () => {
		const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
		await panel.getByRole('button', { name: 'Test: Active' }).click();

		await panel.getByText('passed', { exact: true }).waitFor({ timeout: 30_000 });
		await panel
			.getByText(/The receiver accepted our client certificate, refuses requests without one/)
			.waitFor();
		await mkdir(RESULTS, { recursive: true });
		await page.screenshot({ path: join(RESULTS, 'test-report.png') });
	});

	it('downloads the PEM chain through the real quick pick and save dialog', async () => {
		const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
		await panel.getByRole('button', { name: 'Download: Active' }).click();
		await pick(page, 'PEM chain');
		// VS Code in a browser saves through its own dialog: a path in a quick input.
		const path = page.locator('.quick-input-widget input');
		await path.waitFor();
		await path.fill(join(demo.workspace, 'orders-chain.pem'));
		await path.press('Enter');

		const file = join(demo.workspace, 'orders-chain.pem');
		const written = await waitForFile(file);
		const certificates = written.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
		assert.equal(certificates.length, 2, 'the client certificate and its intermediate');
		assert.doesNotMatch(written, /PRIVATE KEY/);
		const leaf = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], {
			input: written,
		}).toString();
		assert.match(
			leaf,
			new RegExp(opensslLeaf(join(KEYSTORES, 'p12', 'rsa-default.p12')).identifier),
		);
	});

	it('takes the README screenshots in a light and a dark theme', async () => {
		await mkdir(SCREENSHOTS, { recursive: true });
		await runCommand(page, 'Notifications: Clear All Notifications');
		for (const [theme, name] of [
			['Light Modern', 'light'],
			['Dark Modern', 'dark'],
		] as const) {
			await runCommand(page, 'Preferences: Color Theme');
			await page.locator('.quick-input-widget input').fill(theme);
			await page.locator('.quick-input-list').getByText(theme, { exact: true }).first().click();
			await page
				.locator(`.monaco-workbench.${name === 'light' ? 'vs' : 'vs-dark'}`)
				.waitFor({ timeout: 30_000 });
			await runCommand(page, 'View: Focus Problems');
			await page
				.locator('.markers-panel')
				.getByText(/Refunds: .* in 3 days/)
				.waitFor();
			// No hover in the picture; let the panel and the workbench repaint in the new colours.
			await page.mouse.move(640, 700);
			await page.waitForTimeout(1000);
			await page.screenshot({ path: join(SCREENSHOTS, `overview-${name}.png`) });
			await page
				.locator('.editor-group-container')
				.first()
				.screenshot({
					path: join(SCREENSHOTS, `panel-${name}.png`),
				});
		}
	});

	it('adds a New certificate through the real quick picks, typing the password', async () => {
		await runCommand(page, 'mTLS Webhooks: Add New Certificate');
		await pick(page, 'Order Events');
		await pick(page, 'certs/orders-2027.jks');
		await pick(page, /JKS/);
		const input = page.locator('.quick-input-widget input');
		await input.fill('changeit');
		await input.press('Enter');
		await pick(page, 'second');

		const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
		await panel.getByText('What changes with the rotation').waitFor({ timeout: 30_000 });
		await panel.getByRole('button', { name: 'Promote to Active: New' }).waitFor();
	});

	it('brings the panel back after the window reloads', async () => {
		// Reload as a user does, through the Command Palette: the workbench saves its state first.
		await page.keyboard.press('F1');
		const palette = page.locator('.quick-input-widget input');
		await palette.waitFor();
		await palette.fill('>Developer: Reload Window');
		await page.locator('.quick-input-list').getByText('Developer: Reload Window').first().waitFor();
		await palette.press('Enter');
		await page.waitForLoadState('load');

		// The restored panel reads the integration again; the demo server has no keyring, so
		// SecretStorage kept no password and the certificate asks for it once more.
		const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
		await panel.getByRole('heading', { name: /Order Events/ }).waitFor({ timeout: 60_000 });
		await panel.getByText('certs/orders.p12').first().waitFor();
	});
});

/** openssl's SHA-256 fingerprint and notAfter of the client certificate in a PKCS#12 file. */
function opensslLeaf(file: string): { identifier: string; notAfter: string } {
	const pem = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:changeit',
		'-clcerts', '-nokeys']); // prettier-ignore
	const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-enddate',
		'-dateopt', 'iso_8601'], { input: pem }).toString(); // prettier-ignore
	return {
		identifier: /sha256 Fingerprint=(.+)/.exec(out)?.[1] ?? '',
		notAfter: /notAfter=(\S+)/.exec(out)?.[1] ?? '',
	};
}
