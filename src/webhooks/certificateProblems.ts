import type { Finding, KeystoreReport } from '../keystore/model';
import type { Slot } from './config';
import { daysInWords, expiryOf, type Expiry, type ExpiryThresholds } from './expiry';

/** Every code a Problems entry on the configuration file can have. */
export const PROBLEM_CODES = [
	'expired',
	'expiring_critical',
	'expiring_soon',
	'not_yet_valid',
	'plan_rotation',
	'keystore_missing',
	'password_not_stored',
	'keystore_unreadable',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number] | Finding['code'];

export interface CertificateProblem {
	readonly code: ProblemCode;
	readonly severity: 'error' | 'warning' | 'info';
	readonly message: string;
}

/** What is known of one certificate slot: read, or why not. */
export type SlotReading =
	| { readonly kind: 'read'; readonly report: KeystoreReport }
	| { readonly kind: 'missing' }
	| { readonly kind: 'needsPassword' }
	| { readonly kind: 'unreadable'; readonly code: string; readonly message: string }
	| { readonly kind: 'unknown' };

export interface SlotAssessment {
	readonly expiry?: Expiry;
	readonly validTill?: string;
	readonly problems: CertificateProblem[];
}

/** The client certificate of a report: the leaf of the private-key entry in use. */
export function leafOf(report: KeystoreReport) {
	return report.entries.find(
		(entry) => entry.kind === 'privateKey' && entry.alias === (report.alias ?? null),
	)?.certificates[0];
}

/** Date findings that the expiry rule below replaces, with the user's thresholds. */
const DATE_FINDINGS = new Set<string>(['expired', 'not_yet_valid', 'expiring_soon']);

/**
 * The problems of one certificate of an integration, for the Problems panel: its expiry against
 * the thresholds, a rotation to plan, what keeps it from being read, and what the keystore check
 * found. `hasNew` says whether the integration has a New certificate already.
 */
export function assessSlot(
	name: string,
	slot: Slot,
	path: string,
	reading: SlotReading,
	hasNew: boolean,
	now: Date,
	thresholds: ExpiryThresholds,
): SlotAssessment {
	const which = `${name}: the ${slot === 'active' ? 'Active' : 'New'} certificate (${path})`;
	switch (reading.kind) {
		case 'unknown':
			return { problems: [] };
		case 'missing':
			return {
				problems: [
					{
						code: 'keystore_missing',
						severity: 'error',
						message: `${which} is not there: the file does not exist. Fix the path, or add the file.`,
					},
				],
			};
		case 'needsPassword':
			return {
				problems: [
					{
						code: 'password_not_stored',
						severity: 'warning',
						message: `${which} cannot be checked: no password is stored for it. Validate it and give its password.`,
					},
				],
			};
		case 'unreadable':
			return {
				problems: [
					{
						code: 'keystore_unreadable',
						severity: 'error',
						message: `${which} cannot be read: ${reading.message} [${reading.code}]`,
					},
				],
			};
		case 'read':
			return assessReport(which, slot, reading.report, hasNew, now, thresholds);
	}
}

function assessReport(
	which: string,
	slot: Slot,
	report: KeystoreReport,
	hasNew: boolean,
	now: Date,
	thresholds: ExpiryThresholds,
): SlotAssessment {
	const problems: CertificateProblem[] = [];
	const leaf = leafOf(report);
	let expiry: Expiry | undefined;
	if (leaf) {
		expiry = expiryOf(leaf.notBefore, leaf.notAfter, now, thresholds);
		const till = leaf.notAfter.slice(0, 10);
		const days = daysInWords(expiry.daysLeft);
		switch (expiry.level) {
			case 'expired':
				problems.push({
					code: 'expired',
					severity: 'error',
					message: `${which} expired on ${till}, ${days}. Deliveries with it fail: add a New certificate and promote it.`,
				});
				break;
			case 'notYetValid':
				problems.push({
					code: 'not_yet_valid',
					severity: 'error',
					message: `${which} is not valid before ${leaf.notBefore.slice(0, 10)}; receivers reject it until then.`,
				});
				break;
			case 'error':
				problems.push({
					code: 'expiring_critical',
					severity: 'error',
					message: `${which} expires on ${till}, in ${days}.`,
				});
				break;
			case 'warning':
				problems.push({
					code: 'expiring_soon',
					severity: 'warning',
					message: `${which} expires on ${till}, in ${days}.`,
				});
				break;
			case 'ok':
				break;
		}
		const soon = expiry.level === 'error' || expiry.level === 'warning';
		if (slot === 'active' && soon && !hasNew) {
			problems.push({
				code: 'plan_rotation',
				severity: 'warning',
				message: `${which} has no successor yet: plan the rotation. Add a New certificate and give the receiver its chain before ${till}.`,
			});
		}
	}
	const ownDates = expiry?.level === 'expired' || expiry?.level === 'notYetValid';
	for (const finding of report.findings) {
		if (finding.severity === 'info' || finding.code === 'expiring_soon') {
			continue;
		}
		if (ownDates && DATE_FINDINGS.has(finding.code)) {
			continue;
		}
		problems.push({
			code: finding.code,
			severity: finding.severity,
			message: `${which}: ${finding.message}`,
		});
	}
	return { ...(expiry ? { expiry, validTill: leaf!.notAfter } : {}), problems };
}
