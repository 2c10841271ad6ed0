import type * as vscode from 'vscode';
import type { CertificateStatuses } from './certificateStatus';
import type { ConfigEditor } from './configEditor';
import type { ConfigStore } from './configStore';
import type { IntegrationsTreeProvider } from './integrationsTreeProvider';
import type { ExpiryViews } from './expiry/expiryViews';
import type { ExpirySettings } from './expirySettings';
import type { Logger } from './logger';
import type { CertificatePanels } from './panel/certificatePanels';
import type { Prompter } from './prompter';
import type { ReportDocuments } from './reportDocuments';
import type { SecretStore } from './secretStore';
import type { IntegrationsNode } from './treeNodes';

/** What the commands work with, made once in extension.ts. */
export interface Services {
	readonly store: ConfigStore;
	readonly statuses: CertificateStatuses;
	readonly secrets: SecretStore;
	readonly editor: ConfigEditor;
	readonly reports: ReportDocuments;
	readonly logger: Logger;
	readonly tree: IntegrationsTreeProvider;
	readonly view: vscode.TreeView<IntegrationsNode>;
	readonly panels: CertificatePanels;
	/** The expiry thresholds and the clock; tests set the clock. */
	readonly expiry: ExpirySettings;
	/** Problems entries, decorations, status bar and notifications about expiry. */
	expiryViews: ExpiryViews | undefined;
	/** Asks the user; replaced by scripted answers in integration tests. */
	prompter: Prompter;
}
