/**
 * @packageDocumentation
 */
export const PACKAGE_NAME = "@dpr/phase-retrieval";
