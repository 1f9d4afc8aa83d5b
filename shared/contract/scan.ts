import { z } from 'zod';
import { defineCall } from './define-call';

// Filled in by the scan capability.
export const scanCalls = {};
void z;
void defineCall;
