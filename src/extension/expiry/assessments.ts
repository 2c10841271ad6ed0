import * as vscode from 'vscode';
import {
	assessSlot,
	type SlotAssessment,
	type SlotReading,
} from '../../webhooks/certificateProblems';
import { SLOTS, slotPathLocation, type Slot } from '../../webhooks/config';
import type { CertificateStatuses, SlotStatus } from '../certificateStatus';
import type { ConfigStore, IntegrationRef } from '../configStore';
import type { ExpirySettings } from '../expirySettings';

/** One certificate slot of an integration, judged: what every expiry view shows. */
export interface Assessed extends SlotAssessment {
	readonly ref: IntegrationRef;
	readonly slot: Slot;
	readonly status: SlotStatus;
	/** The `path` value in the configuration file, where its Problems entries go. */
	readonly range: vscode.Range | undefined;
}

function readingOf(status: SlotStatus): SlotReading {
	switch (status.state) {
		case 'checking':
			return { kind: 'unknown' };
		case 'missing':
			return { kind: 'missing' };
		case 'needsPassword':
			return { kind: 'needsPassword' };
		case 'unreadable':
			return {
				kind: 'unreadable',
				code: status.error?.code ?? 'unknown',
				message: status.error?.message ?? 'it could not be read.',
			};
		default:
			return status.report ? { kind: 'read', report: status.report } : { kind: 'unknown' };
	}
}

/** Every configured certificate of the workspace, judged as of now. */
export function assessAll(
	store: ConfigStore,
	statuses: CertificateStatuses,
	settings: ExpirySettings,
): Assessed[] {
	const now = settings.clock.now();
	const thresholds = settings.thresholds;
	const assessed: Assessed[] = [];
	for (const ref of store.integrations) {
		const mtls = ref.integration.mtls;
		for (const slot of SLOTS) {
			const certificate = mtls?.[slot];
			const status = statuses.statusOf(ref, slot);
			if (!certificate || !status) {
				continue;
			}
			const at = slotPathLocation(ref.config.text, ref.integration.id, slot);
			const position = (offset: number) => positionOf(ref.config.text, offset);
			assessed.push({
				ref,
				slot,
				status,
				range: at && new vscode.Range(position(at.offset), position(at.offset + at.length)),
				...assessSlot(
					ref.integration.name,
					slot,
					certificate.path,
					readingOf(status),
					mtls?.new !== undefined,
					now,
					thresholds,
				),
			});
		}
	}
	return assessed;
}

/** The line and character of an offset in a text, as the editor counts them. */
function positionOf(text: string, offset: number): vscode.Position {
	const before = text.slice(0, offset);
	const line = before.split('\n').length - 1;
	return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}
