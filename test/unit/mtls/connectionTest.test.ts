import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openKeystore } from '../../../src/keystore/inspect';
import { clientCertificateOf } from '../../../src/mtls/client';
import {
	testConnection,
	type ClientCertificate,
	type ConnectionTestOptions,
} from '../../../src/mtls/connectionTest';
import type { DiagnosisCode, TestReport } from '../../../src/mtls/model';
import {
	PASSWORD,
	PKI,
	freePort,
	startNginx,
	startNodeReceiver,
	startOpensslServer,
	startSilentServer,
	type Peer,
} from '../../peers';

const SERVER_CA = readFileSync(join(PKI, 'server-ca.pem'), 'utf8');

async function client(file: string): Promise<ClientCertificate> {
	const opened = await openKeystore(readFileSync(join(PKI, file)), {
		fileName: file,
		password: PASSWORD,
	});
	const certificate = clientCertificateOf(opened);
	assert.ok(certificate, `${file} has a client certificate`);
	return certificate;
}

/** openssl's SHA-256 fingerprint of the client certificate in a PKCS#12 file. */
function opensslIdentifier(file: string): string {
	const pem = execFileSync('openssl', ['pkcs12', '-in', join(PKI, file), '-passin',
		`pass:${PASSWORD}`, '-clcerts', '-nokeys']); // prettier-ignore
	return execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem })
		.toString()
		.trim()
		.replace('sha256 Fingerprint=', '');
}

async function run(
	port: number,
	keystore: string | undefined,
	options: Partial<ConnectionTestOptions> = {},
): Promise<TestReport> {
	return testConnection({
		url: `https://127.0.0.1:${port}/hook`,
		client: keystore === undefined ? undefined : await client(keystore),
		ca: SERVER_CA,
		timeoutMs: 5000,
		...options,
	});
}

function expectDiagnosis(report: TestReport, code: DiagnosisCode, words?: RegExp): void {
	assert.equal(report.diagnosis.code, code, JSON.stringify(report, null, 2));
	assert.equal(report.ok, code === 'ok');
	if (words) {
		assert.match(report.diagnosis.message, words);
	}
}

function stepNames(report: TestReport): string {
	return report.steps.map((step) => `${step.name}:${step.ok ? 'ok' : 'failed'}`).join(' ');
}

/** The client-certificate failures every receiver must be told apart, by keystore. */
const REFUSALS: [string, string | undefined, DiagnosisCode, RegExp][] = [
	['no client certificate', undefined, 'client_certificate_required', /none was sent/],
	['a client certificate from an untrusted CA', 'client-other-ca.p12', 'unknown_ca', /trust/],
	['an expired client certificate', 'client-expired.p12', 'client_certificate_expired', /New/],
	['a missing intermediate', 'client-leaf-only.p12', 'unknown_ca', /intermediate/],
	['a certificate without clientAuth', 'client-server-eku.p12', 'client_certificate_unsupported',
		/clientAuth/], // prettier-ignore
];

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

		it('warns when the receiver does not require a client certificate', async () => {
			const peer = await start('server', false);
			const report = await run(peer.port, 'client.p12');
			expectDiagnosis(report, 'ok', /does not require a client certificate/);
			assert.equal(report.mtlsEnforced, false);
			assert.match(report.warnings.join('\n'), /does not require mutual TLS/);

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

	describe('against nginx with ssl_verify_client on', () => {
		let nginx: Peer;
		before(async () => (nginx = await startNginx()));
		after(() => nginx.close());

		it('succeeds', async () => {
			const report = await run(nginx.port, 'client.p12');
			expectDiagnosis(report, 'ok');
			assert.equal(report.mtlsEnforced, true);
		});

		for (const [what, keystore, code, words] of REFUSALS) {
			it(`diagnoses ${what}`, async () => {
				expectDiagnosis(await run(nginx.port, keystore), code, words);
			});
		}

		it('reads HEAD 405 and 404', async () => {
			const noHead = await run(nginx.port, 'client.p12', {
				url: `https://127.0.0.1:${nginx.port}/no-head`,
			});
			expectDiagnosis(noHead, 'http_status', /HTTP 405/);
			const missing = await run(nginx.port, 'client.p12', {
				url: `https://127.0.0.1:${nginx.port}/nowhere`,
			});
			expectDiagnosis(missing, 'http_status', /HTTP 404/);
		});

		it('warns when nginx does not ask for client certificates', async () => {
			const open = await startNginx({ verifyClient: 'off' });
			try {
				const report = await run(open.port, 'client.p12');
				expectDiagnosis(report, 'ok');
				assert.equal(report.mtlsEnforced, false);
			} finally {
				await open.close();
			}
		});
	});

	it('reads a handshake failure after a certificate was offered as no common cipher', async () => {
		const server = await startOpensslServer(['-tls1_2', '-cipher', 'CAMELLIA256-SHA']);
		try {
			expectDiagnosis(await run(server.port, 'client.p12'), 'protocol_version', /cipher/);
		} finally {
			await server.close();
		}
	});

	describe('against openssl s_server -Verify', () => {
		let server: Peer;
		before(async () => (server = await startOpensslServer()));
		after(() => server.close());

		for (const [what, keystore, code, words] of REFUSALS) {
			it(`diagnoses ${what} from the TLS alert`, async () => {
				const report = await run(server.port, keystore);
				expectDiagnosis(report, code, words);
				assert.match(report.steps.at(-1)?.detail ?? '', /^alert (116|48|45|43) /);
			});
		}
	});
});
