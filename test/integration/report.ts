/**
 * How the integration entry reports to the runner that started it.
 *
 * The server runner sees the extension host's console mixed with the workbench's own log, so
 * it sets this variable on the server (the extension host inherits it) and the entry starts
 * every line of its report with the variable's value. The desktop runner sets nothing: there
 * the report goes to the terminal as it is.
 */
export const REPORT_MARKER_VARIABLE = 'MTLS_WEBHOOKS_REPORT_MARKER';

/** The last line of the report; a run that reports success without it ran no suite. */
export const SUMMARY_PREFIX = 'mtls-webhooks integration summary:';
