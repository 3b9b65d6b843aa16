/**
 * @packageDocumentation
 */
export const PACKAGE_NAME = "@dpr/generative-prior";
