/**
 * Every identifier the extension contributes, written down once. They must match the
 * `contributes` section of package.json; an integration test checks that they do.
 */

/** Command identifiers, each with the handler that implements it. */
export const enum CommandId {
	/** {@link IntegrationsTreeProvider.refresh} */
	refresh = 'mtlsWebhooks.refresh',
	/** {@link Logger.show} */
	showLog = 'mtlsWebhooks.showLog',
}

/** View identifiers. */
export const enum ViewId {
	integrations = 'mtlsWebhooks.integrations',
}

/** The name of the log channel, shown in the Output panel. */
export const LOG_CHANNEL_NAME = 'mTLS Webhooks';
