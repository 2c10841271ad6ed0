/**
 * How close a certificate is to its expiry, against thresholds the user sets: the one rule that
 * the Problems entries, the badges, the status bar, the notifications and `mtls-webhooks check`
 * all follow.
 */

export interface ExpiryThresholds {
	/** Within this many days of expiry: a warning. */
	readonly warningDays: number;
	/** Within this many days of expiry: an error. */
	readonly errorDays: number;
}

export const DEFAULT_THRESHOLDS: ExpiryThresholds = { warningDays: 30, errorDays: 7 };

export type ExpiryLevel = 'expired' | 'notYetValid' | 'error' | 'warning' | 'ok';

export interface Expiry {
	readonly level: ExpiryLevel;
	/** Whole days from `now` to the expiry; negative once expired. */
	readonly daysLeft: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a certificate valid from `notBefore` to `notAfter` (ISO 8601) stands at `now`. */
export function expiryOf(
	notBefore: string | undefined,
	notAfter: string,
	now: Date,
	thresholds: ExpiryThresholds,
): Expiry {
	const end = Date.parse(notAfter);
	const daysLeft = Math.floor((end - now.getTime()) / DAY_MS);
	const level: ExpiryLevel =
		end <= now.getTime()
			? 'expired'
			: notBefore !== undefined && Date.parse(notBefore) > now.getTime()
				? 'notYetValid'
				: daysLeft < thresholds.errorDays
					? 'error'
					: daysLeft < thresholds.warningDays
						? 'warning'
						: 'ok';
	return { level, daysLeft };
}

/** Thresholds as given, made consistent: whole days, and the error one not above the warning. */
export function normalizeThresholds(warningDays: unknown, errorDays: unknown): ExpiryThresholds {
	const whole = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0
			? Math.floor(value)
			: fallback;
	const warning = whole(warningDays, DEFAULT_THRESHOLDS.warningDays);
	const error = Math.min(whole(errorDays, DEFAULT_THRESHOLDS.errorDays), warning);
	return { warningDays: warning, errorDays: error };
}

/** "12 days", "1 day", "today", "3 days ago": a count of days in words. */
export function daysInWords(daysLeft: number): string {
	if (daysLeft === 0) {
		return 'today';
	}
	const count = Math.abs(daysLeft);
	const words = `${count} day${count === 1 ? '' : 's'}`;
	return daysLeft < 0 ? `${words} ago` : words;
}
