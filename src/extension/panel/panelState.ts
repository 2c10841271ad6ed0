import * as vscode from 'vscode';
import type { KeystoreReport } from '../../keystore/model';
import type { TestReport } from '../../mtls/model';
import type {
	CertificateCard,
	Difference,
	PageReport,
	PanelKey,
	PanelSlot,
	PanelState,
} from '../../shared/protocol';
import type { SlotStatus } from '../certificateStatus';
import type { IntegrationRef } from '../configStore';
import { describe } from '../treeNodes';

/** The page's copy of a report: the same facts, without the certificates' DER encodings. */
export function pageReport(report: KeystoreReport): PageReport {
	return {
		...report,
		entries: report.entries.map((entry) => ({
			alias: entry.alias,
			kind: entry.kind,
			certificates: entry.certificates.map(({ derBase64: _der, ...facts }) => facts),
			...(entry.key ? { key: entry.key } : {}),
		})),
	};
}

export function card(
	slot: PanelSlot | null,
	file: string,
	status: SlotStatus | undefined,
	test: TestReport | 'running' | undefined,
): CertificateCard {
	const state = status?.state ?? 'checking';
	const needsPassword = state === 'needsPassword';
	return {
		slot,
		file,
		state,
		stateLabel: status ? describe(status) : vscode.l10n.t('checking…'),
		...(status?.daysLeft === undefined ? {} : { daysLeft: status.daysLeft }),
		...(status?.report ? { report: pageReport(status.report) } : {}),
		...(status?.error && !needsPassword ? { error: status.error } : {}),
		...(needsPassword
			? {
					notice: vscode.l10n.t(
						'No password is stored for this keystore yet: click Validate and give it.',
					),
				}
			: {}),
		...(test === undefined ? {} : { test }),
	};
}

/** The panel of an integration: its Active and New certificates, side by side. */
/** A Test of a certificate, kept with the Identifier it tested: a rotation makes it stale. */
export interface KeptTest {
	readonly identifier: string | undefined;
	readonly report: TestReport | 'running';
}

export function integrationState(
	key: PanelKey,
	ref: IntegrationRef,
	statusOf: (slot: PanelSlot) => SlotStatus | undefined,
	tests: ReadonlyMap<PanelSlot, KeptTest>,
): PanelState {
	const slots = (['active', 'new'] as const).filter((slot) => ref.integration.mtls?.[slot]);
	// Only a test of the certificate that is in the slot now belongs to it.
	const testOf = (slot: PanelSlot) => {
		const kept = tests.get(slot);
		return kept && kept.identifier === statusOf(slot)?.report?.identifier ? kept.report : undefined;
	};
	const cards = slots.map((slot) =>
		card(slot, ref.integration.mtls![slot]!.path, statusOf(slot), testOf(slot)),
	);
	const active = statusOf('active')?.report;
	const next = statusOf('new')?.report;
	const differences = active && next ? compare(active, next) : undefined;
	const readiness = next ? rotationReadiness(testOf('active'), testOf('new')) : undefined;
	return {
		key,
		title: ref.integration.name,
		integration: { name: ref.integration.name, url: ref.integration.url },
		cards,
		...(differences ? { differences } : {}),
		...(readiness ? { rotationReadiness: readiness } : {}),
	};
}

function leafOf(report: KeystoreReport) {
	return report.entries.find(
		(entry) => entry.kind === 'privateKey' && entry.alias === (report.alias ?? null),
	)?.certificates[0];
}

/** What changes when New replaces Active: the fields a receiver may check. */
function compare(active: KeystoreReport, next: KeystoreReport): Difference[] {
	const a = leafOf(active);
	const b = leafOf(next);
	if (!a || !b) {
		return [];
	}
	const key = (facts: typeof a) =>
		[facts.key.type, facts.key.bits, facts.key.curve].filter(Boolean).join(' ');
	const fields: [string, string, string][] = [
		[vscode.l10n.t('Subject'), a.subject, b.subject],
		[vscode.l10n.t('Issuer'), a.issuer, b.issuer],
		[vscode.l10n.t('Key'), key(a), key(b)],
		[
			vscode.l10n.t('Extended key usage'),
			a.extendedKeyUsage?.join(', ') ?? '',
			b.extendedKeyUsage?.join(', ') ?? '',
		],
		[vscode.l10n.t('Valid Till'), a.notAfter.slice(0, 10), b.notAfter.slice(0, 10)],
		[vscode.l10n.t('Identifier'), active.identifier ?? '', next.identifier ?? ''],
	];
	return fields
		.filter(([, before, after]) => before !== after)
		.map(([field, before, after]) => ({ field, active: before, new: after }));
}

/** After a Test of both: whether the receiver already accepts the New certificate. */
function rotationReadiness(
	active: TestReport | 'running' | undefined,
	next: TestReport | 'running' | undefined,
): string | undefined {
	if (typeof next !== 'object') {
		return undefined;
	}
	if (next.ok) {
		return vscode.l10n.t(
			'The receiver already accepts the New certificate: you can promote it to Active.',
		);
	}
	if (next.diagnosis.code === 'mtls_not_enforced') {
		return vscode.l10n.t(
			'The receiver does not require client certificates, so it accepts the New one as it accepts none: ask its administrator to require them, then test again.',
		);
	}
	const activeOk = typeof active === 'object' && active.ok;
	return activeOk
		? vscode.l10n.t(
				'The receiver accepts the Active certificate but not yet the New one ({0}): give its administrator the New chain (Download) before promoting it.',
				next.diagnosis.code,
			)
		: vscode.l10n.t(
				'The receiver does not accept the New certificate yet ({0}).',
				next.diagnosis.code,
			);
}
