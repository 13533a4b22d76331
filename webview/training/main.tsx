// Entry of dist/webview/training.js: the training panel in VS Code's panel area.
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './components/App';

const container = document.getElementById('root');
if (container !== null) createRoot(container).render(<App />);
