import { connectionsChecker } from './connections';
import { expressionsChecker } from './expressions';
import { fieldsChecker } from './fields';
import { groupsChecker } from './groups';
import { linkTypesChecker } from './link-types';
import { projectRolesChecker } from './project-roles';
import { statusesChecker } from './statuses';
import { transitionsChecker } from './transitions';
import type { ReferenceChecker, ReferenceKind } from './types';
import { usersChecker } from './users';

/** One checker per kind of reference a rule may declare (src/rules/reference-kinds.ts); the type makes it total. */
export const referenceCheckers: { [K in ReferenceKind]-?: ReferenceChecker<K> } = {
  fields: fieldsChecker,
  linkTypes: linkTypesChecker,
  statuses: statusesChecker,
  transitions: transitionsChecker,
  groups: groupsChecker,
  projectRoles: projectRolesChecker,
  users: usersChecker,
  connections: connectionsChecker,
  expressions: expressionsChecker,
};
