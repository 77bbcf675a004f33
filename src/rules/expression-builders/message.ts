import { z } from 'zod';
import { hasControlCharacter } from '../validator-config/control-characters';

/** Shown to the transitioning user when a validator blocks (the manifest's errorMessage reads `config.message`). */
export const ValidatorMessage = z
  .string()
  .trim()
  .max(300)
  .refine((text) => !hasControlCharacter(text), 'the message must not contain control characters')
  .optional();
