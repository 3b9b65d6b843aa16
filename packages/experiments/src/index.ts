/**
 * @packageDocumentation
 */
export const PACKAGE_NAME = "@dpr/experiments";
