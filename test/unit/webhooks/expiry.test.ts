import * as assert from 'node:assert/strict';
import { daysInWords, expiryOf, normalizeThresholds } from '../../../src/webhooks/expiry';

const thresholds = { warningDays: 30, errorDays: 7 };
const notAfter = '2036-01-01T00:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('expiry', () => {
	it('counts whole days left and sets the level by the thresholds', () => {
		const cases: [string, string, number][] = [
			['2035-11-01T00:00:00Z', 'ok', 61],
			['2035-12-02T00:00:00Z', 'ok', 30],
			['2035-12-02T00:00:01Z', 'warning', 29],
			['2035-12-25T00:00:00Z', 'warning', 7],
			['2035-12-25T00:00:01Z', 'error', 6],
			['2035-12-31T23:59:59Z', 'error', 0],
			['2036-01-01T00:00:00Z', 'expired', 0],
			['2036-01-03T12:00:00Z', 'expired', -3],
		];
		for (const [now, level, daysLeft] of cases) {
			assert.deepEqual(
				expiryOf(undefined, notAfter, at(now), thresholds),
				{ level, daysLeft },
				now,
			);
		}
	});

	it('puts a certificate before its start date apart', () => {
		assert.equal(
			expiryOf(
				'2040-01-01T00:00:00Z',
				'2041-01-01T00:00:00Z',
				at('2036-01-01T00:00:00Z'),
				thresholds,
			).level,
			'notYetValid',
		);
	});

	it('makes settings consistent: whole days, defaults for nonsense, error not above warning', () => {
		assert.deepEqual(normalizeThresholds(45.7, 10), { warningDays: 45, errorDays: 10 });
		assert.deepEqual(normalizeThresholds('x', -1), { warningDays: 30, errorDays: 7 });
		assert.deepEqual(normalizeThresholds(5, 7), { warningDays: 5, errorDays: 5 });
	});

	it('says days in words', () => {
		assert.deepEqual([0, 1, 2, -1, -3].map(daysInWords), [
			'today',
			'1 day',
			'2 days',
			'1 day ago',
			'3 days ago',
		]);
	});
});
