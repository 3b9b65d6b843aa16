/**
 * The 2-D DFT of an H × W complex array by its definition, X[u, v] = Σ_{r, c} x[r, c]
 * e^{−2πi(ur/H + vc/W)} (H = 1 for 1-D): O((HW)²), the reference the FFT plans and the FFT-based
 * measurement operators are checked against. Returns new split re/im buffers.
 */
export function naiveDft2(re: Float64Array, im: Float64Array, H: number, W: number): { re: Float64Array; im: Float64Array } {
  const outRe = new Float64Array(H * W), outIm = new Float64Array(H * W);
  for (let u = 0; u < H; u++) {
    for (let v = 0; v < W; v++) {
      let sr = 0, si = 0;
      for (let r = 0; r < H; r++) {
        for (let c = 0; c < W; c++) {
          const t = -2 * Math.PI * ((u * r) / H + (v * c) / W);
          sr += re[r * W + c]! * Math.cos(t) - im[r * W + c]! * Math.sin(t);
          si += re[r * W + c]! * Math.sin(t) + im[r * W + c]! * Math.cos(t);
        }
      }
      outRe[u * W + v] = sr;
      outIm[u * W + v] = si;
    }
  }
  return { re: outRe, im: outIm };
}
