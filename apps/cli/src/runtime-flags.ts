/**
 * V8 settings of the `dpr` process, applied before any kernel module is compiled. Node 20's V8
 * (11.3) has relaxed SIMD (the wasm backend's fused multiply-add build) behind a flag that later
 * versions no longer need; the wasm backend feature-detects it either way and falls back to plain
 * SIMD where it is missing. The kernel module is compiled whole by the optimizing compiler when it
 * is loaded (no lazy compilation, no baseline tier), so the first solve of a process runs the same
 * machine code as the later ones instead of baseline code that tiers up while it is timed; JS
 * functions get Sparkplug baseline code on their first call instead of running in the
 * interpreter (a one-shot `dpr solve` spends much of its short life in first calls).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--experimental-wasm-relaxed-simd');
setFlagsFromString('--no-liftoff');
setFlagsFromString('--no-wasm-lazy-compilation');
setFlagsFromString('--always-sparkplug');
