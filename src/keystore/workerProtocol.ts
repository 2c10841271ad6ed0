import type { KeyObject } from 'node:crypto';
import type { KeystoreErrorCode, KeystoreErrorDetail } from './errors';
import type { InspectOptions } from './inspect';
import type { KeystoreReport } from './model';

/** What the extension host sends the keystore worker. */
export interface WorkerRequest {
	readonly bytes: Uint8Array;
	readonly options: InspectOptions;
}

/** What the worker answers: the report and private keys, or a typed error. */
export type WorkerResponse =
	| {
			readonly ok: true;
			readonly report: KeystoreReport;
			readonly privateKeys: Map<string, KeyObject>;
	  }
	| {
			readonly ok: false;
			readonly code: KeystoreErrorCode;
			readonly message: string;
			readonly detail: KeystoreErrorDetail;
	  };
