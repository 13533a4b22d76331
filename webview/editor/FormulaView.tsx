// One formula rendered with KaTeX into DOM nodes (katex.render builds elements itself; no HTML strings). Its parts go
// on lines of their own, and a line wider than the inspector is drawn smaller (formulaFit.ts).
import { memo, useEffect, useRef } from 'react';
import katex from 'katex';
import { fitScale, formulaLines } from './formulaFit';

interface FormulaViewProps { tex: string; label: string }

function FormulaViewImpl({ tex, label }: FormulaViewProps) {
  const target = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = target.current;
    if (!box) return;
    box.replaceChildren();
    const lines = formulaLines(tex).map((line) => {
      const element = document.createElement('div');
      element.className = 'formula__line';
      katex.render(line, element, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
      box.append(element);
      return element;
    });
    // The inspector's width changes with the window and the panel: fit again whenever it does.
    const fit = () => {
      for (const line of lines) {
        line.style.fontSize = '';
        const scale = fitScale(line.scrollWidth, box.clientWidth);
        if (scale < 1) line.style.fontSize = `${scale}em`;
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    return () => observer.disconnect();
  }, [tex]);
  return <div className="formula" role="math" aria-label={label} ref={target} />;
}

export const FormulaView = memo(FormulaViewImpl);
