import type { Page } from 'playwright-core';

/** What a screenshot shows, coarsely: enough to tell a rendered page from a blank or broken one. */
export interface ScreenshotStats {
  readonly width: number;
  readonly height: number;
  /** Distinct colours, each channel reduced to 5 bits. */
  readonly colors: number;
  /** Mean luminance, 0 (black) to 255 (white). */
  readonly luminance: number;
  /** Share of pixels that differ clearly from the top-left pixel (the page background). */
  readonly ink: number;
  /** Mean luminance of each cell of a 16 × 10 grid, row by row. */
  readonly grid: readonly number[];
}

export const GRID_COLUMNS = 16;
export const GRID_ROWS = 10;

/** The width and height of a PNG, from its IHDR chunk (PNG specification §11.2.2). */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Decodes `png` in the browser (an <img> drawn on a canvas) and measures it. `page` needs JavaScript. */
export function analyseScreenshot(page: Page, png: Buffer): Promise<ScreenshotStats> {
  return page.evaluate(
    async ({ base64, columns, rows }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const { naturalWidth: width, naturalHeight: height } = image;
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, width, height);
      const colors = new Set<number>();
      const sums = new Array<number>(columns * rows).fill(0);
      const counts = new Array<number>(columns * rows).fill(0);
      let total = 0;
      let ink = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const offset = (y * width + x) * 4;
          const [r, g, b] = [data[offset]!, data[offset + 1]!, data[offset + 2]!];
          const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
          colors.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
          if (Math.abs(r - data[0]!) + Math.abs(g - data[1]!) + Math.abs(b - data[2]!) > 48) ink++;
          const cell =
            Math.min(rows - 1, Math.floor((y * rows) / height)) * columns + Math.min(columns - 1, Math.floor((x * columns) / width));
          sums[cell]! += luminance;
          counts[cell]! += 1;
          total += luminance;
        }
      }
      return {
        width,
        height,
        colors: colors.size,
        luminance: total / (width * height),
        ink: ink / (width * height),
        grid: sums.map((sum, index) => sum / counts[index]!),
      };
    },
    { base64: png.toString('base64'), columns: GRID_COLUMNS, rows: GRID_ROWS },
  );
}
