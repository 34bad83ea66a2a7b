import type { Locator, Page } from 'playwright-core';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * What the browser actually drew for one region map: every label's box, the
 * markers' boxes and the SVG's box, as the page reports them. Overlaps and
 * clipping are found from these, not by eye.
 */
export async function mapBoxes(map: Locator) {
  return map.evaluate((figure) => {
    const box = (element: Element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    const svg = figure.querySelector('svg.map__svg')!;
    return {
      svg: box(svg),
      labels: Array.from(svg.querySelectorAll('.map__label')).map((label) => ({
        text: label.textContent ?? '',
        district: label.classList.contains('map__label--district'),
        box: box(label),
        textBox: box(label.querySelector('text')!),
      })),
      markers: Array.from(svg.querySelectorAll('circle.map__firm, rect.map__lot')).map(box),
    };
  });
}

/** Every way a drawn label breaks the rules: overlapping another label, leaving the SVG, covering a marker. */
export async function labelProblems(map: Locator): Promise<string[]> {
  const { svg, labels, markers } = await mapBoxes(map);
  const problems: string[] = [];
  const slack = 0.5;
  for (const [i, a] of labels.entries()) {
    const t = a.textBox;
    if (
      t.x < svg.x - slack ||
      t.y < svg.y - slack ||
      t.x + t.width > svg.x + svg.width + slack ||
      t.y + t.height > svg.y + svg.height + slack
    ) {
      problems.push(`"${a.text}" is cut off by the map's edge`);
    }
    for (const b of labels.slice(i + 1)) {
      if (overlap(a.box, b.box)) problems.push(`"${a.text}" overlaps "${b.text}"`);
    }
    if (!a.district && markers.some((m) => overlap(a.box, m))) problems.push(`"${a.text}" covers a marker`);
    // The text must sit inside its own background box: the layout measured it right.
    if (!a.district && (t.x < a.box.x - slack || t.x + t.width > a.box.x + a.box.width + slack)) {
      problems.push(`"${a.text}" is wider than the room the layout gave it`);
    }
  }
  return problems;
}

export const regionMap = (page: Page) => page.locator('figure.map').first();
