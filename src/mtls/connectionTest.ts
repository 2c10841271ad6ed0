import { X509Certificate, type KeyObject } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
	SIGNATURE_HEADER,
	hubSignature,
	sampleEvent,
	type SigningAlgorithm,
} from '../webhooks/signature';
import type { ClientFacts } from './diagnosis';
import { checkEnforcement } from './enforcement';
import { connectionFailure, refusal } from './failures';
import type { Diagnosis, HttpFacts, TestReport, TestStep, TlsFacts } from './model';
import { Session, type Reply } from './session';
import { pushConnectionSteps, since, step, timeout, tlsFacts } from './steps';

/** The client side of a test: the key and certificates from the keystore, in memory only. */
export interface ClientCertificate {
	readonly key: KeyObject;
	/** DER certificates, leaf first, then the intermediates to send with it. */
	readonly chain: readonly Buffer[];
	/** The Identifier of the leaf (its SHA-256 fingerprint). */
	readonly identifier: string;
	/** What the keystore check found, to explain a refusal. */
	readonly facts: Omit<ClientFacts, 'offered'>;
}

export interface ConnectionTestOptions {
	/** The webhook URL; HTTPS only. */
	readonly url: string;
	/** The client certificate to present; none tests what the receiver does without one. */
	readonly client?: ClientCertificate | undefined;
	/** Extra trusted roots (PEM) for the server's certificate, besides Node's own. */
	readonly ca?: string | undefined;
	/** Go on although the server's certificate is not trusted (testing only; reported). */
	readonly acceptUntrustedServer?: boolean;
	/** Sign the sample event as the platform does, with the hub secret. */
	readonly hub?: { readonly secret: string; readonly algorithm: SigningAlgorithm } | undefined;
	/** The event name the sample delivery carries. */
	readonly event?: string | undefined;
	/** Headers the integration sends with every delivery. */
	readonly headers?: Record<string, string> | undefined;
	/** Time-out of each step, in milliseconds; the platform's is 10 s. */
	readonly timeoutMs?: number;
	/** After a success, repeat the HEAD without a client certificate (on by default). */
	readonly checkEnforcement?: boolean;
	readonly signal?: AbortSignal | undefined;
}

/** A URL the test cannot use; raised before anything is sent. */
export class UnusableUrlError extends Error {}

/**
 * Tests a webhook receiver the way the platform uses it: DNS, TCP, TLS with our client
 * certificate, a HEAD that must answer 200, then a sample JSON event POSTed (and signed when a
 * hub secret is set), each step timed and every failure put in plain words. Redirects are never
 * followed, so the client certificate goes to no other host.
 */
export async function testConnection(options: ConnectionTestOptions): Promise<TestReport> {
	const url = checkedUrl(options.url);
	const timeoutMs = options.timeoutMs ?? 10_000;
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
	const client: ClientFacts = { offered: options.client !== undefined, ...options.client?.facts };
	const steps: TestStep[] = [];
	const warnings: string[] = [];
	const finish = (diagnosis: Diagnosis, extra: Partial<TestReport> = {}): TestReport => ({
		ok: diagnosis.code === 'ok',
		url: url.href,
		steps,
		diagnosis,
		warnings,
		...extra,
	});

	// DNS, on its own so that it is timed and a wrong name is told apart from a refusal.
	let address: LookupAddress;
	const family = isIP(host);
	if (family !== 0) {
		address = { address: host, family };
		steps.push(
			step('dns', true, 0, `${host} is an IP address: no lookup, and no server name sent`),
		);
	} else {
		const started = performance.now();
		try {
			address = await withTimeout(lookup(host), timeoutMs, options.signal);
			steps.push(step('dns', true, since(started), `${host} is ${address.address}`));
		} catch (error) {
			const timedOut = error instanceof TimeoutError;
			steps.push(step('dns', false, since(started), timedOut ? 'no answer' : 'no such host'));
			return finish(
				timedOut
					? timeout(`The name ${host} was not resolved within ${timeoutMs / 1000} s.`)
					: {
							code: 'host_not_found',
							message: `The name ${host} does not resolve to an address. Check the URL.`,
						},
			);
		}
	}
	const extra: { address: string; tls?: TlsFacts; http?: HttpFacts } = {
		address: address.address,
	};

	const session = new Session(url, {
		address,
		...(options.client ? { client: clientPem(options.client) } : {}),
		...(options.ca === undefined ? {} : { ca: options.ca }),
		acceptUntrustedServer: options.acceptUntrustedServer ?? false,
		timeoutMs,
		signal: options.signal,
	});
	try {
		// HEAD: the platform's own check of an endpoint, which must answer 200.
		const facts = () =>
			tlsFacts(session.connection, {
				clientIdentifier: options.client?.identifier,
				acceptUntrustedServer: options.acceptUntrustedServer ?? false,
			});
		let head: Reply;
		const headStarted = performance.now();
		try {
			head = await session.request('HEAD', undefined, options.headers);
		} catch (error) {
			const failure = connectionFailure(error, session, steps, client, 'head', headStarted);
			if (session.connection?.secured !== undefined) {
				extra.tls = facts();
			}
			return finish(failure, extra);
		}
		pushConnectionSteps(session.connection, steps, undefined);
		extra.tls = facts();
		if (extra.tls.acceptedUntrustedServer) {
			warnings.push(
				`The receiver's certificate is not trusted (${extra.tls.serverTrustProblem ?? ''}); ` +
					'the test went on only because this integration accepts an untrusted server ' +
					'certificate, which is for testing only.',
			);
		}
		steps.push(step('head', head.status === 200, head.ms, `HTTP ${head.status}`));
		extra.http = { status: head.status, headStatus: head.status };
		if (head.status !== 200) {
			return finish(await refusal(session, head, 'HEAD', client), extra);
		}

		// POST: a sample event, signed as the platform signs it.
		const body = sampleEvent(options.event);
		const headers: Record<string, string> = {
			...options.headers,
			'content-type': 'application/json',
		};
		if (options.hub) {
			headers[SIGNATURE_HEADER] = hubSignature(body, options.hub.secret, options.hub.algorithm);
		}
		let post: Reply;
		const postStarted = performance.now();
		try {
			post = await session.request('POST', body, headers);
		} catch (error) {
			return finish(connectionFailure(error, session, steps, client, 'post', postStarted), extra);
		}
		steps.push(step('post', post.status === 200, post.ms, `HTTP ${post.status}`));
		extra.http = {
			status: post.status,
			headStatus: head.status,
			postStatus: post.status,
			...(options.hub ? { signatureAlgorithm: options.hub.algorithm } : {}),
		};
		if (post.status !== 200) {
			return finish(await refusal(session, post, 'POST', client), extra);
		}
	} finally {
		await session.close();
	}

	if (!options.client) {
		return finish(
			{
				code: 'ok',
				message: 'The receiver answered HEAD and POST with 200 without any client certificate.',
			},
			extra,
		);
	}
	const enforced =
		(options.checkEnforcement ?? true)
			? await checkEnforcement(url, address, options, timeoutMs, steps)
			: undefined;
	if (enforced === false) {
		// Deliveries would arrive, but the certificate was never checked: not a mutual-TLS pass.
		return finish(
			{
				code: 'mtls_not_enforced',
				message:
					'The receiver answered HEAD and POST with 200, but it answered without a client ' +
					'certificate too: it does not require mutual TLS, so it never had to accept ours, ' +
					'and anyone can deliver to it. Ask its administrator to require client ' +
					'certificates (nginx: ssl_verify_client on).',
			},
			{ ...extra, mtlsEnforced: false },
		);
	}
	const message =
		enforced === true
			? 'The receiver accepted our client certificate, refuses requests without one, and ' +
				'answered HEAD and POST with 200.'
			: 'The receiver answered HEAD and POST with 200 with our client certificate offered. ' +
				'Whether it requires one was not checked.';
	return finish(
		{ code: 'ok', message },
		{ ...extra, ...(enforced === undefined ? {} : { mtlsEnforced: enforced }) },
	);
}

/** A report for a keystore that gives no client certificate: nothing to connect with. */
export function noClientKeyReport(url: string, reason: string): TestReport {
	return {
		ok: false,
		url,
		steps: [],
		warnings: [],
		diagnosis: { code: 'no_client_key', message: reason },
	};
}

function checkedUrl(text: string): URL {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UnusableUrlError(`"${text}" is not a URL.`);
	}
	if (url.username !== '' || url.password !== '') {
		throw new UnusableUrlError(
			'The URL carries a user name or password. Test does not send them, and reports would ' +
				'show them: remove them from the URL.',
		);
	}
	if (url.protocol !== 'https:') {
		throw new UnusableUrlError(
			`"${text}" is not an HTTPS URL: webhooks secured with mutual TLS use https://.`,
		);
	}
	return url;
}

function clientPem(client: ClientCertificate) {
	return {
		key: client.key,
		chainPem: client.chain.map((der) => new X509Certificate(der).toString()).join(''),
	};
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new TimeoutError()), ms);
		signal?.addEventListener('abort', () => reject(new TimeoutError()), { once: true });
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error instanceof Error ? error : new Error(String(error)));
			},
		);
	});
}
