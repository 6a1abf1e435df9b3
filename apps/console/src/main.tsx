import { render } from 'preact';
import { App } from './app';
import { settings } from './settings';
import './styles.css';

const root = document.getElementById('app');
if (root !== null) render(<App grafanaUrl={settings.grafanaUrl} />, root);
