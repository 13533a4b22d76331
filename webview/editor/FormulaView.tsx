// One formula rendered with KaTeX into DOM nodes (katex.render builds elements itself; no HTML strings).
import { memo, useEffect, useRef } from 'react';
import katex from 'katex';

interface FormulaViewProps { tex: string; label: string }

function FormulaViewImpl({ tex, label }: FormulaViewProps) {
  const target = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!target.current) return;
    katex.render(tex, target.current, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
  }, [tex]);
  return <div className="formula" role="math" aria-label={label} ref={target} />;
}

export const FormulaView = memo(FormulaViewImpl);
