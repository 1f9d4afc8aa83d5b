import { z } from 'zod';
import { defineCall } from './define-call';

// Filled in by the projects capability.
export const projectsCalls = {};
void z;
void defineCall;
