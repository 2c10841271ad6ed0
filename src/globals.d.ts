/** The extension's version from package.json, put in by esbuild.mjs at build time. */
declare const MTLS_WEBHOOKS_VERSION: string;
