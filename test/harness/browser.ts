import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './systemPackages';

/**
 * Starts the machine's Chromium headless. The flags keep it from reaching out to Google's
 * services, which a machine without internet refuses many times a second.
 */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM.file,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}
