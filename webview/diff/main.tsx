// Entry of the graph diff webview bundle (dist/webview/diff.js and diff.css).
import '@xyflow/react/dist/style.css';
import '../shared/theme.css';
import './diff.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
