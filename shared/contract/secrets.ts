import { z } from 'zod';
import { defineCall } from './define-call';

// Filled in by the secrets capability.
export const secretsCalls = {};
void z;
void defineCall;
