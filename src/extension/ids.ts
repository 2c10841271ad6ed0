/**
 * Every identifier the extension contributes, written down once. They must match the
 * `contributes` section of package.json; an integration test checks that they do.
 */

/** Command identifiers. Handlers live in commands/, one file per command or family. */
export const enum CommandId {
	refresh = 'mtlsWebhooks.refresh',
	showLog = 'mtlsWebhooks.showLog',
	addIntegration = 'mtlsWebhooks.addIntegration',
	editIntegration = 'mtlsWebhooks.editIntegration',
	removeIntegration = 'mtlsWebhooks.removeIntegration',
	addCertificate = 'mtlsWebhooks.addCertificate',
	addNewCertificate = 'mtlsWebhooks.addNewCertificate',
	validateCertificate = 'mtlsWebhooks.validateCertificate',
	showCertificate = 'mtlsWebhooks.showCertificate',
	testConnection = 'mtlsWebhooks.testConnection',
	revealCertificate = 'mtlsWebhooks.revealCertificate',
	promoteNewCertificate = 'mtlsWebhooks.promoteNewCertificate',
	removeCertificate = 'mtlsWebhooks.removeCertificate',
	forgetPassword = 'mtlsWebhooks.forgetPassword',
	openKeystore = 'mtlsWebhooks.openKeystore',
	copyIdentifier = 'mtlsWebhooks.copyIdentifier',
	inspectKeystore = 'mtlsWebhooks.inspectKeystore',
	addToIntegration = 'mtlsWebhooks.addToIntegration',
}

/** View identifiers. */
export const enum ViewId {
	integrations = 'mtlsWebhooks.integrations',
}

/** Context keys, set with the setContext command. */
export const ContextKey = {
	/** boolean: some folder has a config file with at least one integration. */
	hasIntegrations: 'mtlsWebhooks:hasIntegrations',
	/** boolean: the first read of the config files is done. */
	loaded: 'mtlsWebhooks:loaded',
} as const;

/** The name of the log channel, shown in the Output panel. */
export const LOG_CHANNEL_NAME = 'mTLS Webhooks';

/** The URI scheme of the read-only keystore reports that Inspect Keystore opens. */
export const REPORT_SCHEME = 'mtls-webhooks-report';
