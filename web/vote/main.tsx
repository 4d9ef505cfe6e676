/** @jsxImportSource preact */
import { render } from 'preact';
import { VoteApp } from './app';
import './vote.css';

/**
 * The public vote pages (/v/*): a third entry in Preact, with no React, no antd, no router
 * library and no zod, so the candidate list stays under 60 KB of JavaScript gzipped on a weak
 * 4G phone (bench/frontend.ts prints the figure). The server answers /v/* with v/index.html.
 */
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
render(<VoteApp />, container);
