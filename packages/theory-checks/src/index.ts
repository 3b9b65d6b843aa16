/**
 * @packageDocumentation
 */
export const PACKAGE_NAME = "@dpr/theory-checks";
