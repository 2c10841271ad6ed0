import * as vscode from 'vscode';
import { caFileProblem } from '../mtls/caFile';
import { clientCertificateOf, noClientReason } from '../mtls/client';
import { noClientKeyReport, testConnection } from '../mtls/connectionTest';
import type { TestReport } from '../mtls/model';
import type { Slot } from '../webhooks/config';
import { keystoreUri } from './certificateStatus';
import { openInteractively } from './commands/keystoreDialog';
import { storeTypedPasswords } from './commands/results';
import type { IntegrationRef } from './configStore';
import type { Services } from './services';

/**
 * Tests one certificate of an integration against its receiver: opens the keystore with the
 * stored passwords (asking when there are none), takes the hub secret from SecretStorage, and
 * runs the connection test with the key in memory. Resolves with the report and the Identifier
 * of the certificate tested, or undefined when the user cancelled.
 */
export async function testSlot(
	services: Services,
	ref: IntegrationRef,
	slot: Slot,
	signal: AbortSignal,
): Promise<{ report: TestReport; identifier: string | undefined } | undefined> {
	const certificate = ref.integration.mtls?.[slot];
	if (!certificate) {
		return undefined;
	}
	const title = vscode.l10n.t('Test {0}', ref.integration.name);
	const keystore = keystoreUri(ref, certificate);
	const opened = await openInteractively(services, keystore, certificate.path, {
		alias: certificate.alias,
		askPassword: false,
		title,
	});
	if (!opened) {
		return undefined;
	}
	await storeTypedPasswords(services, keystore, opened);
	const client = clientCertificateOf(opened.opened);
	const { integration } = ref;
	if (!client) {
		return {
			report: noClientKeyReport(integration.url, noClientReason(opened.opened, certificate.path)),
			identifier: opened.opened.report.identifier,
		};
	}

	let hub: { secret: string; algorithm: 'sha256' | 'sha512' | 'sha1' } | undefined;
	if (integration.hubSignature?.enabled) {
		const scope = {
			kind: 'hubSecret',
			folder: ref.config.folder.uri,
			integrationId: integration.id,
		} as const;
		let secret = await services.secrets.get(scope);
		if (secret === undefined) {
			secret = await services.prompter.input({
				title,
				prompt: vscode.l10n.t('Hub secret of "{0}", to sign the test event', integration.name),
				password: true,
				ignoreFocusOut: true,
			});
			if (secret === undefined) {
				return undefined;
			}
			await services.secrets.store(scope, secret);
		}
		hub = { secret, algorithm: integration.hubSignature.algorithm ?? 'sha256' };
	}

	const caFile = integration.serverTrust?.caFile;
	let ca: string | undefined;
	if (caFile !== undefined) {
		const uri = vscode.Uri.joinPath(ref.config.folder.uri, caFile);
		try {
			ca = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
		} catch {
			ca = undefined;
		}
		const problem =
			ca === undefined
				? vscode.l10n.t('The CA file {0} cannot be read.', caFile)
				: caFileProblem(ca, caFile);
		if (problem !== undefined) {
			void vscode.window.showErrorMessage(
				vscode.l10n.t(
					'{0} Fix "serverTrust.caFile" of "{1}" in the configuration file.',
					problem,
					integration.name,
				),
			);
			return undefined;
		}
	}

	const log = services.logger.forComponent('test');
	log.info(`testing ${integration.url} with ${certificate.path} (${client.identifier})`);
	const report = await testConnection({
		url: integration.url,
		client,
		ca,
		acceptUntrustedServer: integration.serverTrust?.acceptUntrusted ?? false,
		hub,
		event: integration.events?.[0],
		headers: integration.headers,
		timeoutMs: (integration.timeoutSeconds ?? 10) * 1000,
		signal,
	});
	const timings = report.steps.map((step) => `${step.name} ${step.ms} ms`).join(', ');
	log.info(`${integration.url}: ${report.diagnosis.code} (${timings})`);
	return { report, identifier: client.identifier };
}
