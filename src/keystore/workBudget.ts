import { TooExpensiveError } from './errors';

/**
 * How much key derivation one read may do: any one derivation, and all of them together. A
 * keystore sets its own iteration counts, so a hostile or careless one could otherwise keep the
 * reader busy for minutes; the limits are checked before the work, never after.
 */
export class WorkBudget {
	private spent = 0;

	constructor(
		public readonly perDerivation: number,
		public readonly total: number,
	) {}

	/** Throws when a derivation of `iterations` for `purpose` would exceed a limit. */
	check(iterations: number, purpose: string): void {
		if (iterations > this.perDerivation) {
			throw new TooExpensiveError(iterations, this.perDerivation, purpose);
		}
	}

	/** Records a derivation about to run; throws when it would exceed a limit. */
	charge(iterations: number, purpose: string): void {
		this.check(iterations, purpose);
		this.spent += iterations;
		if (this.spent > this.total) {
			throw new TooExpensiveError(this.spent, this.total, 'key derivations in all');
		}
	}
}
