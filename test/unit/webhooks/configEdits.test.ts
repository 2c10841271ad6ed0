import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../src/webhooks/config';
import {
	addIntegration,
	ConfigEditError,
	formattingOf,
	minimalEdit,
	newConfigText,
	promoteNew,
	recordValidation,
	removeIntegration,
	setCertificate,
} from '../../../src/webhooks/configEdits';

/** A file as a team might keep it: two-space indentation, comments in and between values. */
const USER_FILE = `{
  // Team config: reviewed in git.
  "integrations": [
    {
      "id": "orders", // do not rename
      "name": "Orders",
      "url": "https://hooks.example.com/orders"
    }
  ]
}
`;

describe('config edits', () => {
	it('keeps comments and indentation through a whole rotation', () => {
		let text = addIntegration(USER_FILE, {
			id: 'refunds',
			name: 'Refunds',
			url: 'https://hooks.example.com/refunds',
		});
		text = setCertificate(text, 'orders', 'active', { path: 'certs/orders.p12', format: 'p12' });
		text = recordValidation(text, 'orders', 'active', {
			identifier: 'AB:CD',
			validTill: '2027-03-01T00:00:00.000Z',
		});
		text = setCertificate(text, 'orders', 'new', { path: 'certs/orders-2027.p12', format: 'p12' });
		text = promoteNew(text, 'orders');
		text = removeIntegration(text, 'refunds');

		assert.equal(
			text,
			`{
  // Team config: reviewed in git.
  "integrations": [
    {
      "id": "orders", // do not rename
      "name": "Orders",
      "url": "https://hooks.example.com/orders",
      "mtls": {
        "enabled": true,
        "active": {
          "path": "certs/orders-2027.p12",
          "format": "p12"
        }
      }
    }
  ]
}
`,
		);
	});

	it('keeps a comment that ends the line of the last value on that line', () => {
		const text =
			'{\n  "integrations": [\n    {\n      "id": "a",\n      "name": "A",\n      "url": "https://a.example" // prod\n    }\n  ]\n}\n';

		const changed = setCertificate(text, 'a', 'active', { path: 'c.p12', format: 'p12' });

		assert.match(changed, /"url": "https:\/\/a\.example", \/\/ prod\n {6}"mtls": \{/);
		assert.deepEqual(parseConfig(changed).syntaxErrors, []);
	});

	it('writes into a new file with tabs, the project default', () => {
		const text = addIntegration(newConfigText(), {
			id: 'a',
			name: 'A',
			url: 'https://a.example/hook',
		});

		assert.match(text, /^\t\/\/ Outbound webhook integrations/m);
		assert.match(text, /\t"integrations": \[\n\t\t\{\n\t\t\t"id": "a",/);
		assert.deepEqual(
			parseConfig(text).integrations.map((i) => i.id),
			['a'],
		);
	});

	it('reads the indentation and line ends the file uses', () => {
		assert.deepEqual(formattingOf('{\r\n    "a": 1\r\n}'), {
			insertSpaces: true,
			tabSize: 4,
			eol: '\r\n',
		});
		assert.deepEqual(formattingOf('{}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
	});

	it('refuses to change an integration that is no longer in the file', () => {
		assert.throws(() => removeIntegration(USER_FILE, 'gone'), ConfigEditError);
		assert.throws(() => promoteNew(USER_FILE, 'orders'), /no New certificate/);
		assert.throws(
			() => recordValidation(USER_FILE, 'orders', 'active', { identifier: 'A', validTill: 'B' }),
			/no active certificate/,
		);
	});

	it('turns two texts into the one replacement between them', () => {
		assert.deepEqual(minimalEdit('abcdef', 'abXYef'), { offset: 2, length: 2, content: 'XY' });
		assert.deepEqual(minimalEdit('same', 'same'), { offset: 4, length: 0, content: '' });
		assert.deepEqual(minimalEdit('aaa', 'aaaa'), { offset: 3, length: 0, content: 'a' });
	});
});
