import { render } from 'preact';
import { PanelApi } from './api.js';
import { App } from './app.js';
import { TokenKeeper } from './token-keeper.js';
import './panel.css';

const root = document.getElementById('app');
if (root !== null) {
  root.textContent = '';
  const tokens = new TokenKeeper(sessionStorage);
  render(<App api={new PanelApi(tokens)} tokens={tokens} />, root);
}
