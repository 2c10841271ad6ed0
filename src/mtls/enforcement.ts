import type { LookupAddress } from 'node:dns';
import { performance } from 'node:perf_hooks';
import type { ConnectionTestOptions } from './connectionTest';
import { errorCode } from './alerts';
import { connectionFailure } from './failures';
import type { TestStep } from './model';
import { Session } from './session';
import { since, step } from './steps';

/**
 * Repeats the HEAD with no client certificate: true when the receiver refused it, false when it
 * answered 200, undefined when it could not tell (no answer in time, nothing to connect to).
 */
export async function checkEnforcement(
	url: URL,
	address: LookupAddress,
	options: ConnectionTestOptions,
	timeoutMs: number,
	steps: TestStep[],
): Promise<boolean | undefined> {
	const session = new Session(url, {
		address,
		...(options.ca === undefined ? {} : { ca: options.ca }),
		acceptUntrustedServer: options.acceptUntrustedServer ?? false,
		timeoutMs,
		signal: options.signal,
	});
	const started = performance.now();
	const record = (ok: boolean, detail: string) =>
		steps.push(step('without-certificate', ok, since(started), detail));
	try {
		const reply = await session.request('HEAD', undefined, options.headers);
		if (reply.status >= 500) {
			// A failure of the receiver is no proof that it wants a certificate.
			record(
				false,
				`could not tell: it failed without a client certificate (HTTP ${reply.status})`,
			);
			return undefined;
		}
		const refused = reply.status !== 200;
		record(
			refused,
			refused
				? `refused without a client certificate (HTTP ${reply.status})`
				: 'accepted without a client certificate (HTTP 200)',
		);
		return refused;
	} catch (error) {
		const scratch: TestStep[] = [];
		const failure = connectionFailure(error, session, scratch, { offered: false }, 'head', started);
		if (failure.code === 'timeout' || errorCode(error) === 'ECONNREFUSED') {
			record(false, `could not tell: ${failure.message}`);
			return undefined;
		}
		record(true, `refused without a client certificate (${failure.code})`);
		return true;
	} finally {
		await session.close();
	}
}
