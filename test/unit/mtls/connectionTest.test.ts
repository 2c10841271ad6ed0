import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { freePort, startNodeReceiver, startSilentServer, type Peer } from '../../peers';
import { opensslIdentifier, run, expectDiagnosis, stepNames, REFUSALS } from './helpers';

describe('connection test', function () {
	this.timeout(20_000);

	describe('against Node https with requestCert', () => {
		let receiver: Awaited<ReturnType<typeof startNodeReceiver>>;
		before(async () => (receiver = await startNodeReceiver({ hubSecret: 's3cret' })));
		after(() => receiver.close());

		it('succeeds, reports every step, and POSTs a signed sample event', async () => {
			const report = await run(receiver.port, 'client.p12', {
				url: `https://127.0.0.1:${receiver.port}/signed`,
				hub: { secret: 's3cret', algorithm: 'sha256' },
			});
			expectDiagnosis(report, 'ok');
			assert.equal(
				stepNames(report),
				'dns:ok tcp:ok tls:ok head:ok post:ok without-certificate:ok',
			);
			assert.equal(report.address, '127.0.0.1');
			assert.equal(report.tls?.version, 'TLSv1.3');
			assert.equal(report.tls?.clientCertificate, opensslIdentifier('client.p12'));
			assert.equal(report.tls?.serverTrusted, true);
			assert.deepEqual(
				report.tls?.serverChain.map((certificate) => certificate.subject),
				// The server sends its leaf; Node adds the root it trusts.
				['CN=localhost, O=mTLS Webhooks Tests', 'CN=Server Root CA, O=mTLS Webhooks Tests'],
			);
			assert.equal(report.http?.status, 200);
			assert.equal(report.mtlsEnforced, true);
			const post = receiver.deliveries.find((delivery) => delivery.method === 'POST');
			assert.ok(post?.clientCertificate);
			assert.equal(
				post.headers['x-hub-signature'],
				createHmac('sha256', 's3cret').update(post.body).digest('hex'),
			);
			assert.equal(post.headers['content-type'], 'application/json');
			assert.equal((JSON.parse(post.body) as { test: boolean }).test, true);
		});

		it("signs with SHA-512 too, and a wrong secret gets the receiver's 401", async () => {
			const url = `https://127.0.0.1:${receiver.port}/signed`;
			const good = await run(receiver.port, 'client.p12', {
				url,
				hub: { secret: 's3cret', algorithm: 'sha512' },
				checkEnforcement: false,
			});
			expectDiagnosis(good, 'ok');
			const bad = await run(receiver.port, 'client.p12', {
				url,
				hub: { secret: 'wrong', algorithm: 'sha256' },
			});
			expectDiagnosis(bad, 'http_status', /POST with HTTP 401/);
		});

		for (const [what, keystore, code, words] of REFUSALS) {
			it(`diagnoses ${what}`, async () => {
				const report = await run(receiver.port, keystore);
				expectDiagnosis(report, code, words);
				assert.match(stepNames(report), /tls:failed$/);
			});
		}

		it('reads HEAD 405 and 404 as replies the platform refuses', async () => {
			const noHead = await run(receiver.port, 'client.p12', {
				url: `https://127.0.0.1:${receiver.port}/no-head`,
			});
			expectDiagnosis(noHead, 'http_status', /HEAD with HTTP 405.*must answer 200/);
			const missing = await run(receiver.port, 'client.p12', {
				url: `https://127.0.0.1:${receiver.port}/nowhere`,
			});
			expectDiagnosis(missing, 'http_status', /HTTP 404.*not retry/);
		});

		it('looks up a host name, and sends the name the certificate is for', async () => {
			const report = await run(receiver.port, 'client.p12', {
				url: `https://localhost:${receiver.port}/hook`,
			});
			expectDiagnosis(report, 'ok');
			assert.match(report.steps[0]?.detail ?? '', /localhost is (127\.0\.0\.1|::1)/);
		});
	});

	describe('server side problems', () => {
		const peers: Peer[] = [];
		after(() => Promise.all(peers.map((peer) => peer.close())));
		const start = async (server: string, require = true) => {
			const peer = await startNodeReceiver({ server, requireClientCertificate: require });
			peers.push(peer);
			return peer;
		};

		it('fails a receiver that does not require a client certificate, unless not asked to check', async () => {
			const peer = await start('server', false);
			const report = await run(peer.port, 'client.p12');
			expectDiagnosis(report, 'mtls_not_enforced', /does not require mutual TLS/);
			assert.equal(report.mtlsEnforced, false);

			const unchecked = await run(peer.port, 'client.p12', { checkEnforcement: false });
			expectDiagnosis(unchecked, 'ok', /Whether it requires one was not checked/);
			assert.equal(unchecked.mtlsEnforced, undefined);
		});

		it('does not count a receiver that is slow without a certificate as one that requires it', async () => {
			const peer = await startNodeReceiver({ hangWithoutCertificate: true });
			peers.push(peer);
			const report = await run(peer.port, 'client.p12', { timeoutMs: 500 });
			expectDiagnosis(report, 'ok', /was not checked/);
			assert.equal(report.mtlsEnforced, undefined);
			assert.match(report.steps.at(-1)?.detail ?? '', /^could not tell/);
		});

		it('does not count a server error without a certificate as requiring one', async () => {
			const peer = await startNodeReceiver({ failWithoutCertificate: true });
			peers.push(peer);
			const report = await run(peer.port, 'client.p12');
			expectDiagnosis(report, 'ok', /was not checked/);
			assert.equal(report.mtlsEnforced, undefined);
			assert.match(report.steps.at(-1)?.detail ?? '', /^could not tell: .*HTTP 500/);
		});

		it('refuses an untrusted server certificate, unless told to accept it', async () => {
			const peer = await start('server');
			const refused = await run(peer.port, 'client.p12', { ca: undefined });
			expectDiagnosis(refused, 'server_certificate_untrusted', /caFile/);
			assert.equal(stepNames(refused), 'dns:ok tcp:ok tls:failed');

			const accepted = await run(peer.port, 'client.p12', {
				ca: undefined,
				acceptUntrustedServer: true,
			});
			expectDiagnosis(accepted, 'ok');
			assert.equal(accepted.tls?.acceptedUntrustedServer, true);
			assert.match(accepted.warnings.join('\n'), /for testing only/);
		});

		it('refuses an expired server certificate', async () => {
			const peer = await start('server-expired');
			expectDiagnosis(
				await run(peer.port, 'client.p12'),
				'server_certificate_expired',
				/expired on 2021-01-01/,
			);
		});

		it('refuses a certificate for another name', async () => {
			const peer = await start('server-wrong-name');
			expectDiagnosis(
				await run(peer.port, 'client.p12'),
				'hostname_mismatch',
				/not for 127\.0\.0\.1 \(it is for wrong\.example\.com\)/,
			);
		});

		it('tells a refused connection, a silent receiver and an unknown host apart', async () => {
			expectDiagnosis(await run(await freePort(), 'client.p12'), 'connection_refused');

			const silent = await startSilentServer();
			peers.push(silent);
			const hung = await run(silent.port, 'client.p12', { timeoutMs: 300 });
			expectDiagnosis(hung, 'timeout', /did not complete the TLS handshake/);
			assert.ok((hung.steps.at(-1)?.ms ?? 0) >= 250, 'the failed step shows the time it waited');

			const unknown = await run(443, 'client.p12', {
				url: 'https://does-not-exist.invalid/hook',
			});
			expectDiagnosis(unknown, 'host_not_found');
			assert.equal(stepNames(unknown), 'dns:failed');
		});
	});
});
