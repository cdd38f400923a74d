import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The base styles before any page's (App's imports bring those), so that a page's rule wins a tie.
import './styles.css';
import { App } from './App';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
