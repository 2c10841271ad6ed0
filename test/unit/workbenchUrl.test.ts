import * as assert from 'node:assert/strict';
import { workbenchUrl } from '../harness/workbenchUrl';

describe('workbenchUrl', () => {
	it('opens the folder and loads the extension and tests from the server disk', () => {
		const url = new URL(
			workbenchUrl(
				'http://127.0.0.1:4000/',
				{ folder: '/tmp/work space' },
				{
					extensionDevelopmentPath: '/repo',
					extensionTestsPath: '/repo/out/test/integration/index.js',
				},
			),
		);

		assert.equal(url.origin, 'http://127.0.0.1:4000');
		assert.equal(url.searchParams.get('folder'), '/tmp/work space');
		assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [
			['skipWelcome', 'true'],
			['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4000/repo'],
			['extensionTestsPath', 'vscode-remote://127.0.0.1:4000/repo/out/test/integration/index.js'],
		]);
	});

	it('leaves out what the caller does not load', () => {
		const url = new URL(
			workbenchUrl('http://localhost:5000/', { workspace: '/w/x.code-workspace' }, {}),
		);

		assert.equal(url.searchParams.get('workspace'), '/w/x.code-workspace');
		assert.equal(url.searchParams.get('folder'), null);

		assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [['skipWelcome', 'true']]);
	});
});
