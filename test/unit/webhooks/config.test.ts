import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../src/webhooks/config';

describe('reading the config file', () => {
	it('reads integrations from JSON with comments and trailing commas', () => {
		const parsed = parseConfig(`{
			// comment
			"integrations": [
				{ "id": "a", "name": "A", "url": "https://a.example/h", "events": ["x"], },
			],
		}`);

		assert.deepEqual(parsed.syntaxErrors, []);
		assert.deepEqual(parsed.problems, []);
		assert.deepEqual(parsed.integrations, [
			{ id: 'a', name: 'A', url: 'https://a.example/h', events: ['x'] },
		]);
	});

	it('gives only syntax errors, with their place, for a file that does not parse', () => {
		const text = '{ "integrations": [ }';
		const parsed = parseConfig(text);

		assert.deepEqual(parsed.integrations, []);
		assert.equal(parsed.syntaxErrors[0]?.offset, text.indexOf('}'));
		assert.match(
			parsed.syntaxErrors[0]?.message ?? '',
			/not valid JSON with comments: value expected/,
		);
	});

	it('leaves out integrations that break the schema, saying which field and why', () => {
		const text = `{ "integrations": [
			{ "id": "ok", "name": "OK", "url": "https://ok.example/h" },
			{ "id": "bad", "name": "Bad", "url": "http://bad.example/h",
			  "mtls": { "active": { "path": "c.p12", "format": "pem" } } }
		] }`;
		const parsed = parseConfig(text);

		assert.deepEqual(
			parsed.integrations.map((i) => i.id),
			['ok'],
		);
		const messages = parsed.problems.map((problem) => problem.message);
		assert.deepEqual(messages, [
			'Integration 2 ("Bad"): "url" does not fit: use an https:// URL: mutual TLS needs HTTPS.',
			'Integration 2 ("Bad"): "mtls.active.format" should be one of "p12", "jks".',
		]);
		assert.equal(
			text.slice(parsed.problems[0]!.offset, parsed.problems[0]!.offset + 22),
			'"http://bad.example/h"',
		);
	});

	it('reports a second integration with the same id', () => {
		const parsed = parseConfig(`{ "integrations": [
			{ "id": "a", "name": "A", "url": "https://a.example/h" },
			{ "id": "a", "name": "B", "url": "https://b.example/h" }
		] }`);

		assert.equal(parsed.integrations.length, 1);
		assert.match(parsed.problems[0]?.message ?? '', /the id "a" is used twice/);
	});

	it('says what shape the file should have when it has another', () => {
		const parsed = parseConfig('[]');

		assert.match(parsed.problems[0]?.message ?? '', /an object with an "integrations" list/);
	});
});
