import { kernelsFor, ready } from '@backprop/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { applyTheme, currentTheme } from './state/theme.js';
import './styles.css';

applyTheme(currentTheme());

// The page builds networks too (step-through, model files). A browser's main thread refuses to compile
// the SIMD kernel module synchronously, so `ready()` compiles it asynchronously before the first render;
// networks made after that use it. The footer shows the outcome (and the worker's).
await ready();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App pageBackend={kernelsFor('auto').name} />
  </StrictMode>,
);
