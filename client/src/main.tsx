import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { appStore } from './store/index.ts';
import { liveSocket } from './live/socket.ts';
import './ui/styles.css';

// The HttpOnly cookie survives a reload; asking the server who it belongs to restores the session.
void appStore.getState().restoreSession();

// Coming back online should not wait out the backoff timer.
window.addEventListener('online', () => liveSocket.reconnectNow());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
