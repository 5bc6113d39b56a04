import { Trainer } from './Trainer';

export function App() {
  return (
    <main>
      <header>
        <h1>backprop in a Web Worker</h1>
        <p>
          A React component that trains a feedforward network with <code>@backprop/core</code> on a <code>@backprop/datasets</code> set. The training runs in a module
          Web Worker and streams every epoch's loss and accuracy back; Stop ends it after the current step. The same seed gives the same numbers here as in Node.
        </p>
      </header>
      <Trainer />
    </main>
  );
}
