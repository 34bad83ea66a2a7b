let context: CanvasRenderingContext2D | null | undefined;

/**
 * The width in pixels `text` takes at `fontPx` in the page's font, measured on a
 * canvas so labels are laid out from real glyph widths. Without a canvas (or
 * before the page's font is known) it assumes a generous 0.62 em per character.
 */
export function measureText(text: string, fontPx: number, fontFamily: string | null): number {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (!context || !fontFamily) return Math.ceil(text.length * fontPx * 0.62);
  context.font = `${fontPx}px ${fontFamily}`;
  return Math.ceil(context.measureText(text).width) + 1;
}
