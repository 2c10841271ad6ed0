import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../demo/demoServer';
import { launchChromium } from '../harness/browser';
import { CACHE_DIR } from '../harness/paths';
import { CHROMIUM, ensureSystemPackages } from '../harness/systemPackages';

const RESULTS = join(CACHE_DIR, 'results', 'e2e');

/** What a user of `npm run demo` sees, through the real workbench in a real browser. */
describe('the demo', function () {
	let dir: string;
	let demo: Demo;
	let browser: Browser;
	let page: Page;

	before(async () => {
		await ensureSystemPackages([CHROMIUM]);
		dir = await mkdtemp(join(tmpdir(), 'mtls-webhooks-e2e-'));
		demo = await startDemo({ host: '127.0.0.1', port: 0, dir });
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

	it('shows the sample integration in the mTLS Webhooks view when its icon is clicked', async () => {
		const icon = page.locator('.activitybar').getByRole('tab', { name: 'mTLS Webhooks' });
		await icon.waitFor({ timeout: 60_000 });

		await icon.click();

		const sidebar = page.locator('.sidebar');
		await sidebar.getByRole('treeitem', { name: /Order Events/ }).waitFor();
		await sidebar.getByRole('treeitem', { name: /Active/ }).waitFor();
		const title = await sidebar.locator('.composite.title').innerText();
		assert.match(title, /mTLS Webhooks: Integrations/i);
	});
});
