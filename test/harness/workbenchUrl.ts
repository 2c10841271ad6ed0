/** What the VS Code web workbench should load besides the workspace. */
export interface WorkbenchPayload {
	/** Folder of an extension to load in development mode. */
	readonly extensionDevelopmentPath?: string;
	/** Compiled module whose `run()` the extension host calls to run tests. */
	readonly extensionTestsPath?: string;
}

/** What the workbench opens: a folder, or a multi-root workspace file. */
export type WorkbenchTarget = { readonly folder: string } | { readonly workspace: string };

/**
 * The address that opens a folder or workspace in the web workbench of the VS Code server at
 * `serverUrl`. Paths in the payload are on the server's disk, so they take the
 * `vscode-remote` scheme with the server's authority.
 */
export function workbenchUrl(
	serverUrl: string,
	target: WorkbenchTarget,
	payload: WorkbenchPayload,
): string {
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
	if ('folder' in target) {
		url.searchParams.set('folder', target.folder);
	} else {
		url.searchParams.set('workspace', target.workspace);
	}
	url.searchParams.set('payload', JSON.stringify(pairs));
	return url.toString();
}
