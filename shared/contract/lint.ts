import { z } from 'zod';
import { defineCall } from './define-call';

// Filled in by the lint capability.
export const lintCalls = {};
void z;
void defineCall;
