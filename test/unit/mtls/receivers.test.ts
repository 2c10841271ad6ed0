import * as assert from 'node:assert/strict';
import { startNginx, startOpensslServer, type Peer } from '../../peers';
import { run, expectDiagnosis, REFUSALS } from './helpers';

describe('connection test against nginx and openssl s_server', function () {
	this.timeout(20_000);

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

		it('fails nginx that does not ask for client certificates', async () => {
			const open = await startNginx({ verifyClient: 'off' });
			try {
				const report = await run(open.port, 'client.p12');
				expectDiagnosis(report, 'mtls_not_enforced');
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
