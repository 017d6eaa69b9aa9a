import { assign, emit, enqueueActions, fromPromise, setup } from 'xstate';
import type { CaseDraft } from '../domain/case-draft.ts';
import type { Reply, ReplyOption } from '../domain/reply.ts';
import type { TextHints, TextHintValues } from '../domain/hints.ts';
import { detectCommand, isInjectionOrDataRequest } from '../domain/understand/commands.ts';
import {
  absorb,
  askWhichToChange,
  confirmAnswer,
  emptyIntake,
  forgetSlot,
  MAX_FAILURES,
  missingSlot,
  nextQuestion,
  readBack,
  resolveOption,
  type IntakeState,
  type Question,
} from '../intake/intake.logic.ts';
import { intakeCopy } from '../intake/intake.copy.ts';
import { menuOptions, routerCopy } from './router.copy.ts';

/**
 * The citizen's conversation: a top-level router (greeting, help, cancel, start over, person)
 * around the complaint intake. Pure: effects are actors the server provides, replies leave as
 * emitted `reply` events, time arrives on events. Bump FLOW_VERSION whenever a persisted snapshot
 * of the previous version could no longer be restored safely.
 */
export const FLOW_VERSION = 1;

export interface FiledCase {
  ticketNo: string;
  unit?: { code: string; name: string; kind: string } | null;
}

export interface FileCaseInput {
  draft: CaseDraft;
  at: string;
}

export interface CitizenContext {
  intake: IntakeState;
  /** Options of the last menu shown outside intake, so "1" works there too. */
  menu?: ReplyOption[];
  lastTicketNo?: string;
}

export type CitizenEvent = { type: 'user.text'; text: string; at: string; hints?: TextHints };
export type ReplyEmitted = { type: 'reply'; reply: Reply };

const CONSULTATION = /^(咨询|请问一下)|怎么办理|如何办理|需要(什么|哪些)材料|在哪(里|儿)?办/u;

const BACK = /^(返回|回到自助|取消|结束人工)/u;

const textOf = (event: CitizenEvent) => event.text;

/** Hints computed for another question (the conversation moved on meanwhile) are ignored. */
const hintsFor = (asking: string | undefined, event: CitizenEvent): TextHintValues | undefined =>
  event.hints && event.hints.asking === asking ? event.hints.values : undefined;
const commandIn = (context: CitizenContext, event: CitizenEvent) =>
  detectCommand(resolveOption(textOf(event), context.menu ?? context.intake.options));

const say = (reply: Reply) => emit<CitizenContext, CitizenEvent, undefined, CitizenEvent, ReplyEmitted>({ type: 'reply', reply });
const menu = (text: string): Reply => ({ kind: 'text', text, options: menuOptions });

/** Remember what a question asked, so the answer lands in the right slot. */
function remember(intake: IntakeState, q: Question): IntakeState {
  return { ...intake, asking: q.asking, options: q.options, acks: [] };
}

/**
 * Commands that work at every step of intake. Listed first in each waiting state, because a child
 * state's own transitions take precedence over its parent's.
 */
const INTAKE_COMMANDS = [
  { guard: 'isDataRequest', actions: 'sayRefusal' },
  { guard: 'wantsCancel', target: '#citizen.idle', actions: ['clearIntake', 'sayCancelled'] },
  { guard: 'wantsPerson', target: '#citizen.handoff', actions: 'sayHandoff' },
  { guard: 'wantsRestart', target: '#citizen.intake.collecting', reenter: true, actions: ['clearIntake', 'sayRestarted', 'askNext'] },
] as const;

export const citizenMachine = setup({
  types: {
    context: {} as CitizenContext,
    events: {} as CitizenEvent,
    emitted: {} as ReplyEmitted,
    tags: 'awaitingInput' as const,
  },
  actors: {
    fileCase: fromPromise<FiledCase, FileCaseInput>(async () => {
      throw new Error('fileCase must be provided by the server');
    }),
  },
  guards: {
    wantsCancel: ({ context, event }) => commandIn(context, event) === 'cancel',
    wantsRestart: ({ context, event }) => commandIn(context, event) === 'restart',
    wantsPerson: ({ context, event }) => commandIn(context, event) === 'handoff',
    wantsMenu: ({ context, event }) => {
      const c = commandIn(context, event);
      return c === 'greeting' || c === 'help';
    },
    wantsBack: ({ event }) => BACK.test(event.text.trim()),
    wantsBackToDraft: ({ event, context }) => BACK.test(event.text.trim()) && Object.keys(context.intake.draft).length > 0,
    isDataRequest: ({ event }) => isInjectionOrDataRequest(event.text),
    isConsultation: ({ event }) => CONSULTATION.test(event.text.trim()),
    hasIntakeProgress: ({ context }) => context.intake.failures === 0,
    tooManyFailures: ({ context }) => context.intake.failures >= MAX_FAILURES,
    draftComplete: ({ context }) => missingSlot(context.intake.draft) === undefined && !context.intake.candidates?.length,
    confirmed: ({ context, event }) => confirmAnswer(event.text, context.intake.options) === 'yes',
    wantsChange: ({ context, event }) => confirmAnswer(event.text, context.intake.options) === 'change',
    pickedField: ({ context, event }) => forgetSlot(context.intake, event.text) !== undefined,
  },
  actions: {
    rememberMenu: assign({ menu: () => menuOptions }),
    sayGreeting: say(menu(routerCopy.greeting)),
    sayHelp: say(menu(routerCopy.help)),
    sayNotUnderstood: say(menu(routerCopy.notUnderstood)),
    startIntake: assign(({ context, event }) => {
      const intake = absorb(emptyIntake(), resolveOption(event.text, context.menu), hintsFor(undefined, event));
      return { menu: undefined, intake: { ...intake, acks: [intakeCopy.opening, ...intake.acks] } };
    }),
    absorbAnswer: assign(({ context, event }) => ({ intake: absorb(context.intake, event.text, hintsFor(context.intake.asking, event)) })),
    askNext: enqueueActions(({ context, enqueue }) => {
      const q = nextQuestion(context.intake);
      enqueue.assign({ intake: remember(context.intake, q) });
      enqueue.emit({ type: 'reply', reply: q.reply });
    }),
    askReadBack: enqueueActions(({ context, enqueue }) => {
      const q = readBack(context.intake);
      enqueue.assign({ intake: remember(context.intake, q) });
      enqueue.emit({ type: 'reply', reply: q.reply });
    }),
    askWhichToChange: enqueueActions(({ context, enqueue }) => {
      const q = askWhichToChange();
      enqueue.assign({ intake: remember(context.intake, q) });
      enqueue.emit({ type: 'reply', reply: q.reply });
    }),
    forgetChosenField: assign(({ context, event }) => ({ intake: forgetSlot(context.intake, event.text) ?? context.intake })),
    countFailure: assign(({ context }) => ({ intake: { ...context.intake, failures: context.intake.failures + 1, acks: [] } })),
    /** Back from a person with a half-filed case: carry on where it stopped, with a clean slate of failures. */
    resumeIntake: assign(({ context }) => ({ intake: { ...context.intake, failures: 0, problem: undefined, candidates: undefined, acks: [] } })),
    sayResuming: say({ kind: 'text', text: routerCopy.resumeIntake }),
    clearIntake: assign({ intake: () => emptyIntake(), menu: undefined }),
    sayCancelled: say({ kind: 'text', text: intakeCopy.cancelled }),
    sayRestarted: say({ kind: 'text', text: intakeCopy.restarted }),
    sayNothingToCancel: say({ kind: 'text', text: routerCopy.nothingToCancel }),
    sayHandoff: say({ kind: 'handoff', text: routerCopy.handoff }),
    sayEscalate: say({ kind: 'handoff', text: intakeCopy.escalate, data: { reason: 'too_many_failures' } }),
    sayBack: say({ kind: 'text', text: routerCopy.backFromHandoff }),
    sayRefusal: say({ kind: 'text', text: routerCopy.refuseDataRequest }),
    sayConsultation: say({ kind: 'text', text: routerCopy.consultation }),
    sayConfirmOrChange: say({ kind: 'question', text: intakeCopy.confirmOrChange, options: readBack(emptyIntake()).options }),
    sayFilingFailed: say({ kind: 'error', text: intakeCopy.filingFailed }),
  },
}).createMachine({
  id: 'citizen',
  context: { intake: emptyIntake() },
  initial: 'idle',
  states: {
    idle: {
      tags: 'awaitingInput',
      on: {
        'user.text': [
          { guard: 'isDataRequest', actions: 'sayRefusal' },
          { guard: 'wantsPerson', target: 'handoff', actions: 'sayHandoff' },
          { guard: 'wantsCancel', actions: 'sayNothingToCancel' },
          { guard: 'wantsMenu', actions: ['rememberMenu', 'sayGreeting'] },
          { guard: 'wantsRestart', actions: ['rememberMenu', 'sayHelp'] },
          { guard: 'isConsultation', actions: 'sayConsultation' },
          { actions: 'startIntake', target: 'intake.starting' },
        ],
      },
    },
    intake: {
      initial: 'collecting',
      states: {
        /** First message outside intake: only start when it told us something usable. */
        starting: {
          always: [
            { guard: 'hasIntakeProgress', target: 'deciding' },
            { target: '#citizen.idle', actions: ['clearIntake', 'rememberMenu', 'sayNotUnderstood'] },
          ],
        },
        collecting: {
          tags: 'awaitingInput',
          on: { 'user.text': [...INTAKE_COMMANDS, { target: 'deciding', actions: 'absorbAnswer' }] },
        },
        deciding: {
          always: [
            { guard: 'tooManyFailures', target: '#citizen.handoff', actions: 'sayEscalate' },
            { guard: 'draftComplete', target: 'confirming', actions: 'askReadBack' },
            { target: 'collecting', actions: 'askNext' },
          ],
        },
        confirming: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              ...INTAKE_COMMANDS,
              { guard: 'confirmed', target: 'filing' },
              { guard: 'wantsChange', target: 'choosingField', actions: 'askWhichToChange' },
              { target: 'reviewingCorrection', actions: 'absorbAnswer' },
            ],
          },
        },
        /** A free-text message at the read-back: a correction re-reads the summary, anything else re-prompts. */
        reviewingCorrection: {
          always: [
            { guard: 'tooManyFailures', target: '#citizen.handoff', actions: 'sayEscalate' },
            { guard: 'hasIntakeProgress', target: 'deciding' },
            { target: 'confirming', actions: 'sayConfirmOrChange' },
          ],
        },
        choosingField: {
          tags: 'awaitingInput',
          on: {
            'user.text': [
              ...INTAKE_COMMANDS,
              { guard: 'confirmed', target: 'filing' },
              { guard: 'pickedField', target: 'deciding', actions: 'forgetChosenField' },
              { target: 'reviewingCorrection', actions: 'absorbAnswer' },
            ],
          },
        },
        filing: {
          invoke: {
            src: 'fileCase',
            input: ({ context, event }) => ({ draft: context.intake.draft, at: event.at }),
            onDone: {
              target: '#citizen.idle',
              actions: enqueueActions(({ enqueue, event }) => {
                const filed = event.output;
                enqueue.assign({ lastTicketNo: filed.ticketNo, intake: emptyIntake(), menu: undefined });
                enqueue.emit({
                  type: 'reply',
                  reply: {
                    kind: 'case_filed',
                    text: intakeCopy.filed(filed.ticketNo, filed.unit?.name),
                    data: { ticketNo: filed.ticketNo, unit: filed.unit ?? null },
                  },
                });
              }),
            },
            onError: { target: 'confirming', actions: 'sayFilingFailed' },
          },
        },
      },
    },
    handoff: {
      // Muted: a person is (or will be) answering. Only "返回" brings the bot back.
      tags: 'awaitingInput',
      on: {
        'user.text': [
          { guard: 'wantsBackToDraft', target: 'intake.deciding', actions: ['resumeIntake', 'sayResuming'] },
          { guard: 'wantsBack', target: 'idle', actions: 'sayBack' },
        ],
      },
    },
  },
});


/** What a persisted conversation is waiting for, read without running it (for the optional model). */
export function pendingQuestion(snapshot: unknown): { asking?: string; known: Record<string, unknown>; muted: boolean } {
  const persisted = snapshot as { value?: unknown; context?: Partial<CitizenContext> } | null;
  const intake = persisted?.context?.intake;
  const draft = intake?.draft ?? {};
  return {
    asking: intake?.asking,
    known: { type: draft.type, district: draft.district, street: draft.street, confidential: draft.confidential },
    muted: persisted?.value === 'handoff',
  };
}
