import * as assert from 'node:assert/strict';
import { startNginx, startNodeReceiver, startOpensslServer, type Peer } from '../../peers';
import {
	startAlertServer,
	startHttp2OnlyServer,
	startNotHttpServer,
} from '../../peers/misbehaving';
import { expectDiagnosis, run, stepNames } from './helpers';

describe('connection test against receivers that refuse for other reasons', function () {
	this.timeout(20_000);
	const peers: Peer[] = [];
	const started = <T extends Peer>(peer: T): T => (peers.push(peer), peer);
	afterEach(() => Promise.all(peers.splice(0).map((peer) => peer.close())));

	it('says a revoked client certificate is revoked (openssl s_server checking a CRL)', async () => {
		const server = started(await startOpensslServer(['-CRL', 'client-issuing.crl', '-crl_check']));
		const report = await run(server.port, 'client-revoked.p12');
		expectDiagnosis(
			report,
			'client_certificate_rejected',
			/alert 44 \(certificate revoked\).*revoked it/,
		);
		// The same server takes a certificate that is not revoked (s_server -www answers no HEAD).
		const good = await run(server.port, 'client.p12', { timeoutMs: 1000 });
		expectDiagnosis(good, 'timeout', /did not answer the HEAD/);
		assert.equal(stepNames(good), 'dns:ok tcp:ok tls:ok head:failed');
	});

	it('names the server name a receiver does not serve (alert 112), not our certificate', async () => {
		const server = started(
			await startOpensslServer(['-servername', 'other.example', '-servername_fatal',
				'-cert2', 'server.crt', '-key2', 'server.key']), // prettier-ignore
		);
		const report = await run(server.port, 'client.p12', {
			url: `https://localhost:${server.port}/hook`,
		});
		expectDiagnosis(report, 'handshake_failed', /alert 112 \(unrecognized name\).*host name/);
	});

	it('says an HTTP/2-only receiver speaks no protocol we offer (alert 120)', async () => {
		const server = started(await startHttp2OnlyServer());
		const report = await run(server.port, 'client.p12');
		expectDiagnosis(report, 'handshake_failed', /alert 120 \(no application protocol\).*HTTP\/2/);
	});

	it('reads a bad-certificate alert after the handshake as a rejection of our certificate', async () => {
		// s_server checks our certificate for a name it does not hold, and sends alert 42.
		const server = started(await startOpensslServer(['-verify_hostname', 'someone-else.example']));
		const report = await run(server.port, 'client.p12');
		expectDiagnosis(
			report,
			'client_certificate_rejected',
			/alert 42 \(bad certificate\): it rejected/,
		);
		assert.doesNotMatch(report.diagnosis.message, /none of its issuers/);
	});

	it('does not blame a valid certificate for alerts 45 and 43', async () => {
		// A receiver whose clock is in 2037 finds our certificate (valid till 2036) expired.
		const late = started(
			await startOpensslServer(['-attime', String(Date.parse('2037-01-01') / 1000)]),
		);
		expectDiagnosis(
			await run(late.port, 'client.p12'),
			'client_certificate_expired',
			/clock may be wrong/,
		);
		// One that checks client certificates for the server purpose refuses ours as unsuitable.
		const purpose = started(await startOpensslServer(['-purpose', 'sslserver']));
		expectDiagnosis(
			await run(purpose.port, 'client.p12'),
			'client_certificate_unsupported',
			/allow client authentication, so the receiver checks for another purpose/,
		);
	});

	it('hedges a refusal without a reason, and names revocation among the causes', async () => {
		// nginx answers its certificate-error page; the keystore holds the leaf alone.
		const nginx = started(await startNginx());
		const report = await run(nginx.port, 'client-leaf-only.p12');
		expectDiagnosis(report, 'unknown_ca', /Most likely .*none of its issuers.*revoked/);
	});

	it('blames the key or CA, not the cipher, when TLS 1.2 gets no certificate it can use', async () => {
		// The client key is EC P-256; this receiver accepts only RSA signatures from clients.
		const server = started(await startOpensslServer(['-tls1_2', '-client_sigalgs', 'RSA+SHA256']));
		const report = await run(server.port, 'client.p12');
		expectDiagnosis(
			report,
			'client_certificate_required',
			/alert 40 .*issued by CN=Client Issuing CA.*key \(EC P-256\)/,
		);
	});

	for (const [alert, code, words] of [
		// Sent at once, before any certificate of ours: not about it.
		[42, 'handshake_failed', /alert 42 \(bad certificate\) before it had seen any certificate/],
		[46, 'handshake_failed', /alert 46 \(certificate unknown\) before/],
		[47, 'handshake_failed', /alert 47 \(illegal parameter\)/],
		[51, 'handshake_failed', /alert 51 \(decrypt error\): .*signature/],
		[80, 'handshake_failed', /alert 80 \(internal error\)/],
		[49, 'access_denied', /alert 49 \(access denied\)/],
		[90, 'handshake_failed', /alert 90 \(user cancelled\): it cancelled/],
		[112, 'handshake_failed', /alert 112 \(unrecognized name\)/],
	] as const) {
		it(`reads alert ${alert} as ${code}`, async () => {
			const server = started(await startAlertServer(alert));
			// Its root is in the keystore: nothing says an issuer is missing.
			const report = await run(server.port, 'client-other-ca.p12');
			expectDiagnosis(report, code, words);
			assert.doesNotMatch(report.diagnosis.message, /none of its issuers/);
		});
	}

	it('tells a receiver that accepted our certificate but does not speak HTTP from a refusal', async () => {
		const server = started(await startNotHttpServer('SSH-2.0-OpenSSH_9.2\r\n'));
		const report = await run(server.port, 'client.p12');
		expectDiagnosis(report, 'bad_reply', /accepted the TLS connection.*not valid HTTP/);
		assert.equal(stepNames(report), 'dns:ok tcp:ok tls:ok head:failed');
		assert.deepEqual(server.verified, ['sender.example.com']);
	});

	it('says a POST that was hung up on got no reply, after a good HEAD', async () => {
		const receiver = started(await startNodeReceiver());
		const report = await run(receiver.port, 'client.p12', {
			url: `https://127.0.0.1:${receiver.port}/drop-post`,
		});
		expectDiagnosis(report, 'bad_reply', /closed the connection without answering the POST/);
		assert.equal(stepNames(report), 'dns:ok tcp:ok tls:ok head:ok post:failed');
	});

	it('explains HTTP 413 as a body limit', async () => {
		const nginx = started(await startNginx());
		const report = await run(nginx.port, 'client.p12', {
			url: `https://127.0.0.1:${nginx.port}/too-large`,
		});
		expectDiagnosis(report, 'http_status', /POST with HTTP 413: the body is larger/);
	});

	it('fails a receiver that answers without a client certificate too', async () => {
		const open = started(await startNginx({ verifyClient: 'off' }));
		const report = await run(open.port, 'client.p12');
		expectDiagnosis(report, 'mtls_not_enforced', /does not require mutual TLS/);
		assert.equal(report.mtlsEnforced, false);
		assert.match(stepNames(report), /post:ok without-certificate:failed$/);
	});

	it('says a server certificate made for clients is not meant for a server', async () => {
		const receiver = started(await startNodeReceiver({ server: 'server-client-eku' }));
		const report = await run(receiver.port, 'client.p12');
		expectDiagnosis(report, 'server_certificate_untrusted', /not meant for a TLS server/);
		assert.doesNotMatch(report.diagnosis.message, /caFile|INVALID_PURPOSE/);
	});
});
