/** What the VS Code web workbench should load besides the workspace. */
export interface WorkbenchPayload {
	/** Folder of an extension to load in development mode. */
	readonly extensionDevelopmentPath?: string;
	/** Compiled module whose `run()` the extension host calls to run tests. */
	readonly extensionTestsPath?: string;
}

/**
 * The address that opens `folder` in the web workbench of the VS Code server at `serverUrl`.
 * Paths in the payload are on the server's disk, so they take the `vscode-remote` scheme with
 * the server's authority.
 */
export function workbenchUrl(serverUrl: string, folder: string, payload: WorkbenchPayload): string {
	const server = new URL(serverUrl);
	const remote = (path: string) => `vscode-remote://${server.host}${encodeURI(path)}`;
	const pairs: [string, string][] = [['skipWelcome', 'true']];
	if (payload.extensionDevelopmentPath !== undefined) {
		pairs.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
	}
	if (payload.extensionTestsPath !== undefined) {
		pairs.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
	}

	const url = new URL('/', server);
	url.searchParams.set('folder', folder);
	url.searchParams.set('payload', JSON.stringify(pairs));
	return url.toString();
}
