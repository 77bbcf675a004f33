import type { Handler } from './context';
import { assignHandlers } from './assign';
import { commentHandlers } from './comments';
import { createHandlers } from './create';
import { linkHandlers } from './links';
import { expressionHandlers } from './expressions';
import { issueHandlers } from './issues';
import { metaHandlers } from './meta';
import { permissionHandlers } from './permissions';
import { pickerHandlers } from './picker';
import { projectHandlers } from './project';
import { searchHandlers } from './search';
import { transitionHandlers } from './transitions';
import { userHandlers } from './users';
import { workflowHandlers } from './workflows';

/** Implemented operations by spec operationId; every other operation answers 501. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  ...userHandlers,
  ...permissionHandlers,
  ...issueHandlers,
  ...commentHandlers,
  ...transitionHandlers,
  ...searchHandlers,
  ...projectHandlers,
  ...workflowHandlers,
  ...expressionHandlers,
  ...pickerHandlers,
  ...metaHandlers,
  ...createHandlers,
  ...linkHandlers,
  ...assignHandlers,
};
