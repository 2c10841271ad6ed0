/**
 * The messages between the certificate panel's host (src/extension/panel) and its page
 * (media/certificatePanel), defined once. Only public facts cross: certificates, findings and
 * test reports; never a private key or a password.
 */
import type { CertificateFacts, KeystoreReport } from '../keystore/model';
import type { TestReport } from '../mtls/model';

export type PanelSlot = 'active' | 'new';

/** Which panel: an integration's certificates, or one keystore file inspected on its own. */
export type PanelKey =
	| { readonly kind: 'integration'; readonly folder: string; readonly id: string }
	| { readonly kind: 'keystore'; readonly uri: string; readonly alias?: string };

/** A keystore report as the page gets it: the certificates' facts without their DER. */
export interface PageReport extends Omit<KeystoreReport, 'entries'> {
	readonly entries: {
		readonly alias: string | null;
		readonly kind: 'privateKey' | 'trustedCertificate';
		readonly certificates: CertificateFacts[];
		readonly key?: CertificateFacts['key'];
	}[];
}

/** One certificate the panel shows: an integration's slot, or the inspected file. */
export interface CertificateCard {
	/** The slot, or null for an inspected file. */
	readonly slot: PanelSlot | null;
	/** The keystore file, relative to its folder. */
	readonly file: string;
	/** valid, expiring, expired, notYetValid, invalid, needsPassword, missing, unreadable, checking */
	readonly state: string;
	/** The state in words, for the badge. */
	readonly stateLabel: string;
	readonly daysLeft?: number;
	readonly report?: PageReport;
	/** Why the keystore could not be read. */
	readonly error?: { readonly code: string; readonly message: string };
	/** Something to do before it can be shown, that is not an error (a password to give). */
	readonly notice?: string;
	/** The last Test of this certificate, or `running` while one runs. */
	readonly test?: TestReport | 'running';
}

/** A field that differs between the Active and the New certificate. */
export interface Difference {
	readonly field: string;
	readonly active: string;
	readonly new: string;
}

export interface PanelState {
	readonly key: PanelKey;
	readonly title: string;
	/** The integration's name and URL, when the panel is an integration's. */
	readonly integration?: { readonly name: string; readonly url: string };
	readonly cards: CertificateCard[];
	/** What changes with the rotation, when both Active and New can be read. */
	readonly differences?: Difference[];
	/** Whether the receiver already trusts the New certificate, after a Test of both. */
	readonly rotationReadiness?: string;
	/** Why there is nothing to show, when the integration cannot be read. */
	readonly notice?: string;
}

/** Host to page. */
export type HostMessage = { readonly type: 'state'; readonly state: PanelState };

export type PanelAction =
	'validate' | 'download' | 'test' | 'promote' | 'remove' | 'openKeystore' | 'copyIdentifier';

/** Page to host. */
export type PageMessage =
	| { readonly type: 'ready' }
	| { readonly type: 'action'; readonly action: PanelAction; readonly slot: PanelSlot | null }
	/** What the page shows after rendering, so that tests can read it. */
	| { readonly type: 'rendered'; readonly text: string };
