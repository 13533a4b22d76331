// How much text the toolbar can show in one row: every label ('full'), the labels of rank 1 and 2 ('roomy'), the
// groups' main actions only ('compact'), or icons alone ('icons'); toolbarGroups.ts ranks the labels. Measured, not guessed from a breakpoint: the row is tried from the fullest form down until
// nothing overflows, before the browser paints, each time the toolbar changes width.
import { useLayoutEffect, useState, type RefObject } from 'react';

export type ToolbarDensity = 'full' | 'roomy' | 'compact' | 'icons';
const SPARER: Record<ToolbarDensity, ToolbarDensity | undefined> = { full: 'roomy', roomy: 'compact', compact: 'icons', icons: undefined };

/** `labels`: the labels shown at full density, joined; a longer one ("Explaining") is measured again. */
export function useToolbarDensity(toolbar: RefObject<HTMLElement | null>, labels: string): ToolbarDensity {
  const [density, setDensity] = useState<ToolbarDensity>('full');
  const [width, setWidth] = useState(0);
  const [measuredLabels, setMeasuredLabels] = useState(labels);
  if (measuredLabels !== labels) {
    setMeasuredLabels(labels);
    setDensity('full');
  }

  useLayoutEffect(() => {
    const element = toolbar.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => {
      setWidth(element.clientWidth);
      setDensity('full');
    });
    observer.observe(element);
    // A font that loads later (the icon font, the workbench's) changes the labels' widths but not the toolbar's:
    // measure again from the fullest form.
    const fonts = element.ownerDocument.fonts;
    const remeasure = (): void => setDensity('full');
    fonts.addEventListener('loadingdone', remeasure);
    void fonts.ready.then(remeasure);
    return () => {
      observer.disconnect();
      fonts.removeEventListener('loadingdone', remeasure);
    };
  }, [toolbar]);

  useLayoutEffect(() => {
    const element = toolbar.current;
    const sparer = SPARER[density];
    if (element && sparer && element.scrollWidth > element.clientWidth + 1) setDensity(sparer);
  }, [toolbar, density, width]);

  return density;
}
