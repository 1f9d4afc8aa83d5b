import { z } from 'zod';
import { defineCall } from './define-call';

// Filled in by the images capability.
export const imagesCalls = {};
void z;
void defineCall;
