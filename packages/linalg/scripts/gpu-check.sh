#!/usr/bin/env bash
# Real-GPU check of the gpujs backend, for a Linux machine with an NVIDIA GPU (CI only has Mesa
# llvmpipe). Runs the gpujs conformance spec with DPR_EXPECT_REAL_GPU=1 (so detectRealGpu() must
# say true) and DPR_REQUIRE_WEBGL=1, then the GEMV/GEMM benchmarks with every backend in one run.
#
#   packages/linalg/scripts/gpu-check.sh            # uses $DISPLAY, else starts Xorg on the GPU
#   DISPLAY=:0 packages/linalg/scripts/gpu-check.sh # an X server already running on the GPU
#
# Why an X server on the GPU: headless-gl creates its context through ANGLE on GLX, so it needs an
# X display, and it has no EGL-device (surfaceless) path. Xvfb is NOT enough: GL under Xvfb is
# always Mesa llvmpipe, even on a GPU machine, and detectRealGpu() then rightly says false. So
# this script starts Xorg with the NVIDIA driver and a virtual screen (no monitor needed), which
# needs root, `xserver-xorg-core` and the NVIDIA X driver/GLX libraries matching the kernel driver
# (`nvidia_drv.so`, `libGLX_nvidia.so.0`; in Docker set NVIDIA_DRIVER_CAPABILITIES=all). Where that
# is impossible, run under VirtualGL (`vglrun packages/linalg/scripts/gpu-check.sh`) or point
# DISPLAY at an X server on the host's GPU.
#
# Prerequisites: the repo installed as in .ci/run (`npm_config_nodedir=/usr pnpm install`, so the
# native `gl` module is built). Exit status 0 only if every check passed.
set -euo pipefail
cd "$(dirname "$0")/../../.."

log() { echo "== $*"; }
fail() { echo "gpu-check FAILED: $*" >&2; exit 1; }

command -v nvidia-smi >/dev/null || fail "nvidia-smi not found: this check needs an NVIDIA GPU and driver"
nvidia-smi -L
node -e "require('$(pwd)/node_modules/.pnpm/node_modules/gl')" \
  || fail "headless-gl (native 'gl') is not built: run 'npm_config_nodedir=/usr pnpm rebuild gl'"

XPID=""
cleanup() { if [ -n "$XPID" ]; then kill "$XPID" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  command -v Xorg >/dev/null || fail "DISPLAY is unset and Xorg is not installed (see the header of this script)"
  [ "$(id -u)" = 0 ] || fail "DISPLAY is unset and starting Xorg on the GPU needs root"
  # Xorg wants the PCI bus id in decimal: 00000000:17:00.0 -> PCI:23:0:0
  IFS=':.' read -r _ bus dev fn < <(nvidia-smi --query-gpu=pci.bus_id --format=csv,noheader | head -n1)
  busid="PCI:$((16#$bus)):$((16#$dev)):$((16#$fn))"
  conf=$(mktemp /tmp/dpr-xorg-XXXX.conf)
  cat >"$conf" <<EOF
Section "Device"
  Identifier "gpu0"
  Driver "nvidia"
  BusID "$busid"
  Option "AllowEmptyInitialConfiguration" "true"
EndSection
Section "Screen"
  Identifier "screen0"
  Device "gpu0"
  Option "UseDisplayDevice" "None"
  SubSection "Display"
    Virtual 1280 1024
  EndSubSection
EndSection
EOF
  log "starting Xorg :97 on $busid"
  Xorg :97 -config "$conf" -noreset -nolisten tcp -novtswitch -sharevts >/tmp/dpr-xorg.log 2>&1 &
  XPID=$!
  export DISPLAY=:97
  for _ in $(seq 50); do [ -e /tmp/.X11-unix/X97 ] && break; sleep 0.2; done
  [ -e /tmp/.X11-unix/X97 ] || { tail -n 30 /tmp/dpr-xorg.log >&2; fail "Xorg did not start (log above)"; }
fi

log "gpujs conformance on DISPLAY=$DISPLAY (must run on WebGL and detect a real GPU)"
DPR_REQUIRE_WEBGL=1 DPR_EXPECT_REAL_GPU=1 \
  pnpm exec vitest run --project @dpr/linalg --reporter=verbose test/gpujs.test.ts

log "GEMV bench, gpujs alone (its description names the GL driver)"
pnpm --silent dpr bench gemv --backend gpujs --size 1000x1000

log "GEMV/GEMM bench, all backends in one run (vs js ratios)"
pnpm --silent dpr bench gemv --size 1000x1000
pnpm --silent dpr bench gemv --size 5000x12288
pnpm --silent dpr bench gemv --size 1000x1000x64

log "gpu-check passed"
