#!/usr/bin/env bash
# Quick start, step 1: on a fresh machine with Node 20 + npm, install pnpm and the workspace, build
# everything, and run `dpr demo`. Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "12.4.2" ]; then
  npm i -g pnpm@12.4.2
fi
# headless-gl (optional, for the gpujs backend) builds against the local Node headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
pnpm install --frozen-lockfile
pnpm build
pnpm dpr demo
