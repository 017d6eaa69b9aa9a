import { InitialSchema1795000000001 } from './0001-initial-schema.ts';
import { CaseRouting1795000000002 } from './0002-case-routing.ts';
import { Consultations1795000000003 } from './0003-consultations.ts';
import { CaseLifecycle1795000000004 } from './0004-case-lifecycle.ts';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [InitialSchema1795000000001, CaseRouting1795000000002, Consultations1795000000003, CaseLifecycle1795000000004];
