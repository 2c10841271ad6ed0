/** OpenSSL's verification codes in plain words, and what to do about each. */
export function describeTrustProblem(reason: string): { words: string; advice: string } {
	const privateCa =
		"If the receiver uses a private CA, give that CA's certificate: " +
		'"serverTrust.caFile" in the integration, or --ca on the command line.';
	const renew = 'Its administrator must replace it.';
	switch (reason) {
		case 'CERT_HAS_EXPIRED':
			return { words: 'it has expired', advice: renew };
		case 'CERT_NOT_YET_VALID':
			return {
				words: 'it is not valid yet',
				advice: 'The clock of this machine or of the receiver may be wrong; else wait until it is.',
			};
		case 'DEPTH_ZERO_SELF_SIGNED_CERT':
			return { words: 'it is self-signed', advice: privateCa };
		case 'SELF_SIGNED_CERT_IN_CHAIN':
			return { words: 'its chain ends in a root CA that is not trusted here', advice: privateCa };
		case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
		case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
		case 'UNABLE_TO_GET_ISSUER_CERT':
			return {
				words: 'it was issued by a CA that is not trusted here, or the server sent no intermediate',
				advice: privateCa,
			};
		case 'INVALID_PURPOSE':
			return {
				words: 'it is not meant for a TLS server: its extended key usage leaves out serverAuth',
				advice: renew,
			};
		case 'CERT_SIGNATURE_FAILURE':
			return { words: 'its signature does not verify: it may be damaged or forged', advice: renew };
		case 'CERT_REVOKED':
			return { words: 'its CA has revoked it', advice: renew };
		case 'CERT_CHAIN_TOO_LONG':
			return { words: 'its chain is longer than allowed', advice: renew };
		default:
			return { words: `it failed the check OpenSSL calls ${reason}`, advice: privateCa };
	}
}
