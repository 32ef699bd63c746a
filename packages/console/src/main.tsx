import { render } from 'preact';
import { App } from './App.js';
import './theme/theme.js';
import './theme/tokens.css';
import './ui/ui.css';
import './sign-in/sign-in.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
