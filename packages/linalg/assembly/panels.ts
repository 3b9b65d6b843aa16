/**
 * The row-panel layout of resident matrices. Rows go in panels of four (the last one padded
 * with zero rows) and columns are padded with zeros to `ld`, a multiple of 4. Panel p starts at
 * byte p · ld · 16; inside it, the 4 × 4 block of rows 4p .. 4p+3 and columns 4q .. 4q+3 takes
 * the 64 bytes from q · 64, one row after the other (entry (4p + r, 4q + l) at q · 64 + r · 16 +
 * l · 4). A kernel thus reads four rows through one pointer with constant offsets, and a block of
 * columns of a panel is contiguous.
 */

/**
 * Pack a row-major float32 block of `rows` rows (≤ 4) with `ld` floats per row (zero-padded
 * columns) from `src` into one panel at `dst`; missing rows become zeros.
 */
export function packPanel(src: usize, rows: i32, ld: i32, dst: usize): void {
  const rowBytes = <usize>ld << 2;
  for (let q: usize = 0; q < rowBytes; q += 16) {
    const d = dst + (q << 2);
    for (let r = 0; r < 4; r++) {
      v128.store(d + (<usize>r << 4), r < rows ? v128.load(src + <usize>r * rowBytes + q) : f32x4.splat(0));
    }
  }
}

/** Unpack one panel at `src` into `rows` (≤ 4) row-major float32 rows of `ld` floats at `dst`. */
export function unpackPanel(src: usize, rows: i32, ld: i32, dst: usize): void {
  const rowBytes = <usize>ld << 2;
  for (let q: usize = 0; q < rowBytes; q += 16) {
    const s = src + (q << 2);
    for (let r = 0; r < rows; r++) v128.store(dst + <usize>r * rowBytes + q, v128.load(s + (<usize>r << 4)));
  }
}
